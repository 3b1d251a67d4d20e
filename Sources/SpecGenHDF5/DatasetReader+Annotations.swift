import SpecGenPolicy

/// A scene file's `/annotations` as a `DatasetWriter` makes it: 1-D columns of one row per burst, in
/// example order, extensible, in chunks of `DatasetWriter.annotationChunkRows` rows, unfiltered.
struct AnnotationTable {
    /// The columns in path order (`annotations.X` → `/annotations/X`), their datasets, and the `unit`
    /// and `categories` attributes by path.
    var columns: [(path: String, type: ColumnType)] = []
    var datasets: [HDF5Dataset] = []
    var units: [String: String] = [:], categories: [String: [String]] = [:]
    /// The first row of every block of `blockExamples` examples, and the row count last: block b's rows
    /// are `blockStarts[b] ..< blockStarts[b + 1]`. Nil when the rows were not checked (a stopped run's file).
    var blockStarts: [Int]?

    /// Reads and checks `/annotations` of a file of `examples` examples in blocks of `blockExamples`.
    /// With `rows`, the rows too: every column of one length and wholly stored, and an int64
    /// `example` column whose values do not decrease and lie in `0 ..< examples` (it says which rows
    /// belong to which block). Without (a stopped run's file, cut anywhere), only the columns.
    init(_ group: HDF5Group, examples: Int, blockExamples: Int, rows: Bool, fail: (String) -> DatasetFileError) throws {
        let names = try group.linkNames()
        guard !names.isEmpty else { throw fail("/annotations is empty, which specgen never writes") }
        var byPath: [String: HDF5Dataset] = [:]
        for name in names {
            let dataset = try group.openDataset(name)
            let path = DatasetHeader.annotationPrefix + name, label = "/annotations/\(name)"
            let column: ColumnType
            switch try dataset.elementType() {
            case .int32: column = .int32
            case .int64: column = .int64
            case .float32: column = .float32
            case .float64: column = .float64
            default: throw fail("\(label) has an element type specgen does not write")
            }
            let properties = try dataset.creationProperties()
            guard dataset.shape.count == 1, properties.chunk == [DatasetWriter.annotationChunkRows], properties.filters.isEmpty,
                  try dataset.maximumShape() == nil else {
                throw fail("\(label) is not an extensible 1-D column in chunks of \(DatasetWriter.annotationChunkRows) rows")
            }
            let attributes = try dataset.attributes.names()
            for attribute in attributes where !["axes", "categories", "unit"].contains(attribute) {
                throw fail("\(label) has an attribute \(attribute) that specgen does not write")
            }
            if attributes.contains("unit") {
                guard case .text(let unit) = try dataset.attributes.read("unit") else { throw fail("\(label): unit is not a string") }
                units[path] = unit
            }
            if attributes.contains("categories") {
                guard case .texts(let options) = try dataset.attributes.read("categories") else { throw fail("\(label): categories are not strings") }
                categories[path] = options
            }
            columns.append((path, column))
            byPath[path] = dataset
        }
        columns.sort { $0.path < $1.path }
        datasets = columns.map { byPath[$0.path]! }
        if rows { blockStarts = try Self.checkRows(columns: columns, datasets: datasets, examples: examples, blockExamples: blockExamples, fail: fail) }
    }

    /// The path of the column that says which example a row belongs to.
    static let examplePath = DatasetHeader.annotationPrefix + "example"

    /// Checks the rows and returns the first row of every block (and the row count last).
    private static func checkRows(columns: [(path: String, type: ColumnType)], datasets: [HDF5Dataset], examples: Int, blockExamples: Int,
                                  fail: (String) -> DatasetFileError) throws -> [Int] {
        let rows = datasets[0].shape[0]
        let chunks = (rows + DatasetWriter.annotationChunkRows - 1) / DatasetWriter.annotationChunkRows
        for (column, dataset) in zip(columns, datasets) {
            let label = "/annotations/\(column.path.dropFirst(DatasetHeader.annotationPrefix.count))"
            guard dataset.shape[0] == rows else {
                throw fail("\(label) has \(dataset.shape[0]) rows, /annotations/\(columns[0].path.dropFirst(DatasetHeader.annotationPrefix.count)) \(rows): the columns differ in length")
            }
            let stored = try dataset.storedChunkCount()
            guard stored == chunks else { throw fail("\(label) has \(stored) of its \(chunks) chunks of rows stored: the file is incomplete") }
        }
        guard let k = columns.firstIndex(where: { $0.path == examplePath }), columns[k].type == .int64 else {
            throw fail("/annotations has no int64 column example, which says the example of each row")
        }
        let example = try datasets[k].readRows(first: 0, rows: rows, as: .int64, element: Int64.self)
        var starts: [Int] = [0]
        var previous: Int64 = 0
        for (row, value) in example.enumerated() {
            guard value >= previous, value < examples else {
                throw fail("/annotations/example row \(row) is \(value): rows must be in example order, within 0 ..< \(examples)")
            }
            // Rows of blocks before this row's block end here (blocks without rows start where the next begins).
            while starts.count <= Int(value) / blockExamples { starts.append(row) }
            previous = value
        }
        let blocks = (examples + blockExamples - 1) / blockExamples
        while starts.count <= blocks { starts.append(rows) }
        return starts
    }

    /// The rows of block `block` (`blockStarts` must have been made).
    func rows(block: Int) throws -> AnnotationRows {
        guard let blockStarts else { preconditionFailure("the rows of a stopped run's file were not checked") }
        let first = blockStarts[block], count = blockStarts[block + 1] - first
        var bytes: [[UInt8]] = []
        for (column, dataset) in zip(columns, datasets) {
            switch column.type {
            case .int32: bytes.append(try dataset.readRows(first: first, rows: count, as: .int32, element: Int32.self).withUnsafeBytes { Array($0) })
            case .int64: bytes.append(try dataset.readRows(first: first, rows: count, as: .int64, element: Int64.self).withUnsafeBytes { Array($0) })
            case .float32: bytes.append(try dataset.readRows(first: first, rows: count, as: .float32, element: Float.self).withUnsafeBytes { Array($0) })
            case .float64: bytes.append(try dataset.readRows(first: first, rows: count, as: .float64, element: Double.self).withUnsafeBytes { Array($0) })
            }
        }
        return AnnotationRows(columns: bytes, types: columns.map(\.type))!
    }
}

extension DatasetReader {
    /// The `/annotations` rows of block `block` of the file (examples `block·B ..< (block + 1)·B`), as
    /// stored, `/annotations/example` counting from the file's first example. Only for a file opened
    /// without `stopped`.
    public func annotationRows(block: Int) throws -> AnnotationRows {
        guard let annotations else { return AnnotationRows(columns: [], types: [])! }
        return try annotations.rows(block: block)
    }

    /// The index of `/annotations/example` in `header.annotations`, if the file has one.
    public var annotationExampleColumn: Int? {
        header.annotations.firstIndex { $0.path == AnnotationTable.examplePath }
    }
}
