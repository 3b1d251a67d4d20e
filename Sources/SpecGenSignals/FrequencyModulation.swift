import Numerics
import SpecGenDSP

/// Frequency modulation of an `AnalogMessage` s: x(n) = exp(j·(φ₀ + 2π·Δ·∫₀ⁿ s)), instantaneous
/// frequency Δ·s(n) cycles/sample, so Δ (deviation_hz / Fs) is the peak deviation for tone messages and
/// the 3σ deviation for noise. Narrow-band FM is the case Δ ≪ message bandwidth, wide-band the case
/// Δ ≫ it; Carson's rule puts 98 % of the power within 2·(Δ + f_m) for a tone f_m (J. R. Carson,
/// "Notes on the theory of modulation", Proc. IRE 10(1), 1922; Haykin, "Communication Systems" 4th ed.,
/// §4.6).
///
/// The integral is exact: in closed form for tones (phase in double precision) and in the frequency
/// domain for noise (bin k divided by j·2πk/N, see `AnalogMessage`). Power: |x| = 1 (constant envelope).
public struct FrequencyModulation: Emitter {
    public let message: AnalogMessage
    /// Δ in cycles/sample.
    public let deviation: Double
    /// φ₀ in radians.
    public let phase: Double

    public var symbolLength: Double { 1 }

    public init(message: AnalogMessage, deviation: Double, phase: Double) {
        precondition(deviation >= 0)
        self.message = message
        self.deviation = deviation
        self.phase = phase
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        guard length > 0 else { return }
        let cycles = scratch.floats(0, count: length).baseAddress!
        message.integratedPhase(into: cycles, length: length, deviation: deviation, start: phase / (2 * Double.pi),
                                stream: &stream, scratch: scratch)
        UnitPhasor.fill(output, cycles: cycles)
    }
}
