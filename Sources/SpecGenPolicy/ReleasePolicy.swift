import SpecGenScenario

/// Decides which metadata fields a file may hold, and in what form, before anything is written.
///
/// `releaseAll` releases every field as is (no schema). `applying(_:sampleRateHz:key:)` applies one
/// level of a classification schema: every field gets its level's operation — released, dropped,
/// normalised, generalised, keyed-hashed or replaced by a constant — and a field no rule names is
/// dropped (fail closed). Every value a file holds passes through `release`: the writer accepts only
/// `ReleasedMetadata`, `ReleasedColumnLayout` and `ReleasedColumns`, which only this type makes. Output is
/// sorted by path, and the column layout is fixed per run.
public struct ReleasePolicy: Sendable {
    /// The policy's name, written as the `policy` root attribute: `release-all`, or the schema's id.
    public let name: String
    /// The level's marking, written as `/marking`; nil without a schema.
    public let marking: Marking?
    /// The level's format rules; nil without a schema.
    public let format: FormatRules?
    private let operation: @Sendable (String) -> Operation
    private let transform: FieldTransform

    init(name: String, marking: Marking? = nil, format: FormatRules? = nil, transform: FieldTransform = FieldTransform(),
         operation: @escaping @Sendable (String) -> Operation) {
        self.name = name
        self.marking = marking
        self.format = format
        self.transform = transform
        self.operation = operation
    }

    /// Releases every field unchanged.
    public static let releaseAll = ReleasePolicy(name: "release-all") { _ in .release }

    /// Releases only the listed fields (everything else is dropped): a fail-closed allow-list.
    public static func allowList(_ name: String, fields: Set<String>) -> ReleasePolicy {
        ReleasePolicy(name: name) { fields.contains($0) ? .release : .drop }
    }

    /// One level of a schema, for a run at `sampleRateHz` (what `normalize` divides by), by the generator
    /// of version `generatorVersion` (the marking names it).
    /// - Throws: `PolicyRefusal` when the level hashes a field and no key is given.
    public static func applying(_ resolved: ResolvedPolicy, sampleRateHz: Double, key: HashKey?, generatorVersion: String) throws(PolicyRefusal) -> ReleasePolicy {
        let hashed = resolved.fields.filter { $0.operation == .hash }.map(\.path)
        if key == nil, !hashed.isEmpty {
            throw PolicyRefusal("schema \(resolved.schemaID) hashes \(listFields(hashed)) at \(resolved.level.name): give the key with "
                                + "--key-file FILE (or --key-file - to read it from standard input)")
        }
        let operations = Dictionary(uniqueKeysWithValues: resolved.fields.map { ($0.path, $0.operation) })
        return ReleasePolicy(name: resolved.schemaID, marking: Marking(resolved, generatorVersion: generatorVersion), format: resolved.format,
                             transform: FieldTransform(sampleRateHz: sampleRateHz, hasher: key.map(FieldHasher.init))) { operations[$0] ?? .drop }
    }

    /// What the policy does to a field.
    public func operation(for path: String) -> Operation { operation(path) }

    /// File-level metadata: each field in its released form; fields the policy drops are not passed on.
    public func release(_ raw: [String: MetadataValue]) -> ReleasedMetadata {
        ReleasedMetadata(fields: raw.compactMap { path, value in transform.apply(operation(path), to: value, path: path).map { (path: path, value: $0) } })
    }

    /// A dataset's attributes that are fields `prefix.NAME` (`/spectrogram`'s `fft_size` is
    /// `spectrogram.fft_size`), in their released form, sorted by name.
    public func release(attributes: [(String, MetadataValue)], prefix: String) -> [(String, MetadataValue)] {
        attributes.compactMap { name, value in
            let path = prefix + "." + name
            return transform.apply(operation(path), to: value, path: path).map { (name, $0) }
        }.sorted { $0.0 < $1.0 }
    }

    /// The per-example fields that will be written, with their stored types, from all the fields the run
    /// can produce: a hashed column holds 64-bit identifiers, a generalised integer column reals.
    public func layout(for fields: [String: ColumnType]) -> ReleasedColumnLayout {
        ReleasedColumnLayout(columns: fields.compactMap { path, type in
            switch operation(path) {
            case .drop: nil
            case .hash: (path: path, type: .int64)
            case .generalize where type == .int32 || type == .int64, .normalize where type == .int32 || type == .int64: (path: path, type: .float64)
            default: (path: path, type: type)
            }
        })
    }

    /// The `unit` and `categories` attributes of a released column: a normalised column is in its
    /// normalised unit, a hashed one has neither.
    public func columnAttributes(path: String, unit: String?, categories: [String]?) -> (unit: String?, categories: [String]?) {
        switch operation(path) {
        case .drop, .hash: (nil, nil)
        case .normalize: (MetadataCatalogue.field(path)?.kind.normalizedUnit ?? unit, categories)
        default: (unit, categories)
        }
    }

    /// One block's values, reduced to `layout` and transformed. A released field missing from `raw` traps:
    /// the layout was computed from the same producer, so that is a programming error, not bad input.
    public func release(block raw: [String: ColumnValues], layout: ReleasedColumnLayout) -> ReleasedColumns {
        ReleasedColumns(values: layout.columns.map { column in
            guard let values = raw[column.path] else { preconditionFailure("block lacks released field \(column.path)") }
            return transform.apply(operation(column.path), to: values, path: column.path, as: column.type)
        })
    }
}

/// The arithmetic of the operators (docs/classification.md, "Operators").
struct FieldTransform: Sendable {
    /// The sample rate `normalize` divides frequencies by (1 when nothing is normalised).
    var sampleRateHz = 1.0
    /// The keyed hash; nil when the level hashes nothing.
    var hasher: FieldHasher?

    /// The factor `normalize` multiplies a field's values by: 1/Fs for frequencies, 1/Fs² for
    /// frequency rates, Fs for durations; 1 for powers, which are already dB ratios relative to the
    /// example's (single, unit-power) emitter in this version.
    func normalizingFactor(_ path: String) -> Double {
        switch MetadataCatalogue.field(path)?.kind {
        case .frequency: 1 / sampleRateHz
        case .frequencyRate: 1 / (sampleRateHz * sampleRateHz)
        case .duration: sampleRateHz
        default: 1
        }
    }

    /// A file-level value in its released form; nil: not written.
    func apply(_ operation: Operation, to value: MetadataValue, path: String) -> MetadataValue? {
        switch operation {
        case .release: return value
        case .drop: return nil
        case .hash:
            guard let hasher else { preconditionFailure("hash without a key: ReleasePolicy.applying refuses that") }
            return .text(hasher.hash(path: path, value: value))
        case .constant(let constant):
            switch constant {
            case .integer(let v): return .integer(v)
            case .number(let v): return .real(v)
            case .text(let v): return .text(v)
            case .texts(let v): return .texts(v)
            }
        case .normalize:
            let factor = normalizingFactor(path)
            switch value {
            case .integer(let v): return .real(Double(v) * factor)
            case .real(let v): return .real(v * factor)
            case .reals(let v, let shape): return .reals(v.map { $0 * factor }, shape: shape)
            case .text, .texts: return nil  // the loader refuses normalize on text fields; fail closed anyway
            }
        case .generalize(let generalization):
            switch value {
            case .integer(let v): return .real(generalization.apply(Double(v)))
            case .real(let v): return .real(generalization.apply(v))
            case .reals(let v, let shape): return .reals(v.map(generalization.apply), shape: shape)
            case .text, .texts: return nil
            }
        }
    }

    /// A column in its released form, of type `type` (`ReleasePolicy.layout`).
    func apply(_ operation: Operation, to values: ColumnValues, path: String, as type: ColumnType) -> ColumnValues {
        switch operation {
        case .release: return values
        case .drop: preconditionFailure("a dropped column has no layout entry")
        case .hash:
            guard let hasher else { preconditionFailure("hash without a key: ReleasePolicy.applying refuses that") }
            return .int64((0 ..< values.count).map { hasher.hash(path: path, element: values[double: $0]) })
        case .constant(let constant):
            let value: Double = switch constant {
            case .integer(let v): Double(v)
            case .number(let v): v
            // A category's option name is stored as its index in the column's `categories`.
            case .text(let name): Double(Self.optionIndex(name, path: path))
            case .texts: preconditionFailure("the loader refuses a text-list constant on a column")
            }
            return Self.filled(value, count: values.count, as: type)
        case .normalize:
            let factor = normalizingFactor(path)
            switch values {
            case .float32(let v): return factor == 1 ? values : .float32(v.map { Float(Double($0) * factor) })
            case .float64(let v): return factor == 1 ? values : .float64(v.map { $0 * factor })
            default: return .float64((0 ..< values.count).map { values[double: $0] * factor })
            }
        case .generalize(let generalization):
            switch values {
            case .float32(let v): return .float32(v.map { Float(generalization.apply(Double($0))) })
            default: return .float64((0 ..< values.count).map { generalization.apply(values[double: $0]) })
            }
        }
    }

    static func optionIndex(_ name: String, path: String) -> Int {
        guard case .category(let options) = MetadataCatalogue.field(path)?.valueType, let index = options.firstIndex(of: name) else {
            preconditionFailure("the loader checks a category constant against the field's options")
        }
        return index
    }

    static func filled(_ value: Double, count: Int, as type: ColumnType) -> ColumnValues {
        switch type {
        case .int32: .int32(Array(repeating: Int32(value), count: count))
        case .int64: .int64(Array(repeating: Int64(value), count: count))
        case .float32: .float32(Array(repeating: Float(value), count: count))
        case .float64: .float64(Array(repeating: value, count: count))
        }
    }
}

extension Generalization {
    /// ⌊v / step⌋ · step, or the largest edge ≤ v (−∞ below the first edge).
    func apply(_ value: Double) -> Double {
        switch self {
        case .step(let step): (value / step).rounded(.down) * step
        case .buckets(let edges): edges.last { $0 <= value } ?? -.infinity
        }
    }
}
