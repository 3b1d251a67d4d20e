import SpecGenScenario

/// One problem in a classification schema, located by its JSON path (`$.rules[3].below`): the same
/// path-and-message pair as a scenario's problems.
public typealias SchemaIssue = ScenarioIssue

/// Why a schema (or a level of it) was refused. All are bad input (exit status 2).
public enum SchemaError: Error, Sendable, CustomStringConvertible {
    /// The file cannot be read.
    case file(path: String, reason: String)
    /// The file is not JSON.
    case syntax(String)
    /// The JSON is not a valid schema: every problem found.
    case invalid([SchemaIssue])
    /// A level the schema does not define was asked for.
    case unknownLevel(String, known: [String])

    public var description: String {
        switch self {
        case .file(let path, let reason): return "\(path): \(reason)"
        case .syntax(let detail): return "not valid JSON: \(detail)"
        case .invalid(let issues):
            let noun = issues.count == 1 ? "problem" : "problems"
            return "\(issues.count) \(noun):\n" + issues.map { "  \($0)" }.joined(separator: "\n")
        case .unknownLevel(let name, let known):
            return "the schema has no level \"\(name)\"; its levels are \(known.joined(separator: ", "))"
        }
    }
}

/// Collects issues; per-field problems of one JSON path are merged into one issue that lists the fields
/// (a wildcard rule would otherwise repeat the same problem for dozens of fields).
struct IssueList {
    private(set) var issues: [SchemaIssue] = []
    private var grouped: [String: Int] = [:]
    private var groupFields: [[String]] = []
    private var groupHeads: [(path: String, problem: String)] = []

    mutating func add(_ path: String, _ message: String) {
        issues.append(SchemaIssue(path: path, message: message))
        groupFields.append([])
        groupHeads.append((path, message))
    }

    /// `problem` for `field` at `path`; the same (path, problem) for several fields becomes one issue.
    mutating func add(_ path: String, _ problem: String, field: String) {
        let key = path + "\u{1}" + problem
        if let i = grouped[key] {
            if !groupFields[i].contains(field) { groupFields[i].append(field) }
        } else {
            grouped[key] = issues.count
            issues.append(SchemaIssue(path: path, message: problem))
            groupFields.append([field])
            groupHeads.append((path, problem))
        }
    }

    /// The issues, with grouped field lists written out: "problem: a, b and 3 more (5 fields)".
    var all: [SchemaIssue] {
        issues.indices.map { i in
            let fields = groupFields[i]
            guard !fields.isEmpty else { return issues[i] }
            return SchemaIssue(path: groupHeads[i].path, message: groupHeads[i].problem + ": " + listFields(fields))
        }
    }

    var isEmpty: Bool { issues.isEmpty }
}

/// `a`, `a and b`, `a, b, c and 7 more (10 fields)`.
func listFields(_ fields: [String], limit: Int = 6) -> String {
    let shown = fields.prefix(limit)
    if fields.count == 1 { return fields[0] }
    if fields.count <= limit { return shown.dropLast().joined(separator: ", ") + " and " + fields.last! }
    return shown.joined(separator: ", ") + " and \(fields.count - limit) more (\(fields.count) fields)"
}
