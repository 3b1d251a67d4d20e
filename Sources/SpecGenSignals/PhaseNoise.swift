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
/// L(½)/N, X[0] = 0 (the mask's DC is not represented), and φ = the N-point c2r inverse FFT (FFTW,
/// unnormalised), truncated to the row. φ is real, Gaussian and circularly stationary with
/// E[φ[n]φ[n+m]] = Σ_k (L(k/N)/N)·cos(2πkm/N) over all N bins — two-sided PSD L(|f|), E[φ²] ≈ ∫ L(f) df —
/// from N normal draws. Offsets below 1/N (longer than the row) are not represented.
///
/// The amplitude table √(L(k/N)/N)/(2π) (phase in cycles) depends only on the mask and N: it is computed
/// once per (mask, N) and shared by every thread, and each worker's scratch keeps the last one it used
/// (hashing the mask per example cost 5 instructions per sample); `shiftDB`, a level offset of the whole
/// mask drawn per example, scales it.
///
/// Memoryless in the channel sense (each row draws its own process, stationary from its first sample):
/// `history` is 0, and the stage is windowable (the engine gives it only the example's samples: a
/// 1,024-sample example takes a 1,024-point FFT).
public struct PhaseNoise: ChannelStage {
    /// Mask offsets in cycles/sample, strictly increasing, in (0, 0.5].
    public let offsets: [Double]
    /// Mask levels in dBc per unit normalised bandwidth, before `shiftDB` (shifted, each in −200 … 0).
    public let levelsDB: [Double]
    /// Added to every level of the mask, dB.
    public let shiftDB: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    public init(offsets: [Double], levelsDB: [Double], shiftDB: Double = 0) {
        precondition(!offsets.isEmpty && offsets.count == levelsDB.count, "phase-noise mask needs equal, non-empty offset and level lists")
        precondition(offsets.allSatisfy { $0 > 0 && $0 <= 0.5 }, "phase-noise offsets must be in (0, 0.5] cycles/sample")
        precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 }, "phase-noise offsets must increase")
        precondition(shiftDB.isFinite && levelsDB.allSatisfy { $0 + shiftDB >= -200 && $0 + shiftDB <= 0 },
                     "shifted phase-noise levels must be −200 … 0 dBc/(cycle/sample)")
        self.offsets = offsets
        self.levelsDB = levelsDB
        self.shiftDB = shiftDB
    }

    /// The mask level in dB at offset |f| (cycles/sample), interpolated linearly in log f (shift included).
    public func levelDB(at f: Double) -> Double {
        baseLevelDB(at: f) + shiftDB
    }

    private func baseLevelDB(at f: Double) -> Double {
        let f = abs(f)
        if f <= offsets[0] { return levelsDB[0] }
        guard let i = offsets.firstIndex(where: { $0 >= f }) else { return levelsDB[levelsDB.count - 1] }
        let t = _log10(f / offsets[i - 1]) / _log10(offsets[i] / offsets[i - 1])
        return levelsDB[i - 1] + t * (levelsDB[i] - levelsDB[i - 1])
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard row.baseAddress != nil, row.count > 0 else { return }
        let size = FFTSize.evenSmooth(atLeast: max(64, row.count))
        let half = size / 2
        let spectrum = scratch.complex(5, count: half + 1)
        // Bins 1 … N/2: N/2 draws (bin 0 is zeroed below).
        GaussianNoise.fill(UnsafeMutableBufferPointer(rebasing: spectrum[1 ... half]), variance: 1, stream: &stream,
                           scratch: scratch.words(4, count: 2 * GaussianNoise.chunk))
        let table = scratch.phaseNoiseTable(TableKey(offsets: offsets, levels: levelsDB, size: size)) { amplitudeTable(size: size) }
        let scale = Float(_pow10(shiftDB / 20))
        let bins = UnsafeMutableRawPointer(spectrum.baseAddress!).assumingMemoryBound(to: Float.self)
        table.withUnsafeBufferPointer { gain in
            // Bins 1 ..< N/2 times gain[k]·scale (CKernels).
            specgen_scale_pairs(bins + 2, gain.baseAddress! + 1, half - 1, scale)
            // Nyquist: real, of variance L/N (the real part of Z has variance ½).
            bins[2 * half] *= gain[half] * scale * Float(2).squareRoot()
            bins[2 * half + 1] = 0
        }
        bins[0] = 0
        bins[1] = 0
        let cycles = scratch.floats(4, count: size)
        scratch.realFFT(size: size, direction: .inverse).inverse(bins: spectrum.baseAddress!, into: cycles.baseAddress!)
        UnitPhasor.rotate(row, cycles: cycles.baseAddress!)
    }

    struct TableKey: Hashable { let offsets: [Double], levels: [Double], size: Int }
    private static let tables = Mutex<[TableKey: [Float]]>([:])

    /// √(L(k/N)/N)/(2π) for k = 0 … N/2 (k = 0 unused), L without the shift; cached (at most 64 tables).
    func amplitudeTable(size: Int) -> [Float] {
        let key = TableKey(offsets: offsets, levels: levelsDB, size: size)
        if let table = Self.tables.withLock({ $0[key] }) { return table }
        let table = (0 ... size / 2).map { k in
            k == 0 ? 0 : Float(_pow10(baseLevelDB(at: Double(k) / Double(size)) / 20) / Double(size).squareRoot() / (2 * Double.pi))
        }
        Self.tables.withLock { tables in
            if tables.count >= 64 { tables.removeAll() }
            tables[key] = table
        }
        return table
    }
}

#if canImport(Glibc)
import Glibc
func _log2(_ x: Double) -> Double { Glibc.log2(x) }
#endif
