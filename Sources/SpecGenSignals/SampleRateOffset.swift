import Numerics
import SpecGenDSP

/// Sample-rate (clock) offset with linear clock drift: the receiver samples the transmitted signal at
/// `y[n] = x(t_n)`, `t_n = n·(1 + ε) + κ·n²/2 − c − L`, by band-limited interpolation
/// (`WindowedSincInterpolator`, table with linearly interpolated rows).
///
/// ε is the fractional rate offset (ppm × 10⁻⁶; ε > 0: the receiver clock runs slow, so the signal's
/// features arrive at output times T/(1 + ε), i.e. drift earlier by ≈ ε·n samples), κ the change of ε per
/// sample (ppm/s × 10⁻⁶ ÷ Fs). Sample 0 is the row's first sample. The constant shift c + L makes the
/// warp causal: `c = ⌈max_{0≤m<span} (εm + κm²/2)⌉` (the furthest the warped clock would run ahead over
/// the row), and L covers the interpolator's future half; together they are `latency` (integer samples,
/// like `FractionalDelay.latency`). `history` = c + ⌈−min (εm + κm²/2)⌉ + 2L: the furthest the warp reads
/// back, plus the interpolator's past half. Rows may be at most `span` samples long.
///
/// Model: a free-running sampling clock (H. Meyr, M. Moeneclaey, S. A. Fechtel, *Digital Communication
/// Receivers*, Wiley 1998, §4.1 and ch. 9, timing interpolation by a Farrow structure). Accuracy: the
/// interpolator's Kaiser ripple plus the table's row interpolation, together ≤ 2.5e-5 relative (−92 dB)
/// for content within |f| ≤ 0.4 cycles/sample with L = 16 (tested; measured −104 dB).
public struct SampleRateOffset: ChannelStage {
    /// ε, the fractional sample-rate offset (dimensionless; 10⁻⁶ per ppm).
    public let offset: Double
    /// κ, the clock drift: change of ε per sample.
    public let drift: Double
    /// The longest row the stage is applied to (lead-in + example).
    public let span: Int
    public let interpolator: WindowedSincInterpolator
    /// Integer samples of causal shift, c + L.
    public let latency: Int
    public let history: Int

    /// - Parameters:
    ///   - offset: ε, |ε| ≤ 10⁻² (±10,000 ppm).
    ///   - drift: κ per sample, with |ε| + |κ|·span ≤ 10⁻² (the rate stays within 1 %).
    ///   - span: the longest row `apply` will see, ≥ 1.
    ///   - halfLength: the interpolator's L, even, 8…64 (default 16).
    public init(offset: Double, drift: Double = 0, span: Int, halfLength: Int = 16) {
        precondition(span >= 1, "span must be at least one sample")
        precondition(halfLength >= 8 && halfLength <= 64 && halfLength % 2 == 0, "half length must be even, 8…64")
        precondition(offset.isFinite && drift.isFinite && abs(offset) + abs(drift) * Double(span) <= 1e-2,
                     "sample-rate offset and drift must keep |ε + κn| ≤ 10⁻² over the span")
        self.offset = offset
        self.drift = drift
        self.span = span
        interpolator = WindowedSincInterpolator.shared(halfLength: halfLength)
        // Extremes of w(m) = εm + κm²/2 on [0, span − 1]: the ends and the vertex m = −ε/κ.
        let last = Double(span - 1)
        var candidates = [0.0, last]
        if drift != 0, -offset / drift > 0, -offset / drift < last { candidates.append(-offset / drift) }
        let values = candidates.map { offset * $0 + 0.5 * drift * $0 * $0 }
        let ahead = Int(values.max()!.rounded(.up)), behind = Int((-values.min()!).rounded(.up))
        latency = ahead + halfLength
        history = ahead + behind + 2 * halfLength
    }

    /// The stage for an example of `exampleLength` samples behind `otherHistory` samples of lead-in from
    /// the chain's other stages: the span (lead-in + example) includes this stage's own history, which
    /// depends on the span, so it is found by fixed-point iteration (converges in a few steps: the warp
    /// moves by at most 1 % of the span).
    public init(offset: Double, drift: Double = 0, exampleLength: Int, otherHistory: Int, halfLength: Int = 16) {
        var span = exampleLength + otherHistory + 2 * halfLength
        var stage = SampleRateOffset(offset: offset, drift: drift, span: span, halfLength: halfLength)
        while exampleLength + otherHistory + stage.history > span {
            span = exampleLength + otherHistory + stage.history
            stage = SampleRateOffset(offset: offset, drift: drift, span: span, halfLength: halfLength)
        }
        self = stage
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        precondition(row.count <= span, "row longer than the span the stage was made for")
        guard let base = row.baseAddress else { return }
        let halfLength = interpolator.halfLength
        let x = UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self)
        let shift = Double(latency), epsilon = offset, halfDrift = 0.5 * drift
        interpolator.table.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            // Backwards in place: t_n ≤ n − L, so output n reads only x[≤ n].
            let phases = interpolator.phases, floats = 4 * halfLength, scale = Double(phases)
            let raw = UnsafeMutableRawPointer(base)
            // Runs last ≈ 1/(P·|ε + κn|) samples; blocks pay off (measured) down to runs of about 2 samples
            // (|ε| ≲ 2000 ppm with P = 256); beyond, the failed attempts cost more than they save.
            let blocks = (abs(epsilon) + abs(drift) * Double(span)) * scale <= 0.5
            var n = row.count - 1
            while n >= 0 {
                // Four outputs n − 3 … n that share the integer offset ⌊t⌋ − n and the table row (a run: the
                // rule whenever |ε + κn| is small) are y = A + a·(U − A), A and U the FIRs of rows p and p + 1
                // at a fixed offset, computed tap by tap for the four at once (first-order Farrow form).
                if blocks && n >= 3 {
                    var wholes = SIMD4<Int>(), rows = SIMD4<Int>(), weights = SIMD4<Float>()
                    for i in 0 ..< 4 {
                        let m = Double(n - 3 + i)
                        let time = m + m * (epsilon + halfDrift * m) - shift
                        var whole = Int(time)
                        if Double(whole) > time { whole -= 1 }
                        let position = (time - Double(whole)) * scale
                        let row = min(Int(position), phases - 1)
                        wholes[i] = whole - (n - 3 + i)
                        rows[i] = row
                        weights[i] = Float(position - Double(row))
                    }
                    let first = wholes[0] + n - 3 - halfLength + 1
                    if first >= 0, wholes == SIMD4(repeating: wholes[0]), rows == SIMD4(repeating: rows[0]) {
                        let lower = t + rows[0] * floats, upper = lower + floats
                        let source = UnsafeRawPointer(x + 2 * first)
                        var a = SIMD8<Float>.zero, u = SIMD8<Float>.zero
                        for j in 0 ..< 2 * halfLength {
                            let v = source.loadUnaligned(fromByteOffset: 8 * j, as: SIMD8<Float>.self)
                            a += SIMD8(repeating: lower[2 * j]) * v
                            u += SIMD8(repeating: upper[2 * j]) * v
                        }
                        let w = SIMD8<Float>(weights[0], weights[0], weights[1], weights[1], weights[2], weights[2], weights[3], weights[3])
                        raw.storeBytes(of: a + w * (u - a), toByteOffset: 8 * (n - 3), as: SIMD8<Float>.self)
                        n -= 4
                        continue
                    }
                }
                let m = Double(n)
                let time = m + m * (epsilon + halfDrift * m) - shift
                var whole = Int(time)
                if Double(whole) > time { whole -= 1 }
                let first = whole - halfLength + 1
                if first >= 0 {
                    base[n] = interpolator.interpolate(x, first: first, fraction: time - Double(whole), table: t)
                } else {
                    base[n] = edge(base, first: first, fraction: time - Double(whole), table: t)
                }
                n -= 1
            }
        }
    }

    /// The interpolation near the row start, with x = 0 before sample 0 (only in the history): the same
    /// table taps as `interpolate`, one at a time.
    private func edge(_ x: UnsafeMutablePointer<Complex<Float>>, first: Int, fraction: Double, table: UnsafePointer<Float>) -> Complex<Float> {
        let phases = interpolator.phases, floats = 4 * interpolator.halfLength
        let position = fraction * Double(phases)
        let row = min(Int(position), phases - 1)
        let weight = Float(position - Double(row))
        let lower = table + row * floats, upper = table + (row + 1) * floats
        var sum = Complex<Float>.zero
        for j in min(2 * interpolator.halfLength, max(0, -first)) ..< 2 * interpolator.halfLength {
            sum = sum + x[first + j].multiplied(by: lower[2 * j] + weight * (upper[2 * j] - lower[2 * j]))
        }
        return sum
    }
}
