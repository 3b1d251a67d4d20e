import Numerics
import SpecGenDSP

/// A pulsed radar as seen by an intercept receiver: rectangular pulses of width W samples on a pulse
/// train (`PulseRepetition`, started at a uniformly random point by `PulseSchedule`), each carrying the
/// same intrapulse modulation. Pulse p covers the samples n with tₚ ≤ n < tₚ + W (fractional start
/// times: the envelope is the continuous pulse sampled, so measured widths are ⌊W⌋ or ⌈W⌉ samples).
///
/// Power: the signal is bursty, so the AVERAGE power over the capture is 1 in expectation: the pulse
/// amplitude is √(T̄/W) with T̄ the mean interval, and every sample lies inside a pulse with probability
/// W/T̄ (the train is stationary). Inside a pulse the power is T̄/W; a short capture may hold no pulse.
/// SNRs therefore refer to the average power; `symbolLength` is 1 (per-sample and Es/N0 agree).
///
/// Intrapulse modulation, with τ = n − tₚ the time into the pulse:
/// - unmodulated: constant phase 0.
/// - linear FM (Levanon and Mozeson, "Radar Signals", 2004, ch. 4): phase 2π(−Bτ/2 + Bτ²/(2W)),
///   instantaneous frequency sweeping −B/2 → +B/2 (B in cycles/sample).
/// - phase codes (Barker, Frank, P1–P4; see `BarkerCode`, `PolyphaseCode`): N chips of W/N samples,
///   chip k = ⌊τN/W⌋ has phase φ_k.
/// No carrier phase or frequency offset is applied: those belong to the channel.
public struct PulsedRadar: Emitter {
    public enum Intrapulse: Sendable, Equatable {
        case unmodulated
        /// Swept bandwidth in cycles/sample, (0, 1].
        case linearFM(bandwidth: Double)
        case barker(BarkerCode)
        /// Order M (N = M² chips), ≥ 2.
        case polyphase(PolyphaseCode, order: Int)

        /// Chips per pulse (1 without a phase code).
        public var chipCount: Int {
            switch self {
            case .unmodulated, .linearFM: return 1
            case .barker(let code): return code.length
            case .polyphase(let code, let order): return code.length(order: order)
            }
        }

        /// The phase of chip k, radians.
        public func chipPhase(_ k: Int) -> Double {
            switch self {
            case .unmodulated, .linearFM: return 0
            case .barker(let code): return code.chips[k] > 0 ? 0 : Double.pi
            case .polyphase(let code, let order): return code.phase(element: k, order: order)
            }
        }
    }

    /// W in samples, ≥ 1 (and ≥ one sample per chip).
    public let pulseWidth: Double
    public let repetition: PulseRepetition
    public let intrapulse: Intrapulse
    public var symbolLength: Double { 1 }
    /// √(T̄/W): unit average power.
    public var amplitude: Double { (repetition.meanInterval / pulseWidth).squareRoot() }
    /// Samples between exact phase evaluations of the LFM recursion.
    static let anchor = 64

    /// The checks allow a relative 1e-9 of rounding: the catalogue checks the same limits in seconds,
    /// and converting to samples may move a value that sits exactly on a limit by an ulp.
    public init(pulseWidth: Double, repetition: PulseRepetition, intrapulse: Intrapulse) {
        let slack = 1 - 1e-9
        precondition(pulseWidth >= slack, "a pulse must last at least one sample")
        precondition(repetition.shortestInterval >= pulseWidth * slack, "the PRI must not be shorter than the pulse")
        precondition(pulseWidth / Double(intrapulse.chipCount) >= slack, "a code chip must last at least one sample")
        if case .linearFM(let b) = intrapulse { precondition(b > 0 && b <= 1) }
        self.pulseWidth = pulseWidth
        self.repetition = repetition
        self.intrapulse = intrapulse
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        output.baseAddress!.update(repeating: .zero, count: length)
        let chips = intrapulse.chipCount
        let code = scratch.complex(0, count: chips)
        let a = amplitude
        for k in 0 ..< chips {
            let phi = intrapulse.chipPhase(k)
            code[k] = Complex(Float(a * _cosine(phi)), Float(a * _sine(phi)))
        }
        var schedule = PulseSchedule(repetition, stream: &stream)
        var start = schedule.start
        while start < Double(length) {
            renderPulse(start: start, into: output, code: UnsafeBufferPointer(code))
            start = schedule.advance(stream: &stream)
        }
    }

    /// Writes the pulse starting at `start` (samples) where it meets the window.
    func renderPulse(start: Double, into output: UnsafeMutableBufferPointer<Complex<Float>>, code: UnsafeBufferPointer<Complex<Float>>) {
        let length = output.count
        let first = max(0, Int((start).rounded(.up))), end = min(length, Int((start + pulseWidth).rounded(.up)))
        guard first < end else { return }
        let out = output.baseAddress!
        if case .linearFM(let bandwidth) = intrapulse {
            renderChirp(start: start, range: first ..< end, bandwidth: bandwidth, into: out)
            return
        }
        let chips = code.count
        let chip = pulseWidth / Double(chips)
        for k in 0 ..< chips {
            let lower = k == 0 ? first : max(first, Int((start + Double(k) * chip).rounded(.up)))
            let upper = k == chips - 1 ? end : min(end, Int((start + Double(k + 1) * chip).rounded(.up)))
            if lower >= upper { continue }
            (out + lower).update(repeating: code[k], count: upper - lower)
        }
    }

    /// The LFM phase 2π·c(τ), c(τ) = −Bτ/2 + Bτ²/(2W), by a second-order phasor recursion in double
    /// precision (p ← p·s, s ← s·r with r = e^{j2πB/W}), re-anchored exactly every `anchor` samples.
    func renderChirp(start: Double, range: Range<Int>, bandwidth b: Double, into out: UnsafeMutablePointer<Complex<Float>>) {
        let w = pulseWidth, a = amplitude
        let curvature = b / w
        let r = Complex(_cosine(2 * Double.pi * curvature), _sine(2 * Double.pi * curvature))
        var n = range.lowerBound
        while n < range.upperBound {
            let tau = Double(n) - start
            let cycles = (-b / 2 * tau + curvature / 2 * tau * tau).truncatingRemainder(dividingBy: 1)
            let increment = (-b / 2 + curvature / 2 * (2 * tau + 1)).truncatingRemainder(dividingBy: 1)
            var p = Complex(a * _cosine(2 * Double.pi * cycles), a * _sine(2 * Double.pi * cycles))
            var s = Complex(_cosine(2 * Double.pi * increment), _sine(2 * Double.pi * increment))
            let blockEnd = min(range.upperBound, n + PulsedRadar.anchor)
            while n < blockEnd {
                out[n] = Complex(Float(p.real), Float(p.imaginary))
                p = p * s
                s = s * r
                n += 1
            }
        }
    }
}
