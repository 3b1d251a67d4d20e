import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenPolicy
import SpecGenScenario

/// `--scenario`: re-derives the raw value of every field the level does not release as is — a scene's
/// per-burst values included (`RawRunMetadata.annotations`) — and looks for it in the file's bytes
/// (`ByteScan`); with the key, checks each hashed value against its keyed HMAC.
struct HiddenValueScan {
    let file: HDF5File
    let inventory: HDF5Inventory
    let policy: ResolvedPolicy
    let columns: [(field: String, dataset: String)]
    let scenario: Scenario
    let options: AuditOptions
    var findings: [AuditFinding] = []
    var valueCount = 0, patternCount = 0

    init(file: HDF5File, inventory: HDF5Inventory, policy: ResolvedPolicy, columns: [(field: String, dataset: String)], scenario: Scenario,
         options: AuditOptions) throws {
        self.file = file
        self.inventory = inventory
        self.policy = policy
        self.columns = columns
        self.scenario = scenario
        self.options = options
    }

    mutating func run() throws {
        let root = inventory.object("/")?.attributes ?? []
        var seed = options.seed
        if seed == nil, policy.operation(for: "seed") == .release, case .integer(let released)? = root.first(where: { $0.name == "seed" })?.value {
            seed = UInt64(bitPattern: released)
        }
        let examples = options.examples ?? inventory.object("/iq")?.dataset?.shape.first
        let plan = RunPlan(scenario: scenario, seed: seed, examples: examples, blockExamples: policy.format.chunkExamples, unitPower: policy.format.unitPower)
        let raw = try RawRunMetadata.derive(plan, threads: options.threads)
        var fileValues = raw.file
        for (name, value) in plan.spectrogram?.fileAttributes ?? [] { fileValues["spectrogram." + name] = value }
        fileValues["samples_per_example"] = .integer(Int64(plan.length))
        fileValues["array.elements"] = .integer(Int64(plan.channels))

        try checkHashes(raw: raw, fileValues: fileValues, root: root)

        // What the file releases: numbers (float64 bits) and strings; a hidden value equal to one of them is not looked for.
        var releasedNumbers = Set<UInt64>(), releasedTexts: [String] = []
        func release(_ value: MetadataValue?) {
            switch value {
            case .integer(let v)?: releasedNumbers.insert(Double(v).bitPattern)
            case .real(let v)?: releasedNumbers.insert(v.bitPattern)
            case .reals(let v, _)?: v.forEach { releasedNumbers.insert($0.bitPattern) }
            case .text(let v)?: releasedTexts.append(v)
            case .texts(let v)?: releasedTexts += v
            case nil: break
            }
        }
        for object in inventory.objects {
            releasedTexts += object.path.split(separator: "/").map(String.init)
            for attribute in object.attributes {
                releasedTexts.append(attribute.name)
                release(attribute.value)
            }
        }
        for link in inventory.links { releasedTexts.append(String(link.path.split(separator: "/").last ?? "")) }
        // A column the level drops is not released, whatever the file holds: its values stay looked for.
        for (field, dataset) in columns where policy.operation(for: field) != .hash && policy.operation(for: field) != .drop {
            for value in try file.root.openDataset(String(dataset.dropFirst())).read(as: .float64, element: Double.self) {
                releasedNumbers.insert(value.bitPattern)
            }
        }
        for name in ["labels/class_names", "marking/manifest_field", "marking/manifest_operator"] where inventory.object("/" + name) != nil {
            releasedTexts += (try? file.root.openDataset(name).readStrings()) ?? []
        }

        var scan = ByteScan()
        var perExample: Set<String> = []
        for field in policy.fields where field.operation != .release {
            var numbers: [Double] = [], texts: [String] = []
            switch fileValues[field.path] {
            case .integer(let v)?: numbers.append(Double(v))
            case .real(let v)?: numbers.append(v)
            case .reals(let v, _)?: numbers += v
            case .text(let v)?: texts.append(v)
            case .texts(let v)?: texts += v
            case nil: break
            }
            if let column = raw.values(of: field.path) {  // a /meta or /labels column, or a scene's /annotations column
                numbers += column
                perExample.insert(field.path)
            }
            for number in numbers where !releasedNumbers.contains(number.bitPattern) {
                valueCount += 1
                scan.add(number: number, field: field.path)
            }
            for text in texts where text.utf8.count >= 4 && !releasedTexts.contains(where: { $0.contains(text) }) {
                valueCount += 1
                scan.add(Array(text.utf8), field: field.path, encoding: "UTF-8 text")
            }
        }
        patternCount = scan.patterns.count
        let data = try Data(contentsOf: URL(fileURLWithPath: file.path), options: .alwaysMapped)
        let hits = scan.scan(data)
        // One finding per (field, encoding), at its first offset.
        var groups: [String: (field: String, encoding: String, offsets: [Int])] = [:]
        for hit in hits {
            let pattern = scan.patterns[hit.pattern]
            groups["\(pattern.field)\u{0}\(pattern.encoding)", default: (pattern.field, pattern.encoding, [])].offsets.append(hit.offset)
        }
        for (field, encoding, offsets) in groups.values {
            let sorted = offsets.sorted()
            let operation = policy.operation(for: field).name
            findings.append(AuditFinding(
                "bytes at offset \(sorted[0])", "hidden value of \(field) in the raw bytes",
                "\(encoding), \(sorted.count) occurrence\(sorted.count == 1 ? "" : "s") (offsets \(sorted.prefix(4).map(String.init).joined(separator: ", "))"
                    + (sorted.count > 4 ? ", …" : "") + "); \(field) is \(operation) at \(policy.level.name): a deleted or overwritten object keeps its bytes",
                vector: perExample.contains(field) ? 2 : 1))
        }
    }

    /// With the key: every hashed root attribute and column must be the keyed HMAC of the raw value
    /// (an unkeyed or foreign hash can be reversed by enumeration, REDACTION.md #13).
    private mutating func checkHashes(raw: RawRunMetadata, fileValues: [String: MetadataValue], root: [AttributeRecord]) throws {
        guard let key = options.key else { return }
        let hasher = FieldHasher(key: key)
        for field in policy.fields where field.operation == .hash {
            if let attribute = root.first(where: { $0.name == field.path }), let value = fileValues[field.path],
               case .text(let stored)? = attribute.value, stored != hasher.hash(path: field.path, value: value) {
                let hint = field.path == "seed" ? " (if the run used --seed, pass the same --seed to the audit)" : ""
                findings.append(AuditFinding("root attribute \(field.path)", "hash is not the keyed HMAC of the value",
                                             "the value re-derived from the scenario hashes to another MAC under this key\(hint)", vector: 13))
            }
            if let (_, dataset) = columns.first(where: { $0.field == field.path }), let values = raw.values(of: field.path) {
                let stored = try file.root.openDataset(String(dataset.dropFirst())).read(as: .int64, element: Int64.self)
                let mismatches = zip(stored, values).filter { $0 != hasher.hash(path: field.path, element: $1) }.count
                if mismatches > 0 || stored.count != values.count {
                    findings.append(AuditFinding(dataset, "hash is not the keyed HMAC of the value",
                                                 "\(mismatches) of \(stored.count) values differ from the keyed HMAC of the re-derived values", vector: 13))
                }
            }
        }
    }
}
