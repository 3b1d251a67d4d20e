import Numerics
import SpecGenDSP

/// A co- or adjacent-channel interferer as a stage: any emitter, rendered over the whole row from the
/// stage's own stream, shifted by a frequency offset and added at a signal-to-interference ratio (see
/// `Interference`). Its expected unit power, not its measured power, sets the level (as for SNR).
public struct InterferenceStage: ChannelStage {
    public let interferer: any Emitter
    public let interference: Interference

    public init(interferer: any Emitter, interference: Interference) {
        self.interferer = interferer
        self.interference = interference
    }

    public var history: Int { 0 }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        // Slot 7: clear of the emitters' (0–3) and the other stages' (4–6) slots.
        let buffer = scratch.complex(7, count: row.count)
        interferer.render(into: buffer, stream: &stream, scratch: scratch)
        interference.add(UnsafeBufferPointer(buffer), to: row)
    }
}
