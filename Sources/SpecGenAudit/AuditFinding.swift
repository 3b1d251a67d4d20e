/// One thing an audit found wrong with a file: where, what, why, and the leak vector of
/// shared/REDACTION.md it belongs to (nil for a breach of the schema's field or format rules that is
/// not one of the numbered vectors, or of the marking itself).
public struct AuditFinding: Sendable, Comparable, CustomStringConvertible {
    /// Where in the file: an object path (`/meta/snr_db`), `/meta/x attribute unit`, `root attribute
    /// seed`, `file`, or `bytes at offset N`.
    public let location: String
    /// What was found, in a few words (`object timestamp`, `dropped field present`).
    public let what: String
    /// Why it is a finding: the rule or vector it breaks, with the values that matter.
    public let why: String
    /// REDACTION.md vector number, if any.
    public let vector: Int?

    public init(_ location: String, _ what: String, _ why: String, vector: Int?) {
        self.location = location
        self.what = what
        self.why = why
        self.vector = vector
    }

    /// The reference printed after the finding: `REDACTION.md #5`, or `schema rule`.
    public var reference: String { vector.map { "REDACTION.md #\($0)" } ?? "schema rule" }

    /// One line: `location: what: why [reference]`.
    public var description: String { "\(location): \(what): \(why) [\(reference)]" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.location, a.what, a.why, a.vector ?? 0) < (b.location, b.what, b.why, b.vector ?? 0)
    }
}

/// Bad input to an audit (exit status 2): the file cannot be read, is not a specgen file or has no
/// marking, the schema is invalid, the scenario does not load.
public struct AuditInputError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The outcome of an audit: findings sorted and without duplicates.
public struct AuditReport: Sendable {
    public let file: String
    public let schemaID: String
    public let level: String
    public let findings: [AuditFinding]
    /// What the byte scan looked for: (values, patterns), 0 without `--scenario`.
    public let scannedValues: Int
    public let scannedPatterns: Int

    public var isClean: Bool { findings.isEmpty }
}
