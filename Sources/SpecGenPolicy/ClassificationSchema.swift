import SpecGenScenario

/// A classification schema (format `specgen-classification`, version 1; docs/classification.md): ordered
/// levels with their format rules, and rules that say from which level each metadata field is released
/// as is and what is done to it below. Construct it with `ClassificationSchema.load(from:)` or
/// `decode(_:)`, which refuse anything unknown, inconsistent or leaky with the JSON path of the problem.
public struct ClassificationSchema: Sendable {
    public static let formatName = "specgen-classification"
    public static let formatVersion = 1
    /// The `release_from` value of a field that is never released as is.
    public static let never = "never"

    public let id: String
    public let name: String
    public let version: String
    public let summary: String?
    public let review: ReviewDates
    /// Label categories (e.g. "Releasable To" → [GBR, USA]) for every level, sorted by name.
    public let categories: [LabelCategory]
    /// Lowest rank first.
    public let levels: [ClassificationLevel]
    public let rules: [FieldRule]
    /// SHA-256 (hex) of the schema file's bytes: what a marking cites and a site pins.
    public let sha256: String

    public func level(named name: String) -> ClassificationLevel? { levels.first { $0.name == name } }

    /// Position of a level in `levels` (0 = lowest).
    func levelIndex(_ name: String) -> Int? { levels.firstIndex { $0.name == name } }
}

/// A named list of values copied into the marking ("Releasable To": GBR, USA).
public struct LabelCategory: Sendable, Equatable {
    public let name: String
    public let values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}

/// When the schema was last reviewed and when it must be reviewed again.
public struct ReviewDates: Sendable, Equatable {
    public let last: CalendarDate
    public let next: CalendarDate
}

/// A date without time (`YYYY-MM-DD`), compared as such.
public struct CalendarDate: Sendable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Parses `YYYY-MM-DD` (a real calendar date); nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1 ... 12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1 ... days).contains(d) else { return nil }
        year = y
        month = m
        day = d
    }

    public var description: String {
        String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// One classification level.
public struct ClassificationLevel: Sendable, Equatable {
    /// Explicit integer rank: higher is more sensitive.
    public let rank: Int
    /// The name rules refer to (`CONFIDENTIAL`).
    public let name: String
    /// The text a marking shows (`UK CONFIDENTIAL`).
    public let display: String
    public let summary: String?
    /// Categories of this level, added to (or replacing, by name) the schema's.
    public let categories: [LabelCategory]
    public let format: FormatRules
}

/// What the data representation may reveal at a level (REDACTION.md #9–#11). Modelled and checked
/// against the field rules now; the writer enforces them in the write-time increment.
public struct FormatRules: Sendable, Equatable {
    public enum SampleRate: String, Sendable, CaseIterable { case physical, normalized }
    public enum ClassNames: String, Sendable, CaseIterable { case scenario, generic }

    /// `normalized`: times in samples, frequencies in cycles/sample, the sample rate 1.
    public let sampleRate: SampleRate
    /// Allowed example lengths L; nil: any.
    public let exampleLengths: [Int]?
    /// Allowed receive channel counts C; nil: any.
    public let channelCounts: [Int]?
    /// The sample type; only `complex64` (no integer widths or reduced precision that mirror an ADC).
    public let sampleType: String
    /// An ADC quantisation model may shape the samples.
    public let adcQuantization: Bool
    /// Deflate/shuffle may be used.
    public let compression: Bool
    /// Every example is scaled to unit mean power before it is written.
    public let unitPower: Bool
    /// `generic`: class names are `class_0`, `class_1`, … instead of the scenario's.
    public let classNames: ClassNames
    /// A /spectrogram may be written.
    public let spectrogram: Bool
    /// An /iq_clean (the captures without the thermal noise) may be written: `/iq − /iq_clean` shows
    /// each example's noise realisation, and so its exact noise power and SNR. Optional key
    /// `clean_reference`, false when absent.
    public var cleanReference: Bool = false
    /// Examples per HDF5 chunk: the chunk shape is (chunk_examples, C, L), from released values only.
    public let chunkExamples: Int

    /// Whether the level's format shows a fact a derivation needs.
    public func shows(_ fact: FieldDerivation.FormatFact) -> Bool {
        switch fact {
        case .exampleLengthOpen: exampleLengths.map { $0.count > 1 } ?? true
        case .channelCountOpen: channelCounts.map { $0.count > 1 } ?? true
        case .spectrogramWritten: spectrogram
        case .powerNotNormalized: !unitPower
        case .adcQuantized: adcQuantization
        case .cleanReferenceWritten: cleanReference
        }
    }

    /// The JSON key that decides a fact.
    static func key(of fact: FieldDerivation.FormatFact) -> String {
        switch fact {
        case .exampleLengthOpen: "example_lengths"
        case .channelCountOpen: "channel_counts"
        case .spectrogramWritten: "spectrogram"
        case .powerNotNormalized: "unit_power"
        case .adcQuantized: "adc_quantization"
        case .cleanReferenceWritten: "clean_reference"
        }
    }
}

/// One rule: the fields a pattern matches are released as is from `releaseFrom` up, and treated by
/// `below` (or a per-level `at` override) under it.
public struct FieldRule: Sendable {
    /// Position in `rules` (for JSON paths in messages).
    public let index: Int
    public let pattern: FieldPattern
    /// Level name; nil for `"never"`.
    public let releaseFrom: String?
    /// Applied at every level below `releaseFrom` that `at` does not name (default `drop`).
    public let below: Operation
    /// Level name → operator, for levels below `releaseFrom`.
    public let at: [String: Operation]
    public let reason: String?

    public var jsonPath: String { "$.rules[\(index)]" }
}

/// What a level does to a field.
public enum Operation: Sendable, Equatable {
    /// Released as is (the level is at or above `release_from`).
    case release
    case drop
    /// To relative units: frequencies as a fraction of the sample rate, durations in samples, powers
    /// relative to the strongest emitter, the sample rate as 1.
    case normalize
    case generalize(Generalization)
    /// Keyed HMAC-SHA256, domain-separated by field path; the key is given at run time.
    case hash
    case constant(ConstantValue)

    /// The operator's name as schemas and manifests spell it.
    public var name: String {
        switch self {
        case .release: "release"
        case .drop: "drop"
        case .normalize: "normalize"
        case .generalize: "generalize"
        case .hash: "hash"
        case .constant: "constant"
        }
    }

    public static let names = ["drop", "generalize", "normalize", "hash", "constant"]
}

/// How `generalize` coarsens a number.
public enum Generalization: Sendable, Equatable {
    /// Floor to a multiple of the step: ⌊v / step⌋ · step.
    case step(Double)
    /// Floor to the largest edge ≤ v (strictly increasing edges; below the first edge: −∞).
    case buckets([Double])
}

/// The value of a `constant`.
public enum ConstantValue: Sendable, Equatable {
    case integer(Int64)
    case number(Double)
    case text(String)
    case texts([String])
}
