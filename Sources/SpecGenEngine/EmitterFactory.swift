import SpecGenScenario
import SpecGenSignals

/// One example's drawn emitter parameters, by name, for one emitter (or its base).
public struct ParameterValues {
    /// What stays the same from example to example: the emitter's spec, the value columns, the metadata
    /// path prefix of its parameters (`emitter.`, `emitter.base.`), its own parameters' columns and its
    /// maker. One object, made once per class by each worker (`ExampleSynthesizer`): a value made per
    /// example then retains two references, where copying the spec, dictionary and lists retained about
    /// twenty, on objects every worker shared.
    final class Source {
        let spec: EmitterSpec
        let columns: [String: Int]
        let prefix: String
        /// This emitter's own parameters (gating included, base excluded) by name, when the caller resolved
        /// them (`columns(of:prefix:in:)`); else each lookup builds and hashes the path.
        let own: ParameterColumns?
        /// The family's maker (nil for a family without one: `EmitterFactory.make` refuses it).
        let maker: EmitterFactory.Maker?

        init(spec: EmitterSpec, columns: [String: Int], prefix: String = "emitter.", own: ParameterColumns? = nil) {
            self.spec = spec
            self.columns = columns
            self.prefix = prefix
            self.own = own
            maker = EmitterFactory.makers[spec.family.type]
        }

        /// The same emitter's own parameters resolved from `columns` (for a worker's per-class source).
        convenience init(resolving spec: EmitterSpec, columns: [String: Int]) {
            self.init(spec: spec, columns: columns, own: ParameterValues.columns(of: spec, in: columns))
        }
    }

    let values: [Double]
    let source: Source

    init(values: [Double], source: Source) {
        self.values = values
        self.source = source
    }

    init(values: [Double], columns: [String: Int], spec: EmitterSpec, prefix: String = "emitter.", own: ParameterColumns? = nil) {
        self.init(values: values, source: Source(spec: spec, columns: columns, prefix: prefix, own: own))
    }

    var spec: EmitterSpec { source.spec }

    /// The value columns of `spec`'s own parameters under `prefix` (`rolloff`, `gating.on_s`; not its
    /// base's), for `own`, with a category's options.
    static func columns(of spec: EmitterSpec, prefix: String = "emitter.", in columns: [String: Int]) -> ParameterColumns {
        ParameterColumns(spec.allParameters(prefix: prefix).compactMap { parameter in
            let name = String(parameter.path.dropFirst(prefix.count))
            guard parameter.path.hasPrefix(prefix), !name.hasPrefix("base."), let column = columns[parameter.path] else { return nil }
            return ParameterColumns.Entry(name: name, column: column, options: parameter.spec.options)
        })
    }

    public var family: EmitterFamily { source.spec.family }

    /// A real parameter.
    public func real(_ name: String) -> Double { values[position(name)] }
    /// An integer parameter.
    public func integer(_ name: String) -> Int { Int(values[position(name)]) }
    /// A categorical parameter's option name.
    public func category(_ name: String) -> String {
        (source.own?.options(name) ?? family.parameter(name)!.options)[Int(values[position(name)])]
    }

    /// The values of the base emitter of a wrapping family.
    public var base: ParameterValues {
        guard let base = source.spec.base?.value else { preconditionFailure("\(family.type) has no base emitter") }
        return ParameterValues(values: values, columns: source.columns, spec: base, prefix: source.prefix + "base.")
    }

    /// A gating parameter (`on_s`, `off_s`, `cycle_phase`), when the emitter is gated.
    func gating(_ name: String) -> Double { values[position("gating." + name)] }

    /// The column of parameter `name` (relative to `prefix`).
    private func position(_ name: String) -> Int {
        if let i = source.own?[name] { return i }
        guard let i = source.columns[source.prefix + name] else { preconditionFailure("no drawn value for \(source.prefix)\(name)") }
        return i
    }
}

/// What every emitter may need besides its own parameters.
public struct EmitterContext: Sendable {
    public let sampleRateHz: Double
    /// Samples per example.
    public let length: Int
    /// For a stage: the lead-in the other stages of the example need (a stage whose own history depends
    /// on the row length — the sample-rate offset — sizes itself from it).
    public var otherHistory = 0
    /// For a stage: the tail after the example the other stages need (see `otherHistory`).
    public var otherLookahead = 0
    /// For a stage: the band |f| ≤ B (cycles/sample) its input is known to lie within — the emitter's
    /// `occupiedBand` for the first channel stage, which sees the emitter's output unchanged — or nil.
    public var inputBand: Double? = nil
    /// A scene burst rendered at its own rate: `sampleRateHz` is then the capture rate ÷ `decimation`, and
    /// parameters counted in capture samples (samples per symbol or chip, OFDM IFFT points and
    /// oversampling) are divided by it, so that the emitter renders the same waveform P times less often.
    /// 1 (the capture rate) everywhere else.
    public var decimation = 1

    public init(sampleRateHz: Double, length: Int, otherHistory: Int = 0, otherLookahead: Int = 0) {
        self.sampleRateHz = sampleRateHz
        self.length = length
        self.otherHistory = otherHistory
        self.otherLookahead = otherLookahead
    }
}

/// Makes the Signals-level emitter of a family from one example's parameters. Each group registers its
/// families in its own file (`EmitterFactory+Linear.swift`, …); a test checks that every catalogue
/// family has a maker.
public enum EmitterFactory {
    public typealias Maker = @Sendable (ParameterValues, EmitterContext) -> any Emitter

    static let makers: [String: Maker] = [linear, continuousPhase, ofdm, analog, chirp, radar, spreadSpectrum, hopping, other].reduce(into: [:]) { all, group in
        all.merge(group) { _, _ in preconditionFailure("an emitter type is registered twice") }
    }

    /// Whether `type` has a maker.
    public static func canMake(_ type: String) -> Bool { makers[type] != nil }

    /// The emitter for one example, its base made first and its gating applied last.
    static func make(_ values: ParameterValues, context: EmitterContext) -> any Emitter {
        guard let maker = values.source.maker else { preconditionFailure("no maker for emitter type \(values.family.type)") }
        let emitter = maker(values, context)
        guard values.source.spec.gating != nil else { return emitter }
        return BurstGate(base: emitter, onSamples: values.gating("on_s") * context.sampleRateHz,
                         offSamples: values.gating("off_s") * context.sampleRateHz, cyclePhase: values.gating("cycle_phase"))
    }
}
