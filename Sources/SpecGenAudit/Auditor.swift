import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenPolicy
import SpecGenScenario

/// What `specgen audit` needs besides the file and the schema: for the byte scan, the scenario the file
/// was made from (with the command line's `--seed`/`--examples` if the run overrode them) and the hash
/// key, which also lets hashed values be checked against their keyed HMAC.
public struct AuditOptions: Sendable {
    public var scenario: Scenario?
    public var seed: UInt64?
    public var examples: Int?
    public var key: HashKey?
    /// Worker threads for re-deriving the raw values.
    public var threads = 1

    public init() {}
}

/// Audits a marked specgen file against a classification schema (docs/classification.md, "Auditing a
/// file"): the structure through the HDF5 inventory, the marking against the schema, every field
/// against its operator at the marked level, the format rules, and — with a scenario — the raw bytes
/// for every value the level hides.
public enum Auditor {
    /// - Throws: `AuditInputError` when the file cannot be read, is not HDF5, has no marking, or cites
    ///   another schema or a level the schema lacks; `HDF5Error` if the library fails mid-walk.
    public static func audit(file path: String, schema: ClassificationSchema, options: AuditOptions = AuditOptions()) throws -> AuditReport {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AuditInputError("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")")
        }
        let file: HDF5File
        do {
            file = try HDF5File.open(path)
        } catch {
            throw AuditInputError("\(path): not an HDF5 file (\(error))")
        }
        let inventory: HDF5Inventory
        do {
            inventory = try file.inventory()
        } catch {
            // A file the library cannot walk is bad input, not a finding (exit 1 means findings).
            throw AuditInputError("\(path): the HDF5 structure cannot be walked (a damaged file?): \(error)")
        }
        guard let marking = try FileMarking.read(file, inventory: inventory) else {
            throw AuditInputError("\(path): no /marking group: the file was not written with a classification schema (run --schema S --level L), "
                                  + "or it is not a specgen file")
        }
        guard marking.text("schema_sha256") == schema.sha256 else {
            throw AuditInputError("\(path) is marked with schema \(marking.text("schema_id") ?? "?") of SHA-256 \(marking.text("schema_sha256") ?? "?"); "
                                  + "the schema given (\(schema.id)) has SHA-256 \(schema.sha256): audit the file against the schema it cites")
        }
        let level = marking.text("level") ?? ""
        let policy: ResolvedPolicy
        do {
            policy = try schema.resolve(level: level)
        } catch {
            throw AuditInputError("\(path) is marked at level \"\(level)\": \(error)")
        }

        var findings = marking.check(against: policy, schema: schema)
        var structure = StructuralChecks(inventory: inventory, format: policy.format)
        structure.run()
        findings += structure.findings
        var fields = FieldChecks(file: file, inventory: inventory, policy: policy)
        try fields.run()
        findings += fields.findings

        var values = 0, patterns = 0
        if let scenario = options.scenario {
            var scan = try HiddenValueScan(file: file, inventory: inventory, policy: policy, columns: fields.columns, scenario: scenario, options: options)
            try scan.run()
            findings += scan.findings
            values = scan.valueCount
            patterns = scan.patternCount
        }
        var unique: [AuditFinding] = []
        for finding in findings.sorted() where unique.last.map({ $0.description != finding.description }) ?? true { unique.append(finding) }
        return AuditReport(file: path, schemaID: schema.id, level: level, findings: unique, scannedValues: values, scannedPatterns: patterns)
    }
}
