import Numerics
import SpecGenDSP

/// Amplitude modulation of an `AnalogMessage` s (analytic signal a = s + j·ŝ), as a complex envelope
/// at the capture centre turned by the carrier phase θ:
///
/// - double sideband: x = g·e^{jθ}·(c + m·s)
/// - upper sideband:  x = g·e^{jθ}·(c + m·(s + j·ŝ)) — the spectrum of s on f > 0 only
/// - lower sideband:  x = g·e^{jθ}·(c + m·(s − j·ŝ)) — the spectrum of s on f < 0 only
///
/// with c = 1 and depth m for the "with carrier" forms (AM-DSB-WC, AM-SSB-WC) and c = 0, m = 1 for the
/// suppressed-carrier ones (AM-DSB-SC, AM-SSB-SC) (Haykin, "Communication Systems" 4th ed., §3.1–3.5;
/// Proakis & Salehi, "Communication Systems Engineering" 2nd ed., §3.2).
///
/// Power: E|x|² = g²·(c² + κ·m²·P), P = E[s²] the message power and κ = 1 (DSB) or 2 (SSB: s and ŝ
/// each carry P). The kernel uses g = 1/√(c² + κ·m²·P), so the expected power is 1 and the carrier
/// holds the fraction c²/(c² + κ·m²·P) of it. The sideband suppression of SSB is exact up to float
/// rounding, since the analytic message is built in the frequency domain (see `AnalogMessage`).
public struct AmplitudeModulation: Emitter {
    public enum Sideband: Sendable, Equatable { case double, upper, lower }

    public let message: AnalogMessage
    public let sideband: Sideband
    /// Whether the carrier is transmitted (c = 1) or suppressed (c = 0).
    public let carrier: Bool
    /// Modulation depth m ∈ (0, 1] with a carrier; ignored without one.
    public let depth: Double
    /// Carrier phase θ in radians.
    public let phase: Double

    public var symbolLength: Double { 1 }

    public init(message: AnalogMessage, sideband: Sideband, carrier: Bool, depth: Double = 1, phase: Double) {
        precondition(depth > 0)
        self.message = message
        self.sideband = sideband
        self.carrier = carrier
        self.depth = depth
        self.phase = phase
    }

    /// The scale g and the expected carrier power fraction c²/(c² + κ·m²·P).
    public var scale: Double { 1 / (carrierLevel * carrierLevel + sidebandFactor * effectiveDepth * effectiveDepth * message.power).squareRoot() }
    public var carrierFraction: Double { carrierLevel * carrierLevel * scale * scale }

    var carrierLevel: Double { carrier ? 1 : 0 }
    var effectiveDepth: Double { carrier ? depth : 1 }
    var sidebandFactor: Double { sideband == .double ? 1 : 2 }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        guard length > 0 else { return }
        let a = message.analytic(length: length, stream: &stream, scratch: scratch)
        let g = scale
        // Rotation e^{jθ}·g, carrier term e^{jθ}·g·c, message factor e^{jθ}·g·m.
        let rotation = Complex(Float(g * _cosine(phase)), Float(g * _sine(phase)))
        let c = rotation.multiplied(by: Float(carrierLevel))
        let m = rotation.multiplied(by: Float(effectiveDepth))
        let out = output.baseAddress!
        switch sideband {
        case .double:
            for n in 0 ..< length { out[n] = c + m.multiplied(by: a[n].real) }
        case .upper:
            for n in 0 ..< length { out[n] = c + m * a[n] }
        case .lower:
            for n in 0 ..< length { out[n] = c + m * a[n].conjugate }
        }
    }
}
