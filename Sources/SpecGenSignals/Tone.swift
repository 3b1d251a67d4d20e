import Numerics
import SpecGenDSP

/// A complex tone e^{j(2πf·k + φ)} of unit power.
///
/// The phase is kept in double precision: the phasor is recomputed exactly every `anchor` samples and
/// advanced by complex multiplication in between, so the error stays below 1e-12 rad whatever the length.
public struct Tone: Emitter {
    /// Frequency in cycles per sample, (−0.5, 0.5).
    public let frequency: Double
    /// Initial phase in radians.
    public let phase: Double
    public var symbolLength: Double { 1 }
    static let anchor = 64

    public init(frequency: Double, phase: Double) {
        self.frequency = frequency
        self.phase = phase
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let omega = 2 * Double.pi * frequency
        let step = Complex(_cosine(omega), _sine(omega))
        var start = 0
        while start < output.count {
            let cycles = (frequency * Double(start)).truncatingRemainder(dividingBy: 1)
            let angle = 2 * Double.pi * cycles + phase
            var phasor = Complex(_cosine(angle), _sine(angle))
            for k in start ..< min(output.count, start + Tone.anchor) {
                output[k] = Complex(Float(phasor.real), Float(phasor.imaginary))
                phasor = phasor * step
            }
            start += Tone.anchor
        }
    }
}
