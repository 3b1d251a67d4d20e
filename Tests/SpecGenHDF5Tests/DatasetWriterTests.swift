import Foundation
import SpecGenHDF5
import SpecGenPolicy
import Testing

@Suite struct DatasetWriterTests {
    static let fields: [String: MetadataValue] = [
        "format": .text("specgen-dataset"), "seed": .integer(42), "sample_rate_hz": .real(1e6),
        "labels.class_names": .texts(["A", "B-ω"]),
    ]
    static let columns: [String: ColumnType] = ["labels.class_index": .int32, "labels.snr_db": .float32, "emitter.rolloff": .float64]

    /// Writes 5 examples of 4 samples in blocks of 2 (the last one short).
    static func write(_ path: String, policy: ReleasePolicy) throws {
        let layout = DatasetLayout(examples: 5, channels: 1, samplesPerExample: 4, blockExamples: 2, spectrogram: nil, compression: nil,
                                   units: ["labels.snr_db": "dB"])
        let columnLayout = policy.layout(for: columns)
        let writer = try DatasetWriter(path: path, layout: layout, fileMetadata: policy.release(fields), columns: columnLayout)
        for (first, count) in [(0, 2), (2, 2), (4, 1)] {
            let iq = (0 ..< count * 8).map { Float(first * 8 + $0) }
            let raw: [String: ColumnValues] = [
                "labels.class_index": .int32((first ..< first + count).map { Int32($0 % 2) }),
                "labels.snr_db": .float32((first ..< first + count).map { Float($0) }),
                "emitter.rolloff": .float64((first ..< first + count).map { Double($0) / 10 }),
            ]
            try iq.withUnsafeBytes {
                try writer.write(count: count, iq: $0.baseAddress!, spectrogram: nil, released: policy.release(block: raw, layout: columnLayout))
            }
        }
        try writer.finish()
    }

    @Test func roundTripThroughTheCAPI() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID()).h5").path
        defer { unlink(path) }
        try Self.write(path, policy: .releaseAll)
        let file = try HDF5File.open(path)
        let iq = try file.root.openDataset("iq")
        #expect(iq.shape == [5, 1, 4])
        // The compound {r, i} reads back as interleaved float pairs in write order.
        let floats = try iq.read(as: .complex64, element: SIMD2<Float>.self).flatMap { [$0.x, $0.y] }
        #expect(floats == (0 ..< 40).map(Float.init))
        #expect(try file.root.openDataset("labels/class_index").read(as: .int32, element: Int32.self) == [0, 1, 0, 1, 0])
        #expect(try file.root.openDataset("meta/emitter.rolloff").read(as: .float64, element: Double.self) == [0, 0.1, 0.2, 0.3, 0.4])
        #expect(try file.root.openDataset("labels/class_names").readStrings() == ["A", "B-ω"])
        #expect(try file.root.attributes.readString("format") == "specgen-dataset")
        #expect(try file.root.attributes.readInt64("seed") == 42)
        #expect(try file.root.attributes.readFloat64("sample_rate_hz") == 1e6)
        #expect(try file.root.attributes.names() == ["format", "sample_rate_hz", "seed"])
        #expect(try file.root.openDataset("labels/snr_db").attributes.readString("unit") == "dB")
    }

    /// Fail closed: a field the policy does not allow appears nowhere in the file — no dataset, no
    /// attribute, and not its value in the bytes.
    @Test func fieldsThePolicyDropsAreNotWritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID()).h5").path
        defer { unlink(path) }
        try Self.write(path, policy: .allowList("test", fields: ["format", "labels.class_index", "labels.class_names"]))
        let file = try HDF5File.open(path)
        #expect(try file.root.attributes.names() == ["format"])
        #expect(throws: HDF5Error.self) { _ = try file.root.openDataset("meta/emitter.rolloff") }
        #expect(throws: HDF5Error.self) { _ = try file.root.openDataset("labels/snr_db") }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var sampleRate = 1e6
        let needle = Data(bytes: &sampleRate, count: 8)
        #expect(bytes.range(of: needle) == nil)
        #expect(bytes.range(of: Data("sample_rate_hz".utf8)) == nil)
        #expect(bytes.range(of: Data("rolloff".utf8)) == nil)
    }

    /// No timestamps: the same content written a second apart gives the same bytes.
    @Test func identicalContentGivesIdenticalBytes() throws {
        let a = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID()).h5").path
        let b = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID()).h5").path
        defer { unlink(a); unlink(b) }
        try Self.write(a, policy: .releaseAll)
        Thread.sleep(forTimeInterval: 1.1)
        try Self.write(b, policy: .releaseAll)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }
}

@Suite struct DatasetReaderTests {
    /// A written file reads back as the header that made it: layout, fields and columns.
    @Test func headerRoundTrips() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID()).h5").path
        defer { unlink(path) }
        try DatasetWriterTests.write(path, policy: .releaseAll)
        let reader = try DatasetReader(path: path)
        let layout = reader.header.layout
        #expect(layout.examples == 5 && layout.channels == 1 && layout.samplesPerExample == 4 && layout.blockExamples == 2)
        #expect(layout.spectrogram == nil && layout.compression == nil)
        #expect(layout.units == ["labels.snr_db": "dB"])
        #expect(reader.header.columns.map(\.path) == ["emitter.rolloff", "labels.class_index", "labels.snr_db"])
        #expect(reader.header.columns.map(\.type) == [.float64, .int32, .float32])
        #expect(reader.header.fields.map(\.path) == ["format", "labels.class_names", "sample_rate_hz", "seed"])
        #expect(reader.header.field("labels.class_names") == .texts(["A", "B-ω"]))
        #expect(reader.header.field("seed") == .integer(42))
        #expect(reader.datasets.count == 4)
    }
}
