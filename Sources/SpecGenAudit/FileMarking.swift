import SpecGenHDF5
import SpecGenPolicy

/// The `/marking` group of a file written with a schema (docs/dataset.md, "Marking"): the schema's identity,
/// the level, the categories and the manifest. Read, never trusted: the audit checks it against the
/// schema given on the command line.
struct FileMarking {
    static let attributeNames: Set<String> = [
        "format", "format_version", "schema_id", "schema_name", "schema_version", "schema_sha256", "level", "level_rank",
        "level_display", "specgen_version",
    ]

    let attributes: [String: MetadataValue]
    let categories: [String: MetadataValue]
    let manifest: [(field: String, operator: String)]

    /// Reads `/marking` of `file`; nil when the file has none (written without a schema).
    static func read(_ file: HDF5File, inventory: HDF5Inventory) throws -> FileMarking? {
        guard let group = inventory.object("/marking"), group.kind == .group else { return nil }
        var attributes: [String: MetadataValue] = [:]
        for attribute in group.attributes { if let value = attribute.value { attributes[attribute.name] = value } }
        var categories: [String: MetadataValue] = [:]
        for attribute in inventory.object("/marking/categories")?.attributes ?? [] {
            if let value = attribute.value { categories[attribute.name] = value }
        }
        var fields: [String] = [], operators: [String] = []
        if inventory.object("/marking/manifest_field")?.kind == .dataset, inventory.object("/marking/manifest_operator")?.kind == .dataset {
            fields = (try? file.root.openDataset("marking/manifest_field").readStrings()) ?? []
            operators = (try? file.root.openDataset("marking/manifest_operator").readStrings()) ?? []
        }
        let manifest = fields.count == operators.count ? zip(fields, operators).map { (field: $0, operator: $1) } : []
        return FileMarking(attributes: attributes, categories: categories, manifest: manifest)
    }

    func text(_ name: String) -> String? {
        if case .text(let value) = attributes[name] { return value }
        return nil
    }

    func integer(_ name: String) -> Int64? {
        if case .integer(let value) = attributes[name] { return value }
        return nil
    }

    /// Findings where the marking disagrees with the schema's resolved policy at its level.
    func check(against policy: ResolvedPolicy, schema: ClassificationSchema) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        func mismatch(_ name: String, _ found: String?, _ expected: String) {
            if found != expected {
                findings.append(AuditFinding("/marking attribute \(name)", "marking disagrees with the schema",
                                             "\(found.map { "\"\($0)\"" } ?? "missing"), the schema says \"\(expected)\"", vector: nil))
            }
        }
        mismatch("format", text("format"), "specgen-marking")
        mismatch("format_version", integer("format_version").map(String.init), "1")
        mismatch("schema_id", text("schema_id"), schema.id)
        mismatch("schema_name", text("schema_name"), schema.name)
        mismatch("schema_version", text("schema_version"), schema.version)
        mismatch("level_rank", integer("level_rank").map(String.init), String(policy.level.rank))
        mismatch("level_display", text("level_display"), policy.level.display)
        let expectedCategories = Dictionary(uniqueKeysWithValues: policy.categories.map { ($0.name, MetadataValue.texts($0.values)) })
        if categories != expectedCategories {
            findings.append(AuditFinding("/marking/categories", "marking disagrees with the schema",
                                         "categories \(Self.render(categories)), the schema's level has \(Self.render(expectedCategories))", vector: nil))
        }
        let expected = policy.manifest
        if !manifest.elementsEqual(expected, by: { $0.field == $1.field && $0.operator == $1.operator }) {
            let found = Dictionary(manifest.map { ($0.field, $0.operator) }, uniquingKeysWith: { a, _ in a })
            let wanted = Dictionary(uniqueKeysWithValues: expected.map { ($0.field, $0.operator) })
            let differing = Set(found.keys).union(wanted.keys).filter { found[$0] != wanted[$0] }.sorted()
            let sample = differing.prefix(5).map { "\($0): \(found[$0] ?? "absent") (schema: \(wanted[$0] ?? "absent"))" }
            findings.append(AuditFinding("/marking/manifest_field", "manifest differs from the schema's level",
                                         "\(manifest.count) entries, schema \(expected.count); \(differing.count) differ: \(sample.joined(separator: "; "))"
                                             + (differing.count > 5 ? "; …" : ""), vector: nil))
        }
        return findings
    }

    private static func render(_ categories: [String: MetadataValue]) -> String {
        "{" + categories.keys.sorted().map { key -> String in
            if case .texts(let values) = categories[key]! { return "\(key): \(values.joined(separator: ","))" }
            return "\(key): ?"
        }.joined(separator: "; ") + "}"
    }
}
