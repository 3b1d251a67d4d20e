import Foundation
import SpecGenHDF5
import Testing

/// Chunks encoded outside the library and stored with `H5Dwrite_chunk` are the chunks HDF5 itself
/// stores through `H5Dwrite` and its filter pipeline: same bytes, same filter mask, same creation
/// properties (fill value, fill time, allocation time), and they read back as the data.
@Suite struct ChunkEncoderTests {
    /// 7 rows of 3 × 16 elements in chunks of 2 rows: three whole chunks and a partial last one (1 row).
    static let rows = 7, chunkRows = 2, rowShape = [3, 16]

    /// Sample values with some structure (compressible, but not trivially): a slow sine plus a ramp.
    static func values(count: Int) -> [Float] {
        (0 ..< count).map { Float(sin(Double($0) * 0.05)) + Float($0 % 17) / 8 }
    }

    @Test(arguments: [(HDF5Type.complex64, nil, false), (.complex64, 1, true), (.complex64, 4, false), (.float32, 6, true), (.float32, nil, false)])
    func encodedChunksEqualTheLibrarysOwn(type: HDF5Type, level: Int?, shuffle: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID()).h5").path
        defer { unlink(path) }
        let rowElements = Self.rowShape.reduce(1, *)
        let floatsPerElement = type.size / 4
        let data = Self.values(count: Self.rows * rowElements * floatsPerElement)
        let shape = [Self.rows] + Self.rowShape, chunk = [Self.chunkRows] + Self.rowShape
        let file = try HDF5File.create(path)
        let library = try file.root.createDataset("library", type: type, shape: shape, chunk: chunk, deflateLevel: level, shuffle: shuffle)
        let direct = try file.root.createDataset("direct", type: type, shape: shape, chunk: chunk, deflateLevel: level, shuffle: shuffle)
        let rowBytes = rowElements * type.size
        let encoder = ChunkEncoder(elementSize: type.size, deflateLevel: level, shuffle: shuffle)
        let stored = ChunkBuffer(), scratch = ChunkBuffer()
        try data.withUnsafeBytes { bytes in
            for first in stride(from: 0, to: Self.rows, by: Self.chunkRows) {
                let count = min(Self.chunkRows, Self.rows - first)
                let rows = UnsafeRawBufferPointer(rebasing: bytes[first * rowBytes ..< (first + count) * rowBytes])
                try library.writeRows(first: first, rows: count, type: type, from: rows.baseAddress!)
                // The whole chunk, the missing rows of the last one as zero bytes (the default fill).
                var whole = [UInt8](repeating: 0, count: Self.chunkRows * rowBytes)
                whole.withUnsafeMutableBytes { $0.copyMemory(from: rows) }
                let size = whole.withUnsafeBytes { encoder.encode($0, into: stored, scratch: scratch) }
                try direct.writeChunk(firstRow: first, bytes: UnsafeRawBufferPointer(start: stored.bytes.baseAddress, count: size))
            }
        }
        try file.flush()

        let properties = try direct.creationProperties()
        #expect(try library.creationProperties() == properties)
        #expect(properties.allocationTime == DatasetCreationProperties.allocateIncrementally)
        #expect(properties.fillTime == DatasetCreationProperties.fillIfSet)
        #expect(properties.fillValue == DatasetCreationProperties.defaultFillValue)
        #expect(properties.filters.map(\.id) == (level == nil ? [] : shuffle ? [2, 1] : [1]))
        let a = ChunkBuffer(), b = ChunkBuffer()
        var storedTotal = 0
        for first in stride(from: 0, to: Self.rows, by: Self.chunkRows) {
            let (sizeA, maskA) = try library.readChunk(firstRow: first, into: a)
            let (sizeB, maskB) = try direct.readChunk(firstRow: first, into: b)
            #expect(maskA == 0 && maskB == 0)
            #expect(sizeA == sizeB, "chunk at row \(first)")
            #expect(memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, min(sizeA, sizeB)) == 0, "chunk at row \(first)")
            storedTotal += sizeB
        }
        if level == nil {
            #expect(storedTotal == 4 * Self.chunkRows * rowBytes)  // full-size chunks, the last one padded
        } else {
            #expect(storedTotal < 4 * Self.chunkRows * rowBytes)
        }
        // Read through the library (filters undone): the data written.
        let back = type == .complex64
            ? try direct.read(as: .complex64, element: SIMD2<Float>.self).flatMap { [$0.x, $0.y] }
            : try direct.read(as: .float32, element: Float.self)
        #expect(back == data)
    }

    /// The shuffle filter's byte planes, on a hand-checked case: two 4-byte elements.
    @Test func shuffleMakesBytePlanes() throws {
        let input: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let encoder = ChunkEncoder(elementSize: 4, deflateLevel: 1, shuffle: true)
        let stored = ChunkBuffer(), scratch = ChunkBuffer()
        _ = input.withUnsafeBytes { encoder.encode($0, into: stored, scratch: scratch) }
        #expect(Array(UnsafeRawBufferPointer(start: scratch.bytes.baseAddress, count: 8)) == [1, 5, 2, 6, 3, 7, 4, 8])
    }

    /// A chunk that was never written has no storage; reading it is an error, not zeros.
    @Test func missingChunkIsReported() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID()).h5").path
        defer { unlink(path) }
        let file = try HDF5File.create(path)
        let dataset = try file.root.createDataset("d", type: .float64, shape: [10], chunk: [5])
        try [Double](repeating: 1, count: 5).withUnsafeBytes { try dataset.writeChunk(firstRow: 0, bytes: $0) }
        #expect(try dataset.storedChunkSize(firstRow: 0) == 40)
        #expect(try dataset.storedChunkCount() == 1)
        #expect(throws: HDF5Error.self) { _ = try dataset.storedChunkSize(firstRow: 5) }
        #expect(throws: HDF5Error.self) { _ = try dataset.readChunk(firstRow: 5, into: ChunkBuffer()) }
    }
}
