import Foundation
import SpecGenHDF5
import SpecGenPolicy
import Testing

/// What merge and resume rely on for a scene's `/annotations`: a block's rows as bytes and back, the
/// reader giving each block's rows as they were appended, and replaying them after copied blocks
/// giving the writer's bytes again — across the 4,096-row chunk boundaries and through blocks without
/// rows.
@Suite struct AnnotationReplayTests {
    static let types: [String: ColumnType] = ["annotations.example": .int64, "annotations.class_index": .int32, "annotations.snr_db": .float64]
    static let examples = 40, block = 4

    /// Bursts of example e: none for every fifth example (blocks 0 and 5 hold none at all), else
    /// 300 + (e·37 mod 300): 12,016 rows, the chunk boundaries at rows 4,096 and 8,192 inside blocks
    /// 3 and 7.
    static func bursts(_ e: Int) -> Int { e % 5 == 0 || e / block == 5 || e < block ? 0 : 300 + (e * 37) % 300 }

    static func rows(block b: Int, policy: ReleasePolicy = .releaseAll) -> (ReleasedColumns, ReleasedColumnLayout) {
        let layout = policy.layout(for: types)
        let examples = (b * block ..< (b + 1) * block).flatMap { e in [Int](repeating: e, count: bursts(e)) }
        let raw: [String: ColumnValues] = [
            "annotations.example": .int64(examples.map { Int64($0) }),
            "annotations.class_index": .int32(examples.enumerated().map { Int32(($0.offset + $0.element) % 3) }),
            "annotations.snr_db": .float64(examples.enumerated().map { Double($0.offset) / 8 - Double($0.element) }),
        ]
        return (policy.release(block: raw, layout: layout), layout)
    }

    static func header() -> DatasetHeader {
        let policy = ReleasePolicy.releaseAll
        let layout = DatasetLayout(examples: examples, channels: 1, samplesPerExample: 4, blockExamples: block, spectrogram: nil,
                                   compression: (deflateLevel: 1, shuffle: true), units: ["annotations.snr_db": "dB"])
        return .released(layout: layout, fileMetadata: policy.release(["format": .text("specgen-dataset")]),
                         columns: policy.layout(for: ["labels.burst_count": .int32]), marking: nil, annotations: policy.layout(for: types))
    }

    /// Writes every block with its rows; returns the rows appended per block.
    static func write(_ path: String) throws -> [AnnotationRows] {
        let header = header(), policy = ReleasePolicy.releaseAll, columns = policy.layout(for: ["labels.burst_count": .int32])
        let writer = try DatasetWriter(path: path, header: header)
        var appended: [AnnotationRows] = []
        for b in 0 ..< examples / block {
            let iq = (0 ..< block * 8).map { Float(b * 100 + $0) }
            let counts: [String: ColumnValues] = ["labels.burst_count": .int32((b * block ..< (b + 1) * block).map { Int32(bursts($0)) })]
            let rows = AnnotationRows(Self.rows(block: b).0, types: header.annotations.map(\.type))
            appended.append(rows)
            try iq.withUnsafeBytes {
                _ = try writer.write(count: block, iq: $0.baseAddress!, spectrogram: nil, released: policy.release(block: counts, layout: columns))
            }
            try writer.appendAnnotations(rows)
        }
        try writer.finish()
        return appended
    }

    static func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("annotations-\(UUID()).h5").path
    }

    @Test func rowsRoundTripThroughTheirBytes() {
        let types = Self.header().annotations.map(\.type)
        let rows = AnnotationRows(Self.rows(block: 3).0, types: types)
        #expect(rows.count == (12 ..< 16).map(Self.bursts).reduce(0, +))
        #expect(rows.columns.map(\.count) == types.map { rows.count * ($0 == .int32 ? 4 : 8) })
        #expect(AnnotationRows(serialized: rows.serialized, types: types) == rows)
        #expect(AnnotationRows(serialized: Array(rows.serialized.dropLast()), types: types) == nil)
        #expect(AnnotationRows(serialized: [], types: types)?.count == 0)
        // The example column (int64, first in path order: class_index, example, snr_db) moved by 1,000.
        let moved = rows.addingOffset(1000, toInt64Column: 1)
        let before = rows.columns[1].withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }
        let after = moved.columns[1].withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) }
        #expect(after == before.map { $0 + 1000 } && moved.columns[0] == rows.columns[0] && moved.columns[2] == rows.columns[2])
    }

    /// The reader gives back the header's annotation columns and units, and each block's rows exactly as
    /// appended; a copy that stores each block's chunks and then appends the rows the reader gives is
    /// the original file, byte for byte.
    @Test func replayedRowsReproduceTheFile() throws {
        let original = Self.temporary(), copy = Self.temporary()
        defer { for path in [original, copy] { unlink(path) } }
        let appended = try Self.write(original)
        #expect(appended.map(\.count).reduce(0, +) > 2 * DatasetWriter.annotationChunkRows)
        #expect(appended[0].count == 0 && appended[5].count == 0)
        let reader = try DatasetReader(path: original)
        #expect(reader.header.canonicalLines == Self.header().canonicalLines)
        #expect(reader.header.layout.units["annotations.snr_db"] == "dB")
        for (b, rows) in appended.enumerated() { #expect(try reader.annotationRows(block: b) == rows, "block \(b)") }
        do {
            let writer = try DatasetWriter(path: copy, header: reader.header)
            for b in appended.indices {
                try reader.withStoredChunks(firstRow: b * Self.block) { chunks in try writer.storeCopiedBlock(#require(chunks)) }
                try writer.appendAnnotations(reader.annotationRows(block: b))
            }
            try writer.finish()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: original)))
    }

    /// Why a resume cannot take the rows from a stopped run's file: cut after block 4 (5,998 rows
    /// appended), it holds one chunk of 4,096 rows; the other 1,902 were still in the writer's memory.
    /// Read as a stopped run's file, its header is the run's all the same.
    @Test func aStoppedFileHoldsOnlyWholeChunksOfRows() throws {
        let path = Self.temporary()
        defer { unlink(path) }
        let header = Self.header(), policy = ReleasePolicy.releaseAll, columns = policy.layout(for: ["labels.burst_count": .int32])
        var appended = 0
        do {  // the writer is released (its file closed) without finish
            let writer = try DatasetWriter(path: path, header: header)
            for b in 0 ..< 5 {
                let iq = [Float](repeating: 0, count: Self.block * 8)
                let counts: [String: ColumnValues] = ["labels.burst_count": .int32([Int32](repeating: 0, count: Self.block))]
                try iq.withUnsafeBytes {
                    _ = try writer.write(count: Self.block, iq: $0.baseAddress!, spectrogram: nil, released: policy.release(block: counts, layout: columns))
                }
                let rows = AnnotationRows(Self.rows(block: b).0, types: header.annotations.map(\.type))
                try writer.appendAnnotations(rows)
                appended += rows.count
            }
        }
        #expect(appended == 5998)
        #expect(try HDF5File.open(path).root.openDataset("annotations/example").shape == [DatasetWriter.annotationChunkRows])
        let stopped = try DatasetReader(path: path, stopped: true)
        #expect(stopped.header.canonicalLines == header.canonicalLines)
    }
}
