import Foundation
import SpecGenHDF5
import SpecGenPolicy
import SpecGenTestSupport
import Testing

/// What a resume relies on: the CRC-32 it records per stored chunk, and copying a stopped run's blocks
/// into a fresh file only when every chunk matches its record, with the bytes an uninterrupted writer
/// makes.
@Suite struct ChunkReplayTests {
    /// The CRC-32 check value of the ISO-HDLC polynomial (gzip, PNG): "123456789" → 0xCBF43926.
    @Test func checksumIsTheStandardCRC32() {
        let crc = Array("123456789".utf8).withUnsafeBytes { ChunkChecksum.crc32($0) }
        #expect(crc == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { ChunkChecksum.crc32($0) } == 0)
    }

    /// The folding CRC (PCLMULQDQ, where the CPU has it) equals zlib's on seeded random bytes of every
    /// length up to 300 (below, at and past the 64-byte minimum, every remainder mod 16), of a few large
    /// ones, at every start offset mod 16, and on all-zero and all-one chunks.
    @Test func foldingChecksumEqualsZlibs() {
        #if arch(x86_64)
        #expect(ChunkChecksum.isFolding, "every x86-64 CPU since 2010 has PCLMULQDQ")
        #endif
        var generator = SplitMix64(seed: 20_261_127)
        let bytes = (0 ..< (1 << 20) + 64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes.withUnsafeBytes { all in
            for length in Array(0 ... 300) + [1000, 4096, 65_536 + 13, 1 << 20] {
                for offset in [0, 1, 7, 15] where offset + length <= all.count {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset ..< offset + length])
                    #expect(ChunkChecksum.crc32(slice) == ChunkChecksum.crc32Portable(slice), "length \(length), offset \(offset)")
                }
            }
        }
        for value in [UInt8(0), 0xFF] {
            let chunk = [UInt8](repeating: value, count: 1 << 16)
            #expect(chunk.withUnsafeBytes { ChunkChecksum.crc32($0) == ChunkChecksum.crc32Portable($0) })
        }
    }

    static let fields: [String: MetadataValue] = ["format": .text("specgen-dataset"), "seed": .integer(7)]
    static let columns: [String: ColumnType] = ["labels.class_index": .int32, "emitter.rolloff": .float64]

    /// A writer of 5 examples of 4 samples in blocks of 2, deflated (the last block short).
    static func writer(_ path: String) throws -> DatasetWriter {
        let layout = DatasetLayout(examples: 5, channels: 1, samplesPerExample: 4, blockExamples: 2, spectrogram: nil,
                                   compression: (deflateLevel: 4, shuffle: true), units: [:])
        let policy = ReleasePolicy.releaseAll
        return try DatasetWriter(path: path, layout: layout, fileMetadata: policy.release(fields), columns: policy.layout(for: columns))
    }

    /// Writes the three blocks and returns each block's chunk records.
    static func writeAll(_ writer: DatasetWriter) throws -> [[ChunkRecord]] {
        let policy = ReleasePolicy.releaseAll, layout = policy.layout(for: columns)
        var records: [[ChunkRecord]] = []
        for (first, count) in [(0, 2), (2, 2), (4, 1)] {
            let iq = (0 ..< count * 8).map { Float(first * 8 + $0).squareRoot() }
            let raw: [String: ColumnValues] = ["labels.class_index": .int32((first ..< first + count).map { Int32($0) }),
                                               "emitter.rolloff": .float64((first ..< first + count).map { Double($0) / 4 })]
            try iq.withUnsafeBytes { records.append(try writer.write(count: count, iq: $0.baseAddress!, spectrogram: nil, released: policy.release(block: raw, layout: layout))) }
        }
        try writer.finish()
        return records
    }

    static func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID()).h5").path
    }

    /// The records describe what is in the file: one per dataset (/iq, then the columns in path order),
    /// the sizes HDF5 reports for the stored chunks, filter mask 0.
    @Test func recordsDescribeTheStoredChunks() throws {
        let path = Self.temporary()
        defer { unlink(path) }
        let records = try Self.writeAll(Self.writer(path))
        let reader = try DatasetReader(path: path)
        #expect(records.count == 3 && records.allSatisfy { $0.count == 3 })
        for (block, blockRecords) in records.enumerated() {
            for (dataset, record) in zip(reader.datasets, blockRecords) {
                let buffer = ChunkBuffer()
                let (size, mask) = try dataset.readChunk(firstRow: 2 * block, into: buffer)
                #expect(record == ChunkRecord(size: size, filterMask: mask,
                                              crc32: ChunkChecksum.crc32(UnsafeRawBufferPointer(start: buffer.bytes.baseAddress, count: size))))
            }
        }
    }

    /// Copying every block with its records gives the original file's bytes; a block whose records do
    /// not match (one CRC off by one bit, a size off by one) is refused and nothing of it is stored, so
    /// the caller can still write it itself and end with the same bytes.
    @Test func verifiedCopyReproducesTheFileAndRefusesMismatches() throws {
        let original = Self.temporary(), copy = Self.temporary(), again = Self.temporary()
        defer { for path in [original, copy, again] { unlink(path) } }
        let records = try Self.writeAll(Self.writer(original))
        let source = try DatasetReader(path: original)
        do {  // the writer is released (its file closed) at the end of the scope
            let writer = try Self.writer(copy)
            for (block, expected) in records.enumerated() {
                #expect(try writer.copyVerifiedBlock(from: source, sourceRow: 2 * block, expected: expected))
            }
            try writer.finish()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: original)))

        do {
            let partly = try Self.writer(again)
            #expect(try partly.copyVerifiedBlock(from: source, sourceRow: 0, expected: records[0]))
            var badCRC = records[1], badSize = records[1]
            badCRC[2] = ChunkRecord(size: badCRC[2].size, filterMask: 0, crc32: badCRC[2].crc32 ^ 1)
            badSize[0] = ChunkRecord(size: badSize[0].size + 1, filterMask: 0, crc32: badSize[0].crc32)
            #expect(try !partly.copyVerifiedBlock(from: source, sourceRow: 2, expected: badCRC))
            #expect(try !partly.copyVerifiedBlock(from: source, sourceRow: 2, expected: badSize))
            #expect(partly.examplesWritten == 2)
            #expect(try partly.copyVerifiedBlock(from: source, sourceRow: 2, expected: records[1]))
            #expect(try partly.copyVerifiedBlock(from: source, sourceRow: 4, expected: records[2]))
            try partly.finish()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: original)))
    }
}
