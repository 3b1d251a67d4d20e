import Numerics
import SpecGenDSP

/// Middleton class A impulsive noise: each sample is complex Gaussian with a variance chosen by a Poisson
/// number m of overlapping impulses,
///     p(n) = Σₘ e^{−A}·Aᵐ/m! · CN(n; 0, σₘ²),  σₘ² = σ²·(m/A + Γ)/(1 + Γ),
/// with A the impulsive index (mean number of impulses per unit time × their mean duration: small A is
/// very impulsive, large A tends to Gaussian) and Γ = σ_G²/σ_I² the Gaussian-to-impulsive power ratio;
/// E|n|² = σ² = `power` (D. Middleton, "Statistical-physical models of electromagnetic interference",
/// IEEE Trans. EMC 19(3), 1977; A. D. Spaulding and D. Middleton, IEEE Trans. Commun. 25(9), 1977, eq. 6).
/// Samples are independent (the usual memoryless approximation of the class A process).
///
/// Truncation: the sum is cut at M, one more than the smallest M' with P(m > M') ≤ `tailProbability`
/// (10⁻⁹), so that P(m > M) ≤ P(m ≥ M) ≤ 10⁻⁹; the weights are renormalised over 0…M and the variances
/// scaled by a common factor so that E|n|² = σ² exactly. The drawn distribution is the class A law
/// conditioned on m ≤ M: total-variation distance ≤ 10⁻⁹ (plus the 2⁻³² quantisation of the weights);
/// the variance scale differs from σ²/(1 + Γ) by a relative ≤ 2·10⁻⁹, since the power the cut terms
/// carried is E[m; m > M]/A = P(m ≥ M) (Poisson identity) relative to 1 + Γ.
///
/// Randomness, in this order from the stage's stream: one unit complex Gaussian per sample
/// (`GaussianNoise`), then one Philox word per sample, u, giving m by inversion of the cumulative weights
/// (m = the first index whose cumulative weight·2³² exceeds u). `history` is 0. Scratch: complex slot 4,
/// word slots 4 and 5.
public struct MiddletonClassANoise: ChannelStage {
    /// σ² = E|n|², linear, relative to the unit signal power; ≥ 0.
    public let power: Double
    /// A, the impulsive index, [1e-4, 100].
    public let impulsiveIndex: Double
    /// Γ = σ_G²/σ_I², the Gaussian-to-impulsive power ratio, linear, [1e-6, 1e6].
    public let gaussianRatio: Double
    /// P(m > M) bound of the truncation.
    public static let tailProbability = 1e-9
    /// The truncated Poisson weights w₀…w_M (renormalised).
    public let weights: [Double]
    /// σₘ² for m = 0…M (power included).
    public let variances: [Double]
    /// Cumulative weights × 2³² as inversion thresholds (the last is 2³²).
    let thresholds: [UInt64]
    let deviations: [Float]
    public var history: Int { 0 }

    /// - Parameters:
    ///   - power: σ² = E|n|² (linear, signal = 1), ≥ 0.
    ///   - impulsiveIndex: A ∈ [1e-4, 100].
    ///   - gaussianRatio: Γ ∈ [1e-6, 1e6] (linear).
    public init(power: Double, impulsiveIndex: Double, gaussianRatio: Double) {
        precondition(power >= 0 && power.isFinite, "noise power must be finite and ≥ 0")
        precondition((1e-4 ... 100).contains(impulsiveIndex), "impulsive index A must lie in [1e-4, 100]")
        precondition((1e-6 ... 1e6).contains(gaussianRatio), "Γ must lie in [1e-6, 1e6]")
        self.power = power
        self.impulsiveIndex = impulsiveIndex
        self.gaussianRatio = gaussianRatio
        let a = impulsiveIndex, gamma = gaussianRatio
        // Poisson weights by the recurrence w_{m+1} = w_m·A/(m+1) until the tail is below the bound.
        var w = [Double.exp(-a)]
        var cumulative = w[0]
        while 1 - cumulative > Self.tailProbability {
            let next = w[w.count - 1] * a / Double(w.count)
            w.append(next)
            cumulative += next
            if next == 0 { break }
        }
        // One term more: then also P(m ≥ M) ≤ bound, which is E[m; m > M]/A (Poisson identity), the
        // relative power the truncated terms carried.
        w.append(w[w.count - 1] * a / Double(w.count))
        let total = w.reduce(0, +)
        weights = w.map { $0 / total }
        let raw = (0 ..< w.count).map { Double($0) / a + gamma }
        let mean = zip(weights, raw).reduce(0) { $0 + $1.0 * $1.1 }  // 1 + Γ untruncated
        variances = raw.map { power * $0 / mean }
        var running = 0.0
        var t: [UInt64] = []
        for m in weights.indices {
            running += weights[m]
            t.append(m == weights.count - 1 ? 1 << 32 : UInt64((running * 0x1p32).rounded()))
        }
        thresholds = t
        deviations = variances.map { Float($0.squareRoot()) }
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let count = row.count
        guard count > 0, power > 0 else { return }
        let unit = scratch.complex(4, count: count)
        GaussianDraws.fill(unit, variance: 1, stream: &stream, scratch: scratch)
        let words = scratch.words(5, count: count)
        stream.fill(words)
        let out = row.baseAddress!, g = unit.baseAddress!, u = words.baseAddress!
        thresholds.withUnsafeBufferPointer { t in
            deviations.withUnsafeBufferPointer { d in
                let last = t.count - 1
                for k in 0 ..< count {
                    let v = UInt64(u[k])
                    var m = 0
                    while m < last && v >= t[m] { m += 1 }
                    let s = d[m]
                    out[k].real += s * g[k].real
                    out[k].imaginary += s * g[k].imaginary
                }
            }
        }
    }
}
