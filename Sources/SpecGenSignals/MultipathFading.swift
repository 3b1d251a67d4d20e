import CKernels
import Numerics
import SpecGenDSP

/// Multipath fading: a tapped delay line whose taps have arbitrary (fractional) delays, Rayleigh or
/// Rician gains and Clarke/Jakes time variation,
///
///     y[n] = Σᵢ gᵢ[n]·x(n − dᵢ),
///
/// x(n − d) read between samples by the fractional-delay interpolator `FadingInterpolator` (exact for integer
/// delays: the full-band 16-tap windowed sinc, or the shorter Lagrange design for an input known to lie
/// within a band, `inputBand`) and gᵢ the tap gain process of `DopplerProcess` (sum of sinusoids, Zheng & Xiao 2002/2003).
/// Tap powers are normalised to Σ Pᵢ = 1, so a unit-power input keeps unit power on average.
///
/// Tap gains are evaluated exactly on a grid of `gridStep` samples and linearly interpolated between
/// grid points. Every spectral line of gᵢ is at |f| ≤ f_D, and linear interpolation of e^{j2πft} over a
/// step L errs by at most (πfL)²/2; L = ⌊1/(72 f_D)⌋ (at most 256, and 1 when f_D > 1/72; rounded down
/// to a multiple of 8 from 8 up) bounds the error by (π/72)²/2 = 9.5e-4 of the tap amplitude (−60 dB,
/// the fractional-delay interpolator's own accuracy).
///
/// Two evaluation orders, the same sum (up to float rounding), chosen per delay profile by operation count:
/// - **combined** (taps that crowd a few samples, e.g. EPA at 1 MHz, TDL at low rates): the taps' real
///   interpolation kernels, each placed at its integer delay, are summed with the complex gains into one
///   kernel c_n(ℓ) = Σᵢ gᵢ[n]·hᵢ(ℓ) over the S lags the profile spans; with gains linear between grid
///   points, c_n = A_j + t·B_j inside segment j (A_j from the gains at grid point j, B_j the slope to
///   j + 1), and y[n] = Σ_ℓ c_n(ℓ)·x[n − ℓ] is one complex FIR of S taps per sample on planar I/Q,
///   eight samples per SIMD register (needs a grid step that is a multiple of 8);
/// - **per tap** (sparse taps spread over many samples, e.g. EPA at 100 MHz): each fractional tap is a
///   real 2H-tap FIR on interleaved I/Q, then its gain is multiplied in and accumulated.
/// Both run in CKernels (`specgen_fading_combined`, `specgen_fading_tap`, Sources/CKernels/fading.c).
///
/// `history` = ⌈max delay⌉ + H (H = `halfLength`): the oldest input sample any output
/// sample reads. The interpolator also reads up to H − 1 samples ahead (`lookahead`, in
/// MultipathFading+Lookahead.swift); past the end of the row the input counts as zero, which affects only
/// the last `lookahead` output samples (taps with a non-integer delay below H − 1), and the engine renders
/// a tail that covers them.
///
/// Randomness: per tap, in tap order, from `stream`: ⌈(M + 2)/4⌉ Philox blocks, φ₁…φ_M, θ and φ₀ a 32-bit word each.
public struct MultipathFading: ChannelStage {
    /// One path of the delay line.
    public struct Tap: Sendable, Equatable {
        /// Delay in samples, ≥ 0 (fractional allowed).
        public var delay: Double
        /// Average power, linear, > 0 (normalised over all taps by the stage).
        public var power: Double
        /// Rician K-factor, linear (specular over diffuse power), ≥ 0; 0 is Rayleigh.
        public var kFactor: Double

        public init(delay: Double, power: Double, kFactor: Double = 0) {
            self.delay = delay
            self.power = power
            self.kFactor = kFactor
        }

        /// A tap with power and K-factor in dB (`kFactorDB` nil: Rayleigh).
        public init(delay: Double, powerDB: Double, kFactorDB: Double? = nil) {
            self.init(delay: delay, power: _pow10(powerDB / 10), kFactor: kFactorDB.map { _pow10($0 / 10) } ?? 0)
        }
    }

    /// What depends only on the taps and the interpolator — the normalised taps, their integer delays,
    /// fractional-delay coefficients and combined kernels — made once and shared by every stage (and
    /// example) with the same delay line: a stage made per example then costs a few stores.
    public final class DelayLine: Sendable {
        /// The taps, powers normalised to sum to 1 (delays within 1e-9 of a whole number snapped to it).
        public let taps: [Tap]
        /// H of the fractional-delay interpolator (`FadingInterpolator.halfLength(forBand:)`): 2H taps.
        public let halfLength: Int
        let layout: Layout
        /// The stage's `history` and `lookahead`.
        let history: Int, lookahead: Int

        /// - Parameters:
        ///   - taps: one or more taps (delay ≥ 0 samples, ≤ 100,000; power > 0; K ≥ 0).
        ///   - inputBand: see `MultipathFading.init`.
        public init(taps: [Tap], inputBand: Double? = nil) {
            precondition(!taps.isEmpty, "at least one tap")
            precondition(taps.allSatisfy { $0.delay >= 0 && $0.delay <= 100_000 && $0.power > 0 && $0.power.isFinite && $0.kFactor >= 0 && $0.kFactor.isFinite },
                         "tap delay in [0, 1e5] samples, power > 0, K ≥ 0")
            let total = taps.reduce(0) { $0 + $1.power }
            // Delays within 1e-9 of a whole number are that number (delays computed as ns × rate).
            self.taps = taps.map {
                let nearest = $0.delay.rounded()
                return Tap(delay: abs($0.delay - nearest) < 1e-9 ? nearest : $0.delay, power: $0.power / total, kFactor: $0.kFactor)
            }
            let h = FadingInterpolator.halfLength(forBand: inputBand)
            halfLength = h
            layout = Layout.cached(delays: self.taps.map(\.delay), halfLength: h)
            history = layout.integerDelays.max()! + h
            lookahead = zip(layout.integerDelays, layout.fractional).reduce(0) { most, tap in tap.1 ? max(most, h - 1 - tap.0) : most }
        }
    }

    /// The delay line (taps, interpolator, kernels).
    public let line: DelayLine
    /// The taps, powers normalised to sum to 1.
    public var taps: [Tap] { line.taps }
    /// Maximum Doppler shift f_D in cycles/sample, [0, 0.5); 0 is a static channel (one draw per example).
    public let maximumDoppler: Double
    /// cos θ₀ of the specular components' angle of arrival, [−1, 1]: their Doppler shift is f_D·cos θ₀.
    public let lineOfSightCosine: Double
    /// Sinusoids M per tap's diffuse component, [8, 256].
    public let sinusoids: Int
    /// H of the fractional-delay interpolator (`FadingInterpolator.halfLength(forBand:)`): 2H taps.
    public var halfLength: Int { line.halfLength }
    public var history: Int { line.history }
    /// Samples between exact evaluations of the tap gains.
    public let gridStep: Int
    var integerDelays: [Int] { line.layout.integerDelays }
    /// 2H coefficients per tap (empty rows for integer delays are all-identity and skipped).
    var coefficients: [Float] { line.layout.coefficients }
    var fractional: [Bool] { line.layout.fractional }
    /// Combined evaluation: lags `lowestLag ..< lowestLag + kernelLength`, and per tap its real kernel over
    /// those lags (`kernelLength` floats per tap), or nil for the per-tap evaluation.
    let combined: (lowestLag: Int, kernelLength: Int, kernels: [Float])?
    /// Whether `apply` uses the combined kernel (else per tap).
    public var usesCombinedKernel: Bool { combined != nil }

    /// - Parameters:
    ///   - taps: one or more taps (delay ≥ 0 samples, ≤ 100,000; power > 0; K ≥ 0).
    ///   - maximumDoppler: f_D in cycles/sample, [0, 0.5).
    ///   - lineOfSightCosine: cos θ₀ of the specular path, [−1, 1]; default cos 45°.
    ///   - sinusoids: M per diffuse component, [8, 256]; default 16.
    ///   - gainGridStep: samples between exact gain evaluations, [1, 256]; nil (default) chooses
    ///     ⌊1/(72 f_D)⌋ clamped to [1, 256] (see the accuracy bound above). For tests and special uses.
    ///   - evaluation: the evaluation order (default: the cheaper one).
    ///   - inputBand: B in cycles/sample, [0, ½], when the input is known to lie within |f| ≤ B (a shaped
    ///     emitter's occupied band): fractional delays then use the shortest interpolator accurate to
    ///     −60 dB there (`FadingInterpolator`); nil (default): the full-band design.
    /// How `apply` evaluates the sum (the same up to float rounding): `automatic` takes the one with fewer
    /// operations; the others force one (for tests; `combined` needs a grid step that is a multiple of 8 and
    /// falls back to per tap otherwise).
    public enum Evaluation: Sendable { case automatic, combined, perTap }

    public init(taps: [Tap], maximumDoppler: Double, lineOfSightCosine: Double = 0.5.squareRoot(), sinusoids: Int = 16,
                gainGridStep: Int? = nil, evaluation: Evaluation = .automatic, inputBand: Double? = nil) {
        self.init(line: DelayLine(taps: taps, inputBand: inputBand), maximumDoppler: maximumDoppler, lineOfSightCosine: lineOfSightCosine,
                  sinusoids: sinusoids, gainGridStep: gainGridStep, evaluation: evaluation)
    }

    /// The stage over a delay line made beforehand (the other parameters as in `init(taps:…)`).
    public init(line: DelayLine, maximumDoppler: Double, lineOfSightCosine: Double = 0.5.squareRoot(), sinusoids: Int = 16,
                gainGridStep: Int? = nil, evaluation: Evaluation = .automatic) {
        precondition(maximumDoppler >= 0 && maximumDoppler < 0.5, "maximum Doppler in [0, 0.5) cycles/sample")
        precondition(lineOfSightCosine >= -1 && lineOfSightCosine <= 1, "line-of-sight cosine in [−1, 1]")
        precondition((8 ... 256).contains(sinusoids), "sinusoids in [8, 256]")
        self.line = line
        self.maximumDoppler = maximumDoppler
        self.lineOfSightCosine = lineOfSightCosine
        self.sinusoids = sinusoids
        precondition(gainGridStep.map { (1 ... 256).contains($0) } ?? true, "gain grid step in [1, 256]")
        let automatic = maximumDoppler > 0 ? max(1, min(256, Int(1 / (72 * maximumDoppler)))) : 256
        gridStep = gainGridStep ?? (automatic >= 8 ? automatic / 8 * 8 : automatic)
        let layout = line.layout
        if gridStep % 8 == 0 && evaluation != .perTap && (evaluation == .combined || layout.combinedIsCheaper) {
            combined = (layout.lowestLag, layout.kernelLength, layout.cheaperKernels ?? layout.combinedKernels())
        } else {
            combined = nil
        }
    }

    /// Samples processed per pass (a whole number of grid steps, so a pass holds whole segments).
    var chunk: Int { gridStep * max(1, 512 / gridStep) }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard row.count > 0 else { return }
        if let combined {
            applyCombined(to: row, lowestLag: combined.lowestLag, length: combined.kernelLength, kernels: combined.kernels,
                          stream: &stream, scratch: scratch)
        } else {
            applyPerTap(to: row, stream: &stream, scratch: scratch)
        }
    }

    /// The combined evaluation (see the type's notes), by `specgen_fading_combined` (CKernels). Scratch:
    /// floats 4 (input, planar), 5 (the segment's kernels), complex 5 (the gain grids of all taps); words 6,
    /// floats 6 (`DopplerProcess.fillGrids`).
    private func applyCombined(to row: UnsafeMutableBufferPointer<Complex<Float>>, lowestLag low: Int, length: Int, kernels: [Float],
                               stream: inout RandomStream, scratch: SynthesisScratch) {
        let count = row.count, step = gridStep
        let points = (count - 1) / step + 2
        let gains = scratch.complex(5, count: taps.count * points).baseAddress!
        let doppler = DopplerProcess(maximumDoppler: maximumDoppler, lineOfSightCosine: lineOfSightCosine, sinusoids: sinusoids, step: step)
        doppler.fillGrids(gains, points: points, taps: taps, stream: &stream, scratch: scratch)
        let planar = scratch.floats(4, count: specgen_fading_combined_planar_floats(count, low, length)).baseAddress!
        let work = scratch.floats(5, count: specgen_fading_combined_work_floats(length, taps.count)).baseAddress!
        // Raw floats: Complex's .real/.imaginary check finiteness on every read.
        let interleaved = UnsafeMutableRawPointer(row.baseAddress!).assumingMemoryBound(to: Float.self)
        let gainFloats = UnsafeRawPointer(gains).assumingMemoryBound(to: Float.self)
        kernels.withUnsafeBufferPointer { kernels in
            specgen_fading_combined(interleaved, count, step, low, length, kernels.baseAddress!, taps.count, gainFloats, points, planar, work)
        }
    }

    /// The per-tap evaluation (see the type's notes), a tap at a time by `specgen_fading_tap` (CKernels).
    /// Scratch: complex 4 (padded input), 5 (the gain grids of all taps), 6 (one tap's interpolated input);
    /// words 6, floats 6 (`DopplerProcess.fillGrids`).
    private func applyPerTap(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let count = row.count
        let h = halfLength
        let front = history, back = h
        // The input, zero-padded: `front` zeros before, H after.
        let padded = scratch.complex(4, count: front + count + back)
        let input = padded.baseAddress! + front
        for k in 0 ..< front { padded[k] = .zero }
        for k in 0 ..< back { input[count + k] = .zero }
        input.update(from: row.baseAddress!, count: count)
        let output = row.baseAddress!
        output.update(repeating: .zero, count: count)

        let step = gridStep, chunk = self.chunk
        let points = (count - 1) / step + 2
        let gains = scratch.complex(5, count: taps.count * points).baseAddress!
        let delayed = scratch.complex(6, count: chunk).baseAddress!
        let doppler = DopplerProcess(maximumDoppler: maximumDoppler, lineOfSightCosine: lineOfSightCosine, sinusoids: sinusoids, step: step)
        // Raw floats: Complex's .real/.imaginary check finiteness on every read.
        func floats(_ p: UnsafeMutablePointer<Complex<Float>>) -> UnsafeMutablePointer<Float> {
            UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
        }
        doppler.fillGrids(gains, points: points, taps: taps, stream: &stream, scratch: scratch)
        coefficients.withUnsafeBufferPointer { allCoefficients in
            for i in taps.indices {
                specgen_fading_tap(floats(output), floats(input - integerDelays[i]), count, chunk, fractional[i] ? h : 0,
                                   allCoefficients.baseAddress! + 2 * h * i, floats(gains + i * points), step, floats(delayed))
            }
        }
    }
}
