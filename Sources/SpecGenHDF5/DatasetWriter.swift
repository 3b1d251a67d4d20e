import SpecGenPolicy

/// A stored chunk ready for `H5Dwrite_chunk`: its bytes (encoded if the dataset has filters), its
/// filter mask (0: every filter applied) and, if the caller computed it already (a worker thread), the
/// CRC-32 of the bytes. The bytes belong to the caller and must live for the call.
public struct StoredChunk {
    public let bytes: UnsafeRawBufferPointer
    public let filterMask: UInt32
    public let checksum: UInt32?
    public init(bytes: UnsafeRawBufferPointer, filterMask: UInt32 = 0, checksum: UInt32? = nil) {
        self.bytes = bytes
        self.filterMask = filterMask
        self.checksum = checksum
    }
}

/// What was stored for one chunk: its size in bytes, its filter mask and the CRC-32 of its bytes
/// (`ChunkChecksum`). A block's records, one per per-example dataset in write order, are what the
/// resume journal keeps, and what a chunk read back from a stopped run's file must match.
public struct ChunkRecord: Equatable, Sendable {
    public let size: Int
    public let filterMask: UInt32
    public let crc32: UInt32
    public init(size: Int, filterMask: UInt32, crc32: UInt32) {
        self.size = size
        self.filterMask = filterMask
        self.crc32 = crc32
    }
}

/// Writes one dataset file, chunk by chunk in example order, from released metadata only.
///
/// File-level fields become root attributes, except `labels.*` string lists, which become datasets under
/// `/labels`; per-example fields named `labels.X` go to `/labels/X`, all others to `/meta/<path>`.
/// Every block of examples is written as whole stored chunks (`H5Dwrite_chunk`), one per per-example
/// dataset in a fixed order (`/iq`, `/iq_clean`, `/spectrogram`: `layout.sampleDatasets`, then the columns in path order), whether the chunks
/// come from a run's workers (`writeBlock`), a shard being merged (`storeCopiedBlock`) or a stopped
/// run's file (`copyVerifiedBlock`): the same calls
/// in the same order give the same bytes. A scene's `/annotations` rows follow each block
/// (`appendAnnotations`), from the workers, the merged part or the resume's spool, and are stored in
/// whole chunks of `annotationChunkRows` rows as they fill, the rest at `finish`. The file is flushed (`H5Fflush`) once it holds every object and
/// after every block, so a stopped run's file holds its finished blocks readably (resume), and every
/// producer makes the same library calls in the same order. Not thread-safe: one writer thread owns it.
public final class DatasetWriter {
    public let header: DatasetHeader
    public var layout: DatasetLayout { header.layout }
    private let file: HDF5File
    /// The per-example datasets in write order: `layout.sampleDatasets`, then the columns.
    private let datasets: [HDF5Dataset]
    private let columnTypes: [HDF5Type]
    public private(set) var examplesWritten = 0
    private let scratch = ChunkBuffer()
    /// `/annotations/*` (one per `header.annotations`), extensible, chunked at `annotationChunkRows`.
    private var annotationDatasets: [HDF5Dataset] = []
    private var annotationTypes: [HDF5Type] = []
    /// Rows received but not yet stored (fewer than a whole chunk), as bytes per column.
    private var pendingAnnotations: [[UInt8]] = []
    private var pendingRows = 0
    public private(set) var annotationRowsWritten = 0
    /// Rows per `/annotations` chunk: whole chunks are stored as rows arrive, the rest at `finish`, so
    /// that the same rows in the same blocks give the same bytes whoever writes them.
    public static let annotationChunkRows = 4096

    /// Creates the file and every dataset in it (attributes in sorted order, each written once).
    public init(path: String, header: DatasetHeader) throws {
        self.header = header
        let layout = header.layout
        file = try HDF5File.create(path)
        let root = file.root
        let n = layout.examples, b = layout.chunkExamples, maxRows = layout.datasetExamples
        let deflate = layout.compression?.deflateLevel, shuffle = layout.compression?.shuffle ?? false

        var datasets: [HDF5Dataset] = []
        for sample in layout.sampleDatasets {
            switch sample {
            case .iq, .iqClean:
                let dataset = try root.createDataset(sample.rawValue, type: .complex64, shape: [n, layout.channels, layout.samplesPerExample],
                                                     chunk: [b, layout.channels, layout.samplesPerExample], deflateLevel: deflate, shuffle: shuffle,
                                                     maxRows: maxRows)
                try dataset.attributes.write("axes", string: "example,channel,sample")
                datasets.append(dataset)
            case .spectrogram:
                let s = layout.spectrogram!
                let dataset = try root.createDataset("spectrogram", type: .float32, shape: [n, layout.channels, s.rows, s.frames],
                                                     chunk: [b, layout.channels, s.rows, s.frames], deflateLevel: deflate, shuffle: shuffle,
                                                     maxRows: maxRows)
                try Self.write(attributes: s.attributes + [("axes", .text("example,channel,frequency,time"))], to: dataset.attributes)
                datasets.append(dataset)
            case .masks:
                let s = layout.spectrogram!
                let dataset = try root.createDataset("masks", type: .uint8, shape: [n, s.rows, s.frames], chunk: [b, s.rows, s.frames],
                                                     deflateLevel: deflate, shuffle: shuffle, maxRows: maxRows)
                try Self.write(attributes: [("axes", .text("example,frequency,time")),
                                            ("values", .text("0: background; k + 1: class k (/labels/class_names)"))], to: dataset.attributes)
                datasets.append(dataset)
            }
        }

        let labels = try root.createGroup("labels")
        let meta = try root.createGroup("meta")
        var types: [HDF5Type] = []
        for (path, type) in header.columns {
            let (group, name) = path.hasPrefix("labels.") ? (labels, String(path.dropFirst(7))) : (meta, path)
            let hdf5Type = HDF5Type(type)
            let dataset = try group.createDataset(name, type: hdf5Type, shape: [n], chunk: [b], maxRows: maxRows)
            try Self.write(attributes: Self.columnAttributes(path, axes: "example", layout: layout), to: dataset.attributes)
            datasets.append(dataset)
            types.append(hdf5Type)
        }
        self.datasets = datasets
        columnTypes = types

        if !header.annotations.isEmpty {
            let group = try root.createGroup("annotations")
            for (path, type) in header.annotations {
                precondition(path.hasPrefix(DatasetHeader.annotationPrefix), "annotation field \(path) lacks its prefix")
                let hdf5Type = HDF5Type(type)
                let dataset = try group.createDataset(String(path.dropFirst(DatasetHeader.annotationPrefix.count)), type: hdf5Type, shape: [0],
                                                      chunk: [Self.annotationChunkRows], maxRows: HDF5Group.unlimitedRows)
                try Self.write(attributes: Self.columnAttributes(path, axes: "burst", layout: layout), to: dataset.attributes)
                annotationDatasets.append(dataset)
                annotationTypes.append(hdf5Type)
            }
            pendingAnnotations = annotationTypes.map { _ in [] }
        }

        var rootAttributes: [(String, MetadataValue)] = []
        for (path, value) in header.fields {
            if path.hasPrefix("labels."), case .texts(let strings) = value {
                let dataset = try labels.writeStrings(String(path.dropFirst(7)), strings)
                try dataset.attributes.write("axes", string: "class")
            } else {
                rootAttributes.append((path, value))
            }
        }
        try Self.write(attributes: rootAttributes, to: root.attributes)
        if let marking = header.marking { try Self.write(marking, in: root) }
        try file.flush()
    }

    /// A column's attributes: its `axes`, and its `unit` and `categories` when the layout has them.
    private static func columnAttributes(_ path: String, axes: String, layout: DatasetLayout) -> [(String, MetadataValue)] {
        var attributes: [(String, MetadataValue)] = [("axes", .text(axes))]
        if let unit = layout.units[path] { attributes.append(("unit", .text(unit))) }
        if let options = layout.categories[path] { attributes.append(("categories", .texts(options))) }
        return attributes
    }

    /// `/marking`: its attributes, `/marking/categories` (one attribute per category) and the manifest as
    /// two string datasets, `manifest_field` and `manifest_operator`.
    private static func write(_ marking: Marking, in root: HDF5Group) throws {
        let group = try root.createGroup("marking")
        try write(attributes: marking.attributes.map { ($0.name, $0.value) }, to: group.attributes)
        let categories = try group.createGroup("categories")
        try write(attributes: marking.categories.map { ($0.name, .texts($0.values)) }, to: categories.attributes)
        _ = try group.writeStrings("manifest_field", marking.manifest.map(\.field))
        _ = try group.writeStrings("manifest_operator", marking.manifest.map(\.operator))
    }

    /// The file of a new run: `DatasetHeader.released`.
    public convenience init(path: String, layout: DatasetLayout, fileMetadata: ReleasedMetadata, columns: ReleasedColumnLayout, marking: Marking? = nil) throws {
        try self.init(path: path, header: .released(layout: layout, fileMetadata: fileMetadata, columns: columns, marking: marking))
    }

    private static func write(attributes: [(String, MetadataValue)], to target: HDF5Attributes) throws {
        for (name, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
            switch value {
            case .integer(let v): try target.write(name, int64: v)
            case .real(let v): try target.write(name, float64: v)
            case .text(let v): try target.write(name, string: v)
            case .texts(let v): try target.write(name, strings: v)
            case .reals(let v, let shape): try target.write(name, float64s: v, shape: shape)
            }
        }
    }

    /// Examples in the next block: a whole chunk, or what is left.
    public var nextBlockCount: Int { min(layout.chunkExamples, layout.examples - examplesWritten) }

    /// Stores the next block: its sample chunks (`/iq`, `/iq_clean`, `/spectrogram`: one per
    /// `layout.sampleDatasets`, in that order) as prepared (whole chunks, the rows past the block's
    /// examples zero, encoded with `layout.encoder(_:)`), and the released per-example values, one per
    /// example of the block, as column chunks. Returns what was stored, one record per dataset in write order.
    /// `writeBlock(samples:released:)`, then the block's `/annotations` rows (`appendAnnotations`).
    @discardableResult
    public func writeBlock(samples: [StoredChunk], released: ReleasedColumns, annotations: AnnotationRows?) throws -> [ChunkRecord] {
        let records = try writeBlock(samples: samples, released: released)
        if let annotations { try appendAnnotations(annotations) }
        return records
    }

    /// Appends a block's `/annotations` rows, right after the block itself was stored (`writeBlock`,
    /// `storeCopiedBlock` or `copyVerifiedBlock`): every column of `header.annotations`, in that order.
    /// Whole chunks of `annotationChunkRows` rows are stored at once (`H5Dset_extent`, `H5Dwrite_chunk`),
    /// the rest waits for the next rows or `finish`. A run, a merge and a resume all call it with the
    /// same rows after the same blocks, and so make the same calls.
    public func appendAnnotations(_ rows: AnnotationRows) throws {
        precondition(rows.columns.count == annotationTypes.count, "annotation columns differ from the header")
        for (k, bytes) in rows.columns.enumerated() {
            precondition(bytes.count == rows.count * annotationTypes[k].size, "annotation column type differs from its layout")
            pendingAnnotations[k].append(contentsOf: bytes)
        }
        pendingRows += rows.count
        while pendingRows >= Self.annotationChunkRows { try storeAnnotationChunk(rows: Self.annotationChunkRows) }
    }

    /// Stores the first `rows` pending rows as one chunk (padded with zero bytes to a whole chunk).
    private func storeAnnotationChunk(rows: Int) throws {
        let first = annotationRowsWritten
        for (k, dataset) in annotationDatasets.enumerated() {
            let size = annotationTypes[k].size
            try dataset.extend(rows: first + rows)
            var chunk = [UInt8](repeating: 0, count: Self.annotationChunkRows * size)
            chunk.replaceSubrange(0 ..< rows * size, with: pendingAnnotations[k][0 ..< rows * size])
            try chunk.withUnsafeBytes { try dataset.writeChunk(firstRow: first, bytes: $0) }
            pendingAnnotations[k].removeFirst(rows * size)
        }
        annotationRowsWritten += rows
        pendingRows -= rows
    }

    @discardableResult
    public func writeBlock(samples: [StoredChunk], released: ReleasedColumns) throws -> [ChunkRecord] {
        let count = nextBlockCount
        precondition(count > 0, "every example was written already")
        precondition(samples.count == layout.sampleDatasets.count, "the block's sample chunks do not match the layout")
        precondition(released.values.count == columnTypes.count, "columns differ from the layout")
        // Whole column chunks: the block's values, then zero bytes (the default fill) up to the chunk size.
        let columnChunks = zip(columnTypes, released.values).map { type, values -> [UInt8] in
            precondition(values.count == count, "column length differs from the block")
            var chunk = [UInt8](repeating: 0, count: layout.chunkExamples * type.size)
            chunk.withUnsafeMutableBytes { out in
                switch (type, values) {
                case (.int32, .int32(let v)): v.withUnsafeBytes { out.copyMemory(from: $0) }
                case (.int64, .int64(let v)): v.withUnsafeBytes { out.copyMemory(from: $0) }
                case (.float32, .float32(let v)): v.withUnsafeBytes { out.copyMemory(from: $0) }
                case (.float64, .float64(let v)): v.withUnsafeBytes { out.copyMemory(from: $0) }
                default: preconditionFailure("column type differs from its layout")
                }
            }
            return chunk
        }
        return try withStoredChunks(columnChunks) { columns in
            try store(samples + columns)
        }
    }

    /// Stores one block's chunks, one per dataset in write order, then flushes the file. Returns their
    /// records if `recording` (taking the CRC-32 of chunks that do not carry theirs), else nothing.
    private func store(_ chunks: [StoredChunk], recording: Bool = true) throws -> [ChunkRecord] {
        precondition(chunks.count == datasets.count, "one chunk per dataset")
        let count = nextBlockCount
        precondition(count > 0, "every example was written already")
        var records: [ChunkRecord] = []
        records.reserveCapacity(chunks.count)
        for (dataset, chunk) in zip(datasets, chunks) {
            try dataset.writeChunk(firstRow: examplesWritten, bytes: chunk.bytes, filterMask: chunk.filterMask)
            if recording {
                records.append(ChunkRecord(size: chunk.bytes.count, filterMask: chunk.filterMask,
                                           crc32: chunk.checksum ?? ChunkChecksum.crc32(chunk.bytes)))
            }
        }
        try file.flush()
        examplesWritten += count
        return records
    }

    /// Appends the next `count` examples from plain memory (encoding them on this thread): `iq` (and
    /// `clean` when the layout has `/iq_clean`) holds count·C·L complex samples as interleaved float pairs,
    /// `spectrogram` count·C·F·T floats when the layout has one. `count` must be `nextBlockCount`.
    /// Returns what was stored (as `writeBlock`).
    @discardableResult
    public func write(count: Int, iq samples: UnsafeRawPointer, clean: UnsafeRawPointer? = nil, spectrogram values: UnsafeRawPointer?,
                      released: ReleasedColumns) throws -> [ChunkRecord] {
        precondition(count == nextBlockCount, "blocks are whole chunks: write \(nextBlockCount) examples, not \(count)")
        let b = layout.chunkExamples
        let sources = layout.sampleDatasets.map { dataset -> UnsafeRawPointer in
            switch dataset {
            case .iq: return samples
            case .iqClean:
                guard let clean else { preconditionFailure("layout has /iq_clean; block has none") }
                return clean
            case .spectrogram:
                guard let values else { preconditionFailure("layout has a spectrogram; block has none") }
                return values
            case .masks:
                preconditionFailure("masks are written by writeBlock only")
            }
        }
        let outputs = sources.map { _ in ChunkBuffer() }
        var chunks: [StoredChunk] = []
        for (k, dataset) in layout.sampleDatasets.enumerated() {
            let wholeBytes = layout.chunkBytes(dataset)
            var whole = [UInt8](repeating: 0, count: wholeBytes)
            whole.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: sources[k], byteCount: count * wholeBytes / b) }
            let size = whole.withUnsafeBytes { layout.encoder(dataset).encode($0, into: outputs[k], scratch: scratch) }
            chunks.append(StoredChunk(bytes: UnsafeRawBufferPointer(start: outputs[k].bytes.baseAddress, count: size)))
        }
        // The chunks point into `outputs`: keep them alive until the block is stored.
        return try withExtendedLifetime(outputs) { try writeBlock(samples: chunks, released: released) }
    }

    /// Stores the next block as copied from a file of the same layout: its stored chunks, one per
    /// dataset in write order, unchanged (a merge: `DatasetReader.storedChunkLocations` and `read`).
    public func storeCopiedBlock(_ chunks: [StoredChunk]) throws {
        _ = try store(chunks, recording: false)
    }

    /// Copies the next block from `source` (a stopped run's file of the same header) only if every one
    /// of its stored chunks can be read and matches `expected` (size, filter mask and CRC-32): then it
    /// stores them exactly as `writeBlock` stored them and returns true. Otherwise it stores nothing
    /// and returns false (the caller makes the block again). Throws only if storing fails.
    public func copyVerifiedBlock(from source: DatasetReader, sourceRow: Int, expected: [ChunkRecord]) throws -> Bool {
        precondition(source.datasets.count == datasets.count, "the source's datasets differ from the layout")
        guard expected.count == datasets.count else { return false }
        return try source.withStoredChunks(firstRow: sourceRow) { chunks in
            guard let chunks else { return false }
            var verified: [StoredChunk] = []
            for (chunk, record) in zip(chunks, expected) {
                guard chunk.bytes.count == record.size, chunk.filterMask == record.filterMask else { return false }
                let crc = ChunkChecksum.crc32(chunk.bytes)
                guard crc == record.crc32 else { return false }
                verified.append(StoredChunk(bytes: chunk.bytes, filterMask: chunk.filterMask, checksum: crc))
            }
            _ = try store(verified, recording: false)
            return true
        }
    }

    /// Flushes everything; the file is closed when the writer is released.
    public func finish() throws {
        precondition(examplesWritten == layout.examples, "finish before every example was written")
        if pendingRows > 0 { try storeAnnotationChunk(rows: pendingRows) }
        try file.flush()
    }
}

/// Calls `body` with `StoredChunk`s over the arrays' bytes, unfiltered.
private func withStoredChunks<R>(_ arrays: [[UInt8]], _ body: ([StoredChunk]) throws -> R) rethrows -> R {
    var chunks: [StoredChunk] = []
    func next(_ k: Int) throws -> R {
        if k == arrays.count { return try body(chunks) }
        return try arrays[k].withUnsafeBytes { bytes in
            chunks.append(StoredChunk(bytes: bytes))
            return try next(k + 1)
        }
    }
    return try next(0)
}

extension HDF5Type {
    init(_ column: ColumnType) {
        switch column {
        case .int32: self = .int32
        case .int64: self = .int64
        case .float32: self = .float32
        case .float64: self = .float64
        }
    }
}
