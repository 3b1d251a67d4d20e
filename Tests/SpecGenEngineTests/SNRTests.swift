import Foundation
import Numerics
import SpecGenEngine
import SpecGenScenario
import SpecGenTestSupport
import Testing

@Suite struct SNRTests {
    /// The SNR measured from the data matches the request. For each example the clean signal is made from
    /// the same draws, so noise = noisy − clean exactly; measured per-sample SNR = P_clean / P_noise, and
    /// under es_n0 plus 10·log10(sps). Averaged over 400 examples the mean error must be within ±0.2 dB
    /// (the bound); the per-example scatter of a 1024-sample estimate is ≈ 0.2–0.6 dB, so the
    /// mean's standard error is ≈ 0.03 dB and a real bias of 0.2 dB could not hide.
    @Test(arguments: ["es_n0", "per_sample"])
    func measuredSNRMatchesRequest(definition: String) throws {
        let plan = RunPlan(scenario: try mixedScenario(definition: definition, examples: 400))
        let noisy = Generator.render(plan, examples: 0 ..< 400)
        let clean = Generator.render(plan, examples: 0 ..< 400, noise: false)
        var errors: [Double] = []
        for (n, c) in zip(noisy, clean) {
            let signal = meanPower(c.iq)
            let noise = meanPower(zip(n.iq, c.iq).map { $0 - $1 })
            var measured = decibels(signal / noise)
            if definition == "es_n0", let sps = c.fields["emitter.samples_per_symbol"], !sps.isNaN {
                measured += decibels(sps)
            }
            errors.append(measured - c.fields["snr_db"]!)
            // The recorded alternative definitions agree with each other.
            let sps = c.fields["emitter.samples_per_symbol"].flatMap { $0.isNaN ? nil : $0 } ?? 1
            #expect(abs(c.fields["noise.es_n0_db"]! - c.fields["noise.sample_snr_db"]! - decibels(sps)) < 1e-9)
        }
        let (mean, std) = meanAndStd(errors)
        #expect(abs(mean) < 0.2, "mean SNR error \(mean) dB")
        #expect(std < 1.0, "per-example SNR scatter \(std) dB")
    }

    /// Noise variance: with a constant per-sample SNR of 0 dB the noise power is 1; the mean of 200
    /// examples × 1024 samples of |n|² (exponential, relative spread 1) has relative spread ≈ 0.2 %.
    @Test func noisePowerIsTheDefinedVariance() throws {
        let plan = RunPlan(scenario: try mixedScenario(snr: "0", definition: "per_sample"))
        let noisy = Generator.render(plan, examples: 0 ..< 200)
        let clean = Generator.render(plan, examples: 0 ..< 200, noise: false)
        var total = 0.0
        for (n, c) in zip(noisy, clean) { total += meanPower(zip(n.iq, c.iq).map { $0 - $1 }) }
        let mean = total / 200
        #expect(abs(mean - 1) < 5 / (200.0 * 1024).squareRoot())
    }

    /// The emitters' clean output has unit power on average (the convention every SNR rests on).
    @Test func cleanSignalHasUnitPower() throws {
        let plan = RunPlan(scenario: try mixedScenario(examples: 300))
        let clean = Generator.render(plan, examples: 0 ..< 300, noise: false)
        let mean = clean.map { meanPower($0.iq) }.reduce(0, +) / 300
        // Per-example power of a 1024-sample shaped signal scatters by ≲ 10 %; 300 examples: ≲ 0.6 %.
        #expect(abs(mean - 1) < 0.03)
    }
}
