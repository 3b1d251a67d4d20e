import SpecGenHDF5
import SpecGenPolicy
import SpecGenScenario

/// Maps every object and attribute of a marked file to a catalogue field (docs/dataset.md; docs/classification.md, "Applying a schema")
/// or to the fixed structural set, and checks each field's form against its operator at the file's level
/// and the level's format rules on /iq, /iq_clean, /spectrogram and the class names.
struct FieldChecks {
    let file: HDF5File
    let inventory: HDF5Inventory
    let policy: ResolvedPolicy
    var findings: [AuditFinding] = []
    /// Per-example and per-burst datasets found: field path → dataset path (for the byte scan's released values).
    var columns: [(field: String, dataset: String)] = []
    /// Rows of the first `/annotations` column seen: every other one must have as many.
    private var annotationRows: (count: Int, dataset: String)?

    static let structuralGroups: Set<String> = ["/", "/labels", "/meta", "/annotations", "/marking", "/marking/categories"]
    /// The /spectrogram attributes that are fields (`spectrogram.fft_size` …), from the catalogue.
    static let spectrogramFields: Set<String> = Set(MetadataCatalogue.fields.compactMap { field in
        if case .datasetAttribute("/spectrogram", let attribute) = field.storage { attribute } else { nil }
    })

    init(file: HDF5File, inventory: HDF5Inventory, policy: ResolvedPolicy) {
        self.file = file
        self.inventory = inventory
        self.policy = policy
    }

    private mutating func add(_ location: String, _ what: String, _ why: String, _ vector: Int?) {
        findings.append(AuditFinding(location, what, why, vector: vector))
    }

    var format: FormatRules { policy.format }

    mutating func run() throws {
        let examples = inventory.object("/iq")?.dataset?.shape.first
        for object in inventory.objects {
            let path = object.path
            switch path {
            case "/":
                for attribute in object.attributes { rootAttribute(attribute) }
            case "/iq":
                try iq(object)
            case "/iq_clean":
                try clean(object, examples: examples)
            case "/spectrogram":
                spectrogram(object, examples: examples)
            case "/masks":
                masks(object, examples: examples)
            case "/marking":
                unexpectedAttributes(object, allowed: FileMarking.attributeNames)
            case "/marking/categories":
                break  // checked against the schema with the marking
            case "/marking/manifest_field", "/marking/manifest_operator":
                guard object.kind == .dataset else { fallthrough }
                unexpectedAttributes(object, allowed: ["axes"])
            case _ where Self.structuralGroups.contains(path):
                guard object.kind == .group else {
                    add(path, "not a group", "specgen writes \(path) as a group", nil)
                    break
                }
                unexpectedAttributes(object, allowed: [])
            default:
                let parts = path.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count == 3, parts[1] == "labels" || parts[1] == "meta", object.kind == .dataset {
                    let field = parts[1] == "labels" ? "labels." + parts[2] : String(parts[2])
                    try column(object, field: field, examples: examples)
                } else if parts.count == 3, parts[1] == "annotations", object.kind == .dataset {
                    try annotation(object, field: MetadataPath.annotation(String(parts[2])))
                } else {
                    add(path, "object not in the allow-list", "a \(object.kind.rawValue) that is neither a structural object nor a catalogue field", nil)
                }
            }
        }
        if inventory.object("/iq") == nil { add("/iq", "missing", "every specgen file has /iq", nil) }
    }

    // MARK: Root attributes and columns

    private mutating func rootAttribute(_ attribute: AttributeRecord) {
        let location = "root attribute \(attribute.name)"
        guard let field = MetadataCatalogue.field(attribute.name), field.storage == .rootAttribute else {
            add(location, "attribute not in the allow-list", "no catalogue field is stored as a root attribute of that name", nil)
            return
        }
        if attribute.name == "policy", policy.operation(for: "policy") == .release, attribute.value != .text(policy.schemaID) {
            add(location, "policy is not the schema id", "\(render(attribute.value)), the marking's schema is \(policy.schemaID)", nil)
        }
        check(field, value: attribute.value, location: location)
    }

    /// A field stored as one value (a root attribute, a /spectrogram attribute, the class names).
    private mutating func check(_ field: MetadataField, value: MetadataValue?, location: String) {
        switch policy.operation(for: field.path) {
        case .release: break
        case .drop: add(location, "dropped field present", "\(field.path) is dropped at \(policy.level.name)", nil)
        case .hash:
            if case .text(let text)? = value, text.count == 64, text.allSatisfy({ "0123456789abcdef".contains($0) }) { break }
            // A seed in the clear is an oracle for every hidden sample-affecting value (#12); any other field, a broken hash (#13).
            add(location, "hashed field not in hash form", "\(field.path) is hashed at \(policy.level.name): expected 64 lower-case hex digits, found \(render(value))",
                field.path == MetadataCatalogue.seed ? 12 : 13)
        case .normalize:
            if field.path == MetadataCatalogue.sampleRate, value != .real(1) {
                add(location, "sample rate not normalised", "\(field.path) must be 1 at \(policy.level.name), found \(render(value))", nil)
            }
        case .generalize(let generalization):
            let numbers: [Double] = switch value {
            case .integer(let v)?: [Double(v)]
            case .real(let v)?: [v]
            case .reals(let v, _)?: v
            default: []
            }
            if let bad = numbers.first(where: { !Self.isGeneralized($0, generalization) }) {
                add(location, "generalised field not on its grid", "\(field.path): \(bad) is not \(Self.describe(generalization))", nil)
            }
        case .constant(let constant):
            let expected: MetadataValue = switch constant {
            case .integer(let v): .integer(v)
            case .number(let v): .real(v)
            case .text(let v): .text(v)
            case .texts(let v): .texts(v)
            }
            if value != expected {
                add(location, "constant field changed", "\(field.path) must be \(render(expected)) at \(policy.level.name), found \(render(value))", nil)
            }
        }
    }

    private mutating func column(_ object: ObjectRecord, field path: String, examples: Int?) throws {
        let location = object.path
        guard let field = MetadataCatalogue.field(path) else {
            add(location, "object not in the allow-list", "\(path) is not a catalogue field", nil)
            return
        }
        guard let dataset = object.dataset else { return }
        if field.storage == .labelsDataset {
            unexpectedAttributes(object, allowed: ["axes"])
            let names = try file.root.openDataset(String(location.dropFirst())).readStrings()
            check(field, value: .texts(names), location: location)
            if path == "labels.class_names", format.classNames == .generic, names != names.indices.map({ "class_\($0)" }) {
                add(location, "class names not generic", "the level's format rule class_names is generic: expected class_0 … class_\(names.count - 1), found "
                    + names.prefix(4).joined(separator: ", ") + (names.count > 4 ? ", …" : ""), 9)
            }
            return
        }
        guard field.storage.isPerExample else {
            add(location, "object not in the allow-list", "\(path) is stored as \(field.storage.location(of: path)), not as \(location)", nil)
            return
        }
        columns.append((path, location))
        let operation = policy.operation(for: path)
        unexpectedAttributes(object, allowed: operation == .hash ? ["axes"] : ["axes", "unit", "categories"])
        perExampleShape(object.path, dataset, examples: examples)
        try releasedForm(object, field: field, dataset: dataset, operation: operation)
    }

    /// A scene's `/annotations/<name>` (field `annotations.<name>`): a per-burst catalogue field in its
    /// released form, `axes` "burst", and the layout the writer gives every such column — one axis,
    /// extensible (the number of bursts is known only at the end), chunks of `annotationChunkRows` rows,
    /// as many rows as every other column of the group.
    private mutating func annotation(_ object: ObjectRecord, field path: String) throws {
        let location = object.path
        guard let field = MetadataCatalogue.field(path), field.storage.isPerBurst else {
            add(location, "object not in the allow-list", "\(path) is not a per-burst catalogue field (a scene's /annotations column)", nil)
            return
        }
        guard let dataset = object.dataset else { return }
        columns.append((path, location))
        let operation = policy.operation(for: path)
        unexpectedAttributes(object, allowed: operation == .hash ? ["axes"] : ["axes", "unit", "categories"])
        let axes = object.attributes.first { $0.name == "axes" }?.value
        if axes != .text("burst") {
            add("\(location) attribute axes", "axes not \"burst\"", "found \(render(axes)); an /annotations column has one row per burst", nil)
        }
        let chunk = [DatasetWriter.annotationChunkRows]
        if dataset.shape.count != 1 || dataset.maxShape != [-1] || dataset.layout != .chunked || dataset.chunk != chunk {
            add(location, "annotation layout not allowed",
                "shape \(dataset.shape), maximum \(dataset.maxShape), chunks \(dataset.chunk.map { "\($0)" } ?? "none (\(dataset.layout.rawValue))"); "
                + "an /annotations column is one extensible axis in chunks of \(chunk) rows", 10)
        }
        if let rows = dataset.shape.first {
            if let first = annotationRows, first.count != rows {
                add(location, "rows differ from the other /annotations columns", "\(rows) rows, \(first.dataset) has \(first.count)", nil)
            } else if annotationRows == nil {
                annotationRows = (rows, location)
            }
        }
        if operation == .release, !field.unit.isEmpty, field.unit != "category",
           let unit = object.attributes.first(where: { $0.name == "unit" })?.value, unit != .text(field.unit) {
            add("\(location) attribute unit", "unit not the field's", "\(render(unit)); \(path) is released as is in \(field.unit)", nil)
        }
        try releasedForm(object, field: field, dataset: dataset, operation: operation)
    }

    /// A column's values and attributes against its operator at the level.
    private mutating func releasedForm(_ object: ObjectRecord, field: MetadataField, dataset: DatasetRecord, operation: Operation) throws {
        let location = object.path, path = field.path
        let unit: String? = object.attributes.first { $0.name == "unit" }.flatMap { if case .text(let u)? = $0.value { u } else { nil } }
        switch operation {
        case .release: break
        case .drop: add(location, "dropped field present", "\(path) is dropped at \(policy.level.name)", nil)
        case .hash:
            if dataset.type != .integer(size: 8, littleEndian: true, signed: true, precision: 64, offset: 0, standard: "i64le") {
                add(location, "hashed field not in hash form", "\(path) is hashed at \(policy.level.name): expected an int64 column, found \(dataset.type)", 13)
            }
        case .normalize:
            if let normalized = field.kind.normalizedUnit, unit != normalized {
                add(location, "normalised column not in its normalised unit", "\(path): unit \(unit.map { "\"\($0)\"" } ?? "missing"), expected \"\(normalized)\"", nil)
            }
        case .generalize(let generalization):
            let values = try read(location)
            if let bad = values.first(where: { !$0.isNaN && !Self.isGeneralized($0, generalization) }) {
                add(location, "generalised field not on its grid", "\(path): \(bad) is not \(Self.describe(generalization))", nil)
            }
        case .constant(let constant):
            let categories: [String]? = object.attributes.first { $0.name == "categories" }.flatMap { if case .texts(let c)? = $0.value { c } else { nil } }
            let expected: Double? = switch constant {
            case .integer(let v): Double(v)
            case .number(let v): v
            case .text(let name): (categories ?? (field.valueType.options)).firstIndex(of: name).map(Double.init)
            case .texts: nil
            }
            let values = try read(location)
            if let bad = values.first(where: { expected == nil || $0 != expected! && !(Float($0) == Float(expected!)) }) {
                add(location, "constant field changed", "\(path) must be \(expected.map { "\($0)" } ?? "?") at \(policy.level.name), found \(bad)", nil)
            }
        }
    }

    private func read(_ location: String) throws -> [Double] {
        try file.root.openDataset(String(location.dropFirst())).read(as: .float64, element: Double.self)
    }

    /// A per-example dataset: (N) or (N, …) chunked by the level's chunk_examples along the first axis.
    private mutating func perExampleShape(_ path: String, _ dataset: DatasetRecord, examples: Int?) {
        if let examples, dataset.shape.first != examples {
            add(path, "shape not one row per example", "shape \(dataset.shape), /iq has \(examples) examples", 10)
        }
        guard let rows = dataset.maxShape.first, rows >= 0 else { return }
        let expected = [min(format.chunkExamples, rows)] + dataset.shape.dropFirst()
        if dataset.layout != .chunked || dataset.chunk != expected {
            add(path, "chunk shape not allowed", "chunks \(dataset.chunk.map { "\($0)" } ?? "none (\(dataset.layout.rawValue))"), the format rules give \(expected) "
                + "(chunk_examples \(format.chunkExamples))", 10)
        }
    }

    // MARK: /iq and /spectrogram

    private mutating func iq(_ object: ObjectRecord) throws {
        try captures(object, path: "/iq", examples: nil)
    }

    /// /iq_clean: allowed only where the level's `clean_reference` is, and checked as /iq is (shape,
    /// chunks, the ADC lattice) except for unit power: it is scaled by its noisy example's factor.
    private mutating func clean(_ object: ObjectRecord, examples: Int?) throws {
        if !format.cleanReference {
            add("/iq_clean", "clean reference where the level forbids it",
                "/iq − /iq_clean shows each example's noise realisation (its exact noise power and SNR); the level's format rule clean_reference is false or absent", nil)
        }
        if let iq = inventory.object("/iq")?.dataset, let dataset = object.dataset, dataset.shape != iq.shape {
            add("/iq_clean", "shape differs from /iq", "shape \(dataset.shape), /iq has \(iq.shape)", 10)
        }
        try captures(object, path: "/iq_clean", examples: examples)
    }

    /// A (example, channel, sample) dataset of captures: its shape against the format rules, its chunks,
    /// and its samples (`samples`).
    private mutating func captures(_ object: ObjectRecord, path: String, examples: Int?) throws {
        unexpectedAttributes(object, allowed: ["axes"])
        guard let dataset = object.dataset, object.kind == .dataset else {
            add(path, "not a dataset", "specgen writes \(path) as a dataset", nil)
            return
        }
        guard dataset.shape.count == 3 else {
            add(path, "shape not allowed", "rank \(dataset.shape.count), expected (example, channel, sample)", 10)
            return
        }
        let channels = dataset.shape[1], length = dataset.shape[2]
        if let lengths = format.exampleLengths, !lengths.contains(length) {
            add(path, "example length not allowed", "L = \(length); the level's example_lengths are \(lengths.map(String.init).joined(separator: ", "))", 10)
        }
        if let counts = format.channelCounts, !counts.contains(channels) {
            add(path, "channel count not allowed", "C = \(channels); the level's channel_counts are \(counts.map(String.init).joined(separator: ", "))", 10)
        }
        perExampleShape(path, dataset, examples: examples)
        guard dataset.type == .complex64 else { return }
        try samples(dataset, path: path, unitPower: path == "/iq" && format.unitPower)
    }

    private mutating func spectrogram(_ object: ObjectRecord, examples: Int?) {
        if !format.spectrogram {
            add("/spectrogram", "spectrogram where the level forbids it", "its shape shows the FFT size; the level's format rule spectrogram is false", 10)
        }
        for attribute in object.attributes where attribute.name != "axes" {
            let location = "/spectrogram attribute \(attribute.name)"
            if Self.spectrogramFields.contains(attribute.name), let field = MetadataCatalogue.field("spectrogram." + attribute.name) {
                check(field, value: attribute.value, location: location)
            } else {
                add(location, "attribute not in the allow-list",
                    "specgen writes axes and " + Self.spectrogramFields.sorted().joined(separator: ", ") + " on /spectrogram", nil)
            }
        }
        if let dataset = object.dataset { perExampleShape("/spectrogram", dataset, examples: examples) }
    }

    /// A scene's cell labels: they follow the spectrogram's shape (its FFT size and hop), so the level's
    /// spectrogram rule decides them too, and they carry only their axes and value legend.
    private mutating func masks(_ object: ObjectRecord, examples: Int?) {
        if !format.spectrogram {
            add("/masks", "masks where the level forbids a spectrogram", "their shape shows the FFT size; the level's format rule spectrogram is false", 10)
        }
        unexpectedAttributes(object, allowed: ["axes", "values"])
        if let dataset = object.dataset { perExampleShape("/masks", dataset, examples: examples) }
    }

    /// Unit power (where `unitPower`) and the ADC value lattice of the captures at `path`, read a chunk
    /// of examples at a time.
    private mutating func samples(_ record: DatasetRecord, path: String, unitPower: Bool) throws {
        let dataset = try file.root.openDataset(String(path.dropFirst()))
        let examples = record.shape[0], perExample = record.shape[1] * record.shape[2]
        let batch = max(1, min(examples, (1 << 22) / max(1, perExample)))
        var offPower: [(Int, Double)] = []
        var latticeExamples = 0, latticeChecked = 0
        var first = 0
        while first < examples {
            let rows = min(batch, examples - first)
            let values = try dataset.readRows(first: first, rows: rows, as: .complex64, element: SIMD2<Float>.self)
            for j in 0 ..< rows {
                let example = values[j * perExample ..< (j + 1) * perExample]
                if unitPower {
                    var energy = 0.0
                    for x in example { energy += Double(x.x) * Double(x.x) + Double(x.y) * Double(x.y) }
                    let power = energy / Double(perExample)
                    if power != 0 && abs(power - 1) > 1e-3 { offPower.append((first + j, power)) }
                }
                if !format.adcQuantization && latticeChecked < 16 {
                    latticeChecked += 1
                    if ValueLattice.detect(example.map { $0.x }) != nil { latticeExamples += 1 }
                }
            }
            first += rows
        }
        if let (example, power) = offPower.first {
            add(path, "examples not at unit power", "\(offPower.count) of \(examples) examples (first: example \(example), mean power \(power)); "
                + "the level's format rule unit_power is true (the RMS shows an AGC target or gain)", 11)
        }
        if latticeChecked > 0, latticeExamples * 2 >= latticeChecked {
            add(path, "samples on a value lattice", "\(latticeExamples) of the first \(latticeChecked) examples take values on an evenly spaced grid "
                + "(an ADC model's quantisation shows its bit depth); the level's format rule adc_quantization is false", 11)
        }
    }

    // MARK: helpers

    private mutating func unexpectedAttributes(_ object: ObjectRecord, allowed: Set<String>) {
        for attribute in object.attributes where !allowed.contains(attribute.name) {
            add("\(object.path) attribute \(attribute.name)", "attribute not in the allow-list",
                allowed.isEmpty ? "specgen writes no attributes on \(object.path)" : "allowed: \(allowed.sorted().joined(separator: ", "))", nil)
        }
    }

    static func isGeneralized(_ value: Double, _ generalization: Generalization) -> Bool {
        switch generalization {
        case .step(let step):
            let q = value / step
            return q.isFinite && abs(q - q.rounded()) <= 1e-6 * max(1, abs(q))
        case .buckets(let edges):
            return value == -.infinity || edges.contains(value) || edges.contains { Float($0) == Float(value) }
        }
    }

    static func describe(_ generalization: Generalization) -> String {
        switch generalization {
        case .step(let step): "a multiple of the step \(step)"
        case .buckets(let edges): "a bucket edge (\(edges.map { "\($0)" }.joined(separator: ", ")) or -inf)"
        }
    }

    private func render(_ value: MetadataValue?) -> String {
        switch value {
        case nil: "a value of another type"
        case .integer(let v)?: "\(v)"
        case .real(let v)?: "\(v)"
        case .text(let v)?: "\"\(v)\""
        case .texts(let v)?: "[" + v.prefix(4).map { "\"\($0)\"" }.joined(separator: ", ") + (v.count > 4 ? ", …" : "") + "]"
        case .reals(let v, _)?: "[" + v.prefix(4).map { "\($0)" }.joined(separator: ", ") + (v.count > 4 ? ", …" : "") + "]"
        }
    }
}

extension FieldValueType {
    /// A category's option names ([] otherwise).
    var options: [String] {
        if case .category(let options) = self { return options }
        return []
    }
}
