import Numerics
import SpecGenDSP

/// A constant carrier phase offset: `y[n] = x[n] · e^{jφ}`, the phasor computed once in double precision
/// (exact to single-precision rounding). Memoryless: `history` is 0.
///
/// Model: the unknown phase of the receiver's local oscillator relative to the transmitter's
/// (Proakis & Salehi, *Digital Communications*, 5th ed., §5.1).
public struct PhaseOffset: ChannelStage {
    /// φ in radians, any finite value.
    public let phase: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    /// - Parameter phase: radians, finite (typically drawn uniform in [−π, π)).
    public init(phase: Double) {
        precondition(phase.isFinite, "phase must be finite")
        self.phase = phase
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let rotation = Complex(Float(Double.cos(phase)), Float(Double.sin(phase)))
        guard let x = row.baseAddress else { return }
        for k in 0 ..< row.count { x[k] = x[k] * rotation }
    }
}
