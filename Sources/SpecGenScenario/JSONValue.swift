import Foundation

/// A parsed JSON document that keeps what strict validation needs: the difference between integers,
/// other numbers and booleans, and every key of every object.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses UTF-8 JSON text. Syntax errors come back as `ScenarioError.syntax` with the parser's
    /// own description (which gives the line and column).
    public static func parse(_ data: Data) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw ScenarioError.syntax(underlying ?? context.debugDescription)
        }
    }

    /// What the value is, in the words error messages use.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A short rendering of the value for error messages.
    public var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return d.isNaN ? "a number beyond double precision" : formatNumber(d)
        case .string(let s): return "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .array(let a): return "an array of \(a.count)"
        case .object(let o): return "an object with keys \(o.keys.sorted().joined(separator: ", "))"
        }
    }
}

extension JSONValue: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let i = try? single.decode(Int64.self) { self = .integer(i) }
        else if let d = try? single.decode(Double.self) { self = .number(d) }
        else {
            do {
                self = .string(try single.decode(String.self))
            } catch DecodingError.typeMismatch {
                // A number JSONDecoder cannot hold in a Double (1e999, 1e-999): kept as NaN, so that the
                // reader refuses it where a number is read, with its path (JSON has no NaN of its own).
                self = .number(.nan)
            }
        }
    }
}

/// Numbers in messages: integers without a fraction, others in the shortest exact form.
public func formatNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}

/// A computed number in a message, to six significant digits (51120, not 51119.99999999999).
func formatRounded(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return formatNumber(x) }
    let scale = Foundation.pow(10, 5 - Foundation.floor(Foundation.log10(abs(x))))
    return formatNumber((x * scale).rounded() / scale)
}
