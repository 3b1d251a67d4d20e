/// Decides which metadata fields a file may hold, and in what form, before anything is written.
///
/// This first policy, `releaseAll`, releases every field as is: it is the open case that classification
/// schemas will refine (drop, generalise, normalise, keyed hash, constant), and it already enforces the
/// mechanics every policy shares — sorted output, column layout fixed per run, and fail-closed handling of
/// fields the policy does not know (dropped, never written).
public struct ReleasePolicy: Sendable {
    /// The policy's name, written as the `policy` root attribute.
    public let name: String
    private let allows: @Sendable (String) -> Bool

    init(name: String, allows: @escaping @Sendable (String) -> Bool) {
        self.name = name
        self.allows = allows
    }

    /// Releases every field unchanged.
    public static let releaseAll = ReleasePolicy(name: "release-all") { _ in true }

    /// Releases only the listed fields (everything else is dropped): a fail-closed allow-list.
    public static func allowList(_ name: String, fields: Set<String>) -> ReleasePolicy {
        ReleasePolicy(name: name) { fields.contains($0) }
    }

    /// File-level metadata: fields the policy does not allow are dropped before the writer sees them.
    public func release(_ raw: [String: MetadataValue]) -> ReleasedMetadata {
        ReleasedMetadata(fields: raw.filter { allows($0.key) }.map { (path: $0.key, value: $0.value) })
    }

    /// The per-example fields that will be written, from all the fields the run can produce.
    public func layout(for fields: [String: ColumnType]) -> ReleasedColumnLayout {
        ReleasedColumnLayout(columns: fields.filter { allows($0.key) }.map { (path: $0.key, type: $0.value) })
    }

    /// One block's values, reduced to `layout`. A released field missing from `raw` traps: the layout
    /// was computed from the same producer, so that is a programming error, not bad input.
    public func release(block raw: [String: ColumnValues], layout: ReleasedColumnLayout) -> ReleasedColumns {
        ReleasedColumns(values: layout.columns.map { column in
            guard let values = raw[column.path] else { preconditionFailure("block lacks released field \(column.path)") }
            return values
        })
    }
}
