import Foundation
import Numerics
import SpecGenEngine
import SpecGenHDF5
import SpecGenScenario
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// List-valued parameters through the engine: a custom tap list, a phase-noise mask in dBc/Hz, listed
/// array positions; and the file records them once, as root attributes.
@Suite struct ListStageTests {
    static func scenario(emitter: String, length: Int = 1024, examples: Int, channel: String = "[]", array: String? = nil, seed: Int = 5) throws -> Scenario {
        try SpecGenEngineTests.scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": \(seed), "examples": \(examples), "samples_per_example": \(length),
         "sample_rate_hz": 1e6, "snr_db": 20, "snr_definition": "per_sample", "classes": [{"name": "X", "emitter": \(emitter)}],
         "channel": \(channel)\(array.map { #", "array": \#($0)"# } ?? "")}
        """)
    }

    /// A custom static tap list at 0, 3 and 10 µs (whole samples at 1 MHz) with powers 0, −3, −8 dB, seen
    /// through one-sample radar pulses every 64 samples (amplitude 8 for unit average power): each pulse
    /// comes back at each tap's delay scaled by gᵢ. The first tap is Rician at K = 30 dB — by k_factors_db,
    /// or by k_factor_db, which a custom list without k_factors_db applies to its first tap — and the
    /// others Rayleigh. Over 2,000 examples the mean |gᵢ|² estimates Pᵢ/ΣP with relative standard error
    /// ≤ 1/√2000 (exponential |g|²): ≈ 0.1 dB; each must hold within 0.5 dB. The spread tells the laws
    /// apart: |g₀|²'s relative standard deviation is √(1 + 2K)/(1 + K) = 0.045 at K = 1000, a Rayleigh
    /// tap's is 1 (its estimate from 2,000 draws is within ±0.1 of that).
    @Test(arguments: [#""k_factors_db": [30, -100, -100]"#, #""k_factor_db": 30"#])
    func customTapsFollowTheirList(k: String) throws {
        let examples = 2000
        let s = try Self.scenario(emitter: #"{"type": "radar_pulse", "pulse_width_s": 1e-6, "pri_s": 6.4e-5}"#, examples: examples,
                                  channel: #"[{"type": "fading", "profile": "custom", "delays_s": [0, 3e-6, 1e-5], "powers_db": [0, -3, -8], \#(k)}]"#)
        let table = [0.0, -3, -8].map { pow(10, $0 / 10) }
        let expected = table.map { $0 / table.reduce(0, +) }
        var draws = [[Double]](repeating: [], count: 3)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< examples, noise: false) {
            // The pulse phase a within the 64-sample period: the echoes at a, a + 3, a + 10 hold all the power.
            let power = example.iq.map { Double($0.lengthSquared) }
            var residue = [Double](repeating: 0, count: 64)
            for (n, p) in power.enumerated() { residue[n % 64] += p }
            func echoes(_ a: Int) -> Double { residue[a] + residue[(a + 3) % 64] + residue[(a + 10) % 64] }
            let phase = (0 ..< 64).max { echoes($0) < echoes($1) }!
            for (i, delay) in [0, 3, 10].enumerated() { draws[i].append(power[phase + 64 + delay] / 64) }
            // Nothing outside the three echoes of each pulse.
            #expect(power.indices.allSatisfy { n in [0, 3, 10].contains(((n - phase) % 64 + 64) % 64) || power[n] == 0 })
        }
        for i in 0 ..< 3 {
            let (mean, std) = meanAndStd(draws[i])
            #expect(abs(decibels(mean / expected[i])) < 0.5, "tap \(i): \(decibels(mean)) dB vs \(decibels(expected[i])) dB")
            if i == 0 { #expect(std / mean < 0.045 + 0.01, "tap 0 spread \(std / mean)") } else { #expect(abs(std / mean - 1) < 0.1, "tap \(i) spread \(std / mean)") }
        }
    }

    /// A one-tap custom list at delay 0 and 0 dB is the flat profile: the same tap and the same stream, so
    /// the same samples, with k_factor_db on that tap.
    @Test func oneCustomTapIsTheFlatProfile() throws {
        let flat = try Self.scenario(emitter: #"{"type": "qpsk"}"#, examples: 5, channel: #"[{"type": "fading", "k_factor_db": 6, "max_doppler_hz": 100}]"#)
        let custom = try Self.scenario(emitter: #"{"type": "qpsk"}"#, examples: 5,
                                       channel: #"[{"type": "fading", "profile": "custom", "delays_s": [0], "powers_db": [0], "k_factor_db": 6, "max_doppler_hz": 100}]"#)
        #expect(Generator.render(RunPlan(scenario: flat), examples: 0 ..< 5).map(\.iq) == Generator.render(RunPlan(scenario: custom), examples: 0 ..< 5).map(\.iq))
    }

    /// A phase-noise mask in dBc/Hz at offsets in Hz: the phase of a carrier after the stage has the
    /// two-sided PSD L(f) in rad²/Hz (the stage adds 10·log10 Fs to work per unit normalised bandwidth).
    /// At Fs = 1 MHz the mask −100/−120/−135/−140 dBc/Hz at 1/10/100/500 kHz is the Signals test's mask;
    /// the same Welch estimate (8 rows of 2^16 samples, ≥ 3 bins within ±10 % of each offset, spread ≈ 0.2
    /// dB) must meet it within 2 dB. A conversion with the wrong sign or unit would miss by 60 dB.
    @Test func phaseNoiseMaskInDBcPerHz() throws {
        let length = 1 << 16, size = 4096, fs = 1e6
        let s = try Self.scenario(emitter: #"{"type": "tone", "frequency_hz": 0, "phase_rad": 0}"#, length: length, examples: 8,
                                  channel: #"[{"type": "phase_noise", "offsets_hz": [1000, 10000, 100000, 500000], "levels_dbc_hz": [-100, -120, -135, -140]}]"#)
        #expect(s.channel[0].lists["levels_dbc_hz"]?.values == [-100, -120, -135, -140])
        var psd = [Double](repeating: 0, count: size)
        for example in Generator.render(RunPlan(scenario: s), examples: 0 ..< 8, noise: false) {
            let phase = example.iq.map { Complex(Float(atan2(Double($0.imaginary), Double($0.real))), 0) }
            for (k, v) in welchPSD(phase, size: size).enumerated() { psd[k] += v / 8 }
        }
        let mask = PhaseNoise(offsets: [1e-3, 1e-2, 0.1, 0.5], levelsDB: [-40, -60, -75, -80])  // the same mask per cycle/sample
        for offset in [2e3, 5e3, 1e4, 3e4, 1e5, 3e5] {
            var measured = 0.0, expected = 0.0, bins = 0
            for k in 0 ..< size {
                let f = binFrequency(k, size: size) * fs
                guard abs(abs(f) - offset) <= 0.1 * offset else { continue }
                measured += psd[k] * Double(size) / fs  // power per bin → rad²/Hz
                expected += pow(10, (mask.levelDB(at: f / fs) - 10 * log10(fs)) / 10)  // dBc/Hz
                bins += 1
            }
            #expect(bins >= 3 && abs(decibels(measured / expected)) < 2, "offset \(offset) Hz: \(decibels(measured / Double(bins))) vs \(decibels(expected / Double(bins))) dB rad²/Hz")
        }
    }

    /// A listed geometry steers by its positions: listed at the ULA's own positions it gives the ULA's
    /// samples exactly; listed at arbitrary 3-D positions, element m of a noise-free example is element 0
    /// times e^{j2π(p_m − p_0)·u}, u the drawn direction (azimuth φ, elevation θ), to float rounding.
    @Test func listedPositionsSteer() throws {
        let ula = try Self.scenario(emitter: #"{"type": "qpsk"}"#, examples: 3, array: #"{"geometry": "ula", "elements": 4, "spacing_wavelengths": 0.5}"#)
        let same = try Self.scenario(emitter: #"{"type": "qpsk"}"#, examples: 3,
                                     array: #"{"geometry": "listed", "positions_wavelengths": [[0, -0.75, 0], [0, -0.25, 0], [0, 0.25, 0], [0, 0.75, 0]]}"#)
        #expect(Generator.render(RunPlan(scenario: ula), examples: 0 ..< 3).map(\.iq) == Generator.render(RunPlan(scenario: same), examples: 0 ..< 3).map(\.iq))

        let positions: [SIMD3<Double>] = [[0, 0, 0], [0.5, 0, 0], [0.1, 0.7, 0.3], [-0.4, 0.2, -0.6], [1.3, -0.9, 0.05]]
        let list = positions.map { "[\($0.x), \($0.y), \($0.z)]" }.joined(separator: ", ")
        let listed = try Self.scenario(emitter: #"{"type": "qpsk"}"#, length: 256, examples: 4,
                                       array: #"{"geometry": "listed", "positions_wavelengths": [\#(list)], "elevation_deg": {"uniform": {"low": -40, "high": 40}}}"#)
        let plan = RunPlan(scenario: listed)
        #expect(plan.channels == 5)
        for example in Generator.render(plan, examples: 0 ..< 4, noise: false) {
            let phi = example.fields["array.azimuth_deg"]! * Double.pi / 180, theta = example.fields["array.elevation_deg"]! * Double.pi / 180
            let u = SIMD3(cos(theta) * cos(phi), cos(theta) * sin(phi), sin(theta))
            for m in 1 ..< 5 {
                let angle = 2 * Double.pi * ((positions[m] - positions[0]) * u).sum()
                let a = Complex(Float(cos(angle)), Float(sin(angle)))
                for n in 0 ..< 256 {
                    let expected = example.iq[n] * a, got = example.iq[m * 256 + n]
                    #expect((got - expected).length <= 1e-5 * max(1, expected.length), "element \(m), sample \(n)")
                }
            }
        }
    }

    /// Fixed lists are scenario constants: the file holds each once, as a float64 root attribute named by
    /// its metadata path and shaped like the list ((n,) or (M, 3)), next to `array.geometry`; nothing of
    /// them goes to /meta.
    @Test func listsAreRecordedAsRootAttributes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try Self.scenario(emitter: #"{"type": "qpsk"}"#, length: 128, examples: 3,
                                  channel: #"[{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6], "powers_db": [0, -3]}]"#,
                                  array: #"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0, 0.25]]}"#)
        var options = RunOptions()
        options.output = directory.appendingPathComponent("lists.h5").path
        options.progress = .quiet
        _ = try Generator.run(s, options: options)
        let root = try HDF5File.open(options.output!).root
        #expect(try root.attributes.readFloat64s("channel.fading.delays_s") == [0, 1e-6])
        #expect(try root.attributes.readFloat64s("channel.fading.powers_db") == [0, -3])
        #expect(try root.attributes.readFloat64s("array.positions_wavelengths") == [0, 0, 0, 0.5, 0, 0.25])
        #expect(try root.attributes.readString("array.geometry") == "listed")
        #expect(!(try root.attributes.names()).contains("channel.fading.k_factors_db"))
    }

    /// The catalogue's longest preset delays (which refuse presets that overflow the delay line) are the
    /// tables' own, and every preset option is a `FadingProfile`.
    @Test func catalogueKnowsEachPresetsLongestDelay() {
        for profile in FadingProfile.allCases {
            let known = StageCatalogue.fadingLongestDelays[profile.rawValue]
            #expect(known != nil, "\(profile) missing")
            let taps = profile.taps(delaySpread: 1e-7, sampleRate: 1e9)
            let longest = taps.map(\.delay).max()! / 1e9  // seconds
            let expected = known!.scalesWithDelaySpread ? known!.delay * 1e-7 : known!.delay
            #expect(known!.scalesWithDelaySpread == profile.scalesWithDelaySpread && abs(longest - expected) < 1e-15, "\(profile): \(longest) s")
        }
        let options = StageCatalogue.family("fading")!.parameter("profile")!.options
        #expect(Set(options.filter { $0 != "flat" && $0 != "custom" }) == Set(FadingProfile.allCases.map(\.rawValue)))
    }
}
