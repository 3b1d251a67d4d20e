import Numerics

/// A symbol alphabet of M = 2^b points with unit average energy. `points[label]` is the point that
/// carries the b-bit label `label`; symbols are drawn uniformly, so the labelling never changes the
/// signal, but it is kept meaningful (Gray where a Gray code exists) and tested.
///
/// Families (all scaled to E|a|² = 1, computed in double precision):
/// - `psk(M)`: points e^{j(θ₀ + 2πk/M)}, label gray(k) (`gray(k) = k ⊕ (k >> 1)`).
/// - `pam(M)`: ±1, ±3, … ±(M − 1) on the real axis (M-ASK), label gray(k) for the k-th level from the left.
/// - `squareQAM`, `crossQAM` (Constellation+QAM.swift), `apsk` (Constellation+APSK.swift), `onOff`.
public struct Constellation: Sendable, Equatable {
    public let points: [Complex<Float>]
    /// log2(M): bits carried by one symbol.
    public let bitsPerSymbol: Int

    public init(points: [Complex<Float>]) {
        precondition(points.count >= 2 && points.count & (points.count - 1) == 0, "M must be a power of two")
        self.points = points
        bitsPerSymbol = points.count.trailingZeroBitCount
    }

    /// Scales double-precision points to unit average energy.
    static func unitEnergy(_ points: [Complex<Double>]) -> Constellation {
        let energy = points.reduce(0.0) { $0 + $1.lengthSquared } / Double(points.count)
        let scale = 1 / energy.squareRoot()
        return Constellation(points: points.map { Complex(Float($0.real * scale), Float($0.imaginary * scale)) })
    }

    /// The reflected binary Gray code of k.
    @inline(__always) static func gray(_ k: Int) -> Int { k ^ (k >> 1) }

    /// Mean point E[a] (double precision): zero for every family except on-off keying.
    public var mean: Complex<Double> {
        points.reduce(Complex<Double>.zero) { $0 + Complex(Double($1.real), Double($1.imaginary)) }.divided(by: Double(points.count))
    }

    /// M-PSK with points at angles `offset + 2πk/M`, k = 0 … M−1; the point at angle k carries label
    /// gray(k), so neighbours on the circle differ in one bit.
    public static func psk(_ order: Int, offset: Double = 0) -> Constellation {
        var points = [Complex<Double>](repeating: .zero, count: order)
        for k in 0 ..< order {
            let angle = offset + 2 * Double.pi * Double(k) / Double(order)
            points[gray(k)] = Complex(_cosine(angle), _sine(angle))
        }
        return unitEnergy(points)
    }

    /// M-PAM (M-ASK, bipolar): levels 2k − M + 1, k = 0 … M−1, on the real axis, label gray(k); average
    /// energy (M² − 1)/3 before scaling (Proakis, Digital Communications, 5th ed., eq. 3.2-4).
    public static func pam(_ order: Int) -> Constellation {
        var points = [Complex<Double>](repeating: .zero, count: order)
        for k in 0 ..< order { points[gray(k)] = Complex(Double(2 * k - order + 1), 0) }
        return unitEnergy(points)
    }

    /// On-off keying: label 0 is off, label 1 is √2 (unit average energy). Its mean is √2/2, not 0:
    /// `LinearModulation` corrects the output power for the mean's periodic component.
    public static let onOff = Constellation(points: [.zero, Complex(Float(2.0.squareRoot()), 0)])

    public static let bpsk = psk(2)
    /// QPSK at (±1 ± j)/√2, Gray labelled.
    public static let qpsk = psk(4, offset: Double.pi / 4)
    public static let psk8 = psk(8)
    public static let qam16 = squareQAM(16)

    /// M-PSK as named in scenarios: 4-PSK is `qpsk` (offset π/4), every other order has a point at 0 rad.
    public static func phaseShiftKeying(_ order: Int) -> Constellation { order == 4 ? qpsk : psk(order) }
}

#if canImport(Glibc)
import Glibc
func _cosine(_ x: Double) -> Double { Glibc.cos(x) }
func _sine(_ x: Double) -> Double { Glibc.sin(x) }
#endif
