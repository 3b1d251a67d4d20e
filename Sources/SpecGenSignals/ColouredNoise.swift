import Numerics
import SpecGenDSP

/// The shape S(f) of `ColouredNoise`'s power spectral density, f in cycles/sample on [−½, ½)
/// (unnormalised: the stage scales it to the requested power).
public enum NoiseSpectrum: Sendable, Equatable {
    /// S(f) = 1/max(|f|, corner)^α: 1/f^α noise (α = 1 "pink" / flicker, α = 2 "brown" / random walk),
    /// flat below `corner` so that the power is finite. α ∈ [0, 3], corner ∈ [1e-6, 0.5].
    case powerLaw(exponent: Double, corner: Double)
    /// A Butterworth-shaped band, S(f) = 1/(1 + ((f − centre)/(bandwidth/2))^{2·order}), f − centre wrapped
    /// to [−½, ½): low-pass for centre 0, band-pass otherwise (−3 dB at centre ± bandwidth/2).
    /// centre ∈ [−½, ½], bandwidth ∈ (0, 1], order ∈ 1…8.
    case butterworth(centre: Double, bandwidth: Double, order: Int)

    /// √S(f), the amplitude response (double precision).
    @inline(__always)
    public func amplitude(at f: Double) -> Double {
        switch self {
        case .powerLaw(let alpha, let corner):
            return Double.pow(max(abs(f), corner), -alpha / 2)
        case .butterworth(let centre, let bandwidth, let order):
            let d = f - centre - (f - centre + 0.5).rounded(.down)  // wrapped to [−½, ½)
            let u = d / (bandwidth / 2)
            var power = 1.0
            let u2 = u * u
            for _ in 0 ..< order { power *= u2 }
            return 1 / (1 + power).squareRoot()
        }
    }

    func validate() {
        switch self {
        case .powerLaw(let alpha, let corner):
            precondition((0 ... 3).contains(alpha), "power-law exponent must lie in [0, 3]")
            precondition((1e-6 ... 0.5).contains(corner), "power-law corner must lie in [1e-6, 0.5] cycles/sample")
        case .butterworth(let centre, let bandwidth, let order):
            precondition((-0.5 ... 0.5).contains(centre), "band centre must lie in [−0.5, 0.5] cycles/sample")
            precondition(bandwidth > 0 && bandwidth <= 1, "bandwidth must lie in (0, 1] cycles/sample")
            precondition((1 ... 8).contains(order), "Butterworth order must lie in 1…8")
        }
    }
}

/// Coloured Gaussian noise: complex Gaussian noise with power spectral density ∝ S(f) (`NoiseSpectrum`)
/// and total power E|n|² = `power`, added to the row.
///
/// Made by frequency-domain shaping (the method of J. Timmer and M. König, "On generating power law
/// noise", Astron. Astrophys. 300, 1995, with complex Gaussian bins): on a grid of M = 2·2^⌈log₂ L⌉ bins
/// (L the row length, as `BandLimitedNoise`) bin k at frequency f_k = k/M (wrapped to [−½, ½)) gets
/// X_k = g·√S(f_k)·G_k, G_k independent CN(0, 1), g² = power/Σₖ S(f_k); the unnormalised inverse FFT
/// x[n] = Σₖ X_k·e^{j2πkn/M} is exactly Gaussian and stationary (period M ≥ 2L, so the row never wraps
/// onto itself) with E|x[n]|² = g²·Σ S(f_k) = power and PSD S sampled on the grid (resolution 1/M,
/// so a corner below 1/M acts as 1/M). The first L samples are added to the row.
///
/// Randomness: M unit complex Gaussians from the stream (`GaussianNoise`, bin 0 first). `history` is 0:
/// the noise does not depend on the input (its own correlation is built in). Scratch: complex slot 4,
/// float slot 4, word slot 4. Cost: an FFT of M ≈ 2…4·L points per row.
public struct ColouredNoise: ChannelStage {
    /// E|n|², linear, relative to the unit signal power; ≥ 0.
    public let power: Double
    public let spectrum: NoiseSpectrum
    public var history: Int { 0 }

    /// - Parameters:
    ///   - power: E|n|² (linear, signal = 1), ≥ 0.
    ///   - spectrum: the PSD shape (ranges on `NoiseSpectrum`).
    public init(power: Double, spectrum: NoiseSpectrum) {
        precondition(power >= 0 && power.isFinite, "noise power must be finite and ≥ 0")
        spectrum.validate()
        self.power = power
        self.spectrum = spectrum
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = row.count
        guard length > 0, power > 0 else { return }
        let m = BandLimitedNoise.gridSize(length: length)
        let bins = scratch.complex(4, count: m)
        GaussianDraws.fill(bins, variance: 1, stream: &stream, scratch: scratch)
        let amplitudes = scratch.floats(4, count: m).baseAddress!
        var total = 0.0
        let scale = 1 / Double(m)
        for k in 0 ..< m {
            let a = spectrum.amplitude(at: Double(k < m / 2 ? k : k - m) * scale)
            amplitudes[k] = Float(a)
            total += a * a
        }
        let gain = Float((power / total).squareRoot())
        let x = bins.baseAddress!
        for k in 0 ..< m {
            let a = gain * amplitudes[k]
            x[k] = Complex(a * x[k].real, a * x[k].imaginary)
        }
        FFTPlan.cached(size: m, direction: .inverse, inPlace: true).execute(input: x, output: x)
        let out = row.baseAddress!
        for n in 0 ..< length {
            out[n].real += x[n].real
            out[n].imaginary += x[n].imaginary
        }
    }
}
