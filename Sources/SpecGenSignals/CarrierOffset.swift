import Numerics
import SpecGenDSP

/// Carrier frequency offset with an optional linear drift (a Doppler rate, or an oscillator warming up):
/// `y[n] = x[n] · e^{j2π(f·n + ½·ḟ·n² + φ/2π)}`.
///
/// The instantaneous frequency is `f + ḟ·n` cycles/sample at row sample n (the phase increment from n
/// to n+1 is `f + ḟ·(n + ½)`). Sample 0 is the first sample of the row, lead-in included: to reference
/// the frequency to the example's first sample, pass `f − ḟ·leadIn`.
///
/// The phase is evaluated exactly in double precision at every sample (no accumulated recursion: the
/// error stays below 1e-10 cycles for rows of 10⁶ samples) and turned into phasors eight at a time by
/// `UnitPhasor.fill` (absolute error < 4e-7). Memoryless: `history` is 0.
/// Model: the received carrier e^{j2π(f_c + f_D(t))t} mixed down by a local oscillator at f_c
/// (J. G. Proakis, M. Salehi, *Digital Communications*, 5th ed., §5.1; Doppler rate as in
/// `LinkGeometry.dopplerRate`).
public struct CarrierOffset: ChannelStage {
    /// Frequency offset f in cycles/sample at row sample 0, |f| < ½.
    public let frequency: Double
    /// Linear frequency drift ḟ in cycles/sample per sample (Hz/s ÷ Fs²); |f + ḟ·n| should stay below ½
    /// over the row (frequencies beyond alias).
    public let drift: Double
    /// Phase offset φ in radians at row sample 0.
    public let phase: Double
    public var history: Int { 0 }
    /// Samples per pass (a multiple of 8): the phases and phasors of one block stay in L1.
    static let block = 512

    /// - Parameters:
    ///   - frequency: cycles/sample, −½ < f < ½.
    ///   - drift: cycles/sample², |ḟ| ≤ 1e-3 (finite).
    ///   - phase: radians, finite.
    public init(frequency: Double, drift: Double = 0, phase: Double = 0) {
        precondition(frequency > -0.5 && frequency < 0.5, "frequency offset must be in (−½, ½) cycles/sample")
        precondition(drift.isFinite && abs(drift) <= 1e-3, "frequency drift must be within ±1e-3 cycles/sample²")
        precondition(phase.isFinite, "phase must be finite")
        self.frequency = frequency
        self.drift = drift
        self.phase = phase
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let block = CarrierOffset.block
        let cycles = scratch.floats(4, count: block)
        let phasors = scratch.complex(4, count: block)
        let initial = SIMD8<Double>(repeating: UnitPhasor.wrap(phase / (2 * Double.pi)))
        let f = SIMD8<Double>(repeating: frequency), halfDrift = SIMD8<Double>(repeating: 0.5 * drift)
        let magic = SIMD8<Double>(repeating: 0x1.8p52)
        guard let samples = row.baseAddress, let u = cycles.baseAddress, let p = phasors.baseAddress else { return }
        let lanes = UnsafeMutableRawPointer(u)
        var start = 0
        while start < row.count {
            let count = min(block, row.count - start)
            // Eight phases at a time in double precision; the large product is wrapped to [−½, ½] (the
            // round-to-integer trick of `UnitPhasor.wrap`) before the initial phase is added.
            var n = SIMD8<Double>(0, 1, 2, 3, 4, 5, 6, 7) + SIMD8<Double>(repeating: Double(start))
            var k = 0
            while k < count {
                let x = n * (f + halfDrift * n)
                let wrapped = x - ((x + magic) - magic) + initial
                lanes.storeBytes(of: SIMD8<Float>(wrapped), toByteOffset: 4 * k, as: SIMD8<Float>.self)
                n += 8
                k += 8
            }
            UnitPhasor.fill(UnsafeMutableBufferPointer(start: p, count: count), cycles: u)
            let x = samples + start
            for k in 0 ..< count { x[k] = x[k] * p[k] }
            start += count
        }
    }
}
