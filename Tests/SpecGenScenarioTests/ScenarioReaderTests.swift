import Foundation
import SpecGenScenario
import Testing

/// A valid base scenario; tests change one thing and look at the message.
let base = """
{"format": "specgen-scenario", "version": 1, "seed": 1, "examples": 10, "samples_per_example": 256,
 "sample_rate_hz": 1000000, "snr_db": 10,
 "classes": [{"name": "Q", "emitter": {"type": "qpsk", "rolloff": 0.35}}]}
"""

func issues(_ json: String) -> [ScenarioIssue] {
    do {
        _ = try Scenario.decode(Data(json.utf8))
        return []
    } catch ScenarioError.invalid(let issues) {
        return issues
    } catch {
        return [ScenarioIssue(path: "?", message: "\(error)")]
    }
}

func replacing(_ old: String, _ new: String) -> String {
    precondition(base.contains(old))
    return base.replacingOccurrences(of: old, with: new)
}

@Suite struct ScenarioReaderTests {
    @Test func baseIsValidAndFillsDefaults() throws {
        let s = try Scenario.decode(Data(base.utf8))
        #expect(s.seed == 1 && s.examples == 10 && s.samplesPerExample == 256)
        #expect(s.snrDefinition == "es_n0")
        #expect(s.classes[0].emitter.parameters["samples_per_symbol"] == .constant(8))
        #expect(s.classes[0].emitter.parameters["rolloff"] == .constant(0.35))
        #expect(s.classes[0].weight == 1)
    }

    @Test func shippedScenariosAreValid() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(!files.isEmpty)
        for file in files { _ = try Scenario.load(from: directory.appendingPathComponent(file).path) }
    }

    /// Each bad input is refused with its JSON path and words naming the value and what is allowed.
    @Test(arguments: [
        (replacing(#""rolloff": 0.35"#, #""rolloff": 1.5"#), "$.classes[0].emitter.rolloff", ["1.5", "0 … 1"]),
        (replacing(#""rolloff": 0.35"#, #""rolof": 0.35"#), "$.classes[0].emitter.rolof", ["unknown key", "did you mean \"rolloff\""]),
        (replacing(#""seed": 1"#, #""seed": "one""#), "$.seed", ["expected an integer", "\"one\""]),
        (replacing(#""seed": 1"#, #""sed": 1"#), "$.sed", ["did you mean \"seed\""]),
        (replacing(#""type": "qpsk""#, #""type": "qpskk""#), "$.classes[0].emitter.type", ["\"qpskk\"", "did you mean \"qpsk\""]),
        (replacing(#""snr_db": 10"#, #""snr_db": {"uniform": {"low": 5, "high": 1}}"#), "$.snr_db.uniform", ["must be below"]),
        (replacing(#""rolloff": 0.35"#, #""filter_span_symbols": {"normal": {"mean": 10, "std": 1}}"#), "$.classes[0].emitter.filter_span_symbols", ["cannot produce integers"]),
        (replacing(#""rolloff": 0.35"#, #""filter_span_symbols": 2.5"#), "$.classes[0].emitter.filter_span_symbols", ["not an integer"]),
        (replacing(#""rolloff": 0.35"#, #""samples_per_symbol": {"choice": {"values": [4, 1]}}"#), "$.classes[0].emitter.samples_per_symbol.choice.values[1]", ["2 … 64"]),
        (replacing(#""version": 1"#, #""version": 2"#), "$.version", ["not supported"]),
        (replacing(#""examples": 10,"#, ""), "$.examples", ["missing"]),
        (replacing(#""snr_db": 10"#, #""snr_db": 10, "snr_definition": "ebno""#), "$.snr_definition", ["\"es_n0\""]),
        (replacing(#""type": "qpsk", "rolloff": 0.35"#, #""type": "tone", "frequency_hz": 600000"#), "$.classes[0].emitter.frequency_hz", ["600000", "-500000 … 500000"]),
        (replacing(#""snr_db": 10"#, #""snr_db": 10, "output": {"spectrogram": {"fft_size": 100}}"#), "$.output.spectrogram.fft_size", ["power of two"]),
        (replacing(#""snr_db": 10"#, #""snr_db": 10, "output": {"spectrogram": {"fft_size": 512}}"#), "$.output.spectrogram.fft_size", ["longer than samples_per_example"]),
        (replacing(#""rolloff": 0.35"#, #""rolloff": {"normal": {"mean": 0.5, "std": 0.1}}"#), "$.classes[0].emitter.rolloff.normal", ["6·std"]),
        (replacing(#"[{"name": "Q""#, #"[{"name": "A", "emitter": {"type": "bpsk"}}, {"name": "A""#), "$.classes[1].name", ["unique"]),
    ])
    func badInputIsLocated(json: String, path: String, words: [String]) {
        let found = issues(json)
        let match = found.first { $0.path == path }
        #expect(match != nil, "no issue at \(path); got \(found)")
        for word in words { #expect(match?.message.contains(word) == true, "\(match?.message ?? "") lacks \(word)") }
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        let json = replacing(#""seed": 1"#, #""seed": -1"#).replacingOccurrences(of: #""rolloff": 0.35"#, with: #""rolloff": 2"#)
        #expect(Set(issues(json).map(\.path)) == ["$.seed", "$.classes[0].emitter.rolloff"])
    }

    @Test func syntaxErrorsAreReported() {
        #expect(throws: ScenarioError.self) { _ = try Scenario.decode(Data("{\"seed\": ".utf8)) }
    }

    @Test func distributionsAreRead() throws {
        let s = try Scenario.decode(Data(replacing(#""snr_db": 10"#, #""snr_db": {"choice": {"values": [0, 10], "weights": [1, 3]}}"#).utf8))
        #expect(s.snrDB == .choice(values: [0, 10], weights: [1, 3]))
        let t = try Scenario.decode(Data(replacing(#""rolloff": 0.35"#, #""rolloff": {"loguniform": {"low": 0.1, "high": 1}}"#).utf8))
        #expect(t.classes[0].emitter.parameters["rolloff"] == .logUniform(low: 0.1, high: 1))
    }
}

@Suite struct NestedEmitterTests {
    static let hopper = replacing(#"{"type": "qpsk", "rolloff": 0.35}"#,
                                  #"{"type": "fhss", "hop_channels": 4, "base": {"type": "qpsk", "rolloff": 0.35}, "gating": {"on_s": 0.001}}"#)

    @Test func hopperWithGatingIsRead() throws {
        let s = try Scenario.decode(Data(Self.hopper.utf8))
        let paths = s.classes[0].emitter.allParameters().map(\.path)
        #expect(paths.contains("emitter.base.rolloff") && paths.contains("emitter.gating.on_s") && paths.contains("emitter.hop_channels"))
    }

    @Test(arguments: [
        (NestedEmitterTests.hopper.replacingOccurrences(of: #""rolloff": 0.35}"#, with: #""rolloff": 3}"#), "$.classes[0].emitter.base.rolloff", "0 … 1"),
        (NestedEmitterTests.hopper.replacingOccurrences(of: #""base": {"type": "qpsk""#, with: #""base": {"type": "fhss""#), "$.classes[0].emitter.base.type", "plain emitter"),
        (NestedEmitterTests.hopper.replacingOccurrences(of: #""on_s": 0.001"#, with: #""on_s": 1e-9"#), "$.classes[0].emitter.gating.on_s", "shorter than one sample"),
        (NestedEmitterTests.hopper.replacingOccurrences(of: #""hop_channels": 4"#, with: #""hop_channels": 400"#), "$.classes[0].emitter.channel_spacing_hz", "does not fit"),
        (replacing(#""rolloff": 0.35"#, #""rolloff": 0.35, "base": {"type": "qpsk"}"#), "$.classes[0].emitter.base", "unknown key"),
    ])
    func nestedProblemsAreLocated(json: String, path: String, words: String) {
        let found = issues(json)
        let match = found.first { $0.path == path }
        #expect(match?.message.contains(words) == true, "expected \(path): …\(words)…; got \(found)")
    }
}
