/// Detects samples that lie on an evenly spaced grid — the trace an N-bit ADC model leaves in /iq
/// (REDACTION.md #11: step × 2^(N−1) = full scale), whatever gain or offset was applied after it.
enum ValueLattice {
    /// The grid step if `values` (one example's real parts) lie on a grid of at most 2^17 levels over
    /// their range, to float32 rounding; nil for continuous-valued samples.
    ///
    /// The candidate step is the smallest gap between distinct values that is well above float32
    /// resolution (64 ulps of the largest magnitude), so float32's own lattice is never taken for one.
    /// Continuous samples fail either test: their smallest gap gives far more than 2^17 levels (long
    /// examples), or their offsets from the minimum are not near multiples of it (about 4 % are, by chance).
    static func detect(_ values: [Float]) -> Double? {
        let distinct = Array(Set(values.filter { $0.isFinite })).sorted()
        guard distinct.count >= 2, let low = distinct.first, let high = distinct.last else { return nil }
        let resolution = 64 * Double(max(abs(low), abs(high)).ulp)
        var step = Double.infinity
        for (a, b) in zip(distinct, distinct.dropFirst()) where Double(b) - Double(a) > resolution { step = min(step, Double(b) - Double(a)) }
        guard step.isFinite, (Double(high) - Double(low)) / step <= 131_072 else { return nil }
        let onGrid = distinct.filter { value in
            let q = (Double(value) - Double(low)) / step
            return abs(q - q.rounded()) < 0.02
        }.count
        return Double(onGrid) >= 0.98 * Double(distinct.count) ? step : nil
    }
}
