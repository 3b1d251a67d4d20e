import Numerics
import SpecGenDSP

/// Complex Gaussian noise with a flat (brick-wall) spectrum over [f_c − B/2, f_c + B/2] (cycles/sample)
/// and nothing outside, of unit power.
///
/// Made in the frequency domain: on a grid of M = 2·2^⌈log₂ L⌉ bins, the K bins whose frequencies k/M lie
/// in the band (at least the one nearest f_c) get independent complex Gaussian values of variance 1/K,
/// the rest zero; the unnormalised inverse FFT gives x[n] = Σ X[k]·e^{j2πkn/M}, exactly Gaussian with
/// E|x[n]|² = K·(1/K) = 1 and power spectral density flat on the band (a stationary process of period
/// M ≥ 2L, of which the first L samples are kept, so the window never wraps onto itself).
/// The bandwidth is realised to the bin spacing: K = number of grid frequencies in the band, B·M ± 1.
public struct BandLimitedNoise: Emitter {
    /// f_c, cycles/sample.
    public let centre: Double
    /// B, cycles/sample, (0, 1]; the band lies inside [−½, ½].
    public let bandwidth: Double
    public var symbolLength: Double { 1 }

    public init(centre: Double, bandwidth: Double) {
        precondition(bandwidth > 0 && bandwidth <= 1 + 1e-9 && abs(centre) + bandwidth / 2 <= 0.5 + 1e-9)  // 1e-9: unit conversion
        self.centre = centre
        self.bandwidth = bandwidth
    }

    /// The FFT size for a window of `length` samples.
    public static func gridSize(length: Int) -> Int {
        var m = 1
        while m < length { m <<= 1 }
        return 2 * m
    }

    /// The occupied bins (first, count) on a grid of `size`, first possibly negative (bins are taken
    /// modulo `size`): the k with f_c − B/2 ≤ k/M < f_c + B/2.
    public func bins(gridSize m: Int) -> (first: Int, count: Int) {
        let scale = Double(m)
        let first = Int(((centre - bandwidth / 2) * scale).rounded(.up))
        let end = Int(((centre + bandwidth / 2) * scale).rounded(.up))
        if end > first { return (first, min(end - first, m)) }
        return (Int((centre * scale).rounded()), 1)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        let m = BandLimitedNoise.gridSize(length: length)
        let spectrum = scratch.complex(0, count: m)
        let base = spectrum.baseAddress!
        base.update(repeating: .zero, count: m)
        let (first, count) = bins(gridSize: m)
        let noiseScratch = scratch.words(0, count: 2 * GaussianNoise.chunk)
        let variance = Float(1 / Double(count))
        // The band as at most two contiguous runs of bins modulo M.
        let start = ((first % m) + m) % m
        let run = min(count, m - start)
        GaussianNoise.add(to: UnsafeMutableBufferPointer(start: base + start, count: run), variance: variance, stream: &stream, scratch: noiseScratch)
        if count > run {
            GaussianNoise.add(to: UnsafeMutableBufferPointer(start: base, count: count - run), variance: variance, stream: &stream, scratch: noiseScratch)
        }
        FFTPlan.cached(size: m, direction: .inverse, inPlace: true).execute(input: base, output: base)
        output.baseAddress!.update(from: base, count: length)
    }
}
