import Numerics
import SpecGenDSP

/// Unit complex Gaussian samples for the noise stages, made by the same generator as the receiver noise
/// (`GaussianNoise`, Box–Muller in blocks of `GaussianNoise.chunk`) on a zeroed buffer.
enum GaussianDraws {
    /// Overwrites `buffer` with independent CN(0, `variance`) samples (E|n|² = variance), drawn from
    /// `stream`; uses word slot 4 of `scratch` for the generator.
    @inline(__always)
    static func fill(_ buffer: UnsafeMutableBufferPointer<Complex<Float>>, variance: Float,
                     stream: inout RandomStream, scratch: SynthesisScratch) {
        buffer.baseAddress!.update(repeating: .zero, count: buffer.count)
        GaussianNoise.add(to: buffer, variance: variance, stream: &stream,
                          scratch: scratch.words(4, count: 2 * GaussianNoise.chunk))
    }
}
