import Numerics
import SpecGenDSP

/// One example's signal source with its parameters already sampled: renders baseband samples of unit
/// expected power. Implementations allocate nothing in `render`; they draw their data from `stream`.
public protocol Emitter: Sendable {
    /// Samples per symbol, possibly fractional (1 for emitters without symbols): the factor between
    /// per-sample SNR and Es/N0.
    var symbolLength: Double { get }

    /// Writes `output.count` samples, overwriting the buffer.
    func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch)
}
