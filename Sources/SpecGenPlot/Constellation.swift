import SpecGenDSP

/// Symbols recovered from a single linearly modulated emitter for a scatter plot: the samples are
/// matched-filtered with the emitter's pulse and taken once per symbol at the timing offset that
/// maximises the mean symbol energy.
///
/// - The matched filter of a real, even pulse p is p itself: h[n] = p(n / sps) for |n| ≤ ⌈span·sps/2⌉
///   (`PulseShape.evaluate`, so a fractional samples-per-symbol works), scaled to Σh² = 1.
/// - Timing: 32 offsets τ = k·sps/32 are tried; symbol m is read at τ + m·sps (linear interpolation
///   between samples), over the samples the filter has fully covered; the τ with the largest mean |y|²
///   wins — the maximum-energy (early/late-free) timing rule, exact for a Nyquist cascade such as rrc·rrc.
/// - Points are scaled to unit mean power. Carrier phase and frequency offset are not corrected, so a
///   channel's rotation shows as a rotated or smeared constellation: the picture shows the file as is.
public struct Constellation: Sendable {
    /// Unit-power symbol estimates (real, imaginary).
    public let points: [(Double, Double)]
    /// The chosen timing offset, samples within the first symbol.
    public let timingOffset: Double
    /// The pulse used as matched filter and its parameter (α or BT; 0 when unused).
    public let pulse: PulseShape
    public let pulseParameter: Double

    /// - Parameters:
    ///   - samples: complex samples, interleaved re/im.
    ///   - samplesPerSymbol: ≥ 1 (fractional allowed).
    ///   - pulse, pulseParameter: the emitter's pulse (rolloff α for rrc/rc, BT for gaussian).
    ///   - spanSymbols: the filter length in symbols (ignored by the one-symbol pulses).
    /// - Returns: nil when fewer than 4 whole symbols fit after the filter's transient.
    public init?(samples: [Float], samplesPerSymbol sps: Double, pulse: PulseShape, pulseParameter: Double, spanSymbols: Int) {
        precondition(sps >= 1 && spanSymbols >= 1)
        let count = samples.count / 2
        let span = (pulse == .rectangular || pulse == .halfSine) ? 1 : spanSymbols
        let half = Int((Double(span) * sps / 2).rounded(.up))
        var taps = (-half ... half).map { pulse.evaluate(Double($0) / sps, shape: pulseParameter) }
        let energy = taps.reduce(0) { $0 + $1 * $1 }
        guard energy > 0 else { return nil }
        taps = taps.map { $0 / energy.squareRoot() }

        // y[n] = Σ_k h[k]·x[n + k − half] for the n whose window lies inside the capture.
        let first = half, last = count - 1 - half
        guard last - first + 1 >= Int(4 * sps) else { return nil }
        var re = [Double](repeating: 0, count: count), im = [Double](repeating: 0, count: count)
        for n in first ... last {
            var a = 0.0, b = 0.0
            for k in 0 ..< taps.count {
                let m = n + k - half
                a += taps[k] * Double(samples[2 * m])
                b += taps[k] * Double(samples[2 * m + 1])
            }
            re[n] = a
            im[n] = b
        }

        func symbols(offset: Double) -> [(Double, Double)] {
            var out: [(Double, Double)] = []
            var t = Double(first) + offset
            while t <= Double(last - 1) {
                let i = Int(t), f = t - Double(i)
                out.append((re[i] + f * (re[i + 1] - re[i]), im[i] + f * (im[i + 1] - im[i])))
                t += sps
            }
            return out
        }
        func meanEnergy(_ points: [(Double, Double)]) -> Double {
            points.reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 } / Double(max(points.count, 1))
        }
        var best = (offset: 0.0, energy: -1.0)
        for k in 0 ..< 32 {
            let offset = Double(k) * sps / 32
            let e = meanEnergy(symbols(offset: offset))
            if e > best.energy { best = (offset, e) }
        }
        let chosen = symbols(offset: best.offset)
        guard chosen.count >= 4, best.energy > 0 else { return nil }
        let scale = 1 / best.energy.squareRoot()
        points = chosen.map { ($0.0 * scale, $0.1 * scale) }
        timingOffset = (Double(first) + best.offset).truncatingRemainder(dividingBy: sps)
        self.pulse = pulse
        self.pulseParameter = pulseParameter
    }
}
