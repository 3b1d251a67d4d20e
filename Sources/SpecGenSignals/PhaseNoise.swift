import Numerics
import SpecGenDSP

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
/// spectral method): per row, N = the next power of two ≥ the row length (≥ 64); complex white
/// Gaussian Z[k] of unit variance is scaled by √(2·L(f_k)/N) (zero at DC), inverse-FFTed (FFTW, unnormalised,
/// in place on scratch memory) and the real part taken: Re of a circular complex process with PSD
/// 2·L has PSD L, and E[φ²] = Σ_k L(f_k)/N ≈ ∫ L(f) df. The process is circularly stationary over N
/// samples; offsets below 1/N (longer than the row) are not represented.
///
/// Memoryless in the channel sense (each row draws its own process, stationary from its first sample):
/// `history` is 0.
public struct PhaseNoise: ChannelStage {
    /// Mask offsets in cycles/sample, strictly increasing, in (0, 0.5].
    public let offsets: [Double]
    /// Mask levels in dBc per unit normalised bandwidth, −200 … 0.
    public let levelsDB: [Double]
    public var history: Int { 0 }
    private let offsetsLog2: [Float]
    private let segmentExponents: [SIMD2<Float>]

    public init(offsets: [Double], levelsDB: [Double]) {
        precondition(!offsets.isEmpty && offsets.count == levelsDB.count, "phase-noise mask needs equal, non-empty offset and level lists")
        precondition(offsets.allSatisfy { $0 > 0 && $0 <= 0.5 }, "phase-noise offsets must be in (0, 0.5] cycles/sample")
        precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 }, "phase-noise offsets must increase")
        precondition(levelsDB.allSatisfy { $0 >= -200 && $0 <= 0 }, "phase-noise levels must be −200 … 0 dBc/(cycle/sample)")
        self.offsets = offsets
        self.levelsDB = levelsDB
        offsetsLog2 = offsets.map { Float(_log2($0)) }
        // Segment s ∈ 0 … count covers log₂ f ∈ (log₂ f_{s−1}, log₂ f_s]; its exponent of 2 in the amplitude
        // √L = 10^(dB/20) is x + y·log₂ f (flat below the first point and above the last).
        let toLog2 = 3.321_928_094_887_362_3 / 20
        var lines = [SIMD2<Float>(Float(levelsDB[0] * toLog2), 0)]
        for s in 1 ..< offsets.count {
            let slope = (levelsDB[s] - levelsDB[s - 1]) / (_log2(offsets[s]) - _log2(offsets[s - 1]))
            lines.append(SIMD2(Float((levelsDB[s - 1] - slope * _log2(offsets[s - 1])) * toLog2), Float(slope * toLog2)))
        }
        lines.append(SIMD2(Float(levelsDB[offsets.count - 1] * toLog2), 0))
        segmentExponents = lines
    }

    /// The mask level in dB at offset |f| (cycles/sample), interpolated linearly in log f.
    public func levelDB(at f: Double) -> Double {
        let f = abs(f)
        if f <= offsets[0] { return levelsDB[0] }
        guard let i = offsets.firstIndex(where: { $0 >= f }) else { return levelsDB[levelsDB.count - 1] }
        let t = _log10(f / offsets[i - 1]) / _log10(offsets[i] / offsets[i - 1])
        return levelsDB[i - 1] + t * (levelsDB[i] - levelsDB[i - 1])
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let rowBase = row.baseAddress, row.count > 0 else { return }
        var size = 64
        while size < row.count { size *= 2 }
        let spectrum = scratch.complex(5, count: size)
        spectrum.update(repeating: .zero)
        GaussianNoise.add(to: spectrum, variance: 1, stream: &stream, scratch: scratch.words(4, count: 2 * GaussianNoise.chunk))
        shape(spectrum, size: size)
        let plan = FFTPlan.cached(size: size, direction: .inverse, inPlace: true)
        plan.execute(input: spectrum.baseAddress!, output: spectrum.baseAddress!)
        let cycles = scratch.floats(4, count: row.count)
        let toCycles = Float(1 / (2 * Double.pi))
        for n in 0 ..< row.count { cycles[n] = spectrum[n].real * toCycles }
        let rotation = UnsafeMutableBufferPointer(rebasing: spectrum[0 ..< row.count])
        UnitPhasor.fill(rotation, cycles: cycles.baseAddress!)
        for n in 0 ..< row.count { rowBase[n] = rowBase[n] * rotation[n] }
    }

    /// Multiplies bins k and N − k (frequency ±k/N) by √(2·L(k/N)/N) = 2^(e(log₂ f) + ½·log₂(2/N)), e affine
    /// in log₂ f on each mask segment (`segmentExponents`), eight bins at a time (log₂ f and the power of
    /// two by `FastPower`; a vector straddling a mask point is done lane by lane). DC is zeroed.
    private func shape(_ spectrum: UnsafeMutableBufferPointer<Complex<Float>>, size: Int) {
        let half = size / 2
        let offsetLog2 = Float(0.5 * _log2(2 / Double(size)))
        let last = offsets.count - 1
        var segment = 0  // bins with log₂ f ≤ logOffsets[segment] (and above the previous point) use segment's line
        let out = UnsafeMutableRawPointer(spectrum.baseAddress!).assumingMemoryBound(to: Float.self)
        offsetsLog2.withUnsafeBufferPointer { logOffsets in
            segmentExponents.withUnsafeBufferPointer { lines in
                var k = 1
                while k <= half {
                    let f = (SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7) + Float(k)) * (1 / Float(size))
                    let logF = FastPower.log2(f)
                    while segment <= last && logOffsets[segment] < logF[0] { segment += 1 }
                    var exponents: SIMD8<Float>
                    if segment > last || logF[7] <= logOffsets[segment] {
                        let line = lines[segment]
                        exponents = line.x + line.y * logF
                    } else {
                        exponents = .zero
                        var s = segment
                        for l in 0 ..< 8 {
                            while s <= last && logOffsets[s] < logF[l] { s += 1 }
                            let line = lines[s]
                            exponents[l] = line.x + line.y * logF[l]
                        }
                    }
                    let gains = FastPower.exp2(exponents + offsetLog2)
                    let lanes = min(8, half + 1 - k)
                    for l in 0 ..< lanes {
                        let bin = k + l, g = gains[l]
                        out[2 * bin] *= g
                        out[2 * bin + 1] *= g
                        if bin != half {
                            out[2 * (size - bin)] *= g
                            out[2 * (size - bin) + 1] *= g
                        }
                    }
                    k += 8
                }
            }
        }
        spectrum[0] = .zero
    }
}

#if canImport(Glibc)
import Glibc
func _log2(_ x: Double) -> Double { Glibc.log2(x) }
#endif
