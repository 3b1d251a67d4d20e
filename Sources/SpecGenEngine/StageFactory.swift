import SpecGenScenario
import SpecGenSignals

/// One example's drawn values for one stage, by parameter name.
public struct StageValues {
    let values: [Double]
    let columns: [String: Int]
    let family: StageFamily
    /// `channel.<type>.` or `receiver.<type>.`
    let prefix: String
    /// The stage's own emitter, when it has one.
    let emitter: EmitterSpec?
    /// The stage's list parameters that the scenario gave (scenario constants, not drawn).
    var lists: [String: ListValue] = [:]
    /// The family's parameter name → column, when the caller resolved them once for the run (else each
    /// lookup builds `prefix + name`).
    var own: ParameterColumns? = nil

    public func real(_ name: String) -> Double { values[position(name)] }
    public func integer(_ name: String) -> Int { Int(values[position(name)]) }
    public func category(_ name: String) -> String { family.parameter(name)!.options[Int(values[position(name)])] }
    /// A list parameter's numbers, or nil when the scenario did not give it.
    public func list(_ name: String) -> [Double]? { lists[name]?.values }

    /// The values of the stage's emitter (an interferer), for `EmitterFactory`.
    var emitterValues: ParameterValues {
        guard let emitter else { preconditionFailure("\(family.type) has no emitter") }
        return ParameterValues(values: values, columns: columns, spec: emitter, prefix: prefix + "emitter.")
    }

    private func position(_ name: String) -> Int {
        if let own, let i = own[name] { return i }
        guard let i = columns[prefix + name] else { preconditionFailure("no drawn value for \(prefix)\(name)") }
        return i
    }
}

/// A stage's parameter name → value column, resolved once per run and searched linearly: for a stage's
/// handful of parameters a few string comparisons, where a dictionary hashed the name every time
/// (≈ 380 instructions a lookup; the realistic chain looks up 14 per example).
struct ParameterColumns: Sendable {
    struct Entry: Sendable {
        let name: String
        let column: Int
    }
    private let entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    subscript(name: String) -> Int? {
        for entry in entries where entry.name == name { return entry.column }
        return nil
    }
}

/// Makes the Signals-level stage of a family from one example's values; one file per group
/// (`StageFactory+<Group>.swift`). A test checks that every catalogue stage has a maker.
public enum StageFactory {
    public typealias Maker = @Sendable (StageValues, EmitterContext) -> any ChannelStage

    static let makers: [String: Maker] = [fading, geometry, offsets, hardware, noise, interference].reduce(into: [:]) { all, group in
        all.merge(group) { _, _ in preconditionFailure("a stage type is registered twice") }
    }

    public static func canMake(_ type: String) -> Bool { makers[type] != nil }

    /// Stage types made knowing the row's layout (`EmitterContext.otherHistory`, `otherLookahead`): the
    /// sample-rate offset sizes its history from it; the carrier offset references its frequency, drift
    /// and phase to the example's first sample.
    static let sizesFromRow: Set<String> = ["sample_rate_offset", "carrier_offset"]

    static func make(_ values: StageValues, context: EmitterContext) -> any ChannelStage {
        maker(values.family.type)(values, context)
    }

    /// The maker of a stage type (resolve it once per run: the lookup hashes the name).
    static func maker(_ type: String) -> Maker {
        guard let maker = makers[type] else { preconditionFailure("no maker for stage type \(type)") }
        return maker
    }
}
