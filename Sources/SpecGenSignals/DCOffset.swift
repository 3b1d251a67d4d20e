import Numerics
import SpecGenDSP

/// A constant complex offset c = 10^(L/20)·e^{jθ} added to every sample: LO leakage at the transmitter
/// or self-mixing at a direct-conversion receiver (B. Razavi, "Design considerations for
/// direct-conversion receivers", IEEE Trans. Circuits Syst. II 44(6), 1997).
///
/// The level L is relative to the nominal signal power (unit power at this point of the chain), so the
/// offset carries L dBc: |c|² = 10^(L/10). Memoryless: `history` is 0.
public struct DCOffset: ChannelStage {
    /// Offset power relative to the (unit) signal power, in dBc, −80 … 0.
    public let levelDBc: Double
    /// Offset angle θ in radians, any value.
    public let phase: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    public init(levelDBc: Double, phase: Double) {
        precondition(levelDBc >= -200 && levelDBc <= 20, "DC offset level must be within −200 … 20 dBc")
        precondition(phase.isFinite, "DC offset phase must be finite")
        self.levelDBc = levelDBc
        self.phase = phase
    }

    /// The offset c.
    public var offset: Complex<Float> {
        let amplitude = _pow10(levelDBc / 20)
        return Complex(Float(amplitude * _cosine(phase)), Float(amplitude * _sine(phase)))
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let base = row.baseAddress else { return }
        let c = offset
        let x = UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self)
        for k in 0 ..< row.count {
            x[2 * k] += c.real
            x[2 * k + 1] += c.imaginary
        }
    }
}
