/// What a file says about its own classification (REDACTION.md, "What the marking may say"): the schema's
/// identity and SHA-256, the level's name, rank and display text, the label categories, the generator's
/// version, and the manifest of (field, operator) pairs for every catalogue field — a function of
/// (schema, level) only, never of the scenario, and never values. Written as the `/marking` group
/// (docs/dataset.md, "Marking").
public struct Marking: Sendable, Equatable {
    public static let formatName = "specgen-marking"
    public static let formatVersion: Int64 = 1

    /// The group's attributes, sorted by name.
    public let attributes: [(name: String, value: MetadataValue)]
    /// Label categories ("Releasable To" → [GBR, USA]), sorted by name: `/marking/categories` attributes.
    public let categories: [LabelCategory]
    /// Every catalogue field, sorted, with its operator's name: `/marking/manifest_field` and `manifest_operator`.
    public let manifest: [(field: String, operator: String)]

    public init(attributes: [(name: String, value: MetadataValue)], categories: [LabelCategory], manifest: [(field: String, operator: String)]) {
        self.attributes = attributes.sorted { $0.name < $1.name }
        self.categories = categories.sorted { $0.name < $1.name }
        self.manifest = manifest
    }

    /// The marking of one resolved level, made by the generator `version`.
    init(_ resolved: ResolvedPolicy, generatorVersion: String) {
        self.init(attributes: [
            ("format", .text(Self.formatName)), ("format_version", .integer(Self.formatVersion)),
            ("schema_id", .text(resolved.schemaID)), ("schema_name", .text(resolved.schemaName)),
            ("schema_version", .text(resolved.schemaVersion)), ("schema_sha256", .text(resolved.schemaSHA256)),
            ("level", .text(resolved.level.name)), ("level_rank", .integer(Int64(resolved.level.rank))),
            ("level_display", .text(resolved.level.display)), ("specgen_version", .text(generatorVersion)),
        ], categories: resolved.categories, manifest: resolved.manifest)
    }

    /// An attribute's value.
    public func attribute(_ name: String) -> MetadataValue? { attributes.first { $0.name == name }?.value }

    /// A text attribute's value ("" when absent or not text).
    public func text(_ name: String) -> String {
        if case .text(let text) = attribute(name) { return text }
        return ""
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.attributes.elementsEqual(b.attributes) { $0.name == $1.name && $0.value == $1.value } && a.categories == b.categories
            && a.manifest.elementsEqual(b.manifest) { $0.field == $1.field && $0.operator == $1.operator }
    }
}
