import Numerics
import SpecGenDSP

/// One propagation, transmitter-hardware or receiver effect, with its parameters already drawn for one
/// example (units normalised: cycles/sample, samples, linear gains).
///
/// A stage transforms one row of samples in place. The row starts with lead-in: the engine renders
/// `history` extra samples in front of the example for every stage of a chain (their sum), so that
/// delays, filters and fading processes are in steady state when the example begins; the example is the
/// last part of the row. A stage must therefore treat the row as one continuous signal (sample n of
/// the row is time n − lead-in of the example) and must not assume where the example starts.
/// Randomness (fading, phase noise, …) comes only from `stream`, the stage's own stream for this
/// example. No allocation: memory from `scratch`.
public protocol ChannelStage: Sendable {
    /// Samples of past input the stage needs before an output sample is valid (0 for memoryless stages).
    var history: Int { get }

    /// Transforms `row` in place.
    func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch)
}
