import SpecGenPolicy

/// The shape of a specgen dataset file (docs/dataset.md), fixed before the file is created.
public struct DatasetLayout: Sendable {
    public var examples: Int
    public var channels: Int
    public var samplesPerExample: Int
    /// Examples per chunk of the per-example arrays (and per `write` call but the last).
    public var blockExamples: Int
    /// (fftSize F, frames T) when a spectrogram is stored.
    public var spectrogram: (fftSize: Int, frames: Int, attributes: [(String, MetadataValue)])?
    public var compression: (deflateLevel: Int, shuffle: Bool)?
    /// Units of per-example fields, written as `unit` attributes.
    public var units: [String: String]
    /// Option names of categorical per-example fields (stored as indices), written as `categories`.
    public var categories: [String: [String]]

    public init(examples: Int, channels: Int, samplesPerExample: Int, blockExamples: Int,
                spectrogram: (fftSize: Int, frames: Int, attributes: [(String, MetadataValue)])?,
                compression: (deflateLevel: Int, shuffle: Bool)?, units: [String: String], categories: [String: [String]] = [:]) {
        self.examples = examples
        self.channels = channels
        self.samplesPerExample = samplesPerExample
        self.blockExamples = blockExamples
        self.spectrogram = spectrogram
        self.compression = compression
        self.units = units
        self.categories = categories
    }
}

/// Writes one dataset file, block by block in example order, from released metadata only.
///
/// File-level fields become root attributes, except `labels.*` fields, which become datasets under
/// `/labels`; per-example fields named `labels.X` go to `/labels/X`, all others to `/meta/<path>`.
/// Not thread-safe: one writer thread owns it.
public final class DatasetWriter {
    public let layout: DatasetLayout
    private let file: HDF5File
    private let iq: HDF5Dataset
    private let spectrogram: HDF5Dataset?
    private let columns: [(dataset: HDF5Dataset, type: ColumnType)]
    private let columnLayout: ReleasedColumnLayout
    public private(set) var examplesWritten = 0

    /// Creates the file and every dataset in it (attributes in sorted order, each written once).
    public init(path: String, layout: DatasetLayout, fileMetadata: ReleasedMetadata, columns columnLayout: ReleasedColumnLayout) throws {
        self.layout = layout
        self.columnLayout = columnLayout
        file = try HDF5File.create(path)
        let root = file.root
        let n = layout.examples, b = min(layout.blockExamples, layout.examples)
        let deflate = layout.compression?.deflateLevel, shuffle = layout.compression?.shuffle ?? false

        iq = try root.createDataset("iq", type: .complex64, shape: [n, layout.channels, layout.samplesPerExample],
                                    chunk: [b, layout.channels, layout.samplesPerExample], deflateLevel: deflate, shuffle: shuffle)
        try iq.attributes.write("axes", string: "example,channel,sample")
        if let s = layout.spectrogram {
            let dataset = try root.createDataset("spectrogram", type: .float32, shape: [n, layout.channels, s.fftSize, s.frames],
                                                 chunk: [b, layout.channels, s.fftSize, s.frames], deflateLevel: deflate, shuffle: shuffle)
            try Self.write(attributes: s.attributes + [("axes", .text("example,channel,frequency,time"))], to: dataset.attributes)
            spectrogram = dataset
        } else {
            spectrogram = nil
        }

        let labels = try root.createGroup("labels")
        let meta = try root.createGroup("meta")
        let columnChunk = min(n, max(b, 4096))
        var made: [(HDF5Dataset, ColumnType)] = []
        for (path, type) in columnLayout.columns {
            let (group, name) = path.hasPrefix("labels.") ? (labels, String(path.dropFirst(7))) : (meta, path)
            let hdf5Type: HDF5Type = switch type { case .int32: .int32; case .float32: .float32; case .float64: .float64 }
            let dataset = try group.createDataset(name, type: hdf5Type, shape: [n], chunk: [columnChunk])
            var attributes: [(String, MetadataValue)] = [("axes", .text("example"))]
            if let unit = layout.units[path] { attributes.append(("unit", .text(unit))) }
            if let options = layout.categories[path] { attributes.append(("categories", .texts(options))) }
            try Self.write(attributes: attributes, to: dataset.attributes)
            made.append((dataset, type))
        }
        columns = made.map { (dataset: $0.0, type: $0.1) }

        var rootAttributes: [(String, MetadataValue)] = []
        for (path, value) in fileMetadata.fields {
            if path.hasPrefix("labels."), case .texts(let strings) = value {
                let dataset = try labels.writeStrings(String(path.dropFirst(7)), strings)
                try dataset.attributes.write("axes", string: "class")
            } else {
                rootAttributes.append((path, value))
            }
        }
        try Self.write(attributes: rootAttributes, to: root.attributes)
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

    /// Appends the next `count` examples: `iq` holds count·C·L complex samples as interleaved float
    /// pairs, `spectrogram` count·C·F·T floats when the layout has one, `released` one value per example
    /// for each released column.
    public func write(count: Int, iq samples: UnsafeRawPointer, spectrogram values: UnsafeRawPointer?, released: ReleasedColumns) throws {
        let first = examplesWritten
        try iq.writeRows(first: first, rows: count, type: .complex64, from: samples)
        if let spectrogram {
            guard let values else { preconditionFailure("layout has a spectrogram; block has none") }
            try spectrogram.writeRows(first: first, rows: count, type: .float32, from: values)
        }
        precondition(released.values.count == columns.count)
        for ((dataset, type), values) in zip(columns, released.values) {
            precondition(values.count == count, "column length differs from the block")
            switch (type, values) {
            case (.int32, .int32(let v)): try v.withUnsafeBytes { try dataset.writeRows(first: first, rows: count, type: .int32, from: $0.baseAddress!) }
            case (.float32, .float32(let v)): try v.withUnsafeBytes { try dataset.writeRows(first: first, rows: count, type: .float32, from: $0.baseAddress!) }
            case (.float64, .float64(let v)): try v.withUnsafeBytes { try dataset.writeRows(first: first, rows: count, type: .float64, from: $0.baseAddress!) }
            default: preconditionFailure("column type differs from its layout")
            }
        }
        examplesWritten += count
    }

    /// Flushes everything; the file is closed when the writer is released.
    public func finish() throws {
        precondition(examplesWritten == layout.examples, "finish before every example was written")
        try file.flush()
    }
}
