import Numerics

/// Complex white Gaussian noise from a `RandomStream`, by the Box–Muller transform
/// (G. E. P. Box and M. E. Muller, "A note on the generation of random normal deviates", 1958):
/// two uniforms u₁ ∈ (0, 1], u₂ ∈ [0, 1) give √(−2 ln u₁)·(cos 2πu₂, sin 2πu₂), two independent N(0, 1).
///
/// Every complex sample uses one Philox word for u₁ and one for u₂ (24 bits each), in blocks of
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
        precondition(scratch.count >= 2 * chunk, "noise scratch too small")
        let scale = (variance / 2).squareRoot()
        let words = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< 2 * chunk])
        let raw = UnsafeMutableRawPointer(samples.baseAddress!).assumingMemoryBound(to: Float.self)
        var start = 0
        while start < samples.count {
            let n = min(chunk, samples.count - start)
            stream.fill(words)
            let w = words.baseAddress!
            let out = raw + 2 * start
            for i in 0 ..< n {
                let u1 = Float((w[i] >> 8) &+ 1) * 0x1p-24  // (0, 1]
                let u2 = Float(w[chunk + i] >> 8) * 0x1p-24  // [0, 1)
                let radius = (-2 * FastMath.naturalLog(u1)).squareRoot() * scale
                let (c, s) = FastMath.unitCircle(u2)
                out[2 * i] += radius * c
                out[2 * i + 1] += radius * s
            }
            start += n
        }
    }
}
