import Numerics
import SpecGenDSP

/// The short-time power spectrum of one example as plotted: SpecGenDSP's `ShortTimeFourierTransform`
/// with a Hann window, so it reads like the file's own `/spectrogram` (docs/dataset.md "Spectrogram"):
/// row f is the frequency (f − F/2)/F cycles/sample, frame t covers samples [t·hop, t·hop + F), values
/// are |X|²/Σw² (white noise of variance σ² reads σ²).
public struct Spectrogram: Sendable {
    public let fftSize: Int
    public let hop: Int
    public let frames: Int
    /// Linear power, frequency-major: `power[f * frames + t]`.
    public let power: [Float]

    /// Computes the spectrogram of `samples` (complex, interleaved re/im).
    /// - Precondition: 1 ≤ hop, 1 ≤ fftSize ≤ samples.count / 2.
    public init(samples: [Float], fftSize: Int, hop: Int) {
        let count = samples.count / 2
        precondition(fftSize >= 1 && hop >= 1 && fftSize <= count)
        let input = (0 ..< count).map { Complex(samples[2 * $0], samples[2 * $0 + 1]) }
        let transform = ShortTimeFourierTransform(fftSize: fftSize, hop: hop, window: .hann, inputLength: count, decibels: false)
        var power = [Float](repeating: 0, count: transform.outputCount)
        input.withUnsafeBufferPointer { source in
            power.withUnsafeMutableBufferPointer { transform.compute(source, into: $0) }
        }
        self.fftSize = fftSize
        self.hop = hop
        frames = transform.frames
        self.power = power
    }

    /// A spectrogram computed elsewhere (the file's `/spectrogram`, read as linear power).
    /// - Precondition: `power.count == fftSize * frames`, all positive counts.
    public init(fftSize: Int, hop: Int, frames: Int, power: [Float]) {
        precondition(fftSize >= 1 && hop >= 1 && frames >= 1 && power.count == fftSize * frames)
        (self.fftSize, self.hop, self.frames, self.power) = (fftSize, hop, frames, power)
    }

    /// The FFT size used for L samples when none is asked for: the power of two nearest 2·√L, within
    /// 16 … 512 and at most L — about as many frequency rows as time columns.
    public static func defaultFFTSize(samples: Int) -> Int {
        let target = 2 * Double(samples).squareRoot()
        let exponent = Int((log2(max(target, 1))).rounded())
        return min(samples, min(512, max(16, 1 << exponent)))
    }

    /// Decibels of each cell, floored at −300 dB.
    public var decibels: [Double] { power.map { $0 > 1e-30 ? 10 * log10(Double($0)) : -300 } }

    /// Welch's estimate of the power spectral density: the mean of the frames' periodograms (Welch,
    /// IEEE Trans. Audio Electroacoust. 15(2), 1967), in dB per bin, white noise of variance σ² at
    /// 10·log10 σ². Element f is frequency (f − F/2)/F cycles/sample.
    public var welchDecibels: [Double] {
        (0 ..< fftSize).map { f in
            var sum = 0.0
            for t in 0 ..< frames { sum += Double(power[f * frames + t]) }
            let mean = sum / Double(frames)
            return mean > 1e-30 ? 10 * log10(mean) : -300
        }
    }

    /// The colour-scale range for plotting: from the largest cell down by at most `dynamicRange` dB,
    /// raised to the 5th percentile when the picture has less contrast than that.
    public func colourRange(dynamicRange: Double = 60) -> (low: Double, high: Double) {
        Self.colourRange(decibels: decibels, dynamicRange: dynamicRange)
    }

    /// `colourRange(dynamicRange:)` of any set of dB values (at least one).
    public static func colourRange(decibels: [Double], dynamicRange: Double = 60) -> (low: Double, high: Double) {
        let values = decibels.sorted()
        let high = values.last ?? 0
        let low = max(values[values.count / 20], high - dynamicRange)
        return (min(low, high - 1), high)
    }
}

#if canImport(Glibc)
import Glibc
#endif
