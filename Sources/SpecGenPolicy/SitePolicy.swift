import Foundation
import SpecGenScenario

/// What a site's security staff impose on every `specgen run` on their machines (docs/classification.md,
/// "Site policy"): that a classification schema be applied, and which schemas — pinned by the SHA-256 of
/// their bytes — are approved, so that a new schema version is inert until staff approve it.
///
/// Policies are read from `systemPath` and from the file `$SPECGEN_SITE_POLICY` names; every one found
/// applies. Nothing on the command line weakens them, and the variable can only add a policy: the system
/// file applies whatever the environment says. A policy that cannot be read or does not check stops the
/// run (fail closed).
public struct SitePolicy: Sendable {
    public static let systemPath = "/etc/specgen/site-policy.json"
    public static let environmentVariable = "SPECGEN_SITE_POLICY"
    public static let formatName = "specgen-site-policy"
    public static let formatVersion = 1

    /// One approved schema: its id (for messages) and the SHA-256 of its bytes (what is checked).
    public struct Approval: Sendable, Equatable {
        public let id: String
        public let sha256: String
        public let note: String?
    }

    /// Where the policy was read from.
    public let path: String
    /// Every `run` that writes a file must apply a schema.
    public let requireSchema: Bool
    /// The only schemas a run may apply; nil: any valid schema.
    public let approvedSchemas: [Approval]?

    /// The policies that apply: the system file if it exists, and the file the environment variable names.
    /// - Throws: `PolicyRefusal` when a policy file is missing (named by the variable), unreadable or invalid.
    public static func active(environment: [String: String] = ProcessInfo.processInfo.environment,
                              systemPath: String = SitePolicy.systemPath) throws(PolicyRefusal) -> [SitePolicy] {
        var policies: [SitePolicy] = []
        if FileManager.default.fileExists(atPath: systemPath) { policies.append(try load(from: systemPath)) }
        if let named = environment[environmentVariable], !named.isEmpty {
            guard FileManager.default.fileExists(atPath: named) else {
                throw PolicyRefusal("site policy \(named) (from \(environmentVariable)): no such file; a named policy that is missing stops every run")
            }
            if named != systemPath { policies.append(try load(from: named)) }
        }
        return policies
    }

    /// Reads and checks one policy file.
    public static func load(from path: String) throws(PolicyRefusal) -> SitePolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyRefusal("site policy \(path): cannot be read; an unreadable policy stops every run")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw PolicyRefusal("site policy \(path): not valid JSON: \(error)")
        }
        var reader = SchemaReader()
        let policy = reader.sitePolicy(root, path: path)
        guard let policy, reader.issues.isEmpty else {
            throw PolicyRefusal("site policy \(path): " + reader.issues.all.map(\.description).joined(separator: "; "))
        }
        return policy
    }

    /// Refuses a run that writes a file with `schema` (nil: none given) if this policy does not allow it.
    public func check(schema: ClassificationSchema?, schemaPath: String?) throws(PolicyRefusal) {
        guard let schema else {
            if requireSchema {
                throw PolicyRefusal("site policy \(path) requires a classification schema for every file: give --schema S --level L"
                                    + (approvedSchemas.map { "; approved: " + $0.map(\.id).joined(separator: ", ") } ?? ""))
            }
            return
        }
        if let approvedSchemas, !approvedSchemas.contains(where: { $0.sha256 == schema.sha256 }) {
            let same = approvedSchemas.filter { $0.id == schema.id }
            throw PolicyRefusal("--schema \(schemaPath ?? schema.id): schema \(schema.id) version \(schema.version) (SHA-256 \(schema.sha256)) is not "
                                + "approved by site policy \(path)"
                                + (same.isEmpty ? "" : "; approved versions of it have SHA-256 " + same.map(\.sha256).joined(separator: ", "))
                                + ". A new schema (or version) can be used once security staff add its SHA-256 to the policy")
        }
    }
}

extension SchemaReader {
    mutating func sitePolicy(_ root: JSONValue, path file: String) -> SitePolicy? {
        guard let members = object(root, at: "$", allowed: ["$schema", "approved_schemas", "description", "format", "format_version", "require_schema"],
                                   required: ["format", "format_version", "require_schema"], what: "a site policy") else { return nil }
        if let format = members["format"] { _ = string(format, at: "$.format", allowed: [SitePolicy.formatName]) }
        if let version = members["format_version"], let v = integer(version, at: "$.format_version", range: 1 ... 1_000_000),
           v != SitePolicy.formatVersion {
            fail("$.format_version", "format_version \(v) is not supported; this specgen reads version \(SitePolicy.formatVersion)")
        }
        if let schema = members["$schema"] { _ = string(schema, at: "$.$schema", allowed: nil) }
        if let description = members["description"] { _ = text(description, at: "$.description", maximum: 4000) }
        let require = members["require_schema"].flatMap { bool($0, at: "$.require_schema") }
        var approvals: [SitePolicy.Approval]?
        if let list = members["approved_schemas"] {
            guard case .array(let items) = list, !items.isEmpty else {
                fail("$.approved_schemas", "expected a non-empty array of {\"id\", \"sha256\"} objects (leave the key out to allow any valid schema)")
                return nil
            }
            approvals = items.enumerated().compactMap { i, item in
                let at = "$.approved_schemas[\(i)]"
                guard let entry = object(item, at: at, allowed: ["id", "note", "sha256"], required: ["id", "sha256"], what: "an approved schema") else { return nil }
                let id = entry["id"].flatMap { identifier($0, at: "\(at).id", what: "a schema id") }
                let sha = entry["sha256"].flatMap { string($0, at: "\(at).sha256", allowed: nil) }
                if let sha, sha.count != 64 || !sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                    fail("\(at).sha256", "expected 64 lower-case hex digits (sha256sum SCHEMA.json), got \"\(sha)\"")
                    return nil
                }
                let note = entry["note"].flatMap { text($0, at: "\(at).note", maximum: 4000) }
                guard let id, let sha else { return nil }
                return SitePolicy.Approval(id: id, sha256: sha, note: note)
            }
        }
        guard issues.isEmpty, let require else { return nil }
        return SitePolicy(path: file, requireSchema: require, approvedSchemas: approvals)
    }
}
