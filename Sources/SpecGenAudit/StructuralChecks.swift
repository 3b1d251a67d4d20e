import SpecGenHDF5
import SpecGenPolicy

/// Checks of the file's structure that hold whatever the fields are: the REDACTION.md writer settings
/// (no timestamps, comments, user block, creation order, non-hard links, external or virtual storage,
/// user fill values, foreign filters or datatypes) and the level's format rules on layout.
struct StructuralChecks {
    let inventory: HDF5Inventory
    let format: FormatRules
    var findings: [AuditFinding] = []

    static let deflate = 1, shuffle = 2

    init(inventory: HDF5Inventory, format: FormatRules) {
        self.inventory = inventory
        self.format = format
    }

    mutating func run() {
        file()
        for link in inventory.links { self.link(link) }
        for object in inventory.objects { self.object(object) }
    }

    private mutating func add(_ location: String, _ what: String, _ why: String, _ vector: Int?) {
        findings.append(AuditFinding(location, what, why, vector: vector))
    }

    private mutating func file() {
        if inventory.userBlockSize != 0 {
            add("file", "user block", "\(inventory.userBlockSize) bytes before the HDF5 data (survives h5repack); specgen writes none", 7)
        }
        if inventory.signatureOffset != 0 {
            add("file", "HDF5 signature not at byte 0",
                inventory.signatureOffset.map { "found at byte \($0): the bytes before it are a user block" } ?? "not found", 7)
        }
    }

    private mutating func link(_ link: LinkRecord) {
        switch link.kind {
        case .hard: break
        case .soft(let target): add(link.path, "soft link", "points to \(target); only hard links are allowed", 8)
        case .external(let file, let object): add(link.path, "external link", "points to \(object) in file \(file) (another file's path)", 8)
        case .userDefined(let type): add(link.path, "user-defined link", "link class \(type); only hard links are allowed", 8)
        }
        if let order = link.creationOrder {
            add(link.path, "link creation order", "the link carries creation order \(order): gaps reveal deletions", 6)
        }
    }

    private mutating func object(_ object: ObjectRecord) {
        let path = object.path
        let names = ["atime", "mtime", "ctime", "btime"]
        let stamped = zip(names, object.timestamps).filter { $0.1 != 0 }
        if !stamped.isEmpty {
            add(path, "object timestamp", stamped.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + " (epoch seconds in the object header)", 5)
        }  // (`tracksTimes` of a retrieved creation property list is the library default, not the stored setting: not used)
        if let comment = object.comment { add(path, "object comment", "\(comment.utf8.count) bytes of comment; specgen never sets comments", 7) }
        if object.attributeCreationOrder != 0 { add(path, "attribute creation order", "tracked (flags \(object.attributeCreationOrder))", 6) }
        if !object.aliases.isEmpty { add(path, "object with several links", "also linked as \(object.aliases.joined(separator: ", "))", 8) }
        for attribute in object.attributes where !Self.allowedType(attribute.type, complex: false) {
            add("\(path) attribute \(attribute.name)", "datatype not allowed", "\(attribute.type)", Self.typeVector(attribute.type))
        }
        switch object.kind {
        case .group: if let group = object.group { self.group(path, group) }
        case .dataset: if let dataset = object.dataset { self.dataset(path, dataset) }
        case .namedDatatype: add(path, "committed datatype", "\(object.namedType.map { "\($0)" } ?? "?"); specgen commits no datatypes", 9)
        case .unknown: add(path, "unknown object type", "not a group, dataset or datatype", nil)
        }
    }

    private mutating func group(_ path: String, _ group: GroupRecord) {
        if group.linkCreationOrder != 0 { add(path, "link creation order", "tracked (flags \(group.linkCreationOrder)): gaps reveal deletions", 6) }
        if group.linkStorage == "dense" { add(path, "dense link storage", "keeps the names of deleted links", 4) }
    }

    private mutating func dataset(_ path: String, _ dataset: DatasetRecord) {
        if !Self.allowedType(dataset.type, complex: path == "/iq" || path == "/iq_clean", byte: path == "/masks") {
            add(path, "datatype not allowed", "\(dataset.type)", Self.typeVector(dataset.type))
        }
        if dataset.layout == .virtual {
            add(path, "virtual dataset", "maps data from \(dataset.virtualSources.joined(separator: ", ")) (other files' paths)", 8)
        }
        if !dataset.externalFiles.isEmpty {
            add(path, "external storage", "raw data in \(dataset.externalFiles.joined(separator: ", ")) (another file's path)", 8)
        }
        if dataset.fillValueState == .userDefined {
            add(path, "fill value", "set by the writer (\(dataset.fillValue.map { String($0, radix: 16) }.joined(separator: " "))); shown by h5dump -p", 9)
        }
        if dataset.fillTime == .never { add(path, "fill time never", "a new dataset would read back freed bytes", 3) }
        for filter in dataset.filters {
            let parameters = "(\(filter.name.isEmpty ? "filter \(filter.id)" : filter.name), parameters \(filter.parameters))"
            if filter.id != Self.deflate && filter.id != Self.shuffle {
                add(path, "filter not allowed", "\(parameters): only deflate and shuffle are allowed (n-bit and scale-offset parameters show value ranges)", 9)
            } else if !format.compression {
                add(path, "compression where the level forbids it", "\(parameters): the compression ratio reveals the ADC bit depth", 11)
            }
        }
        // A scene's /annotations columns grow as bursts are placed: one unlimited axis is their layout
        // (FieldChecks checks it); anywhere else an unlimited dimension has no reason to be.
        let annotationColumn = path.hasPrefix("/annotations/") && dataset.maxShape == [-1]
        if dataset.maxShape.contains(-1), !annotationColumn { add(path, "unlimited dimension", "maximum shape \(dataset.maxShape)", 10) }
    }

    /// The element types specgen writes: complex64 `{r, i}` (only /iq and /iq_clean), uint8 (only /masks),
    /// float32, float64, int32, int64 (little-endian, full precision) and variable-length UTF-8 strings.
    static func allowedType(_ type: DatatypeDescription, complex: Bool, byte: Bool = false) -> Bool {
        switch type {
        case .float(_, _, _, _, let standard?): return standard == "f32le" || standard == "f64le"
        case .integer(_, _, _, _, _, let standard?): return standard == "i32le" || standard == "i64le" || (byte && standard == "u8le")
        case .string(nil, true, _): return true
        default: return complex && type == .complex64
        }
    }

    /// Every foreign datatype belongs to vector 9 (enum names, reduced precision, n-bit-like widths).
    static func typeVector(_ type: DatatypeDescription) -> Int { 9 }
}
