import CKernels
import Numerics
import SpecGenDSP

/// Quadrature-modulator (or demodulator) gain and phase imbalance: the Q branch has gain g relative to
/// I and its local oscillator is φ away from quadrature,
///
///     y = I + j·g·(Q·cos φ − I·sin φ) = μ·x + ν·x*,   μ = (1 + g·e^{−jφ})/2,   ν = (1 − g·e^{+jφ})/2,
///
/// so a tone at f leaves an image at −f with image-rejection ratio
///
///     IRR = |μ|²/|ν|² = (1 + g² + 2g·cos φ)/(1 + g² − 2g·cos φ)
///
/// (M. Windisch and G. Fettweis, "Performance degradation due to I/Q imbalance in multi-carrier direct
/// conversion receivers", 2004; B. Razavi, *RF Microelectronics*, §4.2). The I branch is the reference,
/// so the power of a circular unit-power signal becomes (1 + g²)/2 (not renormalised).
///
/// Memoryless: `history` is 0.
public struct IQImbalance: ChannelStage {
    /// Q-branch gain relative to I, in dB (g = 10^(dB/20)), −6 … 6.
    public let gainDB: Double
    /// Q-branch phase skew φ in radians, −π/4 … π/4.
    public let phase: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    public init(gainDB: Double, phase: Double) {
        precondition(abs(gainDB) <= 6, "IQ gain imbalance must be within ±6 dB")
        precondition(abs(phase) <= Double.pi / 4, "IQ phase imbalance must be within ±π/4 rad")
        self.gainDB = gainDB
        self.phase = phase
    }

    /// g, the linear Q-branch gain.
    public var gain: Double { _pow10(gainDB / 20) }
    /// μ, the coefficient of x.
    public var direct: Complex<Double> { Complex(1 + gain * _cosine(phase), -gain * _sine(phase)) / 2 }
    /// ν, the coefficient of x*.
    public var image: Complex<Double> { Complex(1 - gain * _cosine(phase), -gain * _sine(phase)) / 2 }
    /// IRR = |μ|²/|ν|² in dB (infinite for a perfect modulator).
    public var imageRejectionDB: Double {
        let g = gain, c = _cosine(phase)
        return 10 * _log10((1 + g * g + 2 * g * c) / (1 + g * g - 2 * g * c))
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let base = row.baseAddress else { return }
        // Q ← a·Q − b·I, eight samples per step (CKernels).
        let g = gain
        let a = Float(g * _cosine(phase)), b = Float(g * _sine(phase))
        specgen_iq_imbalance(UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self), row.count, a, b)
    }
}
