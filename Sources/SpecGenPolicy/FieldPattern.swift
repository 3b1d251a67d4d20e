/// A rule's field pattern: a dotted path whose segments are literal names (`emitter`), partial
/// wildcards (`*_hz`: `*` stands for any characters within one segment), `*` (exactly one segment) or
/// `**` (any number of segments, including none; at most once per pattern).
///
/// Specificity decides which rule governs a field that several patterns match: more literal segments
/// win, then more partial wildcards, then more `*`, then no `**` over `**` (compared in that order).
/// Two rules of equal specificity that match the same field must agree, or the schema is refused.
public struct FieldPattern: Sendable, Equatable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case literal(String)
        /// Pieces between the `*`s of a partial wildcard (`*_hz` → ["", "_hz"]).
        case partial([String])
        case one
        case anyDepth
    }

    public let text: String
    let segments: [Segment]

    public var description: String { text }

    /// Parses a pattern; the error message says what is wrong with it.
    public init(parsing text: String) throws(PatternError) {
        guard !text.isEmpty else { throw PatternError(message: "an empty pattern matches nothing") }
        var segments: [Segment] = []
        for piece in text.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
            guard !piece.isEmpty else { throw PatternError(message: "\"\(text)\" has an empty segment (two dots, or a dot at an end)") }
            guard piece.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "*") }) else {
                throw PatternError(message: "\"\(text)\": segment \"\(piece)\" may hold only a-z, 0-9, _ and * (field paths are lowercase)")
            }
            if piece == "**" {
                segments.append(.anyDepth)
            } else if piece == "*" {
                segments.append(.one)
            } else if piece.contains("**") {
                throw PatternError(message: "\"\(text)\": ** must be a whole segment")
            } else if piece.contains("*") {
                segments.append(.partial(piece.split(separator: "*", omittingEmptySubsequences: false).map(String.init)))
            } else {
                segments.append(.literal(piece))
            }
        }
        guard segments.filter({ $0 == .anyDepth }).count <= 1 else {
            throw PatternError(message: "\"\(text)\" uses ** more than once; one ** already matches any depth")
        }
        self.text = text
        self.segments = segments
    }

    /// Whether the pattern matches a dotted field path.
    public func matches(_ path: String) -> Bool {
        matches(segments: path.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }

    /// Whether the pattern matches a path already split at its dots (callers matching many patterns
    /// against one path split it once).
    public func matches(segments path: [String]) -> Bool {
        Self.match(segments[...], path[...])
    }

    private static func match(_ pattern: ArraySlice<Segment>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anyDepth:
            for skip in 0 ... path.count where match(pattern.dropFirst(), path.dropFirst(skip)) { return true }
            return false
        case .one:
            return !path.isEmpty && match(pattern.dropFirst(), path.dropFirst())
        case .literal(let name):
            return path.first == name && match(pattern.dropFirst(), path.dropFirst())
        case .partial(let pieces):
            guard let segment = path.first, matchPartial(pieces, segment) else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    /// `pieces` joined by `*` matches `segment` (first piece a prefix, last a suffix, the rest in order).
    private static func matchPartial(_ pieces: [String], _ segment: String) -> Bool {
        var rest = Substring(segment)
        guard rest.hasPrefix(pieces[0]) else { return false }
        rest = rest.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = pieces[pieces.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }

    public var specificity: Specificity {
        var s = Specificity(literal: 0, partial: 0, one: 0, anyDepth: 0)
        for segment in segments {
            switch segment {
            case .literal: s.literal += 1
            case .partial: s.partial += 1
            case .one: s.one += 1
            case .anyDepth: s.anyDepth += 1
            }
        }
        return s
    }
}

/// How specific a pattern is; greater is more specific.
public struct Specificity: Sendable, Comparable, CustomStringConvertible {
    public var literal: Int, partial: Int, one: Int, anyDepth: Int

    public static func < (a: Self, b: Self) -> Bool {
        (a.literal, a.partial, a.one, -a.anyDepth) < (b.literal, b.partial, b.one, -b.anyDepth)
    }

    public var description: String {
        var parts = ["\(literal) literal segment\(literal == 1 ? "" : "s")"]
        if partial > 0 { parts.append("\(partial) partial wildcard\(partial == 1 ? "" : "s")") }
        if one > 0 { parts.append("\(one) *") }
        if anyDepth > 0 { parts.append("**") }
        return parts.joined(separator: ", ")
    }
}

public struct PatternError: Error, Sendable {
    public let message: String
}
