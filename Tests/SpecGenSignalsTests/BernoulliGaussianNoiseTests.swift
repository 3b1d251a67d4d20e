import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Noise alone (the stage applied to a zero row of `count` samples).
func noiseOnly(_ stage: any ChannelStage, count: Int, seed: UInt64, example: UInt64 = 0) -> [Complex<Float>] {
    var x = [Complex<Float>](repeating: .zero, count: count)
    var stream = RandomStream(seed: seed, example: example, stream: .noise)
    x.withUnsafeMutableBufferPointer { stage.apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
    return x
}

/// For a Gaussian scale mixture Σ wₘ·CN(0, vₘ): the CDF of |n|², F(x) = Σ wₘ(1 − e^{−x/vₘ}) (|n|²/vₘ is
/// a unit exponential for circular complex Gaussian n), and the spread of the mean of N values of |n|²:
/// Var|n|² = E|n|⁴ − (E|n|²)², E|n|⁴ = Σ wₘ·2vₘ².
struct GaussianMixture {
    let weights: [Double]
    let variances: [Double]
    /// A plain loop: the KS test calls it 10⁵ times.
    func squaredMagnitudeCDF(_ x: Double) -> Double {
        var sum = 0.0
        for i in weights.indices { sum -= weights[i] * expm1(-x / variances[i]) }
        return sum
    }
    /// Without the terms of weight below `threshold` (for the CDF: 400 Poisson terms below 1e-15 change it
    /// by less than 4e-13, far under any KS critical value here).
    func dropping(below threshold: Double) -> GaussianMixture {
        let kept = weights.indices.filter { weights[$0] >= threshold }
        return GaussianMixture(weights: kept.map { weights[$0] }, variances: kept.map { variances[$0] })
    }
    var power: Double { zip(weights, variances).reduce(0) { $0 + $1.0 * $1.1 } }
    func meanPowerStandardError(count: Int) -> Double {
        let fourth = zip(weights, variances).reduce(0) { $0 + $1.0 * 2 * $1.1 * $1.1 }
        return ((fourth - power * power) / Double(count)).squareRoot()
    }
}

/// z for a two-sided 1e-4 tail of the normal law, used on estimates that are means of many independent
/// values (central limit theorem).
let powerZ = 3.89

@Suite struct BernoulliGaussianNoiseTests {
    /// |n|² against the closed-form mixture CDF, (1 − p)·CN(0, σ_b²) + p·CN(0, σ_b²(1 + R)) (KS at 1 %).
    @Test(arguments: [(0.05, 100.0), (0.3, 10.0), (0.001, 1000.0)])
    func squaredMagnitudeFollowsTheMixture(p: Double, ratio: Double) {
        let stage = BernoulliGaussianNoise(power: 0.5, impulseProbability: p, impulseRatio: ratio)
        let n = 100_000
        let x = noiseOnly(stage, count: n, seed: 3)
        let background = 0.5 / (1 + p * ratio)
        #expect(abs(stage.backgroundVariance - background) < 1e-15)
        let law = GaussianMixture(weights: [1 - p, p], variances: [background, background * (1 + ratio)])
        let d = kolmogorovSmirnov(x.map { Double($0.lengthSquared) }, cdf: law.squaredMagnitudeCDF)
        #expect(d < kolmogorovSmirnovCritical1Percent(n: n), "D = \(d)")
        // Added power as requested, within the estimator's spread.
        #expect(abs(meanPower(x) - 0.5) < powerZ * law.meanPowerStandardError(count: n), "power \(meanPower(x))")
    }

    /// The stage adds: on a signal row it changes the row by exactly the noise it gives on a zero row.
    @Test func noiseIsAdded() {
        let stage = BernoulliGaussianNoise(power: 0.1, impulseProbability: 0.1, impulseRatio: 50)
        let signal = render(Tone(frequency: 0.1, phase: 0), length: 3000)
        var y = signal
        var stream = RandomStream(seed: 9, example: 0, stream: .noise)
        y.withUnsafeMutableBufferPointer { stage.apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
        let noise = noiseOnly(stage, count: 3000, seed: 9)
        for k in 0 ..< 3000 { #expect((y[k] - signal[k] - noise[k]).length < 1e-5) }
    }
}
