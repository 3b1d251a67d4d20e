/// What a metadata field measures. The kind decides which classification operators make sense for it
/// (`normalize` only where a normalised unit exists, `generalize` only for numbers) and which
/// derivations apply to it (see `MetadataCatalogue.derivations`).
public enum FieldKind: String, Sendable, CaseIterable, Comparable {
    /// Hz; normalises to cycles/sample (the sample rate itself to 1).
    case frequency
    /// Hz/s; normalises to cycles/sample².
    case frequencyRate = "frequency_rate"
    /// s; normalises to samples.
    case duration
    /// Already in samples (a length, a delay, a time constant).
    case sampleCount = "sample_count"
    /// Already in cycles/sample (a scene burst's measured band edge): releasing it does not involve the
    /// sample rate, and `normalize` means nothing for it.
    case normalizedFrequency = "normalized_frequency"
    /// A level or ratio in dB; normalises to dB relative to the strongest emitter.
    case power
    /// rad or deg.
    case angle
    /// A dimensionless real (a roll-off, a fraction, ppm).
    case ratio
    /// An integer number of things (bits, points, taps, subcarriers, …).
    case count
    /// m or wavelengths.
    case distance
    /// m/s.
    case velocity
    /// One of named options (recorded as the option's index, or as its name in a root attribute).
    case category
    /// Identifies a run: the seed and the scenario's SHA-256 (an unkeyed hash is a brute-force oracle).
    case identifier
    /// Describes the file, not the data: format tag and version, generator version, policy name.
    case provenance
    /// A training target that is not a physical quantity: the class index and the class names.
    case label

    /// The unit a normalised value is expressed in; nil where `normalize` means nothing.
    public var normalizedUnit: String? {
        switch self {
        case .frequency: "cycles/sample"
        case .frequencyRate: "cycles/sample²"
        case .duration: "samples"
        case .power: "dB re strongest emitter"
        default: nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The values a field takes.
public enum FieldValueType: Sendable, Equatable {
    case integer
    case real
    /// One of the options (stored as its index in /meta, as its name in a root attribute).
    case category([String])
    case text
    /// A list of strings (the class names).
    case texts

    public var isNumeric: Bool { self == .integer || self == .real }

    public var name: String {
        switch self {
        case .integer: "integer"
        case .real: "real"
        case .category: "category"
        case .text: "text"
        case .texts: "text list"
        }
    }
}

/// Where a field's value is (or would be) written in the dataset file.
public enum FieldStorage: Sendable, Equatable {
    /// A root attribute named after the field.
    case rootAttribute
    /// `/labels/<name>`: one row per class (the class names).
    case labelsDataset
    /// `/meta/<path>`: one value per example.
    case metaColumn
    /// `/labels/<name>`: one value per example.
    case labelsColumn
    /// `/annotations/<name>` (the path without its `annotations.` prefix): one value per burst of a scene,
    /// any number of rows per example, in example order.
    case annotationColumn
    /// An attribute of a dataset (`/spectrogram`).
    case datasetAttribute(dataset: String, attribute: String)
    /// The length of a dataset axis (`/iq`'s channel axis): visible whenever the dataset is written.
    case shape(dataset: String, axis: String)
    /// Not written by this version of specgen, but it shapes the samples (so a released seed is an
    /// oracle for it) — listed so that schemas decide about it too.
    case notWritten

    /// Where to look, in words: `/meta/emitter.rolloff`, `root attribute seed`.
    public func location(of path: String) -> String {
        switch self {
        case .rootAttribute: "root attribute \(path)"
        case .labelsDataset, .labelsColumn: "/labels/" + path.dropFirst("labels.".count)
        case .metaColumn: "/meta/\(path)"
        case .annotationColumn: "/annotations/" + path.dropFirst(MetadataPath.annotations.count)
        case .datasetAttribute(let dataset, let attribute): "\(dataset) attribute \(attribute)"
        case .shape(let dataset, let axis): "\(dataset) shape, \(axis) axis"
        case .notWritten: "not written"
        }
    }

    /// One value per example (a column) rather than one per file.
    public var isPerExample: Bool { self == .metaColumn || self == .labelsColumn }

    /// One value per burst of a scene (an `/annotations` column).
    public var isPerBurst: Bool { self == .annotationColumn }
}

/// One metadata field specgen can emit, with what classification schemas need to know about it.
public struct MetadataField: Sendable {
    /// The dotted path schemas match (`emitter.rolloff`, `sample_rate_hz`, `labels.class_names`).
    public let path: String
    /// The physical unit (`Hz`, `s`, `dB`, `1`, …), `category` for options, empty for text.
    public let unit: String
    public let kind: FieldKind
    public let valueType: FieldValueType
    /// Stored precision: `int32`, `int64`, `float32`, `float64`, `string`, `string[]`.
    public let element: String
    public let storage: FieldStorage
    /// Changing the value (all else equal) changes the samples in /iq. Where such a field is hidden, a
    /// released seed is an oracle for it (REDACTION.md #12).
    public let affectsSamples: Bool
    /// Its value in normalised units (cycles/sample, samples) can be estimated from /iq itself, so
    /// releasing it in physical units discloses the sample rate (see the derivation table).
    public let measurableInSamples: Bool
    /// The values it can take (union over the families that use it); nil when not numeric or when the
    /// families disagree on scaling with the sample rate.
    public let bounds: ParameterBounds?
    public let summary: String
    /// Emitter or stage types (or `gating`, `array`, `run`, `scenario`, `scene`, `spectrogram`) that record it.
    public let sources: [String]

    public init(path: String, unit: String, kind: FieldKind, valueType: FieldValueType, element: String, storage: FieldStorage,
                affectsSamples: Bool, measurableInSamples: Bool = false, bounds: ParameterBounds? = nil, summary: String, sources: [String]) {
        self.path = path
        self.unit = unit
        self.kind = kind
        self.valueType = valueType
        self.element = element
        self.storage = storage
        self.affectsSamples = affectsSamples
        self.measurableInSamples = measurableInSamples
        self.bounds = bounds
        self.summary = summary
        self.sources = sources
    }
}
