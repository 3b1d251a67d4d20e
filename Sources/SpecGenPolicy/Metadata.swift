/// A metadata value as the generator produced it, before any release decision.
public enum MetadataValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case texts([String])
    /// Float64 numbers with a shape, C order (a tap list (n,), element positions (M, 3)).
    case reals([Double], shape: [Int])
}

/// One per-example column (one value per example of a block).
public enum ColumnValues: Sendable, Equatable {
    case int32([Int32])
    /// Keyed hashes of a column (`hash`): 64-bit identifiers.
    case int64([Int64])
    case float32([Float])
    case float64([Double])

    public var count: Int {
        switch self {
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .float32(let v): v.count
        case .float64(let v): v.count
        }
    }

    /// Element `i` as a Double (the value a keyed hash or a transform sees).
    public subscript(double i: Int) -> Double {
        switch self {
        case .int32(let v): Double(v[i])
        case .int64(let v): Double(v[i])
        case .float32(let v): Double(v[i])
        case .float64(let v): v[i]
        }
    }
}

/// The element type of a column, known before any value exists (the writer creates datasets up front).
public enum ColumnType: Sendable, Equatable {
    case int32, int64, float32, float64
}

/// File-level metadata that passed a `ReleasePolicy`: the only kind the dataset writer accepts.
/// There is no public initialiser — values reach a file only through `ReleasePolicy.release`.
public struct ReleasedMetadata: Sendable {
    /// Field path → value, in sorted path order (attributes are written in this order).
    public let fields: [(path: String, value: MetadataValue)]
    init(fields: [(path: String, value: MetadataValue)]) { self.fields = fields.sorted { $0.path < $1.path } }
}

/// The per-example fields a policy releases, decided once per run before the file is created.
public struct ReleasedColumnLayout: Sendable, Equatable {
    /// Field path → element type, sorted by path.
    public let columns: [(path: String, type: ColumnType)]
    init(columns: [(path: String, type: ColumnType)]) { self.columns = columns.sorted { $0.path < $1.path } }
    public static func == (a: Self, b: Self) -> Bool { a.columns.elementsEqual(b.columns) { $0.path == $1.path && $0.type == $1.type } }
}

/// One block's per-example values for exactly the fields of a `ReleasedColumnLayout`, in its order.
/// No public initialiser: produced only by `ReleasePolicy.release(block:layout:)`.
public struct ReleasedColumns: Sendable {
    public let values: [ColumnValues]
    init(values: [ColumnValues]) { self.values = values }
}
