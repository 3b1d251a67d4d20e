import Foundation
import Numerics
import SpecGenEngine
import SpecGenScenario
import SpecGenTestSupport
import Testing

/// The radar, spread-spectrum and other families through the engine: the makers convert the scenario's
/// units (s, Hz) to the kernels' (samples, cycles/sample), the draws are recorded, and the clean signal
/// has unit average power.
@Suite struct RadarSpreadSpectrumOtherEngineTests {
    static let emitters: [(String, String)] = [
        ("radar_pulse", #"{"type": "radar_pulse", "pri_mode": "stagger"}"#),
        ("radar_lfm", #"{"type": "radar_lfm", "pri_mode": "jitter", "pulse_width_s": 2e-5, "pri_s": 1e-4}"#),
        ("radar_barker", #"{"type": "radar_barker", "barker_code": {"choice": {"values": ["barker7", "barker11", "barker13"]}}, "pri_s": 1e-4}"#),
        ("radar_polyphase", #"{"type": "radar_polyphase", "polyphase_code": {"choice": {"values": ["frank", "p1", "p2", "p3", "p4"]}}, "pri_s": 1e-4}"#),
        ("dsss", #"{"type": "dsss", "spreading_code": "gold", "chip_shape": "rrc", "samples_per_chip": {"uniform": {"low": 2, "high": 6}}}"#),
        ("multitone", #"{"type": "multitone", "tone_placement": "random", "tone_count": {"uniform": {"low": 1, "high": 8}}}"#),
        ("bandlimited_noise", #"{"type": "bandlimited_noise", "center_frequency_hz": {"uniform": {"low": -2e5, "high": 2e5}}}"#),
    ]

    /// The mean clean power over 300 examples is 1 within 4.5 standard errors (the per-example powers'
    /// own spread: radar captures hold a random number of pulses, so it is large for them).
    @Test(arguments: emitters)
    func cleanPowerIsOneOnAverage(type: String, emitter: String) throws {
        let s = try Scenario.decode(Data("""
        {"format": "specgen-scenario", "version": 1, "seed": 99, "examples": 300, "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "X", "emitter": \(emitter)}]}
        """.utf8))
        let examples = Generator.render(RunPlan(scenario: s), examples: 0 ..< 300, noise: false)
        let powers = examples.map { meanPower($0.iq) }
        let (mean, std) = meanAndStd(powers)
        #expect(abs(mean - 1) < 4.5 * std / 300.0.squareRoot() + 1e-3, "\(type): mean power \(mean) ± \(std / 300.0.squareRoot())")
        // Every parameter of the family is recorded for every example.
        for p in EmitterCatalogue.family(type)!.parameters {
            #expect(examples.allSatisfy { !($0.fields["emitter.\(p.name)"] ?? .nan).isNaN }, "\(type).\(p.name) not recorded")
        }
    }

    /// Values exactly on a cross-check's limit pass the catalogue (in seconds and Hz) and must not trip
    /// the kernels' checks after conversion to samples: one-sample pulses and chips, the shortest jittered
    /// interval equal to the pulse, a chirp over the whole band, a noise band touching ±Fs/2.
    @Test func valuesOnTheLimitsRender() throws {
        for (rate, emitter) in [
            ("3e6", #"{"type": "radar_pulse", "pulse_width_s": {"choice": {"values": [3.3333333333333335e-7, 1e-6]}}, "pri_s": 2e-6, "pri_mode": "jitter", "pri_jitter_fraction": 0.5}"#),
            ("1e6", #"{"type": "radar_polyphase", "pulse_width_s": 1.6e-5, "pri_s": 1.6e-5, "polyphase_order": 4}"#),
            ("7e6", #"{"type": "radar_barker", "pulse_width_s": 1.857142857142857e-6, "pri_s": 1e-5}"#),
            ("1e6", #"{"type": "radar_lfm", "bandwidth_hz": 1e6, "pulse_width_s": 1e-5, "pri_s": 1e-5}"#),
            ("3e6", #"{"type": "bandlimited_noise", "center_frequency_hz": 1e6, "bandwidth_hz": 1e6}"#),
            ("3e6", #"{"type": "multitone", "center_frequency_hz": -1e6, "bandwidth_hz": 9.99999e5}"#),
        ] {
            let s = try Scenario.decode(Data("""
            {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 20, "samples_per_example": 256,
             "sample_rate_hz": \(rate), "snr_db": 10, "classes": [{"name": "X", "emitter": \(emitter)}]}
            """.utf8))
            #expect(Generator.render(RunPlan(scenario: s), examples: 0 ..< 20).count == 20)
        }
    }

    /// Units: a 20 µs pulse every 100 µs at 1 MHz is 20 samples every 100 (constant PRI, so exact to a
    /// sample); a 100 kHz noise band is 10 % of the spectrum.
    @Test func makersConvertUnits() throws {
        let s = try Scenario.decode(Data("""
        {"format": "specgen-scenario", "version": 1, "seed": 1, "examples": 4, "samples_per_example": 4096,
         "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "R", "emitter": {"type": "radar_pulse", "pulse_width_s": 2e-5, "pri_s": 1e-4}}]}
        """.utf8))
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 4, noise: false) {
            let runs = pulseRuns(example.iq).filter { $0.start > 0 && $0.end < example.iq.count }
            #expect(runs.count >= 38)
            for run in runs { #expect(run.end - run.start == 20) }
            for (a, b) in zip(runs, runs.dropFirst()) { #expect(b.start - a.start == 100) }
        }
        let n = try Scenario.decode(Data("""
        {"format": "specgen-scenario", "version": 1, "seed": 1, "examples": 1, "samples_per_example": 65536,
         "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "N", "emitter": {"type": "bandlimited_noise", "bandwidth_hz": 1e5}}]}
        """.utf8))
        let x = Generator.render(RunPlan(scenario: n), examples: 0 ..< 1, noise: false)[0].iq
        #expect(abs(occupiedBand(welchPSD(x, size: 1024), fraction: 0.99).width / 0.099 - 1) < 0.05)
    }
}
