import SpecGenDSP

extension PulseShape {
    /// p(t₀ + m·δ) for m = 0 … count−1 (t in symbols), zero where |t| > `limit` (+1e-9 symbols, so that
    /// a grid point meant to sit exactly on the truncation edge is kept whatever its rounding): the same values as
    /// `evaluate`, at a few nanoseconds a point instead of a few tens. The sines and cosines of the
    /// cosine families advance by complex rotation (e^{jω(t+δ)} = e^{jωt}·e^{jωδ}) in double precision,
    /// re-anchored with exact sin/cos every 64 points (drift < 64·2⁻⁵² rad); points where the closed
    /// form is 0/0 (t = 0, and |t| = 1/(4α) for rrc, 1/(2α) for rc) use `evaluate`.
    func sampleGrid(shape: Double, start t0: Double, step: Double, count: Int, limit: Double) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        let limit = limit + 1e-9
        switch self {
        case .rootRaisedCosine, .raisedCosine:
            let rrc = self == .rootRaisedCosine, a = shape, pi = Double.pi
            // rrc: [sin(πt(1−α)) + 4αt·cos(πt(1+α))] / [πt(1 − (4αt)²)];  rc: sin(πt)·cos(παt) / [πt(1 − (2αt)²)].
            let w1 = rrc ? pi * (1 - a) : pi, w2 = rrc ? pi * (1 + a) : pi * a
            let c = rrc ? 4 * a : 2 * a
            let s1 = (_cosine(w1 * step), _sine(w1 * step)), s2 = (_cosine(w2 * step), _sine(w2 * step))
            var p1 = (0.0, 0.0), p2 = (0.0, 0.0)
            for m in 0 ..< count {
                let t = t0 + Double(m) * step
                if m % 64 == 0 {
                    p1 = (_cosine(w1 * t), _sine(w1 * t))
                    p2 = (_cosine(w2 * t), _sine(w2 * t))
                }
                let d = 1 - (c * t) * (c * t)
                if abs(t) <= limit {
                    if abs(t) < 1e-9 || abs(d) < 1e-6 {
                        out[m] = evaluate(t, shape: shape)
                    } else if rrc {
                        out[m] = (p1.1 + 4 * a * t * p2.0) / (pi * t * d)
                    } else {
                        out[m] = p1.1 * p2.0 / (pi * t * d)
                    }
                }
                p1 = (p1.0 * s1.0 - p1.1 * s1.1, p1.1 * s1.0 + p1.0 * s1.1)
                p2 = (p2.0 * s2.0 - p2.1 * s2.1, p2.1 * s2.0 + p2.0 * s2.1)
            }
        default:
            for m in 0 ..< count {
                let t = t0 + Double(m) * step
                if abs(t) <= limit || !usesSpan { out[m] = evaluate(t, shape: shape) }
            }
        }
        return out
    }
}
