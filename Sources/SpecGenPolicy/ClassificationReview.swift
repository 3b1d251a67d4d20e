import Foundation
import SpecGenScenario

/// `specgen schema review`: what a valid schema releases at each level, field by field, and the things
/// a reviewer should look at twice (warnings that do not make the schema invalid).
public struct ClassificationReview: Sendable {
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case reviewOverdue = "review overdue"
            case unnamedFields = "unnamed fields"
            case shadowedRule = "shadowed rule"
            case unusedRule = "unused rule"
            case weakOperator = "weak operator"
            case approximateDerivation = "approximate derivation"
        }

        public let kind: Kind
        public let message: String
        public var description: String { "\(kind.rawValue): \(message)" }

        public init(kind: Kind, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    public let schema: ClassificationSchema
    public let today: CalendarDate
    public let warnings: [Warning]
    let resolution: SchemaResolution

    public init(schema: ClassificationSchema, today: CalendarDate, catalogue: [MetadataField] = MetadataCatalogue.fields,
                derivations: [FieldDerivation] = MetadataCatalogue.derivations) {
        self.schema = schema
        self.today = today
        resolution = SchemaResolution(schema: schema, catalogue: catalogue)
        var warnings: [Warning] = []
        if schema.review.next < today {
            warnings.append(Warning(kind: .reviewOverdue,
                                    message: "the next review was due on \(schema.review.next) (last review \(schema.review.last)); today is \(today): have the schema reviewed and its dates updated"))
        }
        let unnamed = resolution.entries.filter { $0.rule == nil }.map(\.field.path)
        if !unnamed.isEmpty {
            warnings.append(Warning(kind: .unnamedFields,
                                    message: "\(unnamed.count) field\(unnamed.count == 1 ? " is" : "s are") named by no rule and dropped at every level (fail closed): \(unnamed.joined(separator: ", "))"))
        }
        warnings += Self.ruleWarnings(schema, resolution)
        warnings += Self.weakOperatorWarnings(schema, resolution)
        for finding in DerivationClosure(schema: schema, resolution: resolution, derivations: derivations).findings() where !finding.isExact {
            warnings.append(Warning(kind: .approximateDerivation, message: finding.message))
        }
        self.warnings = warnings
    }

    /// Rules that match nothing, or that never govern a field because more specific rules do.
    static func ruleWarnings(_ schema: ClassificationSchema, _ resolution: SchemaResolution) -> [Warning] {
        var warnings: [Warning] = []
        for rule in schema.rules {
            let matched = resolution.entries.filter { rule.pattern.matches(segments: $0.segments) }
            if matched.isEmpty {
                warnings.append(Warning(kind: .unusedRule,
                                        message: "\(rule.jsonPath) \"\(rule.pattern)\" matches no field specgen emits (a misspelt pattern leaves fields to the implicit drop)"))
                continue
            }
            guard !matched.contains(where: { $0.rule?.index == rule.index }) else { continue }
            let winners = Set(matched.compactMap { $0.rule?.index }).sorted().map { schema.rules[$0] }
            let same = winners.contains { $0.pattern.specificity == rule.pattern.specificity }
            warnings.append(Warning(kind: .shadowedRule,
                                    message: "\(rule.jsonPath) \"\(rule.pattern)\" never applies: " + (same ? "an equally specific earlier rule that agrees with it governs its fields" : "more specific rules govern every field it matches")
                                        + " (\(winners.map { "\($0.jsonPath) \"\($0.pattern)\"" }.joined(separator: ", ")))"))
        }
        return warnings
    }

    /// Operators that hide less than they seem to.
    static func weakOperatorWarnings(_ schema: ClassificationSchema, _ resolution: SchemaResolution) -> [Warning] {
        var grouped = IssueList()
        for entry in resolution.entries {
            guard let rule = entry.rule else { continue }
            for (position, operation) in entry.operations.enumerated() {
                guard let problem = weakness(operation, entry.field) else { continue }
                grouped.add(schema.operatorPath(of: rule, atLevel: position), "at \(schema.levels[position].name), \(problem)", field: entry.field.path)
            }
        }
        return grouped.all.map { Warning(kind: .weakOperator, message: $0.description) }
    }

    static func weakness(_ operation: Operation, _ field: MetadataField) -> String? {
        let bounds = field.bounds.flatMap { $0.relativeToSampleRate || $0.isUnbounded ? nil : $0 }
        switch operation {
        case .generalize(.step(let step)):
            if field.valueType == .integer && step <= 1 { return "generalize with step \(formatNumber(step)) releases an integer field as is" }
            if let bounds, field.valueType == .real {
                let magnitude = max(abs(bounds.lower), abs(bounds.upper))
                let precision = magnitude * (field.element == "float32" ? Double(Float.ulpOfOne) : Double.ulpOfOne)
                if magnitude.isFinite && step <= precision {
                    return "generalize with step \(formatNumber(step)) is finer than the stored precision (\(precision)) over the field's range: it releases the value as is"
                }
            }
            return nil
        case .generalize(.buckets(let edges)):
            guard field.valueType == .integer, let bounds, bounds.lower.isFinite, bounds.upper.isFinite,
                  bounds.upper - bounds.lower <= 100_000 else { return nil }
            var seen = Set<Int>()
            for v in Int(bounds.lower.rounded(.up)) ... Int(bounds.upper.rounded(.down)) {
                let bucket = edges.lastIndex { $0 <= Double(v) } ?? -1
                if !seen.insert(bucket).inserted { return nil }
            }
            return "generalize buckets give every value of the field (\(bounds.description)) its own bucket: they release it as is"
        case .hash:
            var count: Int?
            if case .category(let options) = field.valueType { count = options.count }
            if field.valueType == .integer, let bounds, bounds.upper - bounds.lower < 64 { count = Int(bounds.upper - bounds.lower) + 1 }
            guard let count else { return nil }
            return "a keyed hash of a field with \(count) possible values hides the values but not which examples share one; with the samples the groups can often be named"
        case .normalize where field.kind == .power:
            return "powers are already relative to the unit-power signal; normalize changes them only when an interferer is stronger, so it hides little"
        default:
            return nil
        }
    }
}

extension CalendarDate {
    /// Today in UTC.
    public static var today: CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!))!
    }
}
