import CVectorMath
import Numerics
import SpecGenDSP

/// An ADC pair: I and Q are each quantised by a uniform mid-rise quantiser of b bits over [−A, A],
/// clipping outside it,
///
///     q(v) = Δ·(clamp(⌊v/Δ⌋, −2^(b−1), 2^(b−1) − 1) + ½),   Δ = 2A/2^b.
///
/// Full-scale convention: A is given relative to the complex signal's RMS (unit power at this point of
/// the chain), `fullScaleDB` = 20·log₁₀ A. At 0 dB a unit-power complex tone e^{j2πfn} drives both rails
/// with a full-scale sine (amplitude A), and each rail's SQNR is the classic
/// (A²/2)/(Δ²/12) = 1.5·2^{2b}, i.e. 6.02·b + 1.76 dB (W. R. Bennett, "Spectra of quantized signals",
/// Bell Syst. Tech. J. 27, 1948); the complex SQNR is the same, both powers doubling.
///
/// Memoryless: `history` is 0.
public struct Quantizer: ChannelStage {
    /// Bits per rail, 1 … 16.
    public let bits: Int
    /// Clip level A relative to the signal RMS, in dB, −20 … 40.
    public let fullScaleDB: Double
    public var history: Int { 0 }
    public var isWindowable: Bool { true }

    public init(bits: Int, fullScaleDB: Double) {
        precondition((1 ... 16).contains(bits), "ADC bits must be 1 … 16")
        precondition(fullScaleDB >= -20 && fullScaleDB <= 40, "ADC full scale must be within −20 … 40 dB of the signal RMS")
        self.bits = bits
        self.fullScaleDB = fullScaleDB
    }

    /// The quantisation step Δ = 2A/2^b.
    public var step: Double { 2 * _pow10(fullScaleDB / 20) / Double(1 << bits) }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let base = row.baseAddress else { return }
        let delta = Float(step), inverse = 1 / Float(step)
        let levels = Float(1 << (bits - 1))
        // ⌊u⌋ + ½ = round(u − ½) + ½ with round by adding 1.5·2^23 (no libm floor on baseline x86-64); u is
        // clamped first so the rounding stays in range (an exact tie u ∈ ℤ may round either way: both
        // neighbours are then at distance Δ/2).
        let low = SIMD8<Float>(repeating: -levels), high = SIMD8<Float>(repeating: levels - 1)
        let magic = SIMD8<Float>(repeating: 0x1.8p23)
        let x = UnsafeMutableRawPointer(base)
        let count = 2 * row.count
        var k = 0
        while k + 8 <= count {
            let v = x.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            let u = specgen_clamp8(v * inverse - 0.5, low, high)
            let level = (u + magic) - magic
            x.storeBytes(of: (level + 0.5) * delta, toByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        let f = x.assumingMemoryBound(to: Float.self)
        while k < count {
            let u = min(max(f[k] * inverse - 0.5, -levels), levels - 1)
            f[k] = (((u + 0x1.8p23) - 0x1.8p23) + 0.5) * delta
            k += 1
        }
    }
}
