import Numerics

/// Short-time power spectrum of complex samples, by one batched FFTW plan over all frames.
///
/// Frames of `fftSize` samples start every `hop` samples (T = ⌊(L − fftSize)/hop⌋ + 1 frames), are
/// multiplied by the window and transformed. The output is laid out frequency-major, (F, T), two-sided
/// and centred: row f is the frequency (f − F/2)/F cycles/sample. Values are |X|²/Σw² — white noise of
/// variance σ² reads σ² in every cell — or 10·log10 of that, floored at −300 dB.
public final class ShortTimeFourierTransform {
    public let fftSize: Int
    public let hop: Int
    public let inputLength: Int
    public let frames: Int
    public let decibels: Bool
    private let window: [Float]
    private let normalisation: Float
    private let plan: FFTPlan
    private let scratch: AlignedBuffer<Complex<Float>>

    /// Precomputes the window and the plan and allocates the frame scratch (one per worker).
    /// - Precondition: 1 ≤ hop, fftSize ≤ inputLength.
    public init(fftSize: Int, hop: Int, window: WindowKind, inputLength: Int, decibels: Bool) {
        precondition(fftSize >= 1 && hop >= 1 && fftSize <= inputLength)
        self.fftSize = fftSize
        self.hop = hop
        self.inputLength = inputLength
        self.decibels = decibels
        frames = (inputLength - fftSize) / hop + 1
        self.window = window.coefficients(fftSize)
        normalisation = 1 / self.window.reduce(0) { $0 + $1 * $1 }
        plan = FFTPlan.cached(size: fftSize, batch: frames, direction: .forward, inPlace: true)
        scratch = AlignedBuffer(count: fftSize * frames)
    }

    /// Output values per input: F · T.
    public var outputCount: Int { fftSize * frames }

    /// Computes the spectrogram of `input` (`inputLength` samples) into `output` (F · T floats).
    public func compute(_ input: UnsafeBufferPointer<Complex<Float>>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count == inputLength && output.count == outputCount)
        let frameData = scratch.baseAddress
        window.withUnsafeBufferPointer { w in
            for t in 0 ..< frames {
                let source = input.baseAddress! + t * hop
                let target = frameData + t * fftSize
                for n in 0 ..< fftSize {
                    target[n] = Complex(source[n].real * w[n], source[n].imaginary * w[n])
                }
            }
        }
        plan.execute(input: frameData, output: frameData)
        let half = fftSize / 2
        let out = output.baseAddress!
        for t in 0 ..< frames {
            let frame = frameData + t * fftSize
            for f in 0 ..< fftSize {
                let bin = frame[(f + half) % fftSize]
                out[f * frames + t] = bin.lengthSquared * normalisation
            }
        }
        if decibels {
            for i in 0 ..< output.count {
                out[i] = output[i] > 1e-30 ? 10 * _log10f(output[i]) : -300
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _log10f(_ x: Float) -> Float { Glibc.log10f(x) }
#endif
