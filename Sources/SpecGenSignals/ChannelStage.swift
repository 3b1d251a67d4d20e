import Numerics
import SpecGenDSP

/// One propagation, transmitter-hardware or receiver effect, with its parameters already drawn for one
/// example (units normalised: cycles/sample, samples, linear gains).
///
/// A stage transforms one row of samples in place. The row starts with lead-in: the engine renders
/// `history` extra samples in front of the example for every stage of a chain (their sum), so that
/// delays, filters and fading processes are in steady state when the example begins; and it ends with
/// a tail of `lookahead` samples per stage (their sum), so that stages which read ahead of the output
/// time (two-sided interpolators and filters: delays stay exact, no latency is added) have their future
/// input; the example is the part in between. A stage must therefore treat the row as one continuous
/// signal (sample n of the row is time n − lead-in of the example) and must not assume where the example
/// starts, unless it is told (`SampleRateOffset`'s origin).
/// Randomness (fading, phase noise, …) comes only from `stream`, the stage's own stream for this
/// example. No allocation: memory from `scratch`.
public protocol ChannelStage: Sendable {
    /// Samples of past input the stage needs before an output sample is valid (0 for memoryless stages).
    var history: Int { get }

    /// Samples of future input an output sample reads: the last `lookahead` samples of a row are not valid
    /// (0 for causal stages, the default).
    var lookahead: Int { get }

    /// Whether the stage may be applied to any part of a row alone, with the same result as that part of
    /// the whole row in law: no history, no lookahead, no dependence on where the row starts (memoryless
    /// stages, and processes drawn per call that are stationary from their first sample, like phase
    /// noise). The engine then runs it, and the thermal noise before it, over only the samples the
    /// example and later stages read (false, the default: the whole row).
    var isWindowable: Bool { get }

    /// Transforms `row` in place.
    func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch)
}

extension ChannelStage {
    public var lookahead: Int { 0 }
    public var isWindowable: Bool { false }
}
