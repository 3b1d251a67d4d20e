import Numerics
import SpecGenDSP

/// The real message s(n) of the analog modulations, made as its analytic signal a = s + j·ŝ (ŝ the
/// Hilbert transform of s) so that single-sideband needs no Hilbert filter; frequencies in cycles/sample.
///
/// Scale: |s| ≤ 1 for the tones (peak 1), 3σ = 1 for the noise, so a modulation depth or a frequency
/// deviation means the same peak excursion for every source.
///
/// - `tone`: s = cos(2πf·n + ψ), ψ uniform; power ½.
/// - `tones`: s = (1/K)·Σₖ cos(2πfₖ·n + ψₖ), K ≤ 8 tones with fₖ uniform on [B/10, B] and ψₖ uniform
///   (drawn per example from the data stream, like symbols); power 1/(2K).
/// - `noise`: Gaussian with a flat spectrum on 0 < |f| ≤ B and σ = ⅓; power 1/9. Made in the frequency
///   domain on an N-point grid (N ≥ 2·length, see `gridSize`): independent complex
///   Gaussian amplitudes on bins 1 … ⌊B·N⌋, inverse FFT. Putting only positive-frequency bins in the
///   transform gives the analytic signal directly — the FFT Hilbert transform of s = Re a is exactly
///   Im a — and dividing bin k by j·2πk/N gives the exact integral of s for FM. The process is periodic
///   with period N ≥ the example, so the window never sees a seam; its spectrum has lines Fs/N apart
///   (the realised bandwidth is ⌊B·N⌋·Fs/N, at least one line).
public enum AnalogMessage: Sendable, Equatable {
    case tone(frequency: Double)
    case tones(count: Int, bandwidth: Double)
    case noise(bandwidth: Double)

    public static let maximumTones = 8

    /// E[s²].
    public var power: Double {
        switch self {
        case .tone: return 0.5
        case .tones(let count, _): return 0.5 / Double(count)
        case .noise: return 1.0 / 9
        }
    }

    /// The transform length N of the noise message for `length` samples: the power of two ≥ 2·length
    /// (at least 2048), so the window sees at most half a period and the spectral lines are at most
    /// Fs/2048 apart; above 65,536 samples only the power of two ≥ length, to bound the scratch memory
    /// (the window is then up to one period, with lines Fs/N ≤ Fs/65,536 apart).
    public static func gridSize(length: Int) -> Int {
        var n = 2048
        let target = length > 65_536 ? length : 2 * length
        while n < target { n *= 2 }
        return n
    }

    /// The analytic message a(n) = s(n) + j·ŝ(n), n < `length`, in complex scratch slot 0.
    func analytic(length: Int, stream: inout RandomStream, scratch: SynthesisScratch) -> UnsafeMutablePointer<Complex<Float>> {
        switch self {
        case .tone, .tones:
            let tones = drawTones(&stream)
            let out = scratch.complex(0, count: length).baseAddress!
            tones.sum(length: length) { n, re, im in
                out[n] = Complex(Float((re * tones.amplitude).sum()), Float((im * tones.amplitude).sum()))
            }
            return out
        case .noise(let bandwidth):
            return noiseSpectrumTransform(length: length, bandwidth: bandwidth, integrate: false, stream: &stream, scratch: scratch)
        }
    }

    /// Writes the FM phase in cycles, φ₀ + Δ·∫₀ⁿ s, reduced to [−½, ½], for n < `length`.
    /// - Parameters:
    ///   - deviation: Δ in cycles/sample per unit of message (the peak deviation for tones).
    ///   - start: φ₀ in cycles.
    func integratedPhase(into cycles: UnsafeMutablePointer<Float>, length: Int, deviation: Double, start: Double,
                         stream: inout RandomStream, scratch: SynthesisScratch) {
        switch self {
        case .tone, .tones:
            // ∫ cos(2πf·n + ψ) dn = sin(2πf·n + ψ)/(2πf) (up to a constant that φ₀ absorbs), in double.
            let tones = drawTones(&stream)
            let weight = deviation * tones.amplitude / (2 * Double.pi * tones.frequency)
            tones.sum(length: length) { n, _, im in
                let total = start + (im * weight).sum()
                cycles[n] = Float(UnitPhasor.wrap(total))
            }
        case .noise(let bandwidth):
            let b = noiseSpectrumTransform(length: length, bandwidth: bandwidth, integrate: true, stream: &stream, scratch: scratch)
            for n in 0 ..< length {
                let total = start + deviation * Double(b[n].imaginary)
                cycles[n] = Float(UnitPhasor.wrap(total))
            }
        }
    }

    /// Up to eight tones in the lanes of double-precision vectors (unused lanes have amplitude 0).
    struct Tones {
        var frequency = SIMD8<Double>(repeating: 1)
        var phase = SIMD8<Double>.zero
        var amplitude = SIMD8<Double>.zero

        /// Calls `body(n, Re, Im)` with the unit phasors e^{j(2πfₖn + ψₖ)} of every lane for n < length.
        /// The phasors advance by complex multiplication and are recomputed exactly (phase in double,
        /// f·n reduced modulo 1) every 64 samples, so the error stays below 1e-13 rad at any length.
        @inline(__always)
        func sum(length: Int, _ body: (Int, SIMD8<Double>, SIMD8<Double>) -> Void) {
            var stepRe = SIMD8<Double>(), stepIm = SIMD8<Double>()
            for lane in 0 ..< 8 {
                stepRe[lane] = _cosine(2 * Double.pi * frequency[lane])
                stepIm[lane] = _sine(2 * Double.pi * frequency[lane])
            }
            var start = 0
            while start < length {
                var re = SIMD8<Double>(), im = SIMD8<Double>()
                for lane in 0 ..< 8 where amplitude[lane] != 0 {
                    let cycles = (frequency[lane] * Double(start)).truncatingRemainder(dividingBy: 1)
                    let angle = 2 * Double.pi * cycles + phase[lane]
                    re[lane] = _cosine(angle)
                    im[lane] = _sine(angle)
                }
                for n in start ..< min(length, start + 64) {
                    body(n, re, im)
                    (re, im) = (re * stepRe - im * stepIm, re * stepIm + im * stepRe)
                }
                start += 64
            }
        }
    }

    /// The tone set of this example: phases first, then (for `tones`) frequencies, lane by lane.
    func drawTones(_ stream: inout RandomStream) -> Tones {
        var tones = Tones()
        switch self {
        case .tone(let frequency):
            tones.frequency[0] = frequency
            tones.phase[0] = 2 * Double.pi * stream.nextUnitDouble()
            tones.amplitude[0] = 1
        case .tones(let count, let bandwidth):
            precondition(count >= 1 && count <= Self.maximumTones)
            for lane in 0 ..< count {
                tones.phase[lane] = 2 * Double.pi * stream.nextUnitDouble()
                tones.frequency[lane] = bandwidth * (0.1 + 0.9 * stream.nextUnitDouble())
                tones.amplitude[lane] = 1 / Double(count)
            }
        case .noise:
            preconditionFailure("not a tone message")
        }
        return tones
    }

    /// The inverse FFT of independent complex Gaussian bins 1 … K = ⌊B·N⌋ (at least 1, below N/2) of
    /// variance 2/(9K) each — so that s = Re a has variance 1/9 — optionally divided by j·2πk/N
    /// (then Im of the result is ∫s). Returns complex scratch slot 0, of which the first `length`
    /// samples are used.
    func noiseSpectrumTransform(length: Int, bandwidth: Double, integrate: Bool,
                                stream: inout RandomStream, scratch: SynthesisScratch) -> UnsafeMutablePointer<Complex<Float>> {
        let size = Self.gridSize(length: length)
        let bins = min(size / 2 - 1, max(1, Int(bandwidth * Double(size))))
        let spectrum = scratch.complex(0, count: size)
        let base = spectrum.baseAddress!
        base.update(repeating: .zero, count: size)
        let words = scratch.words(0, count: 2 * GaussianNoise.chunk)
        GaussianNoise.add(to: UnsafeMutableBufferPointer(start: base + 1, count: bins), variance: Float(2.0 / (9 * Double(bins))),
                          stream: &stream, scratch: words)
        if integrate {
            // a(n) = Σ Aₖ e^{j2πkn/N} ⇒ ∫ Re a = Re Σ Aₖ e^{j2πkn/N}/(j2πk/N) = Im Σ Aₖ·N/(2πk)·e^{j2πkn/N}.
            let scale = Double(size) / (2 * Double.pi)
            for k in 1 ... bins { base[k] = base[k].multiplied(by: Float(scale / Double(k))) }
        }
        FFTPlan.cached(size: size, direction: .inverse, inPlace: true).execute(input: base, output: base)
        return base
    }
}
