import Numerics
import SpecGenDSP

/// A timing offset or propagation delay of d samples, integer part and fraction, exactly:
/// `y[n] = x(n − d)`, band-limited interpolation by a Kaiser-windowed sinc of 2L taps
/// (`WindowedSincInterpolator`, taps for the fraction from a shared table of 1024 rows).
///
/// The interpolator is two-sided: y[n] reads x up to ⌊n − d⌋ + L, ahead of n when d < L. The row is
/// filtered in place, backwards, as the causal y[n + s] (s = max(0, L − ⌈d⌉) whole samples, so that every
/// output reads only samples not yet overwritten), then moved s samples back: no latency remains, and
/// the last s samples of the row, which would need input past its end, are zero. Hence `lookahead` = s
/// (0 for delays of L samples or more) and `history` = L + ⌈d⌉ (the interpolator's past half and the
/// delay). The engine renders the lead-in and a tail of that size around the example.
///
/// Accuracy (error power over signal power for content within |f| ≤ 0.4 cycles/sample; tested,
/// `docs/channels/offsets.md`): the Kaiser ripple 10^(−(A − 2)/20), A = 14.36·0.2·2L + 7.95, plus the
/// table's 7.5e-7 relative: −97.5 dB with L = 16, −52 dB with L = 8.
/// Model: fractional-delay FIR (T. I. Laakso, V. Välimäki, M. Karjalainen, U. K. Laine, "Splitting the
/// unit delay", IEEE Signal Processing Magazine 13(1), 1996, §3.2, windowed sinc).
public struct FractionalDelay: ChannelStage {
    /// d in samples, 0 ≤ d ≤ 10⁶.
    public let delay: Double
    /// L, the interpolator's half length (2L taps).
    public let halfLength: Int
    public var history: Int { halfLength + Int(delay.rounded(.up)) }
    /// s: the whole samples the in-place filter runs ahead of the output, undone after it.
    public let lookahead: Int
    /// Rows of the shared tap table.
    static let phases = 1024
    /// Input index offset of the in-place filter: its output n reads x[n − offset − L + 1 … n − offset + L]
    /// (offset ≥ L) and is y[n − s].
    let offset: Int
    /// 2L taps for the fraction, each duplicated (4L floats).
    let taps: [Float]

    /// - Parameters:
    ///   - delay: d in samples, 0…10⁶ (propagation delay = range/c·Fs; a timing offset is a fraction
    ///     in [0, 1)).
    ///   - halfLength: L, even, 8…64 (default 16).
    public init(delay: Double, halfLength: Int = 16) {
        precondition(delay >= 0 && delay <= 1e6, "delay must be 0…10⁶ samples")
        precondition(halfLength >= 8 && halfLength <= 64 && halfLength % 2 == 0, "half length must be even, 8…64")
        self.delay = delay
        self.halfLength = halfLength
        // t = n − s − d = i + μ with i = n − offset.
        let whole = delay.rounded(.down), fraction = delay - whole
        let exact = Int(whole) + (fraction > 0 ? 1 : 0)
        lookahead = max(0, halfLength - exact)
        offset = exact + lookahead
        let mu = fraction > 0 ? 1 - fraction : 0
        // From a shared fine table (P = 1024: the row interpolation adds ≤ (πf/P)²/2 = 7.5e-7 at f = 0.4,
        // −122 dB) instead of 2L Bessel evaluations per example (2 µs).
        taps = WindowedSincInterpolator.shared(halfLength: halfLength, phases: FractionalDelay.phases).duplicatedTaps(fraction: mu)
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let base = row.baseAddress else { return }
        let floats = 4 * halfLength, taps2 = 2 * halfLength, reach = offset + halfLength - 1
        let x = UnsafeMutableRawPointer(base)
        taps.withUnsafeBufferPointer { h in
            let t = h.baseAddress!
            // Backwards in place: outputs n read only x[≤ n], which later (smaller) n never overwrite.
            // Four outputs at a time (one SIMD8 of interleaved samples), tap by tap: each tap is one
            // broadcast multiply-add of the input shifted by one sample.
            var n = row.count - 4
            while n - reach >= 0 {
                let source = x + 8 * (n - reach)
                var even = SIMD8<Float>.zero, odd = SIMD8<Float>.zero
                var j = 0
                while j < taps2 {
                    even += SIMD8(repeating: t[2 * j]) * source.loadUnaligned(fromByteOffset: 8 * j, as: SIMD8<Float>.self)
                    odd += SIMD8(repeating: t[2 * j + 2]) * source.loadUnaligned(fromByteOffset: 8 * j + 8, as: SIMD8<Float>.self)
                    j += 2
                }
                x.storeBytes(of: even + odd, toByteOffset: 8 * n, as: SIMD8<Float>.self)
                n -= 4
            }
            // The rest, one output at a time (near the row start: zeros before sample 0).
            n += 3
            let samples = x.assumingMemoryBound(to: Float.self)
            while n >= 0 {
                let first = n - reach
                if first >= 0 {
                    base[n] = WindowedSincInterpolator.dot(t, samples + 2 * first, floats: floats)
                } else {
                    var sum = Complex<Float>.zero
                    for j in min(taps2, -first) ..< taps2 { sum = sum + base[first + j].multiplied(by: t[2 * j]) }
                    base[n] = sum
                }
                n -= 1
            }
        }
        // y[n] = (the filter's output)[n + s]; the last s samples had no input past the row's end.
        let shift = min(lookahead, row.count)
        if shift > 0 {
            x.copyMemory(from: x + 8 * shift, byteCount: 8 * (row.count - shift))
            (base + row.count - shift).update(repeating: .zero, count: shift)
        }
    }
}
