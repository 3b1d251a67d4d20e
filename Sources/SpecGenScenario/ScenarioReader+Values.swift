/// Typed reads with precise messages: each names the value, what was expected and what is allowed.
extension ScenarioReader {
    mutating func object(_ value: JSONValue, at path: String, allowed: [String], required: [String], what: String) -> [String: JSONValue]? {
        guard case .object(let members) = value else {
            fail(path, "expected \(what) (a JSON object), got \(value.shortDescription)")
            return nil
        }
        for key in members.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key \"\(key)\" in \(what)"
            if let guess = suggestion(for: key, among: allowed) { message += "; did you mean \"\(guess)\"?" } else { message += "." }
            message += " Allowed keys: \(allowed.sorted().joined(separator: ", "))"
            fail(path == "$" ? "$.\(key)" : "\(path).\(key)", message)
        }
        for key in required where members[key] == nil {
            fail(path == "$" ? "$.\(key)" : "\(path).\(key)", "missing; \(what) requires it")
        }
        return members
    }

    mutating func string(_ value: JSONValue, at path: String, allowed: [String]?) -> String? {
        guard case .string(let text) = value else {
            fail(path, "expected a string\(allowed.map { ": one of " + $0.map { "\"\($0)\"" }.joined(separator: ", ") } ?? ""), got \(value.shortDescription)")
            return nil
        }
        if let allowed, !allowed.contains(text) {
            var message = "\"\(text)\" is not allowed"
            if let guess = suggestion(for: text, among: allowed) { message += "; did you mean \"\(guess)\"?" } else { message += "." }
            fail(path, message + " Allowed: \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
            return nil
        }
        return text
    }

    mutating func integer(_ value: JSONValue, at path: String, range: ClosedRange<Int64>) -> Int64? {
        let n: Int64
        switch value {
        case .integer(let i): n = i
        case .number(let d) where d == d.rounded() && abs(d) < 9e18: n = Int64(d)
        default:
            fail(path, "expected an integer in \(range.lowerBound) … \(range.upperBound), got \(value.shortDescription)")
            return nil
        }
        guard range.contains(n) else {
            fail(path, "\(n) is out of range; allowed: \(range.lowerBound) … \(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func number(_ value: JSONValue, at path: String, bounds: ParameterBounds) -> Double? {
        let x: Double
        switch value {
        case .integer(let i): x = Double(i)
        case .number(let d): x = d
        default:
            fail(path, "expected a number (\(bounds.description)), got \(value.shortDescription)")
            return nil
        }
        guard x.isFinite else {
            fail(path, "\(x.isNaN ? "a number beyond double precision (such as 1e999)" : "\(x)") is not a finite number; allowed: \(bounds.description)")
            return nil
        }
        guard bounds.contains(x) else {
            fail(path, "\(formatNumber(x)) is out of range; allowed: \(bounds.description)")
            return nil
        }
        return x
    }
}
