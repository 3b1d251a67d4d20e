import Numerics
import SpecGenDSP
import Synchronization

/// Band-limited interpolation of a complex sample stream at real times: a Kaiser-windowed sinc of
/// 2L taps, `x(i + μ) ≈ Σ_{j=0}^{2L−1} x[i − L + 1 + j] · h(μ + L − 1 − j)`, `h(τ) = sinc(τ)·w(τ)`,
/// `w(τ) = I₀(β√(1 − (τ/L)²))/I₀(β)` for |τ| ≤ L, taps normalised to unit DC gain.
///
/// β follows Kaiser's design formula for a transition band of 0.2 cycles/sample centred on ½
/// (A = 14.36·Δf·2L + 7.95 dB, β = 0.1102(A − 8.7); J. F. Kaiser, "Nonrecursive digital filter design
/// using the I₀-sinh window function", ISCAS 1974), so the interpolator is accurate for signals within
/// |f| ≤ 0.4 cycles/sample. For time-varying μ (resampling) the taps come from a table of `phases` + 1
/// rows, μ = p/P, linearly interpolated between rows (a first-order Farrow structure whose coefficients
/// are the table differences; T. I. Laakso et al., "Splitting the unit delay", IEEE SP Mag. 13(1), 1996).
///
/// Accuracy (error power over signal power for content within |f| ≤ 0.4 cycles/sample; tested, see
/// `docs/channels/offsets.md`): about the Kaiser ripple 10^(−A/20), A = 14.36·0.2·2L + 7.95 dB, i.e. below
/// −(A − 2) dB: −98 dB at L = 16, −52 dB at L = 8 (a narrower signal band does not help: β fixes the
/// ripple). The table's linear interpolation between rows adds ≤ (πf/P)²/2 relative (−98 dB at f = 0.4,
/// P = 256; −122 dB at P = 1024).
public struct WindowedSincInterpolator: Sendable {
    /// L: taps on each side of the interpolation point (2L in all), even, 2…64.
    public let halfLength: Int
    /// P: table rows per sample interval.
    public let phases: Int
    /// The Kaiser window's β.
    public let beta: Double
    /// (P + 1) rows of 4L floats: each tap duplicated (h₀, h₀, h₁, h₁, …) so that one SIMD product with
    /// interleaved complex input accumulates real and imaginary parts side by side.
    let table: [Float]

    /// - Parameters:
    ///   - halfLength: L, even, 8…64 (error ≈ −(A − 2) dB for |f| ≤ 0.4, A = 14.36·0.2·2L + 7.95: −98 dB at 16).
    ///   - phases: P, 1…4096 (the linear interpolation between rows adds an error ≈ (πf/P)²/2 relative).
    public init(halfLength: Int = 16, phases: Int = 256) {
        precondition(halfLength >= 8 && halfLength <= 64 && halfLength % 2 == 0, "half length must be even, 8…64")
        precondition(phases >= 1 && phases <= 4096, "phases must be 1…4096")
        self.halfLength = halfLength
        self.phases = phases
        beta = WindowedSincInterpolator.kaiserBeta(halfLength: halfLength)
        var table = [Float]()
        table.reserveCapacity((phases + 1) * 4 * halfLength)
        for p in 0 ... phases {
            for tap in WindowedSincInterpolator.taps(fraction: Double(p) / Double(phases), halfLength: halfLength, beta: beta) {
                table.append(Float(tap))
                table.append(Float(tap))
            }
        }
        self.table = table
    }

    /// The interpolator for half length L and P phases, built once per process and shared (a table costs
    /// (P + 1)·2L Bessel evaluations, a millisecond or more: too much to repeat for every example).
    public static func shared(halfLength: Int, phases: Int = 256) -> WindowedSincInterpolator {
        cache.withLock { cache in
            let key = SIMD2(halfLength, phases)
            if let interpolator = cache[key] { return interpolator }
            let interpolator = WindowedSincInterpolator(halfLength: halfLength, phases: phases)
            cache[key] = interpolator
            return interpolator
        }
    }

    private static let cache = Mutex<[SIMD2<Int>: WindowedSincInterpolator]>([:])

    /// The 2L taps for fraction μ ∈ [0, 1] from the table (rows ⌊μP⌋ and ⌊μP⌋ + 1 linearly interpolated),
    /// each duplicated (4L floats); μ = 0 gives row 0 exactly.
    public func duplicatedTaps(fraction mu: Double) -> [Float] {
        precondition(mu >= 0 && mu <= 1)
        let floats = 4 * halfLength
        let position = mu * Double(phases)
        let row = min(Int(position), phases - 1)
        let weight = Float(position - Double(row))
        return (0 ..< floats).map { k in
            let lower = table[row * floats + k], upper = table[(row + 1) * floats + k]
            return lower + weight * (upper - lower)
        }
    }

    /// Kaiser's β for a 0.2 cycles/sample transition band with 2L taps.
    public static func kaiserBeta(halfLength: Int) -> Double {
        let attenuation = 14.36 * 0.2 * Double(2 * halfLength) + 7.95
        return attenuation > 50 ? 0.1102 * (attenuation - 8.7) : 0.5842 * Double.pow(attenuation - 21, 0.4) + 0.07886 * (attenuation - 21)
    }

    /// The 2L taps for fraction μ ∈ [0, 1], in double precision, unit sum.
    public static func taps(fraction mu: Double, halfLength: Int, beta: Double) -> [Double] {
        let length = Double(halfLength), normaliser = besselI0(beta)
        var taps = (0 ..< 2 * halfLength).map { j -> Double in
            let tau = mu + length - 1 - Double(j)
            let r = tau / length
            let window = abs(r) >= 1 ? 0 : besselI0(beta * (1 - r * r).squareRoot()) / normaliser
            let sinc = abs(tau) < 1e-12 ? 1 : Double.sin(Double.pi * tau) / (Double.pi * tau)
            return sinc * window
        }
        let sum = taps.reduce(0, +)
        for j in taps.indices { taps[j] /= sum }
        return taps
    }

    /// I₀(x) by its power series Σ ((x/2)^k / k!)², to relative 1e-17.
    static func besselI0(_ x: Double) -> Double {
        var term = 1.0, sum = 1.0, k = 1.0
        let q = x * x / 4
        while term > 1e-17 * sum {
            term *= q / (k * k)
            sum += term
            k += 1
        }
        return sum
    }

    /// Σ_j taps[j] · x[first + j] for 2L duplicated taps (4L floats) and interleaved complex input
    /// starting at float `first·2`.
    @inline(__always)
    static func dot(_ taps: UnsafePointer<Float>, _ input: UnsafePointer<Float>, floats: Int) -> Complex<Float> {
        let t = UnsafeRawPointer(taps), x = UnsafeRawPointer(input)
        var a = SIMD8<Float>.zero, b = SIMD8<Float>.zero
        var k = 0
        while k + 16 <= floats {
            a += t.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self) * x.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            b += t.loadUnaligned(fromByteOffset: 4 * k + 32, as: SIMD8<Float>.self) * x.loadUnaligned(fromByteOffset: 4 * k + 32, as: SIMD8<Float>.self)
            k += 16
        }
        if k < floats {
            a += t.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self) * x.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
        }
        let s = a + b
        return Complex(s.evenHalf.sum(), s.oddHalf.sum())
    }

    /// x(first + L − 1 + μ) from the table: Σ_j h_j(μ) · x[first + j], h_j(μ) linearly interpolated between
    /// rows ⌊μP⌋ and ⌊μP⌋ + 1; `input` is interleaved complex and must hold x[first … first + 2L − 1].
    @inline(__always)
    func interpolate(_ input: UnsafePointer<Float>, first: Int, fraction mu: Double, table: UnsafePointer<Float>) -> Complex<Float> {
        let floats = 4 * halfLength
        let position = mu * Double(phases)
        let row = min(Int(position), phases - 1)
        let weight = SIMD8<Float>(repeating: Float(position - Double(row)))
        let lower = UnsafeRawPointer(table + row * floats), upper = UnsafeRawPointer(table + (row + 1) * floats)
        let x = UnsafeRawPointer(input + 2 * first)
        var a = SIMD8<Float>.zero, b = SIMD8<Float>.zero
        var k = 0
        while k + 16 <= floats {
            let l0 = lower.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            let u0 = upper.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            let l1 = lower.loadUnaligned(fromByteOffset: 4 * k + 32, as: SIMD8<Float>.self)
            let u1 = upper.loadUnaligned(fromByteOffset: 4 * k + 32, as: SIMD8<Float>.self)
            a += (l0 + weight * (u0 - l0)) * x.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            b += (l1 + weight * (u1 - l1)) * x.loadUnaligned(fromByteOffset: 4 * k + 32, as: SIMD8<Float>.self)
            k += 16
        }
        if k < floats {
            let l0 = lower.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            let u0 = upper.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            a += (l0 + weight * (u0 - l0)) * x.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
        }
        let s = a + b
        return Complex(s.evenHalf.sum(), s.oddHalf.sum())
    }
}
