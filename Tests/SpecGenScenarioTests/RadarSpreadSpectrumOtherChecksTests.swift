import Foundation
import SpecGenScenario
import Testing

/// The cross-parameter checks of the radar, spread-spectrum and other families reject impossible
/// scenarios before anything is generated, naming the parameter.
@Suite struct RadarSpreadSpectrumOtherChecksTests {
    static func emitter(_ body: String) -> String {
        replacing(#"{"type": "qpsk", "rolloff": 0.35}"#, body)
    }

    static let rejected: [(String, String, [String])] = [
        (#"{"type": "radar_pulse", "pulse_width_s": 2e-5, "pri_s": 1e-5}"#, "pri_s", ["PRI shorter than the pulse"]),
        (#"{"type": "radar_pulse", "pulse_width_s": 2e-5, "pri_s": 2.1e-5, "pri_mode": "jitter", "pri_jitter_fraction": 0.2}"#, "pri_s", ["PRI shorter than the pulse", "jitter"]),
        (#"{"type": "radar_lfm", "pulse_width_s": {"uniform": {"low": 1e-5, "high": 1e-4}}, "pri_s": 5e-5}"#, "pri_s", ["PRI shorter than the pulse"]),
        (#"{"type": "radar_pulse", "pulse_width_s": 5e-7}"#, "pulse_width_s", ["shorter than one sample"]),
        (#"{"type": "radar_barker", "pulse_width_s": 1.2e-5}"#, "pulse_width_s", ["chip", "shorter than one sample"]),
        (#"{"type": "radar_polyphase", "pulse_width_s": 6e-5, "polyphase_order": {"uniform": {"low": 4, "high": 8}}}"#, "pulse_width_s", ["chip"]),
        (#"{"type": "radar_pulse", "pulse_width_s": {"normal": {"mean": 1e-5, "std": 1e-6}}}"#, "pulse_width_s", ["normal"]),
        (#"{"type": "radar_barker", "barker_code": "barker5"}"#, "barker_code", ["barker13"]),
        (#"{"type": "dsss", "spreading_code": "gold", "code_degree": {"uniform": {"low": 3, "high": 6}}}"#, "code_degree", ["preferred pair", "4"]),
        (#"{"type": "dsss", "spreading_code": "gold", "code_degree": 8}"#, "code_degree", ["preferred pair"]),
        (#"{"type": "dsss", "chip_shape": "rrc", "samples_per_chip": 1.2, "rolloff": 0.5}"#, "samples_per_chip", ["1 + rolloff"]),
        (#"{"type": "bandlimited_noise", "center_frequency_hz": 3e5, "bandwidth_hz": 5e5}"#, "bandwidth_hz", ["leaves the capture"]),
        (#"{"type": "multitone", "center_frequency_hz": {"uniform": {"low": -4e5, "high": 1e5}}, "bandwidth_hz": 2e5}"#, "bandwidth_hz", ["leaves the capture"]),
        (#"{"type": "multitone", "tone_count": 0}"#, "tone_count", ["1 … 32"]),
    ]

    @Test(arguments: rejected)
    func impossibleParametersAreRejected(body: String, parameter: String, words: [String]) {
        let found = issues(Self.emitter(body))
        let match = found.first { $0.path == "$.classes[0].emitter.\(parameter)" }
        #expect(match != nil, "no issue at \(parameter); got \(found)")
        for word in words { #expect(match?.message.contains(word) == true, "\(match?.message ?? "") lacks \(word)") }
    }

    static let accepted = [
        #"{"type": "radar_pulse", "pulse_width_s": 1e-5, "pri_s": 1e-5}"#,
        #"{"type": "radar_pulse", "pri_mode": {"choice": {"values": ["constant", "stagger", "jitter"]}}, "pri_jitter_fraction": 0.5, "pri_s": 2e-5, "pulse_width_s": 1e-5}"#,
        #"{"type": "radar_lfm", "bandwidth_hz": 1e6}"#,
        #"{"type": "radar_barker", "barker_code": {"choice": {"values": ["barker7", "barker13"]}}, "pulse_width_s": 1.3e-5}"#,
        #"{"type": "radar_polyphase", "polyphase_code": "p4", "polyphase_order": 8, "pulse_width_s": 6.4e-5, "pri_s": 1e-4}"#,
        #"{"type": "dsss", "spreading_code": "gold", "code_degree": {"uniform": {"low": 5, "high": 7}}}"#,
        #"{"type": "dsss", "code_degree": {"uniform": {"low": 3, "high": 10}}, "chip_shape": "rrc", "samples_per_chip": {"uniform": {"low": 2, "high": 8}}}"#,
        #"{"type": "bandlimited_noise", "center_frequency_hz": 2.5e5, "bandwidth_hz": 5e5}"#,
        #"{"type": "dsss", "rolloff": {"normal": {"mean": 0.5, "std": 0.05}}}"#,
        #"{"type": "multitone", "tone_placement": "random", "tone_count": {"uniform": {"low": 1, "high": 32}}, "tone_power_spread_db": 10}"#,
    ]

    @Test(arguments: accepted)
    func possibleParametersAreAccepted(body: String) {
        #expect(issues(Self.emitter(body)).isEmpty, "\(issues(Self.emitter(body)))")
    }
}
