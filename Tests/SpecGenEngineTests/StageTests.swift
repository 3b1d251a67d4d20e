import Foundation
import Numerics
import SpecGenEngine
import SpecGenScenario
import SpecGenTestSupport
import Testing

@Suite struct StageTests {
    static func fadingScenario(_ stage: String, examples: Int = 400) throws -> Scenario {
        try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": \(examples), "samples_per_example": 512,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "Q", "emitter": {"type": "qpsk"}}],
         "channel": [\(stage)]}
        """)
    }

    /// A flat Rayleigh channel keeps unit power on average (|h|² is exponential with mean 1, so 400
    /// examples' mean power has standard error ≈ 1/√400 = 0.05; bound 5 of those) and its draws are
    /// recorded under channel.fading.*.
    @Test func fadingIsAppliedAndRecorded() throws {
        let plan = RunPlan(scenario: try Self.fadingScenario(#"{"type": "fading", "max_doppler_hz": 50}"#))
        let examples = Generator.render(plan, examples: 0 ..< 400, noise: false)
        let powers = examples.map { meanPower($0.iq) }
        let (mean, std) = meanAndStd(powers)
        #expect(abs(mean - 1) < 5 * std / 20)
        #expect(std > 0.5, "a flat Rayleigh channel spreads the per-example power (exponential: std ≈ 1)")
        #expect(examples[0].fields["channel.fading.max_doppler_hz"] == 50)
        #expect(examples[0].fields["channel.fading.profile"] == 0)
    }

    /// The same example is the same whatever else is in the block (stage streams are per example).
    @Test func stagesAreDeterministicPerExample() throws {
        let plan = RunPlan(scenario: try Self.fadingScenario(#"{"type": "fading", "profile": "epa", "max_doppler_hz": 100}"#, examples: 20))
        let all = Generator.render(plan, examples: 0 ..< 20)
        let one = Generator.render(plan, examples: 13 ..< 14)
        #expect(all[13].iq == one[0].iq)
    }

    /// Stage parts kept from example to example (`StageMemo`: the fading delay line, the phase-noise
    /// mask) follow the drawn values: with one of the delay line's parameters drawn per example (and the
    /// others constant, so that only it changes the memo's key), every example rendered in a run (after
    /// examples with other draws) equals the example rendered alone, where nothing is kept yet.
    @Test(arguments: [
        #"{"type": "fading", "profile": {"choice": {"values": ["flat", "ra6", "tdl_a", "epa"]}}, "max_doppler_hz": 20}"#,
        #"{"type": "fading", "profile": "tdl_c", "delay_spread_s": {"choice": {"values": [1e-7, 1e-6, 3e-6]}}, "max_doppler_hz": 20}"#,
        #"{"type": "fading", "profile": "flat", "k_factor_db": {"choice": {"values": [-100, 0, 10]}}, "max_doppler_hz": 20}"#,
    ])
    func keptStagePartsFollowTheDraws(fading: String) throws {
        let plan = RunPlan(scenario: try Self.fadingScenario(fading + #"], "receiver": [{"type": "phase_noise", "phase_noise_shift_db": {"uniform": {"low": -10, "high": 10}}}"#,
                                                            examples: 24))
        let run = Generator.render(plan, examples: 0 ..< 24)
        for i in 0 ..< 24 {
            let alone = Generator.render(plan, examples: i ..< i + 1)[0].iq
            #expect(run[i].iq == alone, "example \(i) differs from the example rendered alone")
        }
    }

    /// A receiver noise stage adds its power relative to the unit signal: impulsive noise at 10 dB gives
    /// mean power 1.1 (clean signal, no thermal noise). Standard error from the per-example spread.
    @Test func receiverNoiseStageAddsItsPower() throws {
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 300, "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "Q", "emitter": {"type": "qpsk"}}],
         "receiver": [{"type": "bernoulli_gaussian_noise", "snr_db": 10, "impulse_probability": 0.05}]}
        """)
        let powers = Generator.render(RunPlan(scenario: s), examples: 0 ..< 300, noise: false).map { meanPower($0.iq) }
        let (mean, std) = meanAndStd(powers)
        #expect(abs(mean - 1.1) < 5 * std / (300.0).squareRoot() + 1e-3, "mean power \(mean)")
    }

    /// A carrier offset given in Hz moves a DC tone to that frequency: the mean phase increment of the
    /// noise-free example is f/Fs to float precision (1e-7 cycles/sample ≈ 0.1 Hz at 1 MHz).
    @Test func carrierOffsetMovesTheTone() throws {
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 3, "samples_per_example": 4096,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "T", "emitter": {"type": "tone"}}],
         "channel": [{"type": "carrier_offset", "frequency_offset_hz": 12345}, {"type": "timing_offset", "timing_offset_samples": 0.5}]}
        """)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 3, noise: false) {
            let f = meanFrequencyHz(example.iq, sampleRate: 1e6)
            #expect(abs(f - 12345) < 0.1, "measured \(f) Hz")
        }
    }

    /// Geometry: an emitter at (3, 4) km closing head-on at 50 m/s on 1 GHz has Doppler
    /// +50·1e9/c = 166.782 Hz and no Doppler rate (no tangential speed); measured within 0.1 Hz.
    @Test func geometryGivesTheDopplerShift() throws {
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 2, "samples_per_example": 8192,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "T", "emitter": {"type": "tone"}}],
         "channel": [{"type": "geometry", "emitter_x_m": 3000, "emitter_y_m": 4000, "emitter_vx_mps": -30, "emitter_vy_mps": -40,
                      "carrier_frequency_hz": 1e9}]}
        """)
        let expected = 50 * 1e9 / 299_792_458
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 2, noise: false) {
            let f = meanFrequencyHz(example.iq, sampleRate: 1e6)
            #expect(abs(f - expected) < 0.1, "measured \(f) Hz, expected \(expected)")
        }
    }

    /// A sample-clock offset ε scales a tone's frequency: resampling e^{j2πf·t} at t = n(1 + ε) gives
    /// f(1 + ε) — 100 kHz at +1000 ppm reads 100.1 kHz (within 0.1 Hz), behind a fading stage's lead-in.
    @Test func sampleRateOffsetScalesFrequency() throws {
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 2, "samples_per_example": 8192,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "T", "emitter": {"type": "tone", "frequency_hz": 100000}}],
         "channel": [{"type": "timing_offset", "timing_offset_samples": 3.5}, {"type": "sample_rate_offset", "sample_rate_offset_ppm": 1000}]}
        """)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 2, noise: false) {
            let f = meanFrequencyHz(example.iq, sampleRate: 1e6)
            #expect(abs(f - 100_100) < 0.1, "measured \(f) Hz")
        }
    }

    /// Clock drift: a 100 kHz tone through a sample-rate offset of ε = 100 ppm drifting at 1000 ppm/s
    /// (κ = 1e-9 per sample at 1 MHz) over a 65,536-sample example, behind a 2000-sample delay (a long
    /// lead-in). The phase is 2πf₀(k + w(k)): a linear LS fit of the unwrapped phase over the first and the
    /// last 4096 samples gives the rate offset at each block's centre c, ε + κc, exactly for this quadratic
    /// phase (the warp is anchored at the example's first sample, whatever the lead-in); each fit is off by
    /// at most δ·Σ|wₙ| (δ: the phase error per sample, bounded by the resampler's and the delay's
    /// amplitude errors, 2.5e-5 + 1.34e-5 rad, plus float rounding; wₙ the fit's slope weights), i.e.
    /// 0.03 ppm. The drift measured between the blocks must be the request within the two fits' errors
    /// over the 61,440 samples between their centres (≈ 1 ppm/s of 1000).
    @Test func sampleRateDriftIsMeasured() throws {
        let length = 65_536, block = 4096, f0 = 0.1, fs = 1e6, ppm = 100.0, drift = 1000.0
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 2, "samples_per_example": \(length),
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "T", "emitter": {"type": "tone", "frequency_hz": 100000}}],
         "channel": [{"type": "timing_offset", "timing_offset_samples": 2000},
                     {"type": "sample_rate_offset", "sample_rate_offset_ppm": \(ppm), "sample_rate_drift_ppm_per_s": \(drift)}]}
        """)
        let kappa = drift * 1e-6 / fs
        let datumError = pow(10, -(14.36 * 0.2 * 32 + 7.95 - 2) / 20) * 2 + pow(Double.pi * 0.4 / 256, 2) / 2 + pow(Double.pi * 0.4 / 1024, 2) / 2 + 3 * 0x1p-24
        let slopeBound = polynomialFitErrorBounds(count: block, degree: 1, datumError: datumError)[1]
        let rateBound = slopeBound / (2 * Double.pi * f0)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 2, noise: false) {
            #expect(example.fields["channel.sample_rate_offset.sample_rate_drift_ppm_per_s"] == drift)
            // The phase beyond the nominal 2πf₀k, unwrapped.
            var deviation = [Double](), previous = 0.0
            for (k, v) in example.iq.enumerated() {
                let turn = -2 * Double.pi * (f0 * Double(k)).truncatingRemainder(dividingBy: 1)
                let z = Complex(Double(v.real), Double(v.imaginary)) * Complex(cos(turn), sin(turn))
                var d = atan2(z.imaginary, z.real)
                d += 2 * Double.pi * ((previous - d) / (2 * Double.pi)).rounded()
                previous = d
                deviation.append(d)
            }
            func rate(first: Int) -> Double { polynomialFit(Array(deviation[first ..< first + block]), first: first, degree: 1)[1] / (2 * Double.pi * f0) }
            let startCentre = Double(block - 1) / 2, endCentre = Double(length - block) + startCentre
            let start = rate(first: 0), end = rate(first: length - block)
            #expect(abs(start - (ppm * 1e-6 + kappa * startCentre)) < rateBound, "start rate \(start * 1e6) ppm")
            #expect(abs(end - (ppm * 1e-6 + kappa * endCentre)) < rateBound, "end rate \(end * 1e6) ppm")
            let measured = (end - start) / (endCentre - startCentre) * fs * 1e6
            let driftBound = 2 * rateBound / (endCentre - startCentre) * fs * 1e6
            #expect(abs(measured - drift) < driftBound, "drift \(measured) ppm/s vs \(drift), bound \(driftBound)")
        }
    }

    /// Stages that read ahead (the centred receiver filter, the fractional delay) get a tail rendered after
    /// the example, so every sample of the example is valid up to the last: a unit tone at 100 kHz through a
    /// fractional delay and a 63-tap receiver filter keeps |y| = 1 within the filter's passband ripple
    /// (0.02 dB: 2.3e-3) plus the interpolator's error (1.3e-5) at every sample (without the tail, the last
    /// 31 samples would fall towards ½ as the filter ran into zeros).
    @Test func exampleIsValidToItsLastSample() throws {
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 2, "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "T", "emitter": {"type": "tone", "frequency_hz": 100000}}],
         "channel": [{"type": "timing_offset", "timing_offset_samples": 0.3}],
         "receiver": [{"type": "receiver_filter", "bandwidth_hz": 800000, "filter_taps": 63}]}
        """)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 2, noise: false) {
            for (k, v) in example.iq.enumerated() {
                #expect(abs(Double(v.length) - 1) < 2.3e-3 + 1.3e-5, "sample \(k): |y| = \(v.length)")
            }
        }
    }

    /// An interferer from the catalogue at SIR 10 dB adds 0.1 to the unit signal power on average, and its
    /// parameters are recorded under receiver.interference.emitter.* (standard error from the spread).
    @Test func interfererAddsItsPower() throws {
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 200, "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "Q", "emitter": {"type": "qpsk"}}],
         "receiver": [{"type": "interference", "sir_db": 10, "frequency_offset_hz": 200000,
                       "emitter": {"type": "gmsk", "samples_per_symbol": 4}}]}
        """)
        let examples = Generator.render(RunPlan(scenario: s), examples: 0 ..< 200, noise: false)
        let (mean, std) = meanAndStd(examples.map { meanPower($0.iq) })
        #expect(abs(mean - 1.1) < 5 * std / (200.0).squareRoot() + 1e-3, "mean power \(mean)")
        #expect(examples[0].fields["receiver.interference.emitter.samples_per_symbol"] == 4)
    }

    @Test(arguments: [
        (#"[{"type": "geometry", "emitter_x_m": {"uniform": {"low": -10, "high": 10}}}]"#, "$.channel[0].emitter_x_m", "at least 1 m away"),
        (#"[{"type": "geometry", "emitter_vx_mps": 100000, "carrier_frequency_hz": 1e10}]"#, "$.channel[0].emitter_vx_mps", "beyond ±Fs/2"),
        (#"[{"type": "fading"}, {"type": "fading"}]"#, "$.channel[1].type", "once per list"),
        (#"[{"type": "fadding"}]"#, "$.channel[0].type", "did you mean \"fading\""),
        (#"[{"type": "fading", "max_doppler_hz": 600000}]"#, "$.channel[0].max_doppler_hz", "600000"),
        (#"[{"type": "fading", "profil": "epa"}]"#, "$.channel[0].profil", "did you mean \"profile\""),
        (#"{"type": "fading"}"#, "$.channel", "expected an array"),
    ])
    func stageProblemsAreLocated(list: String, path: String, words: String) {
        let json = """
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 4, "samples_per_example": 512,
         "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "Q", "emitter": {"type": "qpsk"}}], "channel": \(list)}
        """
        do {
            _ = try Scenario.decode(Data(json.utf8))
            Issue.record("accepted \(list)")
        } catch ScenarioError.invalid(let issues) {
            let match = issues.first { $0.path == path }
            #expect(match?.message.contains(words) == true, "expected \(path) …\(words)…; got \(issues)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// The mean instantaneous frequency of a noise-free signal: the angle of Σ x[k]·x*[k−1], in Hz.
    func meanFrequencyHz(_ x: [Complex<Float>], sampleRate: Double) -> Double {
        var sum = Complex<Double>.zero
        for k in 1 ..< x.count {
            let z = x[k] * x[k - 1].conjugate
            sum = sum + Complex(Double(z.real), Double(z.imaginary))
        }
        return atan2(sum.imaginary, sum.real) / (2 * Double.pi) * sampleRate
    }
}

@Suite struct CarrierOffsetOriginTests {
    /// The recorded offset, drift and phase hold at the example's first sample whatever the lead-in: a
    /// 0 Hz tone through a carrier offset of 1 kHz drifting at 2 MHz/s with phase 0.3 rad, behind a
    /// 63-tap receiver filter (history 31) and a 2000-sample timing offset (a long lead-in). Without noise
    /// y[m] = e^{j(2π(f·m + ½ḟ·m²) + φ)} up to the filter's passband ripple (±0.02 dB, zero phase: the
    /// tone sits at ≤ 0.0021 cycles/sample where the response is flat to 1e-4) and the delay's
    /// interpolation error: the phase at m = 0 is φ within 1e-3 rad, and the phase step from m to m + 1 is
    /// 2π(f + ḟ(m + ½)) within 1e-5 rad, at the start and at the end of the example.
    @Test func offsetDriftAndPhaseAreReferencedToTheExampleStart() throws {
        let fs = 1e6, f = 1000.0, drift = 2e6, phase = 0.3, length = 4096
        let s = try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 2, "samples_per_example": \(length),
         "sample_rate_hz": 1e6, "snr_db": 100, "classes": [{"name": "T", "emitter": {"type": "tone", "frequency_hz": 0, "phase_rad": 0}}],
         "channel": [{"type": "timing_offset", "timing_offset_samples": 2000},
                     {"type": "carrier_offset", "frequency_offset_hz": \(f), "frequency_drift_hz_per_s": \(drift), "phase_rad": \(phase)}],
         "receiver": [{"type": "receiver_filter", "filter_taps": 63}]}
        """)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 2, noise: false) {
            let y = example.iq.map { Complex(Double($0.real), Double($0.imaginary)) }
            let start = atan2(y[0].imaginary, y[0].real)
            #expect(abs(start - phase) < 1e-3, "phase at the example start \(start), expected \(phase)")
            for m in [0, 1, length / 2, length - 2] {
                let step = y[m + 1] * y[m].conjugate
                let measured = atan2(step.imaginary, step.real)
                let expected = 2 * Double.pi * (f / fs + drift / (fs * fs) * (Double(m) + 0.5))
                #expect(abs(measured - expected) < 1e-5, "sample \(m): step \(measured) rad, expected \(expected)")
            }
        }
    }
}
