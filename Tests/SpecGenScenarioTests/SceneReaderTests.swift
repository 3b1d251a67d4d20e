import Foundation
import SpecGenScenario
import Testing

/// The `scene` object (docs/scenes.md): defaults, and every refusal names its JSON path.
@Suite struct SceneReaderTests {
    /// `base` at 1 MHz with 256 samples, made a scene of 1,024 samples at 1 MHz (1.024 ms).
    static func scene(_ scene: String, extra: String = "") -> String {
        replacing("\"samples_per_example\": 256", "\"samples_per_example\": 1024, \"scene\": \(scene)\(extra)")
    }

    @Test func defaults() throws {
        let s = try Scenario.decode(Data(Self.scene(#"{"duration_s": 0.0005}"#).utf8))
        let scene = try #require(s.scene)
        #expect(scene.bursts == .uniform(low: 1, high: 4))
        #expect(scene.durationS == .constant(0.0005))
        #expect(scene.continuousProbability == 0 && scene.centreHz == nil)
        #expect(scene.overlap == .none && scene.overlapProbability == 0 && scene.maxPlacementAttempts == 100)
        #expect(try Scenario.decode(Data(Self.scene(#"{"duration_s": 0.0005, "overlap": "any"}"#).utf8)).scene?.overlapProbability == 1)
    }

    @Test(arguments: [
        (#"{"duration_s": 0.002}"#, "", "$.scene.duration_s", "longer than the capture"),
        (#"{"duration_s": 0.00001}"#, "", "$.scene.duration_s", "shorter than 64 samples"),
        (#"{"duration_s": 0.0005, "centre_hz": 600000}"#, "", "$.scene.centre_hz", ""),
        (#"{"duration_s": 0.0005, "overlap_probability": 0.5}"#, "", "$.scene.overlap_probability", "applies only to"),
        (#"{"duration_s": 0.0005, "overlap": "some"}"#, "", "$.scene.overlap", "did you mean \"none\""),
        (#"{"duration_s": 0.0005, "bursts": 65}"#, "", "$.scene.bursts", ""),
        (#"{"duration_s": 0.0005, "max_placement_attempts": 0}"#, "", "$.scene.max_placement_attempts", ""),
        (#"{"duration_s": 0.0005, "crowd": 3}"#, "", "$.scene.crowd", ""),
        (#"{"duration_s": 0.0005}"#, #", "snr_definition": "per_sample""#, "$.snr_definition", "each burst's SNR"),
        (#"{"duration_s": 0.0005}"#, #", "array": {"geometry": "ula", "elements": 2}"#, "$.array", "one receive channel"),
    ])
    func refusals(scene: String, extra: String, path: String, words: String) {
        let found = issues(Self.scene(scene, extra: extra))
        #expect(found.contains { $0.path == path && (words.isEmpty || $0.message.contains(words)) }, "\(found)")
    }

    @Test func masksNeedASceneAndASpectrogram() {
        let noScene = replacing("\"snr_db\": 10", "\"snr_db\": 10, \"output\": {\"masks\": true, \"spectrogram\": {\"fft_size\": 64}}")
        #expect(issues(noScene).contains { $0.path == "$.output.masks" && $0.message.contains("scene") })
        let noSpectrogram = Self.scene(#"{"duration_s": 0.0005}"#, extra: #", "output": {"masks": true}"#)
        #expect(issues(noSpectrogram).contains { $0.path == "$.output.masks" && $0.message.contains("spectrogram") })
    }
}
