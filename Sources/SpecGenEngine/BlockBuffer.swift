import Numerics
import SpecGenDSP
import SpecGenPolicy

/// One block of finished examples on its way from a worker to the writer. Owned by one thread at a
/// time: the pipeline hands it over under its lock.
final class BlockBuffer: @unchecked Sendable {
    /// Block index and number of examples in it.
    var index = 0
    var count = 0
    /// count · C · L samples, example-major.
    let iq: AlignedBuffer<Complex<Float>>
    /// count · C · F · T values (empty without a spectrogram).
    var spectrogram: [Float]
    /// Per-example values, released by the policy in the worker.
    var released: ReleasedColumns?
    /// The same values before release (for in-process inspection, never handed to the writer).
    var raw: [String: ColumnValues] = [:]

    init(plan: RunPlan) {
        iq = AlignedBuffer(count: plan.blockExamples * plan.channels * plan.length)
        let spectrogramSize = plan.spectrogram.map { $0.fftSize * plan.spectrogramFrames } ?? 0
        spectrogram = [Float](repeating: 0, count: plan.blockExamples * plan.channels * spectrogramSize)
    }
}
