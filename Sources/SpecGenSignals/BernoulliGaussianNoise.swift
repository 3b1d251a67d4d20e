import Numerics
import SpecGenDSP

/// Bernoulli–Gaussian impulsive noise: complex Gaussian background of variance σ_b² on every sample plus,
/// with probability p independently per sample, an impulse of variance σ_i² = R·σ_b²
/// (M. Ghosh, "Analysis of the effect of impulse noise on multicarrier and single carrier QAM systems",
/// IEEE Trans. Commun. 44(2), 1996; the two-term form of Middleton's class A).
///
/// Each noise sample is therefore distributed as (1 − p)·CN(0, σ_b²) + p·CN(0, σ_b² + σ_i²), and
/// E|n|² = σ_b²·(1 + p·R) = `power`: σ_b² = power/(1 + pR).
///
/// Randomness, in this order from the stage's stream: the background (`GaussianNoise` on the row), then,
/// if p > 0, one unit complex Gaussian per sample (the impulse amplitudes) and one Philox word per sample
/// u (an impulse where u < p·2³², so p is realised to 2⁻³²). `history` is 0: the noise does not depend
/// on past input. Scratch: complex slot 4, word slots 4 and 5.
public struct BernoulliGaussianNoise: ChannelStage {
    /// E|n|², linear, relative to the unit signal power; ≥ 0.
    public let power: Double
    /// p, the probability of an impulse on a sample, [0, 1].
    public let impulseProbability: Double
    /// R = σ_i²/σ_b², the impulse-to-background power ratio, linear, ≥ 0.
    public let impulseRatio: Double
    public var history: Int { 0 }

    /// - Parameters:
    ///   - power: total noise power E|n|² (linear, signal = 1), ≥ 0.
    ///   - impulseProbability: p ∈ [0, 1].
    ///   - impulseRatio: R = σ_i²/σ_b² (linear), ≥ 0.
    public init(power: Double, impulseProbability: Double, impulseRatio: Double) {
        precondition(power >= 0 && power.isFinite, "noise power must be finite and ≥ 0")
        precondition((0 ... 1).contains(impulseProbability), "impulse probability must lie in [0, 1]")
        precondition(impulseRatio >= 0 && impulseRatio.isFinite, "impulse ratio must be finite and ≥ 0")
        self.power = power
        self.impulseProbability = impulseProbability
        self.impulseRatio = impulseRatio
    }

    /// σ_b², the background variance.
    public var backgroundVariance: Double { power / (1 + impulseProbability * impulseRatio) }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let count = row.count
        guard count > 0, power > 0 else { return }
        let background = backgroundVariance
        GaussianNoise.add(to: row, variance: Float(background), stream: &stream,
                          scratch: scratch.words(4, count: 2 * GaussianNoise.chunk))
        guard impulseProbability > 0, impulseRatio > 0 else { return }
        let impulses = scratch.complex(4, count: count)
        GaussianDraws.fill(impulses, variance: Float(background * impulseRatio), stream: &stream, scratch: scratch)
        let words = scratch.words(5, count: count)
        stream.fill(words)
        // u < threshold with u < 2³²: p = 1 gives 2³² (always), p = 0 never reaches here.
        let threshold = UInt64((impulseProbability * 0x1p32).rounded())
        let out = row.baseAddress!, g = impulses.baseAddress!, u = words.baseAddress!
        for k in 0 ..< count {
            let hit: Float = UInt64(u[k]) < threshold ? 1 : 0
            out[k].real += hit * g[k].real
            out[k].imaginary += hit * g[k].imaginary
        }
    }
}
