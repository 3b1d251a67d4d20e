import Numerics
import SpecGenEngine
import SpecGenScenario
import Testing

/// `/iq_clean` (docs/dataset.md, "Clean reference"): the example without the thermal noise, made beside
/// the noisy one from the same draws. It must be exactly what `Generator.render(noise: false)` makes
/// from scratch (the same emitter, channel, array and receiver stages with the same streams), and adding
/// it must not change a bit of `/iq`.
@Suite struct CleanReferenceTests {
    /// Channel and receiver stages (a filter with history and lookahead, windowable phase noise) and a
    /// four-element array: every branch of the staged path.
    static func staged(array: Bool) throws -> Scenario {
        try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 31, "examples": 12, "samples_per_example": 512,
         "sample_rate_hz": 1e6, "snr_db": {"uniform": {"low": -5, "high": 15}},
         "classes": [{"name": "QPSK", "emitter": {"type": "qpsk", "samples_per_symbol": 4}},
                     {"name": "tone", "emitter": {"type": "tone", "frequency_hz": {"uniform": {"low": -2e5, "high": 2e5}}}}],
         "channel": [{"type": "carrier_offset", "frequency_offset_hz": {"uniform": {"low": -1000, "high": 1000}}}],
         "receiver": [{"type": "phase_noise"}, {"type": "receiver_filter", "bandwidth_hz": 600000, "filter_taps": 31}]
         \(array ? #", "array": {"geometry": "ula", "elements": 4, "spacing_wavelengths": 0.5}"# : "")}
        """)
    }

    @Test(arguments: ["plain", "staged", "staged + array"])
    func cleanIsTheNoiselessRenderAndIQIsUnchanged(_ kind: String) throws {
        let s = kind == "plain" ? try mixedScenario(examples: 12, length: 512) : try Self.staged(array: kind.hasSuffix("array"))
        let withClean = Generator.render(RunPlan(scenario: s, clean: true), examples: 0 ..< 12)
        let without = Generator.render(RunPlan(scenario: s), examples: 0 ..< 12)
        let noiseless = Generator.render(RunPlan(scenario: s), examples: 0 ..< 12, noise: false)
        for ((a, b), c) in zip(zip(withClean, without), noiseless) {
            #expect(a.iq == b.iq, "example \(a.index): /iq changed when /iq_clean was added")
            #expect(b.clean == nil)
            #expect(a.clean == c.iq, "example \(a.index): /iq_clean is not the noiseless render")
            #expect(a.clean != a.iq)
        }
    }

    /// With unit power the clean example takes the noisy example's factor, so iq − clean stays the
    /// scaled noise: clean(unit power) = g · clean(raw) where g = iq(unit power) / iq(raw), to float rounding.
    @Test func unitPowerScalesCleanByTheNoisyFactor() throws {
        let s = try Self.staged(array: false)
        let unit = Generator.render(RunPlan(scenario: s, unitPower: true, clean: true), examples: 0 ..< 12)
        let raw = Generator.render(RunPlan(scenario: s, clean: true), examples: 0 ..< 12)
        for (u, r) in zip(unit, raw) {
            let k = r.iq.indices.max { r.iq[$0].lengthSquared < r.iq[$1].lengthSquared }!
            let g = Complex<Float>((u.iq[k] / r.iq[k]).real, 0)
            let worst = zip(u.clean!, r.clean!).map { x, y in (x - g * y).length / max(1, (g * y).length) }.max()!
            #expect(worst <= 1e-5, "example \(u.index): clean is not the raw clean times the noisy factor (\(worst))")
        }
    }
}
