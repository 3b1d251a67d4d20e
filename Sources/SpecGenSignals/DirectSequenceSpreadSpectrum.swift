import Numerics
import SpecGenDSP

/// Direct-sequence spread spectrum: BPSK data spread by a periodic binary code, one data symbol per code
/// period (chip c carries d_⌊c/N⌋ · code[c mod N], N = 2^n − 1), chips shaped by a rectangular or a
/// root-raised-cosine pulse. The baseband is real (BPSK on BPSK, like `bpsk`).
///
/// Codes: an m-sequence of degree n (`MaximalLengthSequence`) or a member of the Gold family of degree
/// n (`GoldCode`). Per example the Gold member (uniform over the N + 2 codes) and the code phase (where
/// sample 0 falls in the code period, uniform over the N chips) are drawn, then the data bits, in that
/// order from the stream.
///
/// Timing: chip c is centred on sample c·sps (sps = samples per chip, fractional allowed), a steady-state
/// window (chips and symbols start before sample 0 and run past the end).
/// - Rectangular chips cover [(c − ½)·sps, (c + ½)·sps): every sample is ±1, unit power exactly.
/// - Root-raised-cosine chips (roll-off α, span in chips): the pulse is interpolated linearly from a table
///   of the RRC sampled at 1/64 chip (`rootRaisedCosineTable`, Σh² = 64, i.e. ∫h² = 1 chip), error below
///   1e-3 of the peak; sampled taps then have Σ g² = sps (for sps ≥ 1 + α the pulse is band-limited
///   within the sample rate and the Riemann sum is exact), and since the RRC is orthogonal to its
///   chip-shifts the power averaged over the window is 1 for any chip values: unit expected power.
///
/// `symbolLength` is N·sps: Es/N0 is the energy of one data symbol (= one bit) over N0, so the
/// processing gain 10·log10 N shows between per-chip and per-symbol SNR.
public struct DirectSequenceSpreadSpectrum: Emitter {
    public enum Code: Sendable, Equatable { case mSequence, gold }
    public enum ChipShape: Sendable, Equatable {
        case rectangular
        case rootRaisedCosine(rolloff: Double, spanChips: Int)
    }

    public let code: Code
    /// LFSR degree n: code length 2^n − 1.
    public let degree: Int
    /// Samples per chip, ≥ 1 (≥ 1 + α for RRC chips).
    public let samplesPerChip: Double
    public let chipShape: ChipShape
    /// Resolution of the RRC table, points per chip.
    static let tableResolution = 64

    public init(code: Code, degree: Int, samplesPerChip: Double, chipShape: ChipShape) {
        precondition(MaximalLengthSequence.degrees.contains(degree))
        precondition(code == .mSequence || GoldCode.hasPreferredPair(degree: degree), "no Gold family of degree \(degree)")
        precondition(samplesPerChip >= 1)
        if case .rootRaisedCosine(let rolloff, let span) = chipShape {
            precondition((0 ... 1).contains(rolloff) && span >= 1 && samplesPerChip >= 1 + rolloff)
        }
        self.code = code
        self.degree = degree
        self.samplesPerChip = samplesPerChip
        self.chipShape = chipShape
    }

    public var codeLength: Int { MaximalLengthSequence.length(degree: degree) }
    public var symbolLength: Double { Double(codeLength) * samplesPerChip }

    /// The chips (first, count) rendered for samples 0 ..< length (a margin beyond those that touch the
    /// window), and the half-width of a chip's pulse in chips. Chip `first + j` is centred on sample
    /// (first + j)·sps.
    public func chipRange(length: Int) -> (first: Int, count: Int, halfSpan: Double) {
        let half: Double
        switch chipShape {
        case .rectangular: half = 0.5
        case .rootRaisedCosine(_, let span): half = Double(span) / 2
        }
        let first = Int((-half).rounded(.down)) - 1
        let last = Int((Double(length - 1) / samplesPerChip + half).rounded(.up)) + 1
        return (first, last - first + 1, half)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        let n = codeLength
        let codeChips = scratch.floats(0, count: n)
        let (member, phase) = drawCode(stream: &stream)
        switch code {
        case .mSequence: MaximalLengthSequence.fill(codeChips, degree: degree)
        case .gold: GoldCode.fill(codeChips, degree: degree, member: member, scratch: scratch.floats(1, count: n))
        }
        let (first, count, half) = chipRange(length: length)
        // Chip j = c − first (≥ 0) is code chip (j + phase) mod N of data symbol (j + phase) / N.
        let symbols = (count - 1 + phase) / n + 1
        let words = scratch.words(0, count: (symbols + 31) / 32)
        stream.fill(words)
        // The chip values ±1 with the data applied.
        let values = scratch.floats(2, count: count)
        var position = phase % n, symbol = 0
        for j in 0 ..< count {
            let bit = (words[symbol >> 5] >> UInt32(symbol & 31)) & 1
            values[j] = bit == 0 ? codeChips[position] : -codeChips[position]
            position += 1
            if position == n { position = 0; symbol += 1 }
        }
        switch chipShape {
        case .rectangular:
            renderRectangular(values: UnsafeBufferPointer(values), first: first, into: output)
        case .rootRaisedCosine(let rolloff, let span):
            renderShaped(values: UnsafeBufferPointer(values), first: first, halfSpan: half, rolloff: rolloff, span: span, into: output, scratch: scratch)
        }
    }

    /// The example's code: the Gold family member (0 for an m-sequence, not drawn) and the code phase —
    /// chip `first + j` of `chipRange` is code chip (j + phase) mod N of data symbol ⌊(j + phase)/N⌋.
    /// The first draws of `render`, in this order.
    public func drawCode(stream: inout RandomStream) -> (member: Int, phase: Int) {
        let member = code == .gold ? Int(stream.nextInt(below: UInt32(GoldCode.familySize(degree: degree)))) : 0
        return (member, Int(stream.nextInt(below: UInt32(codeLength))))
    }

    func renderRectangular(values: UnsafeBufferPointer<Float>, first: Int, into output: UnsafeMutableBufferPointer<Complex<Float>>) {
        let length = output.count, sps = samplesPerChip
        let out = output.baseAddress!
        var lower = 0
        for j in 0 ..< values.count {
            let c = Double(first + j)
            let upper = min(length, max(0, Int(((c + 0.5) * sps).rounded(.up))))
            if upper > lower {
                (out + lower).update(repeating: Complex(values[j], 0), count: upper - lower)
                lower = upper
            }
        }
    }

    /// Chip-major shaping: each chip adds its interpolated pulse into a real accumulator; taps are
    /// recomputed only when the chip's sub-sample phase changes (never for integer sps).
    func renderShaped(values: UnsafeBufferPointer<Float>, first: Int, halfSpan: Double, rolloff: Double, span: Int,
                      into output: UnsafeMutableBufferPointer<Complex<Float>>, scratch: SynthesisScratch) {
        let length = output.count, sps = samplesPerChip
        let q = DirectSequenceSpreadSpectrum.tableResolution
        let tableCount = span * q + 1
        // The table and its forward differences, each padded by one entry so that index i + 1 is valid
        // at the last point.
        let h = scratch.floats(5, count: tableCount + 1), d = scratch.floats(6, count: tableCount + 1)
        DirectSequenceSpreadSpectrum.rootRaisedCosineTable(rolloff: rolloff, resolution: q, span: span, into: h)
        h[tableCount] = h[tableCount - 1]
        for i in 0 ..< tableCount { d[i] = h[i + 1] - h[i] }
        d[tableCount] = 0
        let centre = Double(tableCount / 2)
        let reach = halfSpan * sps
        let acc = scratch.floats(3, count: length)
        acc.baseAddress!.update(repeating: 0, count: length)
        let taps = scratch.floats(4, count: Int(2 * reach) + 2).baseAddress!
        let hp = h.baseAddress!, dp = d.baseAddress!
        let step = Float(Double(q) / sps)
        var cachedOffset = -1.0, tapCount = 0
        for j in 0 ..< values.count {
            let t = Double(first + j) * sps
            let lowest = Int((t - reach).rounded(.up))
            let offset = Double(lowest) - t  // ∈ [−reach, −reach + 1)
            if offset != cachedOffset {
                cachedOffset = offset
                tapCount = Int((t + reach).rounded(.down)) - lowest + 1
                // Table position of tap k: x₀ + k·Δ, x₀ ≥ 0 (single precision: position error < 1e-4
                // of a table step).
                let x0 = Float(offset / sps * Double(q) + centre)
                for k in 0 ..< tapCount {
                    let x = max(0, x0 + Float(k) * step)
                    let i = Int32(x)
                    let f = x - Float(i)
                    taps[k] = hp[Int(i)] + f * dp[Int(i)]
                }
            }
            let k0 = max(0, -lowest), k1 = min(tapCount, length - lowest)
            if k0 >= k1 { continue }
            let v = values[j]
            let a = acc.baseAddress! + lowest
            for k in k0 ..< k1 { a[k] += v * taps[k] }
        }
        let out = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: Float.self)
        for k in 0 ..< length {
            out[2 * k] = acc[k]
            out[2 * k + 1] = 0
        }
    }

    /// The root-raised-cosine pulse at t = j/Q chips, j = −span·Q/2 … span·Q/2 (`span·Q + 1` values,
    /// Q even), scaled so that Σh² = Q: the values of `RootRaisedCosine.taps(rolloff:samplesPerSymbol: Q,
    /// spanSymbols:)`, made without a libm call per point. The closed form
    /// h(t) = [sin(πt(1 − α)) + 4αt·cos(πt(1 + α))] / [πt(1 − (4αt)²)] is evaluated with its sine and
    /// cosine advanced as phasors e^{jπ(1 ∓ α)/Q} in double precision (error ~1e-14 after a few hundred
    /// steps), on one half (h is even); t = 0 and the removable singularities t = ±1/(4α) take
    /// `RootRaisedCosine.impulse`.
    public static func rootRaisedCosineTable(rolloff a: Double, resolution q: Int, span: Int, into h: UnsafeMutableBufferPointer<Float>) {
        precondition(q % 2 == 0 && h.count >= span * q + 1)
        let half = span * q / 2
        let stepLow = Complex(_cosine(Double.pi * (1 - a) / Double(q)), _sine(Double.pi * (1 - a) / Double(q)))
        let stepHigh = Complex(_cosine(Double.pi * (1 + a) / Double(q)), _sine(Double.pi * (1 + a) / Double(q)))
        var low = Complex<Double>(1, 0), high = Complex<Double>(1, 0)
        var energy = 0.0
        var values = h.baseAddress! + half  // values[j], j = −half … half
        for j in 0 ... half {
            let t = Double(j) / Double(q)
            let singular = 1 - (4 * a * t) * (4 * a * t)
            let value: Double
            if j == 0 || abs(singular) < 1e-9 {
                value = RootRaisedCosine.impulse(t: t, rolloff: a)
            } else {
                value = (low.imaginary + 4 * a * t * high.real) / (Double.pi * t * singular)
            }
            values[j] = Float(value)
            values[-j] = Float(value)
            energy += j == 0 ? value * value : 2 * value * value
            low = low * stepLow
            high = high * stepHigh
        }
        let scale = Float((Double(q) / energy).squareRoot())
        values = h.baseAddress!
        for i in 0 ... 2 * half { values[i] *= scale }
    }

}
