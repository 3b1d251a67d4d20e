import Foundation
import Numerics
import SpecGenEngine
import SpecGenScenario
import SpecGenTestSupport
import Testing

/// The linear group end to end through the scenario reader, the catalogue and the makers: every type,
/// the generic families over their whole bits_per_symbol range, real samples_per_symbol and every pulse.
@Suite struct LinearCatalogueTests {
    static let types = ["ook", "4ask", "8ask", "bpsk", "qpsk", "8psk", "16psk", "32psk", "64psk", "oqpsk", "pi4dqpsk",
                        "16qam", "32qam", "64qam", "128qam", "256qam", "1024qam", "16apsk", "32apsk", "64apsk", "128apsk",
                        "mpsk", "mask", "mqam", "mapsk"]

    static func plan(_ emitter: String, examples: Int = 300) throws -> RunPlan {
        RunPlan(scenario: try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 7, "examples": \(examples), "samples_per_example": 1024,
         "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "x", "emitter": \(emitter)}]}
        """))
    }

    @Test func everyTypeIsInTheCatalogue() {
        let linear = EmitterCatalogue.families.filter { $0.group == "linear" }.map(\.type)
        #expect(linear == Self.types)
    }

    /// Drawn parameters (uniform real sps, every pulse, the whole order range) make clean signals whose
    /// mean power over 300 examples is 1 within 5 standard errors (the examples' own spread; with sps
    /// drawn per example, where a window cuts the periodic power profile is random too, so its effect is
    /// inside that spread) plus the polyphase path's documented power bound 2ε = 1e-3.
    @Test(arguments: types)
    func drawnParametersGiveUnitPower(type: String) throws {
        let bits = ["mpsk": "1, 6", "mask": "1, 3", "mqam": "4, 10", "mapsk": "4, 7"][type].map {
            #", "bits_per_symbol": {"uniform": {"low": \#($0.split(separator: ",")[0]), "high": \#($0.split(separator: ",")[1])}}"#
        } ?? ""
        let emitter = """
        {"type": "\(type)", "samples_per_symbol": {"uniform": {"low": 2, "high": 12}},
         "pulse": {"choice": {"values": ["rrc", "rc", "gaussian", "rectangular", "half_sine"]}},
         "rolloff": {"uniform": {"low": 0.1, "high": 0.9}}, "bandwidth_time": {"uniform": {"low": 0.3, "high": 1}}\(bits)}
        """
        let examples = Generator.render(try Self.plan(emitter), examples: 0 ..< 300, noise: false)
        let powers = examples.map { meanPower($0.iq) }
        let (mean, std) = meanAndStd(powers)
        #expect(abs(mean - 1) < 5 * std / Double(powers.count).squareRoot() + 1e-3, "\(type): power \(mean)")
        let sps = examples.map { $0.fields["emitter.samples_per_symbol"]! }
        #expect(sps.contains { $0 != $0.rounded() }, "samples_per_symbol is drawn as a real number")
    }

    /// A Gaussian pulse needs ±3σ = 0.795/BT symbols inside the span: a span of 2 with BT 0.1 is refused.
    @Test func gaussianSpanIsChecked() {
        let bad = #"{"type": "qpsk", "pulse": "gaussian", "bandwidth_time": 0.1, "filter_span_symbols": 2}"#
        #expect(throws: ScenarioError.self) { _ = try Self.plan(bad) }
        let good = #"{"type": "qpsk", "pulse": "gaussian", "bandwidth_time": 0.3, "filter_span_symbols": 4}"#
        #expect(throws: Never.self) { _ = try Self.plan(good) }
    }
}
