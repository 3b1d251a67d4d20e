import CKernels
import Numerics

/// Complex white Gaussian noise from a `RandomStream`, by the Box–Muller transform
/// (G. E. P. Box and M. E. Muller, "A note on the generation of random normal deviates", 1958):
/// two uniforms u₁ ∈ (0, 1], u₂ ∈ [0, 1) give √(−2 ln u₁)·(cos 2πu₂, sin 2πu₂), two independent N(0, 1).
///
/// Every complex sample uses one Philox word for u₁ and one for u₂ (23 bits each, so |n|/σ stays below
/// √(2·23·ln 2) ≈ 5.65: a tail of probability 1e-7 is cut), in blocks of
/// `GaussianNoise.chunk` samples: sample n of a stream is the same whatever buffer sizes are used,
/// provided they are multiples of the chunk.
public enum GaussianNoise {
    /// Samples produced per Philox fill; the scratch must hold `2 * chunk` words.
    public static let chunk = 256

    /// Adds noise of total complex variance `variance` (variance/2 per real dimension) to `samples`.
    ///
    /// - Parameters:
    ///   - samples: the signal, changed in place.
    ///   - variance: E|n|², ≥ 0.
    ///   - stream: the noise stream; advanced by `ceil(count / chunk) * chunk / 2` blocks.
    ///   - scratch: at least `2 * chunk` words of per-worker scratch (no allocation here).
    @inlinable
    public static func add(
        to samples: UnsafeMutableBufferPointer<Complex<Float>>, variance: Float,
        stream: inout RandomStream, scratch: UnsafeMutableBufferPointer<UInt32>
    ) {
        generate(into: samples, variance: variance, stream: &stream, scratch: scratch, adding: true)
    }

    /// Overwrites `samples` with the noise `add` would add (the same numbers from the same stream), for
    /// buffers that would otherwise be zeroed first.
    @inlinable
    public static func fill(
        _ samples: UnsafeMutableBufferPointer<Complex<Float>>, variance: Float,
        stream: inout RandomStream, scratch: UnsafeMutableBufferPointer<UInt32>
    ) {
        generate(into: samples, variance: variance, stream: &stream, scratch: scratch, adding: false)
    }

    @usableFromInline @inline(__always)
    static func generate(
        into samples: UnsafeMutableBufferPointer<Complex<Float>>, variance: Float,
        stream: inout RandomStream, scratch: UnsafeMutableBufferPointer<UInt32>, adding: Bool
    ) {
        precondition(scratch.count >= 2 * chunk, "noise scratch too small")
        let scale = (variance / 2).squareRoot()
        let words = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< 2 * chunk])
        let raw = UnsafeMutableRawPointer(samples.baseAddress!).assumingMemoryBound(to: Float.self)
        var start = 0
        while start < samples.count {
            let n = min(chunk, samples.count - start)
            // A partial last chunk draws only the words of its n samples (rounded up to 8): the u₁ words
            // 0 ..< n and the u₂ words chunk ..< chunk + n of the whole chunk's layout, so every sample
            // gets the numbers it would get in a whole chunk; the stream still moves past the whole chunk.
            let used = n == chunk ? chunk : (n + 7) / 8 * 8
            if used == chunk {
                stream.fill(words)
            } else {
                stream.fill(UnsafeMutableBufferPointer(rebasing: words[0 ..< used]), ahead: 0)
                stream.fill(UnsafeMutableBufferPointer(rebasing: words[chunk ..< chunk + used]), ahead: chunk / 4)
                stream.skip(blocks: chunk / 2)
            }
            // Eight or sixteen samples at a time, added to (or written over) the first n samples: in C at
            // the machine's SIMD level (Sources/CKernels/gaussian.c: FastMath.naturalLog and the unit circle
            // of lanes.h, operation by operation; the same bits at every level).
            specgen_gaussian_chunk(words.baseAddress!, chunk, n, scale, raw + 2 * start, adding ? 1 : 0)
            start += n
        }
    }
}
