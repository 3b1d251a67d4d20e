import Numerics
import SpecGenDSP

/// A memoryless power-amplifier nonlinearity acting on the envelope r = |x|: AM/AM A(r) and AM/PM Φ(r),
/// y = A(r)·e^{j(arg x + Φ(r))}.
///
/// - Rapp (solid-state; C. Rapp, "Effects of HPA-nonlinearity on 4-DPSK/OFDM-signal for a digital sound
///   broadcasting system", 2nd ECSC, 1991): A(r) = r / (1 + (r/A_sat)^{2p})^{1/(2p)}, Φ = 0; the
///   smoothness p → ∞ is an ideal limiter.
/// - Saleh (travelling-wave tube; A. A. M. Saleh, "Frequency-independent and frequency-dependent
///   nonlinear models of TWT amplifiers", IEEE Trans. Commun. 29(11), 1981):
///   A(r) = α_a·r/(1 + β_a·r²), Φ(r) = α_φ·r²/(1 + β_φ·r²); the output peaks at the input amplitude
///   r_sat = 1/√β_a.
///
/// Drive and normalisation: the input is taken at its nominal unit power and driven to RMS
/// d = r_sat·10^(−IBO/20) (input back-off IBO in dB below the saturating input amplitude: r_sat = A_sat
/// for Rapp), and the output is divided by d·G (G the small-signal gain: 1 for Rapp, α_a for Saleh),
///
///     y = F(d·x) / (d·G),
///
/// so weak samples pass unchanged and only the back-off decides how hard the peaks are compressed (the
/// Rapp saturation level is absorbed by the back-off: A_sat = 1). Memoryless: `history` is 0.
public struct PowerAmplifier: ChannelStage {
    public enum Model: Sendable, Equatable {
        /// Rapp's model with smoothness p, 0.1 … 20 (typical 2–3 for solid-state amplifiers).
        case rapp(smoothness: Double)
        /// Saleh's model (Saleh's fitted TWT values: α_a = 2.1587, β_a = 1.1517, α_φ = 4.0033, β_φ = 9.1040);
        /// all four ≥ 0, α_a and β_a > 0.
        case saleh(alphaAmplitude: Double, betaAmplitude: Double, alphaPhase: Double, betaPhase: Double)
    }

    public let model: Model
    /// Input back-off in dB below saturation, −10 … 40.
    public let inputBackoffDB: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    public init(model: Model, inputBackoffDB: Double) {
        switch model {
        case .rapp(let p):
            precondition(p >= 0.1 && p <= 20, "Rapp smoothness must be 0.1 … 20")
        case .saleh(let aa, let ba, let ap, let bp):
            precondition(aa > 0 && ba > 0 && ap >= 0 && bp >= 0 && [aa, ba, ap, bp].allSatisfy(\.isFinite),
                         "Saleh α_a, β_a must be > 0 and α_φ, β_φ ≥ 0")
        }
        precondition(inputBackoffDB >= -10 && inputBackoffDB <= 40, "input back-off must be −10 … 40 dB")
        self.model = model
        self.inputBackoffDB = inputBackoffDB
    }

    /// The saturating input amplitude r_sat (1 for Rapp, 1/√β_a for Saleh).
    public var saturationInput: Double {
        switch model {
        case .rapp: return 1
        case .saleh(_, let ba, _, _): return 1 / ba.squareRoot()
        }
    }

    /// The drive d = r_sat·10^(−IBO/20): the RMS amplitude the unit-power input is scaled to.
    public var drive: Double { saturationInput * _pow10(-inputBackoffDB / 20) }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let base = row.baseAddress, row.count > 0 else { return }
        let x = UnsafeMutableRawPointer(base)
        let count = row.count
        let d = Float(drive)
        switch model {
        case .rapp(let p):
            // Gain on the undriven sample: A(d·r)/(d·r) = (1 + (d²r²)^p)^{−1/(2p)}, from r² (no square root).
            let exponent = SIMD8<Float>(repeating: Float(p)), root = SIMD8<Float>(repeating: Float(-1 / (2 * p)))
            let d2 = d * d
            var k = 0
            while k < count {
                // Gains for eight samples at a time (a partial last group padded with zeros).
                let lanes = min(8, count - k)
                var power = SIMD8<Float>.zero
                let samples = (x + 8 * k).assumingMemoryBound(to: Complex<Float>.self)
                if lanes == 8 {
                    for l in 0 ..< 8 { power[l] = samples[l].lengthSquared }
                } else {
                    for l in 0 ..< lanes { power[l] = samples[l].lengthSquared }
                }
                let gain = FastPower.pow(1 + FastPower.pow(power * d2, exponent), root)
                for l in 0 ..< lanes { samples[l] = samples[l].multiplied(by: gain[l]) }
                k += 8
            }
        case .saleh(_, let ba, let ap, let bp):
            // y = x·(1/(1 + β_a·d²r²))·e^{jΦ(d·r)}; the rotation by UnitPhasor from Φ/2π in a scratch slot.
            let cycles = scratch.floats(4, count: count)
            let rotation = scratch.complex(4, count: count)
            let bad2 = Float(ba) * d * d, bpd2 = Float(bp) * d * d, apd2 = Float(ap) * d * d / (2 * Float.pi)
            let samples = x.assumingMemoryBound(to: Complex<Float>.self)
            for k in 0 ..< count {
                let r2 = samples[k].lengthSquared
                cycles[k] = apd2 * r2 / (1 + bpd2 * r2)
            }
            UnitPhasor.fill(rotation, cycles: cycles.baseAddress!)
            for k in 0 ..< count {
                let r2 = samples[k].lengthSquared
                samples[k] = (samples[k] * rotation[k]).multiplied(by: 1 / (1 + bad2 * r2))
            }
        }
    }
}
