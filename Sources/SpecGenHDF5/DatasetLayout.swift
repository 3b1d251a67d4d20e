import SpecGenPolicy

/// A per-example dataset of samples or values (every per-example dataset but the columns), in the
/// order a `DatasetWriter` writes them: `/iq`, `/iq_clean`, `/spectrogram`.
public enum SampleDataset: String, Sendable, CaseIterable {
    /// The captures, (N, C, L) complex64.
    case iq
    /// The same captures without the thermal noise (`output.clean`), (N, C, L) complex64.
    case iqClean = "iq_clean"
    /// The STFT of `/iq`, (N, C, F, T) float32.
    case spectrogram
    /// A scene's cell labels, (N, F, T) uint8: 1 + the class of the strongest burst above the noise, 0 else.
    case masks

    /// The path in the file.
    public var path: String { "/" + rawValue }
    /// Bytes of one element as stored.
    public var elementSize: Int {
        switch self {
        case .iq, .iqClean: HDF5Type.complex64.size
        case .spectrogram: HDF5Type.float32.size
        case .masks: HDF5Type.uint8.size
        }
    }
}

/// The shape of a specgen dataset file (docs/dataset.md), fixed before the file is created.
///
/// Every per-example dataset (`/iq`, `/iq_clean`, `/spectrogram`, each column under `/labels` and `/meta`) is chunked
/// along the example axis only, `blockExamples` examples per chunk: block b of a run is chunk b of every
/// one of them. That is what lets a shard hold whole chunks and a merge copy them as stored.
public struct DatasetLayout: Sendable {
    /// Examples (rows) in this file.
    public var examples: Int
    /// Examples of the whole dataset: `examples`, or more for a shard (its datasets' maximum first
    /// dimension records it, so a shard smaller than one chunk is still a valid file).
    public var datasetExamples: Int
    public var channels: Int
    public var samplesPerExample: Int
    /// Examples per chunk of every per-example dataset (and per block of work).
    public var blockExamples: Int
    /// (frequency rows: F, or F/2 + 1 one-sided; frames T) when a spectrogram is stored.
    public var spectrogram: (rows: Int, frames: Int, attributes: [(String, MetadataValue)])?
    /// An `/iq_clean` beside `/iq`: the same captures without the thermal noise.
    public var clean: Bool
    /// `/masks` (N, F, T) beside `/spectrogram` (scenes).
    public var masks = false
    /// Shuffle + deflate of `/iq`, `/iq_clean` and `/spectrogram` (the columns are never compressed).
    public var compression: (deflateLevel: Int, shuffle: Bool)?
    /// Units of per-example fields, written as `unit` attributes.
    public var units: [String: String]
    /// Option names of categorical per-example fields (stored as indices), written as `categories`.
    public var categories: [String: [String]]

    public init(examples: Int, datasetExamples: Int? = nil, channels: Int, samplesPerExample: Int, blockExamples: Int,
                spectrogram: (rows: Int, frames: Int, attributes: [(String, MetadataValue)])?,
                compression: (deflateLevel: Int, shuffle: Bool)?, clean: Bool = false, units: [String: String], categories: [String: [String]] = [:],
                masks: Bool = false) {
        precondition(examples >= 1 && blockExamples >= 1 && (datasetExamples ?? examples) >= examples)
        self.examples = examples
        self.datasetExamples = datasetExamples ?? examples
        self.channels = channels
        self.samplesPerExample = samplesPerExample
        self.blockExamples = blockExamples
        self.spectrogram = spectrogram
        self.compression = compression
        self.clean = clean
        self.masks = masks
        self.units = units
        self.categories = categories
    }

    /// Examples per chunk as stored: `blockExamples`, but never more than the whole dataset.
    public var chunkExamples: Int { min(blockExamples, datasetExamples) }

    /// Chunks (blocks) in this file; the last one may be partial.
    public var chunkCount: Int { (examples + chunkExamples - 1) / chunkExamples }

    /// The sample datasets this file has, in write order (before the columns).
    public var sampleDatasets: [SampleDataset] {
        [.iq] + (clean ? [.iqClean] : []) + (spectrogram == nil ? [] : [.spectrogram]) + (masks && spectrogram != nil ? [.masks] : [])
    }

    /// Values of one example in `dataset`: C · L samples, or C · F · T spectrogram values (0 without one).
    public func valuesPerExample(_ dataset: SampleDataset) -> Int {
        switch dataset {
        case .iq, .iqClean: channels * samplesPerExample
        case .spectrogram: spectrogram.map { channels * $0.rows * $0.frames } ?? 0
        case .masks: spectrogram.map { $0.rows * $0.frames } ?? 0
        }
    }

    /// Bytes of one whole chunk of `dataset` before encoding.
    public func chunkBytes(_ dataset: SampleDataset) -> Int { chunkExamples * valuesPerExample(dataset) * dataset.elementSize }

    /// What becomes of a chunk of `dataset` before it is stored: shuffle (by its element size) and
    /// deflate when the file compresses, else nothing.
    public func encoder(_ dataset: SampleDataset) -> ChunkEncoder {
        ChunkEncoder(elementSize: dataset.elementSize, deflateLevel: compression?.deflateLevel, shuffle: compression?.shuffle ?? false)
    }

    /// Bytes of one whole `/iq` chunk before encoding.
    public var iqChunkBytes: Int { chunkBytes(.iq) }

    /// What becomes of an `/iq` chunk before it is stored.
    public var iqEncoder: ChunkEncoder { encoder(.iq) }
}

/// Everything a `DatasetWriter` writes before the examples: the layout, the file-level fields and the
/// per-example columns. Made only from metadata a `ReleasePolicy` released (`released`), or read back
/// from a file a writer made (`DatasetReader`): there is no other way to put a value into a file.
public struct DatasetHeader: Sendable {
    public var layout: DatasetLayout
    /// File-level fields in sorted path order: root attributes, and `labels.X` string lists (written as
    /// the dataset `/labels/X`).
    public private(set) var fields: [(path: String, value: MetadataValue)]
    /// Per-example fields in sorted path order: `labels.X` → `/labels/X`, any other path → `/meta/<path>`.
    public let columns: [(path: String, type: ColumnType)]
    /// Per-burst fields of a scene (`annotations.X` → `/annotations/X`), in sorted path order: rows of
    /// any number per example, in example order (docs/scenes.md); empty for a file without a scene.
    public let annotations: [(path: String, type: ColumnType)]
    /// The classification marking (`/marking`); nil for a file written without a schema.
    public let marking: Marking?

    init(layout: DatasetLayout, fields: [(path: String, value: MetadataValue)], columns: [(path: String, type: ColumnType)], marking: Marking?,
         annotations: [(path: String, type: ColumnType)] = []) {
        self.layout = layout
        self.fields = fields.sorted { $0.path < $1.path }
        self.columns = columns.sorted { $0.path < $1.path }
        self.annotations = annotations.sorted { $0.path < $1.path }
        self.marking = marking
    }

    /// The header of a new file: the layout, what the policy released and the policy's marking.
    public static func released(layout: DatasetLayout, fileMetadata: ReleasedMetadata, columns: ReleasedColumnLayout, marking: Marking?,
                                annotations: ReleasedColumnLayout? = nil) -> DatasetHeader {
        DatasetHeader(layout: layout, fields: fileMetadata.fields, columns: columns.columns, marking: marking, annotations: annotations?.columns ?? [])
    }

    /// The prefix of the per-burst fields' paths; the rest of a path names the column under `/annotations`.
    public static let annotationPrefix = "annotations."


    /// The value of a file-level field.
    public func field(_ path: String) -> MetadataValue? {
        fields.first { $0.path == path }?.value
    }

    /// Drops file-level fields (dropping is always safe: nothing unreleased can come in this way).
    public mutating func removeFields(where shouldRemove: (String) -> Bool) {
        fields.removeAll { shouldRemove($0.path) }
    }
}
