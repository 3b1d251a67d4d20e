import SpecGenDSP
import SpecGenHDF5
import SpecGenPolicy
import SpecGenScenario
import SpecGenSignals

/// Everything a run needs, resolved from a scenario and the command line: sizes, per-class parameter
/// specs, the set of per-example fields and the block partition.
public struct RunPlan: Sendable {
    public let scenario: Scenario
    public let seed: UInt64
    public let examples: Int
    public let length: Int
    /// Receive channels C: the array's elements, or 1.
    public let channels: Int
    public let blockExamples: Int
    /// Every example is scaled to unit mean power (over its channels and samples) before it is stored:
    /// a classification level's format rule `unit_power` (the RMS would show an AGC target or a gain).
    public let unitPower: Bool
    /// Write `/iq_clean`, the captures without the thermal noise: the scenario's `output.clean`, or
    /// `specgen run --clean`.
    public let clean: Bool
    /// Write `/masks` (a scene with a spectrogram and `output.masks`).
    public let masks: Bool
    public let snrDefinition: SNRDefinition
    public let spectrogram: OutputOptions.SpectrogramOptions?
    /// Frames per spectrogram (0 without one).
    public let spectrogramFrames: Int
    /// Every emitter parameter any class uses, as metadata path → spec (sorted by path): the columns.
    public let emitterParameters: [(path: String, spec: ParameterSpec)]
    /// For each class, what to draw for an example of it: the column, the spec, the distribution.
    let classSlots: [[ParameterSlot]]
    /// A wideband scene (docs/scenes.md): bursts drawn per capture, annotated in `/annotations`.
    public let scene: SceneSpec?

    /// - Parameters:
    ///   - seed, examples: command-line overrides of the scenario's values.
    ///   - blockExamples: examples per block and HDF5 chunk, overriding the scenario's and the default
    ///     (a classification level's `chunk_examples`: the chunk shape then shows only released values).
    ///   - unitPower: scale every example to unit mean power.
    ///   - clean: write `/iq_clean` even if the scenario's `output.clean` is false (`--clean`).
    public init(scenario: Scenario, seed: UInt64? = nil, examples: Int? = nil, blockExamples: Int? = nil, unitPower: Bool = false,
                clean: Bool = false) {
        self.scenario = scenario
        self.seed = seed ?? scenario.seed
        self.examples = examples ?? scenario.examples
        length = scenario.samplesPerExample
        channels = scenario.array?.elements ?? 1
        snrDefinition = SNRDefinition(rawValue: scenario.snrDefinition)!
        spectrogram = scenario.output.spectrogram
        spectrogramFrames = spectrogram.map { (scenario.samplesPerExample - $0.fftSize) / $0.hop + 1 } ?? 0
        // About 1 MiB of IQ per block by default: big enough for efficient HDF5 chunks, small enough that
        // a few blocks per worker keep memory flat.
        let bytesPerExample = 8 * scenario.samplesPerExample * (scenario.array?.elements ?? 1)
        self.blockExamples = min(self.examples, blockExamples ?? scenario.output.blockExamples ?? max(1, min(4096, (1 << 20) / bytesPerExample)))
        self.unitPower = unitPower
        self.clean = clean || scenario.output.clean
        scene = scenario.scene
        masks = scenario.scene != nil && scenario.output.spectrogram != nil && scenario.output.masks
        // Channel and receiver stages apply to every class: their parameters follow the emitter's.
        let stageParameters = scenario.channel.flatMap { $0.allParameters(list: "channel") }
            + scenario.receiver.flatMap { $0.allParameters(list: "receiver") }
            + (scenario.array?.allParameters() ?? [])
        var parameters: [String: ParameterSpec] = [:]
        for signalClass in scenario.classes {
            for (path, spec, _) in signalClass.emitter.allParameters() + stageParameters where parameters[path] == nil { parameters[path] = spec }
        }
        emitterParameters = parameters.sorted { $0.key < $1.key }.map { (path: $0.key, spec: $0.value) }
        let column = Dictionary(uniqueKeysWithValues: emitterParameters.enumerated().map { ($1.path, $0) })
        classSlots = scenario.classes.map { signalClass in
            (signalClass.emitter.allParameters() + stageParameters).map { path, spec, distribution in
                ParameterSlot(column: column[path]!, path: path, isInteger: spec.isInteger, distribution: distribution, stream: .parameter(path),
                              bounds: spec.bounds.resolved(sampleRate: scenario.sampleRateHz))
            }
        }
    }

    /// The scenario's fixed list parameters and array shape, recorded once per file as root attributes
    /// named by their metadata paths (`channel.fading.delays_s`, `array.positions_wavelengths`,
    /// `array.geometry`), sorted by path; per-example draws go to /meta instead.
    public var scenarioConstants: [(path: String, value: MetadataValue)] {
        var constants = scenario.channel.flatMap { $0.allLists(list: "channel") } + scenario.receiver.flatMap { $0.allLists(list: "receiver") }
        if let positions = scenario.array?.positions { constants.append((path: "array." + ArraySpec.positionsSpec.name, value: positions)) }
        var all = constants.map { (path: $0.path, value: MetadataValue.reals($0.value.values, shape: $0.value.shape)) }
        if let array = scenario.array { all.append((path: "array.geometry", value: .text(array.geometry))) }
        return all.sorted { $0.path < $1.path }
    }

    /// Column index of each metadata path.
    var columnIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: emitterParameters.enumerated().map { ($1.path, $0) })
    }

    /// The sample datasets of the run's files, in write order (`DatasetLayout.sampleDatasets`).
    var sampleDatasets: [SampleDataset] {
        [.iq] + (clean ? [.iqClean] : []) + (spectrogram == nil ? [] : [.spectrogram]) + (masks ? [.masks] : [])
    }

    public var blockCount: Int { (examples + blockExamples - 1) / blockExamples }

    /// Examples of block b: a range of example indices.
    public func exampleRange(block b: Int) -> Range<Int> {
        b * blockExamples ..< min(examples, (b + 1) * blockExamples)
    }

    /// Examples of blocks `blocks`: a range of example indices.
    public func exampleRange(blocks: Range<Int>) -> Range<Int> {
        blocks.lowerBound * blockExamples ..< min(examples, blocks.upperBound * blockExamples)
    }

    /// Whether a drawn parameter is recorded per example in a scene (the receiver's: one receiver per
    /// capture) rather than per burst (the emitter's and its channel's).
    static func isPerExampleInScene(_ path: String) -> Bool { path.hasPrefix("receiver.") }

    /// A scene's per-burst fields (`/annotations`), with their element types: the box, its class and SNR,
    /// and the burst's drawn parameters under `annotations.`; empty without a scene.
    public var annotationTypes: [String: ColumnType] {
        guard scene != nil else { return [:] }
        var types: [String: ColumnType] = ["annotations.example": .int64, "annotations.class_index": .int32, "annotations.start": .int64,
                                           "annotations.stop": .int64, "annotations.f_low": .float64, "annotations.f_high": .float64,
                                           "annotations.snr_db": .float64]
        for (path, _) in emitterParameters where !Self.isPerExampleInScene(path) { types[MetadataPath.annotation(path)] = .float64 }
        return types
    }

    /// The per-example fields the run produces, with their element types: the catalogue's run columns
    /// (`MetadataCatalogue.runColumns`) and the drawn parameters. In a scene: the number of bursts and the
    /// receiver's parameters.
    public var columnTypes: [String: ColumnType] {
        var types: [String: ColumnType] = [:]
        if scene != nil {
            types["labels.burst_count"] = .int32
            for (path, _) in emitterParameters where Self.isPerExampleInScene(path) { types[path] = .float64 }
            return types
        }
        for field in MetadataCatalogue.runColumns {
            switch field.element {
            case "int32": types[field.path] = .int32
            case "float32": types[field.path] = .float32
            default: types[field.path] = .float64
            }
        }
        for (path, _) in emitterParameters { types[path] = .float64 }
        return types
    }

    /// Option names of the categorical per-example fields (recorded as indices).
    public var columnCategories: [String: [String]] {
        var categories: [String: [String]] = [:]
        for (path, spec) in emitterParameters where !spec.options.isEmpty {
            categories[scene != nil && !Self.isPerExampleInScene(path) ? MetadataPath.annotation(path) : path] = spec.options
        }
        return categories
    }

    /// Units of the per-example fields.
    public var columnUnits: [String: String] {
        var units: [String: String] = [:]
        if scene != nil {
            units["labels.burst_count"] = "bursts"
            for path in ["annotations.start", "annotations.stop"] { units[path] = "samples" }
            for path in ["annotations.f_low", "annotations.f_high"] { units[path] = "cycles/sample" }
            units["annotations.snr_db"] = "dB"
        } else {
            for field in MetadataCatalogue.runColumns where !field.unit.isEmpty { units[field.path] = field.unit }
        }
        for (path, spec) in emitterParameters where spec.options.isEmpty {
            units[scene != nil && !Self.isPerExampleInScene(path) ? MetadataPath.annotation(path) : path] = spec.unit
        }
        return units
    }
}

/// One parameter to draw for an example of a class: its own stream, named by its metadata path.
struct ParameterSlot: Sendable {
    let column: Int
    let path: String
    /// Whether the parameter takes whole numbers (its spec's `isInteger`: reading it through a stored
    /// spec copied the spec, 16 times per example in the realistic chain, ≈ 100 reference-count operations).
    let isInteger: Bool
    let distribution: Distribution
    let stream: StreamID
    let bounds: ParameterBounds
}
