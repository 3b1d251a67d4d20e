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
    /// The same without the thermal noise: one whole `/iq_clean` chunk (empty without `plan.clean`).
    let clean: AlignedBuffer<Complex<Float>>
    /// blockExamples · C · F · T values (empty without a spectrogram): one whole `/spectrogram` chunk.
    let spectrogram: AlignedBuffer<Float>
    /// blockExamples · F · T mask bytes (empty without masks): one whole `/masks` chunk.
    let masks: AlignedBuffer<UInt8>
    /// Per-example values, released by the policy in the worker.
    var released: ReleasedColumns?
    /// The same values before release (for in-process inspection, never handed to the writer).
    var raw: [String: ColumnValues] = [:]
    /// A scene's `/annotations` rows of the block, released (nil without a scene), and before release.
    var annotations: ReleasedColumns?
    var rawAnnotations: [String: ColumnValues] = [:]
    /// Why the block could not be made (a scene that cannot be placed): the consumer throws it in block order.
    var failure: Error?
    /// One per sample dataset of the plan, in write order: its chunk as stored.
    private var chunks: [SampleChunk]
    private let scratch = ChunkBuffer()

    /// A sample dataset's chunk: the values as made (`raw`), and, when the file compresses, the encoded
    /// bytes; with the CRC-32 of what is stored (for the resume journal), taken by the worker.
    private struct SampleChunk {
        let dataset: SampleDataset
        let raw: UnsafeMutableRawBufferPointer
        let stored = ChunkBuffer()
        var storedSize = 0
        var checksum: UInt32 = 0
    }

    init(plan: RunPlan) {
        let examples = plan.blockExamples * plan.channels
        let iq = AlignedBuffer<Complex<Float>>(count: examples * plan.length)
        let clean = AlignedBuffer<Complex<Float>>(count: plan.clean ? examples * plan.length : 0)
        let spectrogram = AlignedBuffer<Float>(count: examples * (plan.spectrogram.map { $0.rows * plan.spectrogramFrames } ?? 0))
        let masks = AlignedBuffer<UInt8>(count: plan.masks ? plan.blockExamples * (plan.spectrogram.map { $0.rows * plan.spectrogramFrames } ?? 0) : 0)
        (self.iq, self.clean, self.spectrogram, self.masks) = (iq, clean, spectrogram, masks)
        func bytes<T>(_ buffer: AlignedBuffer<T>) -> UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(buffer.buffer) }
        chunks = plan.sampleDatasets.map { dataset in
            switch dataset {
            case .iq: SampleChunk(dataset: dataset, raw: bytes(iq))
            case .iqClean: SampleChunk(dataset: dataset, raw: bytes(clean))
            case .spectrogram: SampleChunk(dataset: dataset, raw: bytes(spectrogram))
            case .masks: SampleChunk(dataset: dataset, raw: bytes(masks))
            }
        }
    }

    /// Turns the block into whole stored chunks, on the worker's thread: zeroes the rows past `count` (a
    /// partial last block; the buffer may hold an earlier block's samples there), then encodes each
    /// sample dataset's chunk if the layout compresses them, and takes the stored chunks' CRC-32.
    func prepareChunks(_ layout: DatasetLayout) {
        precondition(chunks.map(\.dataset) == layout.sampleDatasets, "the block's sample datasets differ from the layout")
        let b = layout.chunkExamples
        for k in chunks.indices {
            let raw = chunks[k].raw
            if count < b { raw[(count * (raw.count / b))...].initializeMemory(as: UInt8.self, repeating: 0) }
            let encoder = layout.encoder(chunks[k].dataset)
            if !encoder.storesAsIs { chunks[k].storedSize = encoder.encode(UnsafeRawBufferPointer(raw), into: chunks[k].stored, scratch: scratch) }
            chunks[k].checksum = ChunkChecksum.crc32(storedBytes(k, layout))
        }
    }

    /// The stored bytes of chunk k: the encoded ones, or the values as made.
    private func storedBytes(_ k: Int, _ layout: DatasetLayout) -> UnsafeRawBufferPointer {
        layout.encoder(chunks[k].dataset).storesAsIs ? UnsafeRawBufferPointer(chunks[k].raw)
            : UnsafeRawBufferPointer(start: chunks[k].stored.bytes.baseAddress, count: chunks[k].storedSize)
    }

    /// The stored sample chunks made by `prepareChunks`, one per `layout.sampleDatasets`, with their
    /// CRC-32; valid while the buffer is not prepared again.
    func storedChunks(_ layout: DatasetLayout) -> [StoredChunk] {
        chunks.indices.map { StoredChunk(bytes: storedBytes($0, layout), checksum: chunks[$0].checksum) }
    }
}
