import SpecGenPolicy

/// A specgen dataset file opened read-only for looking at single examples (`specgen plot`): one
/// example's samples, its label and metadata values, the file's root attributes and the burst
/// annotations of `/annotations`, when the file has them.
///
/// Unlike `DatasetReader`, which must be able to reproduce the file chunk for chunk and so refuses
/// anything a `DatasetWriter` does not make, this reader is lenient: it needs only the root attribute
/// `format` = `specgen-dataset` and a complex64 `/iq` of rank 3, and reads whatever else is there.
/// A field that a classification level dropped is simply absent (nil).
public final class ExampleFile {
    public let path: String
    /// Examples N, receive channels C and samples per example L of `/iq` (N, C, L).
    public let examples: Int
    public let channels: Int
    public let samplesPerExample: Int
    let file: HDF5File
    private let iq: HDF5Dataset
    private var annotationCache: [Annotation]?

    /// Opens `path`. Throws `HDF5Error` if it is not an HDF5 file, `DatasetFileError` if it is not a
    /// specgen dataset (no `format` attribute `specgen-dataset`, no complex64 `/iq` of rank 3).
    public init(path: String) throws {
        self.path = path
        file = try HDF5File.open(path)
        let root = file.root
        func fail(_ message: String) -> DatasetFileError { DatasetFileError(path: path, message: message) }
        guard try root.attributes.names().contains("format"), case .text("specgen-dataset") = try root.attributes.read("format") else {
            throw fail("not a specgen dataset (no root attribute format = specgen-dataset)")
        }
        guard root.contains("iq") else { throw fail("no /iq") }
        iq = try root.openDataset("iq")
        guard try iq.elementType() == .complex64, iq.shape.count == 3 else { throw fail("/iq is not a complex64 (example, channel, sample) dataset") }
        (examples, channels, samplesPerExample) = (iq.shape[0], iq.shape[1], iq.shape[2])
    }

    /// The samples of `example` on `channel`, interleaved (re, im, re, im, …): 2·L floats (`H5Dread`
    /// of one row of `/iq`).
    /// - Precondition: `example` in 0 ..< examples, `channel` in 0 ..< channels.
    public func samples(example: Int, channel: Int) throws -> [Float] {
        precondition((0 ..< examples).contains(example) && (0 ..< channels).contains(channel))
        let row = try iq.readRows(first: example, rows: 1, as: .complex64, element: SIMD2<Float>.self)
        let start = channel * samplesPerExample
        var out = [Float](repeating: 0, count: 2 * samplesPerExample)
        for n in 0 ..< samplesPerExample {
            out[2 * n] = row[start + n].x
            out[2 * n + 1] = row[start + n].y
        }
        return out
    }

    /// A root attribute, or nil when the file does not have it (or it is of a kind specgen never writes).
    public func rootAttribute(_ name: String) throws -> MetadataValue? {
        let attributes = file.root.attributes
        return try attributes.names().contains(name) ? try attributes.read(name) : nil
    }

    /// The value of a per-example column for `example`, as a Double: `labels.snr_db` is
    /// `/labels/snr_db`, any other path is `/meta/<path>`. Nil when the column does not exist.
    public func value(_ path: String, example: Int) throws -> Double? {
        guard let dataset = try column(path), dataset.shape.count == 1, (0 ..< dataset.shape[0]).contains(example),
              let type = try dataset.elementType(), type != .complex64 else { return nil }
        return try dataset.readRows(first: example, rows: 1, as: .float64, element: Double.self).first
    }

    /// The `categories` attribute of a categorical column (option names; the column stores an index).
    public func categories(_ path: String) throws -> [String]? {
        guard let dataset = try column(path), try dataset.attributes.names().contains("categories"),
              case .texts(let names) = try dataset.attributes.read("categories") else { return nil }
        return names
    }

    /// `/labels/class_names`, or nil when the file has none.
    public func classNames() throws -> [String]? {
        let root = file.root
        guard root.contains("labels") else { return nil }
        let labels = try root.openGroup("labels")
        guard labels.contains("class_names") else { return nil }
        return try labels.openDataset("class_names").readStrings()
    }

    /// True when the file has an `/annotations` group.
    public var hasAnnotations: Bool { file.root.contains("annotations") }

    /// The annotations of `example` (rows of `/annotations` whose `example` column equals it), in file
    /// order; empty when the file has no `/annotations`. The whole group is read once.
    /// Throws `DatasetFileError` if the group lacks one of the columns `Annotation` needs or they
    /// differ in length.
    public func annotations(example: Int) throws -> [Annotation] {
        if annotationCache == nil { annotationCache = try readAnnotations() }
        return annotationCache!.filter { $0.example == example }
    }

    /// Every row of `/annotations`, in file order (empty without the group); read once, like
    /// `annotations(example:)`, and with the same errors.
    public func allAnnotations() throws -> [Annotation] {
        if annotationCache == nil { annotationCache = try readAnnotations() }
        return annotationCache!
    }

    private func readAnnotations() throws -> [Annotation] {
        guard hasAnnotations else { return [] }
        let group = try file.root.openGroup("annotations")
        let names = Set(try group.linkNames())
        var columns: [String: [Double]] = [:]
        for name in ["example", "class_index", "start", "stop", "f_low", "f_high"] {
            guard names.contains(name) else { throw DatasetFileError(path: path, message: "/annotations has no column \(name)") }
            let dataset = try group.openDataset(name)
            guard dataset.shape.count == 1 else { throw DatasetFileError(path: path, message: "/annotations/\(name) is not one-dimensional") }
            columns[name] = try dataset.read(as: .float64, element: Double.self)
        }
        let count = columns["example"]!.count
        guard columns.values.allSatisfy({ $0.count == count }) else {
            throw DatasetFileError(path: path, message: "/annotations columns differ in length")
        }
        return (0 ..< count).map { row in
            Annotation(example: Int(columns["example"]![row]), classIndex: Int(columns["class_index"]![row]),
                       start: Int(columns["start"]![row]), stop: Int(columns["stop"]![row]),
                       frequencyLow: columns["f_low"]![row], frequencyHigh: columns["f_high"]![row])
        }
    }

    /// `/labels/<name>` for paths `labels.<name>`, `/meta/<path>` otherwise; nil when absent.
    private func column(_ path: String) throws -> HDF5Dataset? {
        let (groupName, name) = path.hasPrefix("labels.") ? ("labels", String(path.dropFirst(7))) : ("meta", path)
        let root = file.root
        guard root.contains(groupName) else { return nil }
        let group = try root.openGroup(groupName)
        return group.contains(name) ? try group.openDataset(name) : nil
    }
}

/// One burst of an example, as `/annotations` records it: a time-frequency box.
public struct Annotation: Sendable, Equatable {
    /// The example (row of `/iq`) it belongs to.
    public var example: Int
    /// Index into `/labels/class_names`.
    public var classIndex: Int
    /// Samples `start ..< stop` (stop exclusive).
    public var start: Int
    public var stop: Int
    /// The band, cycles/sample relative to the centre (−0.5 … 0.5).
    public var frequencyLow: Double
    public var frequencyHigh: Double

    public init(example: Int, classIndex: Int, start: Int, stop: Int, frequencyLow: Double, frequencyHigh: Double) {
        self.example = example
        self.classIndex = classIndex
        self.start = start
        self.stop = stop
        self.frequencyLow = frequencyLow
        self.frequencyHigh = frequencyHigh
    }
}
