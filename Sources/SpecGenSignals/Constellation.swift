import Numerics

/// A symbol alphabet of M = 2^b points with unit average energy.
public struct Constellation: Sendable, Equatable {
    public let points: [Complex<Float>]
    /// log2(M): bits carried by one symbol.
    public let bitsPerSymbol: Int

    public init(points: [Complex<Float>]) {
        precondition(points.count >= 2 && points.count & (points.count - 1) == 0, "M must be a power of two")
        self.points = points
        bitsPerSymbol = points.count.trailingZeroBitCount
    }

    /// M-PSK with points at angles `offset + 2πk/M`, k = 0 … M−1.
    public static func psk(_ order: Int, offset: Double = 0) -> Constellation {
        Constellation(points: (0 ..< order).map { k in
            let angle = offset + 2 * Double.pi * Double(k) / Double(order)
            return Complex(Float(_cosine(angle)), Float(_sine(angle)))
        })
    }

    /// Square M-QAM on the odd-integer grid {±1, ±3, …}², scaled to unit average energy
    /// (E = 2(M − 1)/3 before scaling).
    public static func squareQAM(_ order: Int) -> Constellation {
        let side = Int(Double(order).squareRoot().rounded())
        precondition(side * side == order, "square QAM needs M = 4^k")
        let scale = Float((3 / (2 * Double(order - 1))).squareRoot())
        var points: [Complex<Float>] = []
        for row in 0 ..< side {
            for column in 0 ..< side {
                points.append(Complex(Float(2 * column - side + 1) * scale, Float(2 * row - side + 1) * scale))
            }
        }
        return Constellation(points: points)
    }

    public static let bpsk = psk(2)
    /// QPSK at (±1 ± j)/√2.
    public static let qpsk = psk(4, offset: Double.pi / 4)
    public static let psk8 = psk(8)
    public static let qam16 = squareQAM(16)
}

#if canImport(Glibc)
import Glibc
func _cosine(_ x: Double) -> Double { Glibc.cos(x) }
func _sine(_ x: Double) -> Double { Glibc.sin(x) }
#endif
