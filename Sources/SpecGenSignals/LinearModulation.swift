import Numerics
import SpecGenDSP

/// Linear digital modulation: independent uniform symbols shaped by a pulse,
/// s(t) = Σₙ aₙ·p(t − nT) (for OQPSK the quadrature rail is delayed by T/2). The output is a
/// steady-state window: symbols start before sample 0 and run past the end, so no filter transient
/// shows; symbol n is centred on the (possibly fractional) sample position n·sps.
///
/// - Keying: a memoryless constellation (OOK, ASK, PSK, QAM, APSK), OQPSK, or π/4-DQPSK.
/// - Pulses (`PulseShape`): rrc, rc (α), gaussian (BT) truncated to `spanSymbols`; rectangular and
///   half-sine last one symbol.
/// - `samplesPerSymbol` is real, ≥ 2. Integer values run the exact-tap path (`PulseShape.taps`, the
///   benchmark path); other values, and OQPSK at odd integers, run the polyphase path
///   (`PolyphasePulse`), except rectangular and half-sine pulses, which are evaluated exactly.
///
/// Normalisation (unit expected power): taps have Σh² = sps (per phase on average), so uncorrelated
/// zero-mean unit-energy symbols — every keying here but OOK, with or without overlap between pulses —
/// give E|s|² = 1 averaged over a symbol. OOK's mean μ = √2/2 adds a periodic component of power |μ|²·G
/// (G from the pulse: 1 for RRC and one-symbol pulses); symbols are scaled by 1/√(1 − |μ|² + |μ|²·G).
public struct LinearModulation: Emitter {
    public enum Keying: Sendable, Equatable {
        /// Independent uniform points of a constellation.
        case memoryless(Constellation)
        /// Offset QPSK: Gray QPSK whose quadrature rail is delayed by half a symbol.
        case offsetQuadrature
        /// π/4-DQPSK: aₙ = aₙ₋₁·e^{jΔφ}, Δφ ∈ {±π/4, ±3π/4} (dibits 00, 01, 11, 10 → π/4, 3π/4, −3π/4,
        /// −π/4, TIA IS-54), the state before the first symbol uniform on the 8 points e^{jπk/4}: the
        /// symbols alternate between two QPSK sets.
        case differentialPi4
    }

    public let keying: Keying
    public let samplesPerSymbol: Double
    public let pulse: PulseShape
    /// α for rrc/rc, BT for gaussian, unused for the one-symbol pulses.
    public let shape: Double
    public let spanSymbols: Int
    /// |E[a]| of the alphabet (√2/2 for OOK, 0 otherwise), computed once.
    let meanMagnitude: Double

    /// - Parameters:
    ///   - samplesPerSymbol: ≥ 2 (real).
    ///   - shape: α ∈ [0, 1] for rrc/rc; BT > 0 for gaussian.
    ///   - spanSymbols: ≥ 1; the pulse is truncated to ±span/2 symbols (ignored by rectangular/half-sine).
    public init(keying: Keying, samplesPerSymbol: Double, pulse: PulseShape, shape: Double, spanSymbols: Int) {
        precondition(samplesPerSymbol >= 2 && samplesPerSymbol.isFinite && spanSymbols >= 1)
        precondition(pulse == .gaussian ? shape > 0 : (0 ... 1).contains(shape) || !pulse.usesSpan)
        self.keying = keying
        self.samplesPerSymbol = samplesPerSymbol
        self.pulse = pulse
        self.shape = shape
        self.spanSymbols = spanSymbols
        // Symmetric alphabets sum to zero only up to single-precision rounding of their points.
        let mean = Self.alphabet(keying).mean, magnitude = (mean.real * mean.real + mean.imaginary * mean.imaginary).squareRoot()
        meanMagnitude = magnitude < 1e-6 ? 0 : magnitude
    }

    /// RRC-shaped memoryless keying at an integer oversampling (the original form).
    public init(constellation: Constellation, samplesPerSymbol: Int, rolloff: Double, spanSymbols: Int) {
        self.init(keying: .memoryless(constellation), samplesPerSymbol: Double(samplesPerSymbol),
                  pulse: .rootRaisedCosine, shape: rolloff, spanSymbols: spanSymbols)
    }

    public var symbolLength: Double { samplesPerSymbol }
    /// (1 + α)/(2·sps) for the rrc and rc pulses (their spectrum's edge; OQPSK's rail delay and π/4-DQPSK's
    /// symbol rotation keep it); nil for the others (gaussian, rectangular and half-sine pulses are not
    /// band-limited).
    public var occupiedBand: Double? {
        pulse == .rootRaisedCosine || pulse == .raisedCosine ? min(0.5, (1 + shape) / (2 * samplesPerSymbol)) : nil
    }
    public var rolloff: Double { shape }

    /// The alphabet the symbols are drawn from (QPSK for OQPSK, the 8 states for π/4-DQPSK).
    public var constellation: Constellation { Self.alphabet(keying) }

    static func alphabet(_ keying: Keying) -> Constellation {
        switch keying {
        case .memoryless(let c): return c
        case .offsetQuadrature: return .qpsk
        case .differentialPi4: return Self.pi4States
        }
    }

    /// e^{jπk/4} at index k (natural order: the differential state is the index).
    static let pi4States = Constellation(points: (0 ..< 8).map { k in
        Complex(Float(_cosine(Double.pi * Double(k) / 4)), Float(_sine(Double.pi * Double(k) / 4)))
    })

    /// Delay of the quadrature rail in samples.
    var quadratureDelay: Double { keying == .offsetQuadrature ? samplesPerSymbol / 2 : 0 }

    /// The exact-tap path: integer sps, and an integer quadrature delay.
    var integerSamplesPerSymbol: Int? {
        let sps = samplesPerSymbol
        guard sps == sps.rounded(), quadratureDelay == quadratureDelay.rounded() else { return nil }
        return Int(sps)
    }

    /// The first symbol and the number of symbols whose pulses touch samples 0 ..< length (either rail).
    func symbolRange(length: Int) -> (first: Int, count: Int) {
        if let sps = integerSamplesPerSymbol {
            let centre = (pulse.tapCount(spanSymbols: spanSymbols, samplesPerSymbol: sps) - 1) / 2
            let first = ceilDiv(-centre - Int(quadratureDelay), sps)
            let last = floorDiv(centre + length - 1, sps)
            return (first, last - first + 1)
        }
        let reach = pulse.usesSpan ? Double(spanSymbols) * samplesPerSymbol / 2 : samplesPerSymbol / 2
        let first = Int(((-reach - quadratureDelay) / samplesPerSymbol).rounded(.up))
        let last = Int(((Double(length - 1) + reach) / samplesPerSymbol).rounded(.down))
        return (first, last - first + 1)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let (first, count) = symbolRange(length: output.count)
        let re = scratch.floats(2, count: count).baseAddress!, im = scratch.floats(3, count: count).baseAddress!
        drawSymbols(count: count, re: re, im: im, stream: &stream, scratch: scratch)
        if let sps = integerSamplesPerSymbol {
            shapeInteger(output, first: first, count: count, re: re, im: im, sps: sps, scratch: scratch)
        } else {
            shapeFractional(output, first: first, count: count, re: re, im: im, scratch: scratch)
        }
    }

    /// The symbols `render` draws for an output of `length` samples from the same stream: the index of
    /// the first one (centred on sample first·sps) and the points, before any power correction (for the
    /// tests' receivers).
    public func symbolSequence(length: Int, stream: inout RandomStream) -> (first: Int, symbols: [Complex<Float>]) {
        let (first, count) = symbolRange(length: length)
        let scratch = SynthesisScratch()
        let re = scratch.floats(2, count: count).baseAddress!, im = scratch.floats(3, count: count).baseAddress!
        drawSymbols(count: count, re: re, im: im, stream: &stream, scratch: scratch)
        return (first, (0 ..< count).map { Complex(re[$0], im[$0]) })
    }

    /// Draws `count` symbols into planar arrays. Randomness: whole Philox blocks from `stream`, one byte
    /// per symbol for M ≤ 256 (two, little-endian, above), π/4-DQPSK one byte for the initial state first.
    func drawSymbols(count: Int, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
                     stream: inout RandomStream, scratch: SynthesisScratch) {
        let points = constellation.points
        let wide = points.count > 256
        let byteCount = keying == .differentialPi4 ? count + 1 : (wide ? 2 * count : count)
        let words = scratch.words(0, count: (byteCount + 3) / 4)
        stream.fill(words)
        let bytes = UnsafeRawPointer(words.baseAddress!).assumingMemoryBound(to: UInt8.self)
        let mask = points.count - 1
        points.withUnsafeBufferPointer { points in
            // Raw floats (re, im) per point: Complex's .real/.imaginary check finiteness on every read
            // (≈ 3 instructions per output sample of QPSK at 8 samples per symbol).
            let p = UnsafeRawPointer(points.baseAddress!).assumingMemoryBound(to: Float.self)
            switch keying {
            case .differentialPi4:
                // Dibit d (Gray) → phase step (2·gray⁻¹(d) + 1)·π/4.
                let steps: (Int, Int, Int, Int) = (1, 3, 7, 5)
                var state = Int(bytes[0]) & 7
                for s in 0 ..< count {
                    let d = Int(bytes[s + 1]) & 3
                    state = (state + (d == 0 ? steps.0 : d == 1 ? steps.1 : d == 2 ? steps.2 : steps.3)) & 7
                    re[s] = p[2 * state]
                    im[s] = p[2 * state + 1]
                }
            default:
                if wide {
                    for s in 0 ..< count {
                        let label = (Int(bytes[2 * s]) | Int(bytes[2 * s + 1]) << 8) & mask
                        re[s] = p[2 * label]
                        im[s] = p[2 * label + 1]
                    }
                } else {
                    for s in 0 ..< count {
                        let label = Int(bytes[s]) & mask
                        re[s] = p[2 * label]
                        im[s] = p[2 * label + 1]
                    }
                }
            }
        }
    }

    /// 1/√(1 − |μ|² + |μ|²·G): the symbol scale that gives unit power when the alphabet mean μ ≠ 0 (OOK).
    static func meanCorrection(mean: Double, gain: Double) -> Float {
        Float(1 / (1 - mean * mean + mean * mean * gain).squareRoot())
    }
}

extension PulseShape {
    /// Whether the pulse lasts `filter_span_symbols` (false for the one-symbol pulses).
    public var usesSpan: Bool { self != .rectangular && self != .halfSine }

    /// The number of taps `taps(shape:samplesPerSymbol:spanSymbols:)` returns.
    func tapCount(spanSymbols span: Int, samplesPerSymbol sps: Int) -> Int {
        2 * (((usesSpan ? span : 1) * sps + 1) / 2) + 1
    }
}

@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
@inline(__always) func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
