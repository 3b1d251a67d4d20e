import Foundation
import SpecGenScenario
import Testing

/// List-valued parameters: custom fading taps, a phase-noise mask, listed array positions. Accepted lists
/// are kept as given; refused ones are named by their JSON path down to the entry, with the value and the
/// rule.
@Suite struct ListParameterTests {
    static func withChannel(_ stages: String) -> String {
        replacing(#""snr_db": 10,"#, #""snr_db": 10, "channel": \#(stages),"#)
    }

    static func withArray(_ array: String) -> String {
        replacing(#""snr_db": 10,"#, #""snr_db": 10, "array": \#(array),"#)
    }

    @Test func acceptedListsAreKeptAsGiven() throws {
        let s = try Scenario.decode(Data(Self.withChannel("""
            [{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6, 2.5e-6], "powers_db": [0, -3, -8], "k_factors_db": [6, -100, -100]},
             {"type": "phase_noise", "offsets_hz": [100, 1000, 100000], "levels_dbc_hz": [-80, -100, -140]}]
            """).utf8))
        #expect(s.channel[0].lists["delays_s"] == ListValue(values: [0, 1e-6, 2.5e-6], width: 1))
        #expect(s.channel[0].lists["powers_db"]?.values == [0, -3, -8] && s.channel[0].lists["k_factors_db"]?.values == [6, -100, -100])
        #expect(s.channel[1].lists["offsets_hz"]?.values == [100, 1000, 100000])
        #expect(s.channel[0].allLists(list: "channel").map(\.path) == ["channel.fading.delays_s", "channel.fading.k_factors_db", "channel.fading.powers_db"])
        let a = try Scenario.decode(Data(Self.withArray(#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0, 0], [0, 0.5, 0.25]]}"#).utf8))
        #expect(a.array?.elements == 3 && a.array?.positions?.values == [0, 0, 0, 0.5, 0, 0, 0, 0.5, 0.25] && a.array?.positions?.shape == [3, 3])
        // A profile that can be custom among others takes the lists too.
        _ = try Scenario.decode(Data(Self.withChannel("""
            [{"type": "fading", "profile": {"choice": {"values": ["epa", "custom"]}}, "delays_s": [0, 1e-6], "powers_db": [0, -3], "k_factor_db": 10}]
            """).utf8))
    }

    @Test(arguments: [
        // Fading: custom tap lists.
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6, 2.5e-6], "powers_db": [0, -3]}"#, "$.channel[0].powers_db", "holds 2 entries but delays_s holds 3"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6, 2.5e-6], "powers_db": [0, -3, 1000]}"#, "$.channel[0].powers_db[2]", "1000 is out of range"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6, 2.5e-6], "powers_db": [0, -3, "-8"]}"#, "$.channel[0].powers_db[2]", "expected a number"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, -1e-6], "powers_db": [0, -3]}"#, "$.channel[0].delays_s[1]", "-1e-06 is out of range; allowed: 0 … 1"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e999], "powers_db": [0, -3]}"#, "$.channel[0].delays_s[1]", "not a finite number"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [], "powers_db": []}"#, "$.channel[0].delays_s", "holds 0 entries"),
        (#"{"type": "fading", "profile": "custom", "delays_s": 0.001, "powers_db": [0]}"#, "$.channel[0].delays_s", "expected a list of 1 … 256 numbers"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 0.2], "powers_db": [0, -3]}"#, "$.channel[0].delays_s[1]", "200000 samples at 1000000 Hz"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6], "powers_db": [0, -3], "k_factors_db": [3]}"#, "$.channel[0].k_factors_db", "holds 1 entries but delays_s holds 2"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6], "powers_db": [0, -3], "k_factors_db": [3, 50]}"#, "$.channel[0].k_factors_db[1]", "50 is out of range; allowed: -100 … 40"),
        (#"{"type": "fading", "profile": "custom", "delays_s": [0, 1e-6], "powers_db": [0, -3], "k_factors_db": [3, 0], "k_factor_db": 3}"#, "$.channel[0].k_factors_db", "not both"),
        (#"{"type": "fading", "profile": "custom", "powers_db": [0, -3]}"#, "$.channel[0].delays_s", "missing"),
        (#"{"type": "fading", "profile": "epa", "delays_s": [0, 1e-6], "powers_db": [0, -3]}"#, "$.channel[0].delays_s", "applies only to \"profile\": \"custom\""),
        // Presets must fit the delay line: HT6's 17.2 µs at 10 GS/s is 172,000 samples.
        (#"{"type": "fading", "profile": "ht6"}"#, "$.channel[0].profile", "172000 samples"),
        // Phase noise: a mask of one's own.
        (#"{"type": "phase_noise", "offsets_hz": [100, 1000, 900], "levels_dbc_hz": [-80, -100, -120]}"#, "$.channel[0].offsets_hz[2]", "does not increase"),
        (#"{"type": "phase_noise", "offsets_hz": [100, 600000], "levels_dbc_hz": [-80, -100]}"#, "$.channel[0].offsets_hz[1]", "beyond Fs/2"),
        (#"{"type": "phase_noise", "offsets_hz": [0, 1000], "levels_dbc_hz": [-80, -100]}"#, "$.channel[0].offsets_hz[0]", "0 is out of range; allowed: > 0"),
        (#"{"type": "phase_noise", "offsets_hz": [100, 1000], "levels_dbc_hz": [-20, -100]}"#, "$.channel[0].levels_dbc_hz[0]", "40 dBc per cycle/sample"),
        (#"{"type": "phase_noise", "offsets_hz": [100, 1000], "levels_dbc_hz": [-80, -100], "phase_noise_shift_db": {"uniform": {"low": 0, "high": 30}}}"#,
         "$.channel[0].levels_dbc_hz[0]", "-20 … 10 with phase_noise_shift_db"),
        (#"{"type": "phase_noise", "offsets_hz": [100, 1000], "levels_dbc_hz": [-80]}"#, "$.channel[0].levels_dbc_hz", "one level per offset"),
        (#"{"type": "phase_noise", "offsets_hz": [100, 1000]}"#, "$.channel[0].levels_dbc_hz", "missing"),
        // Sample-rate drift: the rate stays within ±1 % over the example.
        // (L − 1)/Fs = 255 µs: 100 ppm + 1e8 ppm/s reaches 25600 ppm; −5000 ppm − 2e7 ppm/s reaches −10100.
        (#"{"type": "sample_rate_offset", "sample_rate_offset_ppm": 100, "sample_rate_drift_ppm_per_s": 1e8}"#, "$.channel[0].sample_rate_drift_ppm_per_s", "reaches 25600 ppm"),
        (#"{"type": "sample_rate_offset", "sample_rate_offset_ppm": -5000, "sample_rate_drift_ppm_per_s": {"uniform": {"low": -2e7, "high": 0}}}"#,
         "$.channel[0].sample_rate_drift_ppm_per_s", "reaches 10100 ppm"),
        (#"{"type": "sample_rate_offset", "sample_rate_drift_ppm_per_s": {"normal": {"mean": 0, "std": 1}}}"#, "$.channel[0].sample_rate_drift_ppm_per_s", "unbounded"),
    ])
    func stageListProblemsAreLocated(stage: String, path: String, words: String) {
        var json = Self.withChannel("[\(stage)]")
        if words == "172000 samples" { json = json.replacingOccurrences(of: #""sample_rate_hz": 1000000"#, with: #""sample_rate_hz": 1e10"#) }
        let found = issues(json)
        #expect(found.contains { $0.path == path && $0.message.contains(words) }, "expected \(path) …\(words)…; got \(found)")
    }

    @Test(arguments: [
        (#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0, 0], [1, 0, 0], [0.5, 0.0004, 0]]}"#, "$.array.positions_wavelengths[3]",
         "element 3 at [0.5, 0.0004, 0] coincides with element 1 at [0.5, 0, 0] (0.0004 wavelengths apart)"),
        (#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0, 0, 0]]}"#, "$.array.positions_wavelengths[1]", "coincides with element 0"),
        (#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0]]}"#, "$.array.positions_wavelengths[1]", "expected a point [x, y, z] of 3 numbers"),
        (#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [0.5, 0, "z"]]}"#, "$.array.positions_wavelengths[1][2]", "expected a number"),
        (#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0]]}"#, "$.array.positions_wavelengths", "holds 1 entries"),
        (#"{"geometry": "listed", "positions_wavelengths": [[0, 0, 0], [500, 0, 0]]}"#, "$.array.positions_wavelengths[1][0]", "500 is out of range"),
        (#"{"geometry": "listed", "elements": 3, "positions_wavelengths": [[0, 0, 0], [0.5, 0, 0]]}"#, "$.array.elements", "does not match the 2 positions"),
        (#"{"geometry": "listed", "elements": 3}"#, "$.array.positions_wavelengths", "missing"),
        (#"{"geometry": "ula", "elements": 2, "positions_wavelengths": [[0, 0, 0], [0.5, 0, 0]]}"#, "$.array.positions_wavelengths", "applies only to \"geometry\": \"listed\""),
        (#"{"geometry": "uca"}"#, "$.array.elements", "missing"),
    ])
    func arrayListProblemsAreLocated(array: String, path: String, words: String) {
        let found = issues(Self.withArray(array))
        #expect(found.contains { $0.path == path && $0.message.contains(words) }, "expected \(path) …\(words)…; got \(found)")
    }
}
