#if canImport(Glibc)
import Glibc
#endif
import SpecGenPolicy

/// A specgen dataset file opened read-only, with the header that would make a writer create the same
/// objects (`DatasetHeader`), and its per-example datasets in the writer's order, so that stored chunks
/// can be copied as they are (`DatasetWriter.storeCopiedBlock`, `copyVerifiedBlock`).
///
/// Reading is strict: anything a `DatasetWriter` does not make (another dataset or group, an attribute
/// it never writes, a type or chunk shape it never uses) is a `DatasetFileError`, because copying such a
/// file could not reproduce it. A scene file's `/annotations` is read with its rows, which a merge
/// replays block by block (`annotationRows(block:)`): one column per header annotation, of one length,
/// wholly stored, `example` in order and in range.
public final class DatasetReader {
    public let path: String
    public let header: DatasetHeader
    /// The per-example datasets in write order: `header.layout.sampleDatasets`, then the columns.
    public let datasets: [HDF5Dataset]
    /// `/annotations` (nil without a scene): its columns and, unless `stopped`, the rows of each block.
    let annotations: AnnotationTable?
    private let file: HDF5File
    /// The file opened once more, read-only, for reading stored chunks (`withStoredChunks`), and one
    /// buffer per dataset for them.
    let descriptor: Int32
    let chunkBuffers: [ChunkBuffer]

    /// Opens `path`. Throws `HDF5Error` if it is not an HDF5 file, `DatasetFileError` if its layout is
    /// not one a `DatasetWriter` makes.
    /// - Parameter stopped: the file of a stopped run (a resume's source), cut at any moment: its
    ///   `/annotations` is read for its columns only, not its rows (a resume takes those from its spool).
    public init(path: String, stopped: Bool = false) throws {
        self.path = path
        file = try HDF5File.open(path)
        let root = file.root
        func fail(_ message: String) -> DatasetFileError { DatasetFileError(path: path, message: message) }
        guard try file.userBlockSize() == 0 else { throw fail("has a user block, which specgen never writes") }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail("cannot be opened for reading: \(String(cString: strerror(errno)))") }

        let rootLinks = try root.linkNames()
        for name in rootLinks where !["iq", "iq_clean", "spectrogram", "masks", "labels", "meta", "marking", "annotations"].contains(name) {
            throw fail("unexpected object /\(name)")
        }
        for name in ["iq", "labels", "meta"] where !rootLinks.contains(name) { throw fail("no /\(name)") }
        let iq = try root.openDataset("iq")
        let iqProperties = try iq.creationProperties()
        guard try iq.elementType() == .complex64, iq.shape.count == 3, let chunk = iqProperties.chunk, chunk.count == 3,
              chunk[1] == iq.shape[1], chunk[2] == iq.shape[2] else {
            throw fail("/iq is not a complex64 (example, channel, sample) dataset chunked by examples")
        }
        let examples = iq.shape[0], blockExamples = chunk[0]
        guard let maxShape = try iq.maximumShape(), maxShape.dropFirst().elementsEqual(iq.shape.dropFirst()), maxShape[0] >= max(examples, blockExamples) else {
            throw fail("/iq has a maximum shape specgen does not write")
        }
        let compression = try Self.compression(iqProperties, fail: fail)
        try Self.expectAttributes(iq, allowed: ["axes"], name: "/iq", fail: fail)
        var datasets = [iq]

        let clean = rootLinks.contains("iq_clean")
        if clean {
            let dataset = try root.openDataset("iq_clean")
            let properties = try dataset.creationProperties()
            guard try dataset.elementType() == .complex64, dataset.shape == iq.shape, properties.chunk == chunk,
                  try dataset.maximumShape() == maxShape, try Self.sameCompression(Self.compression(properties, fail: fail), compression) else {
                throw fail("/iq_clean does not match /iq (type, shape, chunks or compression)")
            }
            try Self.expectAttributes(dataset, allowed: ["axes"], name: "/iq_clean", fail: fail)
            datasets.append(dataset)
        }

        var spectrogram: (rows: Int, frames: Int, attributes: [(String, MetadataValue)])?
        if rootLinks.contains("spectrogram") {
            let dataset = try root.openDataset("spectrogram")
            let properties = try dataset.creationProperties()
            guard try dataset.elementType() == .float32, dataset.shape.count == 4, dataset.shape[0] == examples, dataset.shape[1] == iq.shape[1],
                  properties.chunk == [blockExamples] + dataset.shape.dropFirst(),
                  try Self.sameCompression(Self.compression(properties, fail: fail), compression) else {
                throw fail("/spectrogram does not match /iq (shape, chunks or compression)")
            }
            var attributes: [(String, MetadataValue)] = []
            for name in try dataset.attributes.names() where name != "axes" {
                guard let value = try dataset.attributes.read(name) else { throw fail("/spectrogram attribute \(name) has an unexpected type") }
                attributes.append((name, value))
            }
            spectrogram = (dataset.shape[2], dataset.shape[3], attributes)
            datasets.append(dataset)
        }
        let masks = rootLinks.contains("masks")
        if masks {
            let dataset = try root.openDataset("masks")
            let properties = try dataset.creationProperties()
            guard let spectrogram, try dataset.elementType() == .uint8, dataset.shape == [examples, spectrogram.rows, spectrogram.frames],
                  properties.chunk == [blockExamples, spectrogram.rows, spectrogram.frames],
                  try Self.sameCompression(Self.compression(properties, fail: fail), compression) else {
                throw fail("/masks does not match /spectrogram (type, shape, chunks or compression)")
            }
            try Self.expectAttributes(dataset, allowed: ["axes", "values"], name: "/masks", fail: fail)
            datasets.append(dataset)
        }

        var columns: [(path: String, type: ColumnType)] = []
        var fields: [(path: String, value: MetadataValue)] = []
        var units: [String: String] = [:], categories: [String: [String]] = [:]
        var columnDatasets: [String: HDF5Dataset] = [:]
        for (groupName, prefix) in [("labels", "labels."), ("meta", "")] {
            let group = try root.openGroup(groupName)
            for name in try group.linkNames() {
                let dataset = try group.openDataset(name)
                let path = prefix + name
                let type = try dataset.elementType()
                if groupName == "labels", type == nil, dataset.shape.count == 1 {
                    // A file-level string list (class names).
                    fields.append((path, .texts(try dataset.readStrings())))
                    try Self.expectAttributes(dataset, allowed: ["axes"], name: "/labels/\(name)", fail: fail)
                    continue
                }
                let column: ColumnType
                switch type {
                case .int32: column = .int32
                case .int64: column = .int64
                case .float32: column = .float32
                case .float64: column = .float64
                default: throw fail("/\(groupName)/\(name) has an element type specgen does not write")
                }
                let properties = try dataset.creationProperties()
                guard dataset.shape == [examples], properties.chunk == [blockExamples], properties.filters.isEmpty else {
                    throw fail("/\(groupName)/\(name) does not have one value per example in chunks of \(blockExamples)")
                }
                let names = try Self.expectAttributes(dataset, allowed: ["axes", "categories", "unit"], name: "/\(groupName)/\(name)", fail: fail)
                if names.contains("unit") {
                    guard case .text(let unit) = try dataset.attributes.read("unit") else { throw fail("/\(groupName)/\(name): unit is not a string") }
                    units[path] = unit
                }
                if names.contains("categories") {
                    guard case .texts(let options) = try dataset.attributes.read("categories") else { throw fail("/\(groupName)/\(name): categories are not strings") }
                    categories[path] = options
                }
                columns.append((path, column))
                columnDatasets[path] = dataset
            }
        }
        for name in try root.attributes.names() {
            guard let value = try root.attributes.read(name) else { throw fail("root attribute \(name) has an unexpected type") }
            fields.append((name, value))
        }
        let table = rootLinks.contains("annotations")
            ? try AnnotationTable(root.openGroup("annotations"), examples: examples, blockExamples: blockExamples, rows: !stopped, fail: fail) : nil
        if let table {
            units.merge(table.units) { $1 }
            categories.merge(table.categories) { $1 }
        }
        annotations = table

        let layout = DatasetLayout(examples: examples, datasetExamples: maxShape[0], channels: iq.shape[1],
                                   samplesPerExample: iq.shape[2], blockExamples: blockExamples, spectrogram: spectrogram,
                                   compression: compression, clean: clean, units: units, categories: categories, masks: masks)
        let marking = rootLinks.contains("marking") ? try Self.marking(try root.openGroup("marking"), fail: fail) : nil
        header = DatasetHeader(layout: layout, fields: fields, columns: columns, marking: marking, annotations: table?.columns ?? [])
        self.datasets = datasets + header.columns.map { columnDatasets[$0.path]! }
        chunkBuffers = self.datasets.map { _ in ChunkBuffer() }
    }

    deinit { close(descriptor) }

    /// `/marking` as `DatasetWriter` writes it.
    private static func marking(_ group: HDF5Group, fail: (String) -> DatasetFileError) throws -> Marking {
        guard Set(try group.linkNames()) == ["categories", "manifest_field", "manifest_operator"] else {
            throw fail("/marking does not hold exactly categories, manifest_field and manifest_operator")
        }
        var attributes: [(name: String, value: MetadataValue)] = []
        for name in try group.attributes.names() {
            guard let value = try group.attributes.read(name) else { throw fail("/marking attribute \(name) has an unexpected type") }
            attributes.append((name, value))
        }
        let categoryGroup = try group.openGroup("categories")
        var categories: [LabelCategory] = []
        for name in try categoryGroup.attributes.names() {
            guard case .texts(let values) = try categoryGroup.attributes.read(name) else { throw fail("/marking/categories attribute \(name) is not a list of strings") }
            categories.append(LabelCategory(name: name, values: values))
        }
        let fields = try group.openDataset("manifest_field").readStrings(), operators = try group.openDataset("manifest_operator").readStrings()
        guard fields.count == operators.count else { throw fail("/marking's manifest_field and manifest_operator differ in length") }
        return Marking(attributes: attributes, categories: categories, manifest: zip(fields, operators).map { (field: $0, operator: $1) })
    }

    /// Deflate level and shuffle of a dataset's filters, if they are the ones `createDataset` sets.
    private static func compression(_ properties: DatasetCreationProperties, fail: (String) -> DatasetFileError) throws -> (deflateLevel: Int, shuffle: Bool)? {
        let ids = properties.filters.map(\.id)
        switch ids {
        case []: return nil
        case [DatasetCreationProperties.deflateFilter], [DatasetCreationProperties.shuffleFilter, DatasetCreationProperties.deflateFilter]:
            guard let level = properties.filters.last!.parameters.first else { throw fail("a deflate filter without a level") }
            return (Int(level), ids.count == 2)
        default: throw fail("filters \(ids) are not ones specgen uses (deflate, optionally after shuffle)")
        }
    }

    private static func sameCompression(_ a: (deflateLevel: Int, shuffle: Bool)?, _ b: (deflateLevel: Int, shuffle: Bool)?) -> Bool {
        a?.deflateLevel == b?.deflateLevel && a?.shuffle == b?.shuffle
    }

    /// The dataset's attribute names, all of which must be in `allowed`.
    @discardableResult
    private static func expectAttributes(_ dataset: HDF5Dataset, allowed: Set<String>, name: String, fail: (String) -> DatasetFileError) throws -> [String] {
        let names = try dataset.attributes.names()
        for attribute in names where !allowed.contains(attribute) {
            throw fail("\(name) has an attribute \(attribute) that specgen does not write")
        }
        return names
    }
}

/// A file that is HDF5 but not laid out as a specgen dataset.
public struct DatasetFileError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}
