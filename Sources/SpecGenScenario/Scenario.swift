import Foundation

/// A validated scenario (format version 1). Construct it with `Scenario.load(from:)` or
/// `Scenario.decode(_:)`, which check every key and value; see docs/scenario.md.
public struct Scenario: Sendable {
    public static let formatName = "specgen-scenario"
    public static let formatVersion = 1

    public var name: String?
    public var seed: UInt64
    public var examples: Int
    public var samplesPerExample: Int
    public var sampleRateHz: Double
    public var snrDB: Distribution
    public var snrDefinition: String
    public var classes: [SignalClass]
    /// Stages on every emitter's path, in order (propagation and transmitter hardware).
    public var channel: [StageSpec] = []
    /// Stages at the receiver, after thermal noise, in order.
    public var receiver: [StageSpec] = []
    /// The receive antenna array; nil: one channel.
    public var array: ArraySpec?
    /// A wideband scene: several bursts per capture, annotated (docs/scenes.md); nil: one emitter per example.
    public var scene: SceneSpec?
    public var output: OutputOptions
    /// SHA-256 input: the exact bytes the scenario was read from.
    public var sourceBytes: Data
}

public struct SignalClass: Sendable {
    public var name: String
    public var weight: Double
    public var emitter: EmitterSpec
}

/// An emitter family with every parameter resolved (given or default).
public struct EmitterSpec: Sendable {
    public var family: EmitterFamily
    public var type: String { family.type }
    /// Parameter name → its distribution, for every parameter of the family.
    public var parameters: [String: Distribution]
    /// The emitter a wrapping family (frequency hopping) acts on.
    public var base: Box<EmitterSpec>?
    /// Burst gating (`gating` key): parameter name → distribution, for every gating parameter.
    public var gating: [String: Distribution]?

    /// Every parameter of this emitter, its base and its gating, with metadata paths under `prefix`
    /// (`emitter.rolloff`, `emitter.base.rolloff`, `emitter.gating.on_s`), in a fixed order.
    /// Paths are built by `MetadataPath`, as `MetadataCatalogue` builds them.
    public func allParameters(prefix: String = MetadataPath.emitter) -> [(path: String, spec: ParameterSpec, distribution: Distribution)] {
        var all = family.parameters.map { (path: prefix + $0.name, spec: $0, distribution: parameters[$0.name]!) }
        if let gating {
            all += EmitterCatalogue.gatingParameters.map { (path: MetadataPath.gating(of: prefix) + $0.name, spec: $0, distribution: gating[$0.name]!) }
        }
        if let base { all += base.value.allParameters(prefix: MetadataPath.base(of: prefix)) }
        return all
    }
}

/// A reference box, so that a value type can hold another of its kind.
public final class Box<Value: Sendable>: Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

public struct OutputOptions: Sendable {
    /// Examples per chunk and per unit of work; nil = about 1 MiB of IQ.
    public var blockExamples: Int?
    public var compression: Compression?
    public var spectrogram: SpectrogramOptions?
    /// Write `/iq_clean`: every capture also without the thermal noise (docs/dataset.md, "Clean reference").
    public var clean = false
    /// Write `/masks`: per spectrogram cell, 1 + the class of the strongest burst above the noise (scenes).
    public var masks = false

    public struct Compression: Sendable, Equatable {
        public var deflateLevel: Int
        public var shuffle: Bool
    }

    public struct SpectrogramOptions: Sendable, Equatable {
        public var fftSize: Int
        public var hop: Int
        public var window: String
        public var decibels: Bool
        /// `two`: all F frequencies, centred (−½ … ½ cycles/sample); `one`: 0 … ½ only (F/2 + 1 rows).
        public var sides: String = "two"
        /// Per-example normalisation over all of an example's cells (every channel): `none`, `peak` (the
        /// largest cell 1, 0 dB), `mean` (the mean power 1, 0 dB) or `standardize` (zero mean, unit
        /// standard deviation of the values as stored, after the scale).
        public var normalization: String = "none"

        public static let sidesOptions = ["one", "two"]
        public static let normalizationOptions = ["mean", "none", "peak", "standardize"]

        /// Frequency rows stored: F, or F/2 + 1 one-sided.
        public var rows: Int { sides == "one" ? fftSize / 2 + 1 : fftSize }

        public init(fftSize: Int, hop: Int, window: String, decibels: Bool, sides: String = "two", normalization: String = "none") {
            self.fftSize = fftSize
            self.hop = hop
            self.window = window
            self.decibels = decibels
            self.sides = sides
            self.normalization = normalization
        }
    }
}

extension Scenario {
    /// Reads and validates a scenario file.
    /// - Throws: `ScenarioFileError` if the file cannot be read, `ScenarioError` if it is not a valid scenario.
    public static func load(from path: String) throws -> Scenario {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioFileError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        return try decode(data)
    }

    /// Validates scenario JSON.
    public static func decode(_ data: Data) throws -> Scenario {
        let root = try JSONValue.parse(data)
        var reader = ScenarioReader()
        let scenario = reader.scenario(root, source: data)
        if !reader.issues.isEmpty { throw ScenarioError.invalid(reader.issues) }
        return scenario!
    }
}

/// A scenario path that could not be read (bad input: exit status 2).
public struct ScenarioFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
