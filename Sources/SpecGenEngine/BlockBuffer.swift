import Numerics
import SpecGenDSP
import SpecGenHDF5
import SpecGenPolicy

/// One block of finished examples on its way from a worker to the writer. Owned by one thread at a
/// time: the pipeline hands it over under its lock.
final class BlockBuffer: @unchecked Sendable {
    /// Block index and number of examples in it.
    var index = 0
    var count = 0
    /// blockExamples · C · L samples, example-major: one whole `/iq` chunk.
    let iq: AlignedBuffer<Complex<Float>>
    /// blockExamples · C · F · T values (empty without a spectrogram): one whole `/spectrogram` chunk.
    var spectrogram: [Float]
    /// Per-example values, released by the policy in the worker.
    var released: ReleasedColumns?
    /// The same values before release (for in-process inspection, never handed to the writer).
    var raw: [String: ColumnValues] = [:]
    /// The encoded chunks when the file compresses them (`prepareChunks`), with their sizes.
    private let iqStored = ChunkBuffer(), spectrogramStored = ChunkBuffer(), scratch = ChunkBuffer()
    private var iqStoredSize = 0, spectrogramStoredSize = 0
    /// CRC-32 of the stored `/iq` and `/spectrogram` chunks (for the resume journal), made by the worker.
    private var iqChecksum: UInt32 = 0, spectrogramChecksum: UInt32 = 0

    init(plan: RunPlan) {
        iq = AlignedBuffer(count: plan.blockExamples * plan.channels * plan.length)
        let spectrogramSize = plan.spectrogram.map { $0.rows * plan.spectrogramFrames } ?? 0
        spectrogram = [Float](repeating: 0, count: plan.blockExamples * plan.channels * spectrogramSize)
    }

    /// Turns the block into whole stored chunks, on the worker's thread: zeroes the rows past `count` (a
    /// partial last block; the buffer may hold an earlier block's samples there), then encodes `/iq` and
    /// `/spectrogram` if the layout compresses them, and takes the stored chunks' CRC-32.
    func prepareChunks(_ layout: DatasetLayout) {
        let b = layout.chunkExamples
        if count < b {
            iq.slice(count * (iq.count / b) ..< iq.count).update(repeating: .zero)
            let perExample = spectrogram.count / b
            spectrogram.withUnsafeMutableBufferPointer { $0[(count * perExample)...].update(repeating: 0) }
        }
        let iqEncoder = layout.iqEncoder
        if !iqEncoder.storesAsIs {
            iqStoredSize = iqEncoder.encode(UnsafeRawBufferPointer(iq.buffer), into: iqStored, scratch: scratch)
            if layout.spectrogram != nil {
                spectrogramStoredSize = spectrogram.withUnsafeBytes { layout.spectrogramEncoder.encode($0, into: spectrogramStored, scratch: scratch) }
            }
        }
        withStoredChunks(layout) { iq, spectrogram in
            iqChecksum = ChunkChecksum.crc32(iq.bytes)
            spectrogramChecksum = spectrogram.map { ChunkChecksum.crc32($0.bytes) } ?? 0
        }
    }

    /// Calls `body` with the stored `/iq` and `/spectrogram` chunks made by `prepareChunks`, with their CRC-32.
    func withStoredChunks<R>(_ layout: DatasetLayout, _ body: (StoredChunk, StoredChunk?) throws -> R) rethrows -> R {
        guard layout.iqEncoder.storesAsIs else {
            return try body(StoredChunk(bytes: UnsafeRawBufferPointer(start: iqStored.bytes.baseAddress, count: iqStoredSize), checksum: iqChecksum),
                            layout.spectrogram == nil ? nil
                                : StoredChunk(bytes: UnsafeRawBufferPointer(start: spectrogramStored.bytes.baseAddress, count: spectrogramStoredSize),
                                              checksum: spectrogramChecksum))
        }
        return try spectrogram.withUnsafeBytes { spectrogramBytes in
            try body(StoredChunk(bytes: UnsafeRawBufferPointer(iq.buffer), checksum: iqChecksum),
                     layout.spectrogram == nil ? nil : StoredChunk(bytes: spectrogramBytes, checksum: spectrogramChecksum))
        }
    }
}
