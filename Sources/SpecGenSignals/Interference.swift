import Numerics
import SpecGenDSP

/// Adds an interferer — a second, already rendered waveform of unit expected power — to the row, scaled to
/// a signal-to-interference ratio and shifted in frequency:
///     y[n] = x[n] + (1/√SIR)·i[n]·e^{j(2π·f_o·n + φ)},
/// so that, the signal and the interferer both having unit expected power (as every emitter does), the
/// interference power is 1/SIR (the scaling uses the expected, not the measured, power, like the receiver
/// noise's SNR).
///
/// Not a `ChannelStage` (it needs the interferer's samples): the engine renders the interferer's emitter
/// from its own streams into a buffer of the row's length and calls `add`. The phase of the shift is
/// kept in double precision (recomputed exactly every 64 samples, rotated by complex multiplication in
/// between, as `Tone`). No randomness; no allocation.
public struct Interference: Sendable {
    /// SIR, linear power ratio signal/interferer, > 0.
    public let signalToInterference: Double
    /// f_o, cycles/sample, [−0.5, 0.5].
    public let frequencyOffset: Double
    /// φ, radians.
    public let phase: Double
    static let anchor = 64

    /// - Parameters:
    ///   - signalToInterference: SIR as a linear power ratio, (0, ∞) (the catalogue's `sir_db` is
    ///     10·log₁₀ of it).
    ///   - frequencyOffset: f_o in cycles/sample, [−0.5, 0.5].
    ///   - phase: φ in radians (finite).
    public init(signalToInterference: Double, frequencyOffset: Double, phase: Double = 0) {
        precondition(signalToInterference > 0 && signalToInterference.isFinite, "SIR must be finite and > 0")
        precondition((-0.5 ... 0.5).contains(frequencyOffset), "frequency offset must lie in [−0.5, 0.5] cycles/sample")
        precondition(phase.isFinite, "phase must be finite")
        self.signalToInterference = signalToInterference
        self.frequencyOffset = frequencyOffset
        self.phase = phase
    }

    /// Adds the scaled, shifted `interferer` to `row` (same length: sample n of one is sample n of the other).
    public func add(_ interferer: UnsafeBufferPointer<Complex<Float>>, to row: UnsafeMutableBufferPointer<Complex<Float>>) {
        precondition(interferer.count == row.count, "the interferer must have the row's length")
        let amplitude = 1 / signalToInterference.squareRoot()
        let omega = 2 * Double.pi * frequencyOffset
        let step = Complex(Double.cos(omega), Double.sin(omega))
        let out = row.baseAddress!
        guard let source = interferer.baseAddress else { return }
        var start = 0
        while start < row.count {
            let cycles = (frequencyOffset * Double(start)).truncatingRemainder(dividingBy: 1)
            let angle = 2 * Double.pi * cycles + phase
            var phasor = Complex(amplitude * Double.cos(angle), amplitude * Double.sin(angle))
            for k in start ..< min(row.count, start + Self.anchor) {
                let r = Float(phasor.real), q = Float(phasor.imaginary), v = source[k]
                out[k].real += v.real * r - v.imaginary * q
                out[k].imaginary += v.real * q + v.imaginary * r
                phasor = phasor * step
            }
            start += Self.anchor
        }
    }
}
