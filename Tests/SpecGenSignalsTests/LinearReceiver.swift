import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport

/// The continuous pulse of a modulation scaled to unit energy (∫p̃² dt = 1, t in symbols), evaluated
/// directly in double precision: the tests' reference, independent of the kernel's tap tables.
struct ContinuousPulse {
    let pulse: PulseShape
    let shape: Double
    /// Half the support in symbols (span/2, or ½ for the one-symbol pulses).
    let halfSymbols: Double
    let scale: Double

    init(_ m: LinearModulation) {
        pulse = m.pulse
        shape = m.pulse.usesSpan ? m.shape : 0
        halfSymbols = m.pulse.usesSpan ? Double(m.spanSymbols) / 2 : 0.5
        // ∫p² by the midpoint rule, 4096 points per symbol.
        let n = Int(2 * halfSymbols * 4096), dt = 2 * halfSymbols / Double(n)
        var energy = 0.0
        for i in 0 ..< n {
            let v = pulse.evaluate(-halfSymbols + (Double(i) + 0.5) * dt, shape: shape)
            energy += v * v * dt
        }
        scale = 1 / energy.squareRoot()
    }

    /// p̃(t), zero outside the support (rectangular: [−½, ½)); the truncation edge ±span/2 is closed with
    /// a 1e-9-symbol tolerance, as in the kernel (`PulseShape.sampleGrid`), since lattice points hit it exactly.
    func value(_ t: Double) -> Double {
        if pulse.usesSpan && abs(t) > halfSymbols + 1e-9 { return 0 }
        return scale * pulse.evaluate(t, shape: shape)
    }
}

/// Per-symbol references for a modulation: the exact continuous-pulse signal and an ideal receiver.
final class LinearReference {
    let modulation: LinearModulation
    let p: ContinuousPulse
    var sps: Double { modulation.samplesPerSymbol }
    var delay: Double { modulation.keying == .offsetQuadrature ? sps / 2 : 0 }
    /// Pulse windows by the fractional part of the centre (2^-30 resolution: exact for the rational
    /// rates the tests use), to evaluate each distinct phase once.
    private var windows: [Int: (offset: Int, values: [Double])] = [:]

    init(_ m: LinearModulation) {
        modulation = m
        p = ContinuousPulse(m)
    }

    /// Samples k with the pulse centred on c inside its support, and the pulse values there.
    func window(centre c: Double) -> (first: Int, values: [Double]) {
        let whole = c.rounded(.down)
        let key = Int(((c - whole) * 0x1p30).rounded())
        if let w = windows[key] { return (Int(whole) + w.offset, w.values) }
        let h = p.halfSymbols * sps
        let slack = p.pulse.usesSpan ? 1e-9 * sps : 0
        let first = Int((c - h - slack).rounded(.up)), last = Int((c + h + slack).rounded(.down))
        let values = (first ... max(first, last)).map { p.value((Double($0) - c) / sps) }
        windows[key] = (first - Int(whole), values)
        return (first, values)
    }

    /// x[k] = Σₙ aₙ·p̃((k − cₙ)/sps) in double precision (cₙ = n·sps, + sps/2 on the OQPSK quadrature rail).
    func exactSignal(length: Int, first: Int, symbols: [Complex<Float>]) -> [Complex<Double>] {
        var x = [Complex<Double>](repeating: .zero, count: length)
        for (s, a) in symbols.enumerated() {
            let c = Double(first + s) * sps
            for (rail, offset) in [(0, 0.0), (1, delay)] {
                let (start, values) = window(centre: c + offset)
                for (j, v) in values.enumerated() where (0 ..< length).contains(start + j) {
                    if rail == 0 { x[start + j].real += Double(a.real) * v } else { x[start + j].imaginary += Double(a.imaginary) * v }
                }
            }
        }
        return x
    }

    /// The least-squares matched filter at symbol n: zₙ = Σₖ x[k]·p̃ₖ / Σₖ p̃ₖ² (each rail at its own
    /// centre), nil when the window leaves the signal. ISI-free for pulses whose autocorrelation is
    /// Nyquist (rrc) or that do not overlap (rectangular, half-sine).
    func matchedFilter(_ x: [Complex<Float>], symbol n: Int) -> Complex<Double>? {
        x.withUnsafeBufferPointer { x in
            if delay == 0 {
                let (start, values) = window(centre: Double(n) * sps)
                guard start >= 0, start + values.count <= x.count else { return nil }
                var re = 0.0, im = 0.0, energy = 0.0
                values.withUnsafeBufferPointer { v in
                    for j in 0 ..< v.count {
                        re += Double(x[start + j].real) * v[j]
                        im += Double(x[start + j].imaginary) * v[j]
                        energy += v[j] * v[j]
                    }
                }
                return Complex(re / energy, im / energy)
            }
            var out = Complex<Double>.zero
            for rail in 0 ..< 2 {
                let (start, values) = window(centre: Double(n) * sps + (rail == 0 ? 0 : delay))
                guard start >= 0, start + values.count <= x.count else { return nil }
                var sum = 0.0, energy = 0.0
                for j in values.indices {
                    sum += Double(rail == 0 ? x[start + j].real : x[start + j].imaginary) * values[j]
                    energy += values[j] * values[j]
                }
                if rail == 0 { out.real = sum / energy } else { out.imaginary = sum / energy }
            }
            return out
        }
    }

    /// The nearest point of `points`.
    static func decide(_ z: Complex<Double>, _ points: [Complex<Float>]) -> Complex<Float> {
        points.min { a, b in
            (Complex(Double(a.real), Double(a.imaginary)) - z).lengthSquared < (Complex(Double(b.real), Double(b.imaginary)) - z).lengthSquared
        }!
    }
}

/// Renders with `stream` seeded like `render(_:length:seed:)` and returns the symbols drawn for it.
func renderWithSymbols(_ m: LinearModulation, length: Int, seed: UInt64) -> (x: [Complex<Float>], first: Int, symbols: [Complex<Float>]) {
    let x = SpecGenTestSupport.render(m, length: length, seed: seed)
    var stream = RandomStream(seed: seed, example: 0, stream: .symbols)
    let (first, symbols) = m.symbolSequence(length: length, stream: &stream)
    return (x, first, symbols)
}
