import CKernels
import Numerics
import SpecGenDSP
import Synchronization

/// Oscillator phase noise from a single-sideband mask L(f): y[n] = x[n]·e^{jφ[n]}, where φ is a real
/// Gaussian process whose two-sided PSD equals L(|f|) (small-angle convention L(f) = S_φ(f)/2 with S_φ
/// one-sided; IEEE Std 1139-2008).
///
/// Mask: points (f_i, L_i) with offsets f_i in cycles/sample, increasing in (0, ½], and levels in dBc per
/// unit normalised bandwidth ("dBc/Hz at a sample rate of 1": a level given in dBc/Hz at sample rate
/// F_s becomes L + 10·log₁₀ F_s, an offset in Hz becomes f/F_s). Between points L is linear in dB against
/// log f (a straight line on the usual log-frequency plot); below f₀ and above the last point it is flat.
///
/// Synthesis (frequency-domain shaping, as in e.g. MATLAB's comm.PhaseNoise documentation of the
/// spectral method): per row, N = the smallest even 7-smooth number ≥ the row length (≥ 64; FFTW is
/// fast on those, and a row a few samples past a power of two does not double the work); a Hermitian spectrum
/// X[k] = √(L(k/N)/N)·Z[k], 0 < k < N/2, Z complex Gaussian with E|Z|² = 1, X[N/2] real with variance
/// L(½)/N, X[0] = 0 (the mask's DC is not represented), and φ = its N-point real inverse DFT
/// (unnormalised), truncated to the row. φ is real, Gaussian and circularly stationary with
/// E[φ[n]φ[n+m]] = Σ_k (L(k/N)/N)·cos(2πkm/N) over all N bins — two-sided PSD L(|f|), E[φ²] ≈ ∫ L(f) df —
/// from N normal draws. Offsets below 1/N (longer than the row) are not represented.
///
/// The real inverse DFT is computed as an N/2-point complex one (the standard split: bins k and N/2 − k
/// folded into one, `specgen_phase_noise_spectrum`, CKernels; the transform's output floats are φ in
/// order), 2.5× faster than FFTW's estimated N-point c2r plan at N = 1,024. The amplitude table
/// √(L(k/N)/N)/(2π) (phase in cycles) and the twiddles depend only on the mask and N: the `Mask` (made
/// once per run by the engine, shared by every thread) keeps those of the last row length; `shiftDB`, a
/// level offset of the whole mask drawn per example, scales the amplitudes.
///
/// Memoryless in the channel sense (each row draws its own process, stationary from its first sample):
/// `history` is 0, and the stage is windowable (the engine gives it only the example's samples: a
/// 1,024-sample example takes a 1,024-point FFT).
public struct PhaseNoise: ChannelStage {
    /// The mask and what depends only on it — the transform for the last row length — shared by every
    /// stage (and example, and thread) made from the same mask.
    public final class Mask: Sendable {
        /// Offsets in cycles/sample, strictly increasing, in (0, 0.5].
        public let offsets: [Double]
        /// Levels in dBc per unit normalised bandwidth, before a stage's shift.
        public let levelsDB: [Double]
        let lowest: Double, highest: Double
        /// What a row length fixes: N, the amplitudes √(L(k/N)/N)/(2π) for k = 0 … N/2, the twiddles
        /// e^{+j2πk/N} for k < N/2 (interleaved) and the N/2-point inverse FFT plan.
        struct Transform: @unchecked Sendable {
            let count: Int, size: Int
            let amplitudes: [Float], twiddles: [Float]
            let plan: FFTPlan
        }
        /// The transform for the last row length seen.
        private let transform = Mutex<Transform?>(nil)

        public init(offsets: [Double], levelsDB: [Double]) {
            precondition(!offsets.isEmpty && offsets.count == levelsDB.count, "phase-noise mask needs equal, non-empty offset and level lists")
            precondition(offsets.allSatisfy { $0 > 0 && $0 <= 0.5 }, "phase-noise offsets must be in (0, 0.5] cycles/sample")
            precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 }, "phase-noise offsets must increase")
            precondition(levelsDB.allSatisfy(\.isFinite), "phase-noise levels must be finite")
            self.offsets = offsets
            self.levelsDB = levelsDB
            lowest = levelsDB.min()!
            highest = levelsDB.max()!
        }

        /// The mask level in dB at offset |f| (cycles/sample), interpolated linearly in log f.
        func levelDB(at f: Double) -> Double {
            let f = abs(f)
            if f <= offsets[0] { return levelsDB[0] }
            guard let i = offsets.firstIndex(where: { $0 >= f }) else { return levelsDB[levelsDB.count - 1] }
            let t = _log10(f / offsets[i - 1]) / _log10(offsets[i] / offsets[i - 1])
            return levelsDB[i - 1] + t * (levelsDB[i] - levelsDB[i - 1])
        }

        /// The transform for a row of `count` samples, kept while the row length repeats.
        func transform(rowLength count: Int) -> Transform {
            if let last = transform.withLock({ $0 }), last.count == count { return last }
            let size = FFTSize.evenSmooth(atLeast: max(64, count))
            let amplitudes = (0 ... size / 2).map { k in
                k == 0 ? 0 : Float(_pow10(levelDB(at: Double(k) / Double(size)) / 20) / Double(size).squareRoot() / (2 * Double.pi))
            }
            let twiddles = (0 ..< size / 2).flatMap { k in
                let angle = 2 * Double.pi * Double(k) / Double(size)
                return [Float(_cosine(angle)), Float(_sine(angle))]
            }
            let made = Transform(count: count, size: size, amplitudes: amplitudes, twiddles: twiddles,
                                 plan: FFTPlan.cached(size: size / 2, direction: .inverse))
            transform.withLock { $0 = made }
            return made
        }
    }

    /// The mask (offsets, levels before `shiftDB`).
    public let mask: Mask
    /// Mask offsets in cycles/sample, strictly increasing, in (0, 0.5].
    public var offsets: [Double] { mask.offsets }
    /// Mask levels in dBc per unit normalised bandwidth, before `shiftDB` (shifted, each in −200 … 0).
    public var levelsDB: [Double] { mask.levelsDB }
    /// Added to every level of the mask, dB.
    public let shiftDB: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    public init(offsets: [Double], levelsDB: [Double], shiftDB: Double = 0) {
        self.init(mask: Mask(offsets: offsets, levelsDB: levelsDB), shiftDB: shiftDB)
    }

    /// The stage over a mask made beforehand.
    public init(mask: Mask, shiftDB: Double = 0) {
        precondition(shiftDB.isFinite && mask.lowest + shiftDB >= -200 && mask.highest + shiftDB <= 0,
                     "shifted phase-noise levels must be −200 … 0 dBc/(cycle/sample)")
        self.mask = mask
        self.shiftDB = shiftDB
    }

    /// The mask level in dB at offset |f| (cycles/sample), interpolated linearly in log f (shift included).
    public func levelDB(at f: Double) -> Double {
        mask.levelDB(at: f) + shiftDB
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard row.baseAddress != nil, row.count > 0 else { return }
        let transform = mask.transform(rowLength: row.count)
        let half = transform.size / 2
        let gauss = scratch.complex(5, count: half + 1)
        // Bins 1 … N/2: N/2 draws (bin 0 is zero).
        GaussianNoise.fill(UnsafeMutableBufferPointer(rebasing: gauss[1 ... half]), variance: 1, stream: &stream,
                           scratch: scratch.words(4, count: 2 * GaussianNoise.chunk))
        let spectrum = scratch.complex(6, count: half).baseAddress!
        func floats(_ p: UnsafeMutablePointer<Complex<Float>>) -> UnsafeMutablePointer<Float> {
            UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
        }
        transform.amplitudes.withUnsafeBufferPointer { amplitudes in
            transform.twiddles.withUnsafeBufferPointer { twiddles in
                specgen_phase_noise_spectrum(floats(spectrum), floats(gauss.baseAddress!), amplitudes.baseAddress!,
                                             Float(_pow10(shiftDB / 20)), twiddles.baseAddress!, half)
            }
        }
        // φ in cycles: the N/2-point complex inverse FFT's floats, in order.
        let cycles = scratch.complex(7, count: half).baseAddress!
        transform.plan.execute(input: spectrum, output: cycles)
        UnitPhasor.rotate(row, cycles: floats(cycles))
    }
}

#if canImport(Glibc)
import Glibc
func _log2(_ x: Double) -> Double { Glibc.log2(x) }
#endif
