import SpecGenPolicy

/// One block's `/annotations` rows (a scene's bursts) as the file stores them: for every column of
/// `DatasetHeader.annotations`, in that order, the rows' values as little-endian bytes of the column's
/// element type. All columns hold `count` rows.
///
/// A run makes them from the rows its policy released (`init(_:types:)`); a merge reads them back from
/// a part (`DatasetReader.annotationRows(block:)`) and a resume from its spool (`init(serialized:types:)`),
/// so that every producer hands `DatasetWriter.appendAnnotations` the same bytes in the same blocks.
/// Like a `StoredChunk`, the bytes of a copy are taken as they are: they come from files a writer made.
public struct AnnotationRows: Sendable, Equatable {
    /// Rows (bursts) in the block.
    public let count: Int
    /// One array per column: `count` values of the column's type, as bytes.
    public private(set) var columns: [[UInt8]]

    /// The rows a policy released for a block, one `ColumnValues` per column of `types` (the header's
    /// `annotations` types, in order). Traps if a column's type or length differs.
    public init(_ released: ReleasedColumns, types: [ColumnType]) {
        precondition(released.values.count == types.count, "annotation columns differ from the header")
        var count: Int?
        columns = zip(types, released.values).map { type, values in
            precondition(count == nil || count == values.count, "annotation columns differ in length")
            count = values.count
            switch (type, values) {
            case (.int32, .int32(let v)): return v.withUnsafeBytes { Array($0) }
            case (.int64, .int64(let v)): return v.withUnsafeBytes { Array($0) }
            case (.float32, .float32(let v)): return v.withUnsafeBytes { Array($0) }
            case (.float64, .float64(let v)): return v.withUnsafeBytes { Array($0) }
            default: preconditionFailure("annotation column type differs from its layout")
            }
        }
        self.count = count ?? 0
    }

    /// Rows from their columns' bytes; nil unless every column holds the same whole number of values.
    public init?(columns: [[UInt8]], types: [ColumnType]) {
        guard columns.count == types.count else { return nil }
        var count: Int?
        for (bytes, type) in zip(columns, types) {
            let size = HDF5Type(type).size
            guard bytes.count % size == 0, count == nil || count == bytes.count / size else { return nil }
            count = bytes.count / size
        }
        self.count = count ?? 0
        self.columns = columns
    }

    /// Rows from `serialized` bytes (the columns one after the other); nil if their length is not a
    /// whole number of rows.
    public init?(serialized bytes: [UInt8], types: [ColumnType]) {
        let rowBytes = types.reduce(0) { $0 + HDF5Type($1).size }
        guard rowBytes > 0 ? bytes.count % rowBytes == 0 : bytes.isEmpty else { return nil }
        let count = rowBytes > 0 ? bytes.count / rowBytes : 0
        var start = 0
        var columns: [[UInt8]] = []
        for type in types {
            let size = count * HDF5Type(type).size
            columns.append(Array(bytes[start ..< start + size]))
            start += size
        }
        self.init(columns: columns, types: types)
    }

    /// The columns one after the other: what `init(serialized:types:)` reads back.
    public var serialized: [UInt8] { Array(columns.joined()) }

    /// The same rows with `offset` added to every value of int64 column `column`: a part's
    /// `/annotations/example` (counted from the part's first example) as an index of the merged file.
    public func addingOffset(_ offset: Int64, toInt64Column column: Int) -> AnnotationRows {
        var copy = self
        copy.columns[column].withUnsafeMutableBytes { bytes in
            for k in 0 ..< count {
                let value = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * k, as: Int64.self))
                bytes.storeBytes(of: (value + offset).littleEndian, toByteOffset: 8 * k, as: Int64.self)
            }
        }
        return copy
    }
}
