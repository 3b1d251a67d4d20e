import SpecGenDSP
import SpecGenScenario
import SpecGenSignals
import Synchronization

/// One example's drawn values for one stage, by parameter name.
public struct StageValues {
    let values: [Double]
    let columns: [String: Int]
    /// The stage as resolved for the run (one reference: making the stage per example retains nothing else).
    let stage: ResolvedStage

    public func real(_ name: String) -> Double { values[position(name)] }
    public func integer(_ name: String) -> Int { Int(values[position(name)]) }
    public func category(_ name: String) -> String {
        (stage.own.options(name) ?? stage.family.parameter(name)!.options)[Int(values[position(name)])]
    }
    /// A list parameter's numbers, or nil when the scenario did not give it.
    public func list(_ name: String) -> [Double]? { stage.lists[name]?.values }

    /// The values of the stage's emitter (an interferer), for `EmitterFactory`.
    var emitterValues: ParameterValues {
        guard let emitter = stage.emitter else { preconditionFailure("\(stage.family.type) has no emitter") }
        return ParameterValues(values: values, columns: columns, spec: emitter, prefix: stage.prefix + "emitter.")
    }

    private func position(_ name: String) -> Int {
        if let i = stage.own[name] { return i }
        guard let i = columns[stage.prefix + name] else { preconditionFailure("no drawn value for \(stage.prefix)\(name)") }
        return i
    }
}

/// A channel or receiver stage resolved once for the run: its metadata prefix, family, emitter and list
/// parameters, its parameters' value columns by name, its process stream, whether it is made again
/// knowing the row's layout (`StageFactory.sizesFromRow`), and its maker (building the paths, hashing
/// names and copying the stage's description per example cost ≈ 40, ≈ 7 and ≈ 2 instructions per sample).
final class ResolvedStage: Sendable {
    /// `channel.<type>.` or `receiver.<type>.`
    let prefix: String
    let family: StageFamily
    /// The stage's own emitter, when it has one.
    let emitter: EmitterSpec?
    /// The stage's list parameters that the scenario gave (scenario constants, not drawn).
    let lists: [String: ListValue]
    let own: ParameterColumns
    let stream: StreamID
    let sizesFromRow: Bool
    let maker: StageFactory.Maker
    /// What the maker derives from the scenario's constants, kept across examples (`StageMemo`).
    let memo = StageMemo()

    init(_ list: String, _ spec: StageSpec, columns: [String: Int]) {
        let prefix = "\(list).\(spec.type)."
        self.prefix = prefix
        family = spec.family
        emitter = spec.emitter
        lists = spec.lists
        own = ParameterColumns(spec.family.parameters.compactMap { parameter in
            columns[prefix + parameter.name].map { ParameterColumns.Entry(name: parameter.name, column: $0, options: parameter.options) }
        })
        stream = StreamID.parameter(prefix + "process")
        sizesFromRow = StageFactory.sizesFromRow.contains(spec.type)
        maker = StageFactory.maker(spec.type)
    }

    /// The stage for one example's values.
    func make(_ values: [Double], columns: [String: Int], context: EmitterContext) -> any ChannelStage {
        maker(StageValues(values: values, columns: columns, stage: self), context)
    }
}

/// A stage's parameter name → value column, resolved once per run and searched linearly: for a stage's
/// handful of parameters a few string comparisons, where a dictionary hashed the name every time
/// (≈ 380 instructions a lookup; the realistic chain looks up about 25 per example, its emitter's included).
/// Names of another length are passed over without comparing them, and entries are read in place
/// (`for entry in entries` copied each one, retaining its name and options).
struct ParameterColumns: Sendable {
    struct Entry: Sendable {
        let name: String
        let column: Int
        /// A category parameter's options (empty otherwise).
        var options: [String] = []
    }
    private let entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    subscript(name: String) -> Int? {
        index(name).map { entries[$0].column }
    }

    /// A category parameter's options (the family's lookup copied every parameter it passed).
    func options(_ name: String) -> [String]? {
        index(name).map { entries[$0].options }
    }

    private func index(_ name: String) -> Int? {
        let count = name.utf8.count
        for i in entries.indices where entries[i].name.utf8.count == count && entries[i].name == name { return i }
        return nil
    }
}

/// One object a stage's maker derives from values that repeat from example to example — scenario
/// constants, such as a fading profile's delay line or a phase-noise mask — kept with its key (up to
/// eight numbers: the values it was made from) for the next example. A run's stages are made per example;
/// rebuilding these (arrays, cache lookups that hash them) cost more than applying a cheap stage.
final class StageMemo: Sendable {
    private let slot = Mutex<(key: SIMD8<Double>, value: any AnyObject & Sendable)?>(nil)

    /// The object made by `make` for `key`, kept from the last call when the key is the same (a NaN never
    /// matches). One maker per memo, so `T` is always the same type.
    func value<T: AnyObject & Sendable>(_ key: SIMD8<Double>, make: () -> T) -> T {
        if let last = slot.withLock({ $0 }), last.key == key { return unsafeDowncast(last.value as AnyObject, to: T.self) }
        let made = make()
        slot.withLock { $0 = (key, made) }
        return made
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

    /// The maker of a stage type (resolve it once per run: the lookup hashes the name).
    static func maker(_ type: String) -> Maker {
        guard let maker = makers[type] else { preconditionFailure("no maker for stage type \(type)") }
        return maker
    }
}
