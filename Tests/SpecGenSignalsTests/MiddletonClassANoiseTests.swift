import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct MiddletonClassANoiseTests {
    /// The untruncated class A law: Poisson weights e^{−A}Aᵐ/m! (by lgamma, 400 terms) and variances
    /// σ²(m/A + Γ)/(1 + Γ) (Spaulding and Middleton 1977, eq. 6).
    static func law(power: Double, a: Double, gamma: Double) -> GaussianMixture {
        let terms = 0 ..< 400
        return GaussianMixture(
            weights: terms.map { m in exp(-a + Double(m) * log(a) - Double.logGamma(Double(m) + 1)) },
            variances: terms.map { m in power * (Double(m) / a + gamma) / (1 + gamma) })
    }

    /// The truncated weights and variances: tail ≤ 1e-9, variances within 1e-8 of the closed form, power exact.
    @Test(arguments: [(0.01, 1e-3), (0.1, 0.01), (1.0, 0.1), (10.0, 1.0), (100.0, 1e-6)])
    func truncationIsWithinItsBound(a: Double, gamma: Double) {
        let stage = MiddletonClassANoise(power: 2, impulsiveIndex: a, gaussianRatio: gamma)
        let exact = Self.law(power: 2, a: a, gamma: gamma)
        let kept = stage.weights.count
        let tail = exact.weights[kept...].reduce(0, +)
        #expect(tail <= MiddletonClassANoise.tailProbability)
        #expect(abs(stage.weights.reduce(0, +) - 1) < 1e-12)
        for m in 0 ..< kept {
            #expect(abs(stage.weights[m] - exact.weights[m]) <= 2e-9 * max(exact.weights[m], 1e-300) + 1e-18)
            #expect(abs(stage.variances[m] / exact.variances[m] - 1) < 1e-8)
        }
        let power = zip(stage.weights, stage.variances).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(power - 2) < 1e-12)
    }

    /// |n|² against the closed-form class A CDF Σ wₘ(1 − e^{−x/σₘ²}) (KS at 1 %), and the added power
    /// within the estimator's spread (very impulsive A = 0.1, Γ = 0.01; moderate A = 1, Γ = 0.1; nearly
    /// Gaussian A = 10, Γ = 1).
    @Test(arguments: [(0.1, 0.01), (1.0, 0.1), (10.0, 1.0)])
    func squaredMagnitudeFollowsClassA(a: Double, gamma: Double) {
        let stage = MiddletonClassANoise(power: 0.25, impulsiveIndex: a, gaussianRatio: gamma)
        let n = 100_000
        let x = noiseOnly(stage, count: n, seed: 21)
        let law = Self.law(power: 0.25, a: a, gamma: gamma)
        let d = kolmogorovSmirnov(x.map { Double($0.lengthSquared) }, cdf: law.dropping(below: 1e-15).squaredMagnitudeCDF)
        #expect(d < kolmogorovSmirnovCritical1Percent(n: n), "D = \(d)")
        #expect(abs(meanPower(x) - 0.25) < powerZ * law.meanPowerStandardError(count: n), "power \(meanPower(x))")
    }

    /// The phase is uniform (circular symmetry of every mixture component): KS at 1 % on arg n.
    @Test func phaseIsUniform() {
        let x = noiseOnly(MiddletonClassANoise(power: 1, impulsiveIndex: 0.3, gaussianRatio: 0.05), count: 50_000, seed: 4)
        let phases = x.map { Double(atan2($0.imaginary, $0.real)) }
        let d = kolmogorovSmirnov(phases) { ($0 + Double.pi) / (2 * Double.pi) }
        #expect(d < kolmogorovSmirnovCritical1Percent(n: phases.count))
    }
}
