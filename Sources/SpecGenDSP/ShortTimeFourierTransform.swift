import Numerics

/// Short-time power spectrum of complex samples, by one batched FFTW plan over all frames.
///
/// Frames of `fftSize` samples start every `hop` samples (T = ⌊(L − fftSize)/hop⌋ + 1 frames), are
/// multiplied by the window and transformed. The output is laid out frequency-major, (rows, T): two-sided
/// and centred, row f is the frequency (f − F/2)/F cycles/sample (F rows); one-sided, row f is f/F,
/// f = 0 … F/2 (the upper half of the band). Values are |X|²/Σw² — white noise of variance σ² reads σ²
/// in every cell — or 10·log10 of that, floored at −300 dB.
public final class ShortTimeFourierTransform {
    public let fftSize: Int
    public let hop: Int
    public let inputLength: Int
    public let frames: Int
    public let decibels: Bool
    /// Only frequencies 0 … ½ (F/2 + 1 rows).
    public let oneSided: Bool
    private let window: [Float]
    private let normalisation: Float
    private let plan: FFTPlan
    private let scratch: AlignedBuffer<Complex<Float>>

    /// Precomputes the window and the plan and allocates the frame scratch (one per worker).
    /// - Precondition: 1 ≤ hop, fftSize ≤ inputLength.
    public init(fftSize: Int, hop: Int, window: WindowKind, inputLength: Int, decibels: Bool, oneSided: Bool = false) {
        precondition(fftSize >= 1 && hop >= 1 && fftSize <= inputLength)
        self.fftSize = fftSize
        self.hop = hop
        self.inputLength = inputLength
        self.decibels = decibels
        self.oneSided = oneSided
        frames = (inputLength - fftSize) / hop + 1
        self.window = window.coefficients(fftSize)
        normalisation = 1 / self.window.reduce(0) { $0 + $1 * $1 }
        plan = FFTPlan.cached(size: fftSize, batch: frames, direction: .forward, inPlace: true)
        scratch = AlignedBuffer(count: fftSize * frames)
    }

    /// Frequency rows: F two-sided, F/2 + 1 one-sided.
    public var rows: Int { oneSided ? fftSize / 2 + 1 : fftSize }

    /// Output values per input: rows · T.
    public var outputCount: Int { rows * frames }

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
        // Two-sided: row f holds bin (f + F/2) mod F (centred); one-sided: row f holds bin f.
        let shift = oneSided ? 0 : fftSize / 2, rows = self.rows
        let out = output.baseAddress!
        // Frequency-major output from frame-major bins, eight frames at a time (each row then gets eight
        // consecutive values: whole cache lines), without a modulo per value.
        var t0 = 0
        while t0 < frames {
            let block = min(8, frames - t0)
            for f in 0 ..< rows {
                let bin = f + shift < fftSize ? f + shift : f + shift - fftSize
                let row = out + f * frames + t0
                var frame = frameData + t0 * fftSize + bin
                for j in 0 ..< block {
                    row[j] = frame.pointee.lengthSquared * normalisation
                    frame += fftSize
                }
            }
            t0 += block
        }
        if decibels {
            for i in 0 ..< output.count {
                out[i] = output[i] > 1e-30 ? 10 * _log10f(output[i]) : -300
            }
        }
    }
}

/// Per-example normalisation of a spectrogram (over all of an example's cells, every channel).
public enum SpectrogramNormalization: String, Sendable, CaseIterable {
    /// |X|²/Σw² as computed.
    case none
    /// The largest cell becomes 1 (0 dB).
    case peak
    /// The mean power becomes 1 (0 dB).
    case mean
    /// The stored values (after the scale) get zero mean and unit standard deviation.
    case standardize

    /// Normalises `cells`, stored in dB when `decibels` (cells at the −300 dB floor, exact zeros, stay there).
    public func apply(to cells: UnsafeMutableBufferPointer<Float>, decibels: Bool) {
        guard !cells.isEmpty else { return }
        switch self {
        case .none:
            return
        case .peak, .mean:
            // The reference power, linear.
            var reference = 0.0
            if self == .peak {
                let top = cells.max()!
                reference = decibels ? Double(_exp10f(top / 10)) : Double(top)
            } else {
                for x in cells { reference += decibels ? (x <= -300 ? 0 : Double(_exp10f(x / 10))) : Double(x) }
                reference /= Double(cells.count)
            }
            guard reference > 0 else { return }
            if decibels {
                let offset = Float(10 * _log10(reference))
                for i in cells.indices where cells[i] > -300 { cells[i] -= offset }
            } else {
                let scale = Float(1 / reference)
                for i in cells.indices { cells[i] *= scale }
            }
        case .standardize:
            var sum = 0.0, squares = 0.0
            for x in cells { sum += Double(x); squares += Double(x) * Double(x) }
            let mean = sum / Double(cells.count)
            let deviation = (max(0, squares / Double(cells.count) - mean * mean)).squareRoot()
            let scale = deviation > 0 ? Float(1 / deviation) : 1
            for i in cells.indices { cells[i] = (cells[i] - Float(mean)) * scale }
        }
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _log10f(_ x: Float) -> Float { Glibc.log10f(x) }
@usableFromInline func _exp10f(_ x: Float) -> Float { Glibc.powf(10, x) }
@usableFromInline func _log10(_ x: Double) -> Double { Glibc.log10(x) }
#endif
