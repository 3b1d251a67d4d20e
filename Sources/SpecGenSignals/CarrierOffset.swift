import CKernels
import Numerics
import SpecGenDSP

/// Carrier frequency offset with an optional linear drift (a Doppler rate, or an oscillator warming up):
/// `y[n] = x[n] · e^{j2π(f·m + ½·ḟ·m² + φ/2π)}`, m = n − `origin`.
///
/// The instantaneous frequency is `f + ḟ·m` cycles/sample at row sample n (the phase increment from n
/// to n+1 is `f + ḟ·(m + ½)`): f, ḟ and φ are referenced to row sample `origin` — the example's first
/// sample when the engine passes the row's lead-in, so that the recorded offset, drift and phase hold at
/// the example's start whatever the other stages' history.
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
    /// Phase offset φ in radians at row sample `origin`.
    public let phase: Double
    /// The row sample the frequency and phase are referenced to (≥ 0).
    public let origin: Int
    public var history: Int { 0 }
    /// Samples per pass (a multiple of 8): the phases and phasors of one block stay in L1.
    static let block = 512

    /// - Parameters:
    ///   - frequency: cycles/sample, −½ < f < ½.
    ///   - drift: cycles/sample², |ḟ| ≤ 1e-3 (finite).
    ///   - phase: radians, finite.
    ///   - origin: the row sample of reference (the example's first sample behind a lead-in), ≥ 0.
    public init(frequency: Double, drift: Double = 0, phase: Double = 0, origin: Int = 0) {
        precondition(frequency > -0.5 && frequency < 0.5, "frequency offset must be in (−½, ½) cycles/sample")
        precondition(drift.isFinite && abs(drift) <= 1e-3, "frequency drift must be within ±1e-3 cycles/sample²")
        precondition(phase.isFinite, "phase must be finite")
        precondition(origin >= 0, "origin must be ≥ 0")
        self.origin = origin
        self.frequency = frequency
        self.drift = drift
        self.phase = phase
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        if drift == 0 { applyConstant(to: row, scratch: scratch); return }
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
            var n = SIMD8<Double>(0, 1, 2, 3, 4, 5, 6, 7) + SIMD8<Double>(repeating: Double(start - origin))
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

    /// Without drift: the phasor of every eighth sample, e^{j(2πf·8m + φ)}, by complex multiplication in
    /// double precision, recomputed exactly at every block (512 samples, so the recursion's error stays
    /// below 1e-13 rad); the eight in between as that phasor (rounded to float) times e^{j2πfk},
    /// k = 0 … 7 (float), eight samples per step in CKernels (`specgen_carrier_rotate`): per-sample error a few float ulps, < 5e-7 rad (8e-8
    /// cycles), within the drift path's bound. e^{j2πfk} and e^{j2πf·8} are powers of e^{j2πf} in double
    /// precision (error ~1e-15), so an example costs one libm cos/sin pair plus one per block; a block's
    /// last few samples take the same table.
    private func applyConstant(to row: UnsafeMutableBufferPointer<Complex<Float>>, scratch: SynthesisScratch) {
        guard let x = row.baseAddress else { return }
        // e^{j2πfk}, k = 0 … 8, in double precision, in vector locals (no allocation; not Complex, which
        // checks finiteness on every read).
        let first = 2 * Double.pi * UnitPhasor.wrap(frequency)
        let unit = (Double.cos(first), Double.sin(first))
        var powerRe = SIMD16<Double>(), powerIm = SIMD16<Double>()
        powerRe[0] = 1
        for k in 1 ... 8 {
            let a = powerRe[k - 1], b = powerIm[k - 1]
            powerRe[k] = a * unit.0 - b * unit.1
            powerIm[k] = a * unit.1 + b * unit.0
        }
        let floats = UnsafeMutableRawPointer(x).assumingMemoryBound(to: Float.self)
        let block = CarrierOffset.block
        withUnsafeBytes(of: powerRe) { re in
            withUnsafeBytes(of: powerIm) { im in
                let re = re.assumingMemoryBound(to: Double.self).baseAddress!, im = im.assumingMemoryBound(to: Double.self).baseAddress!
                var start = 0
                while start < row.count {
                    // Two blocks per call, their runs in lockstep (the same bits as one at a time).
                    let split = min(row.count, start + block), end = min(row.count, start + 2 * block)
                    let angle = 2 * Double.pi * UnitPhasor.wrap(frequency * Double(start - origin)) + phase
                    var second = (0.0, 0.0)
                    if end > split {
                        let angle = 2 * Double.pi * UnitPhasor.wrap(frequency * Double(split - origin)) + phase
                        second = (Double.cos(angle), Double.sin(angle))
                    }
                    // Runs of eight samples, the anchor advancing by e^{j2πf·8} per run, then the last few.
                    specgen_carrier_rotate(floats + 2 * start, end - start, split - start, re, im, Double.cos(angle), Double.sin(angle),
                                           second.0, second.1)
                    start = end
                }
            }
        }
    }
}
