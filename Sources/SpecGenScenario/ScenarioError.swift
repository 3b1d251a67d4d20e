/// One problem found in a scenario, located by its JSON path (`$.classes[0].emitter.rolloff`).
public struct ScenarioIssue: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Why a scenario was refused. All are bad input (exit status 2).
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file is not JSON.
    case syntax(String)
    /// The JSON does not describe a valid scenario: every problem found, in document order.
    case invalid([ScenarioIssue])

    public var description: String {
        switch self {
        case .syntax(let detail): return "not valid JSON: \(detail)"
        case .invalid(let issues):
            let noun = issues.count == 1 ? "problem" : "problems"
            return "\(issues.count) \(noun):\n" + issues.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

/// The closest allowed word to a misspelt one (Levenshtein distance at most a third of its length, ≥ 2).
public func suggestion(for word: String, among candidates: [String]) -> String? {
    let limit = max(2, word.count / 3)
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0 ... b.count)
    for i in 1 ... a.count {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1 ... max(1, b.count) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
