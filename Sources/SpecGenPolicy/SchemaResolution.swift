import SpecGenScenario

/// Which rule governs each catalogue field and what every level does to it: the table the checks,
/// `review`, `diff` and `resolve` read. A function of the schema and the catalogue only.
struct SchemaResolution {
    struct Entry {
        let field: MetadataField
        /// The most specific matching rule (the first of equally specific ones); nil: not named.
        let rule: FieldRule?
        /// Other rules as specific as `rule` that also match.
        let ties: [FieldRule]
        /// One operation per level, lowest first.
        let operations: [Operation]
        /// The path split at its dots.
        let segments: [String]
    }

    let schema: ClassificationSchema
    let entries: [Entry]
    private let index: [String: Int]

    init(schema: ClassificationSchema, catalogue: [MetadataField]) {
        self.schema = schema
        let specificities = schema.rules.map(\.pattern.specificity)
        entries = catalogue.map { field in
            let segments = field.path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let matching = schema.rules.indices.filter { schema.rules[$0].pattern.matches(segments: segments) }
            let best = matching.map { specificities[$0] }.max()
            let top = matching.filter { specificities[$0] == best }.map { schema.rules[$0] }
            let rule = top.first
            return Entry(field: field, rule: rule, ties: Array(top.dropFirst()),
                         operations: schema.levels.indices.map { schema.operation(of: rule, atLevel: $0) }, segments: segments)
        }
        index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.field.path, $0) })
    }

    func entry(_ path: String) -> Entry? { index[path].map { entries[$0] } }

    /// The operation on `path` at level `level`; a field outside the catalogue is dropped.
    func operation(_ path: String, level: Int) -> Operation { entry(path)?.operations[level] ?? .drop }
}

extension ClassificationSchema {
    /// What a rule does at a level (by position, lowest first); no rule: `drop`.
    func operation(of rule: FieldRule?, atLevel position: Int) -> Operation {
        guard let rule else { return .drop }
        if let from = rule.releaseFrom, let start = levelIndex(from), position >= start { return .release }
        return rule.at[levels[position].name] ?? rule.below
    }

    /// Where a rule's operator at a level is written (`$.rules[3].at.RESTRICTED` or `$.rules[3].below`).
    func operatorPath(of rule: FieldRule, atLevel position: Int) -> String {
        if let from = rule.releaseFrom, let start = levelIndex(from), position >= start { return "\(rule.jsonPath).release_from" }
        let name = levels[position].name
        return rule.at[name] != nil ? "\(rule.jsonPath).at.\(name)" : "\(rule.jsonPath).below"
    }

    /// The rule that governs a field: the most specific pattern that matches it; nil when none does
    /// (the field is then dropped at every level).
    public func governingRule(for path: String) -> FieldRule? {
        let matching = rules.filter { $0.pattern.matches(path) }
        let best = matching.map(\.pattern.specificity).max()
        return matching.first { $0.pattern.specificity == best }
    }

    /// The resolved policy of one level: for every catalogue field, the operation, and the manifest.
    /// - Throws: `SchemaError.unknownLevel` when the schema has no such level.
    public func resolve(level name: String, catalogue: [MetadataField] = MetadataCatalogue.fields) throws(SchemaError) -> ResolvedPolicy {
        guard let position = levelIndex(name) else { throw .unknownLevel(name, known: levels.map(\.name)) }
        let level = levels[position]
        var categories = Dictionary(uniqueKeysWithValues: self.categories.map { ($0.name, $0.values) })
        for category in level.categories { categories[category.name] = category.values }
        let fields = SchemaResolution(schema: self, catalogue: catalogue.sorted { $0.path < $1.path }).entries.map { entry in
            ResolvedField(path: entry.field.path, operation: entry.operations[position], rule: entry.rule?.index)
        }
        return ResolvedPolicy(schemaID: id, schemaName: self.name, schemaVersion: version, schemaSHA256: sha256, level: level,
                              categories: categories.keys.sorted().map { LabelCategory(name: $0, values: categories[$0]!) },
                              format: level.format, fields: fields)
    }
}

/// One field's fate at a level.
public struct ResolvedField: Sendable, Equatable {
    public let path: String
    public let operation: Operation
    /// Index of the governing rule; nil: no rule names the field (dropped, fail closed).
    public let rule: Int?
}

/// What one level of a schema releases: a function of (schema, level) only — never of a scenario.
/// The write-time increment applies it; the marking carries its identity and `manifest`.
public struct ResolvedPolicy: Sendable {
    public let schemaID: String
    public let schemaName: String
    public let schemaVersion: String
    public let schemaSHA256: String
    public let level: ClassificationLevel
    /// The schema's categories with the level's own merged in, sorted by name.
    public let categories: [LabelCategory]
    public let format: FormatRules
    /// Every catalogue field, sorted by path.
    public let fields: [ResolvedField]

    /// (field, operator) for every catalogue field, sorted by field — names only, never values, and
    /// the same whichever scenario is run (REDACTION.md, "What the marking may say").
    public var manifest: [(field: String, operator: String)] { fields.map { ($0.path, $0.operation.name) } }

    public func operation(for path: String) -> Operation { fields.first { $0.path == path }?.operation ?? .drop }
}
