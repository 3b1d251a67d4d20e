import Numerics
import SpecGenDSP

/// Sample-rate (clock) offset with linear clock drift: the receiver samples the transmitted signal at
/// `y[n] = x(t_n)`, `t_n = n + w(n − n₀)`, by band-limited interpolation (`WindowedSincInterpolator`,
/// table with linearly interpolated rows), with the clock warp
///
///     w(m) = ε·m + κ·(u·m − u²/2),  u = clamp(m, 0, M):
///
/// the receiver's rate offset is ε at the origin n₀ (where t = n: no timing offset there), changes by κ
/// per sample over the next M samples (the drift) and stays constant outside them (ε before n₀, ε + κM
/// after n₀ + M) — w′(m) = ε + κ·u. The engine puts n₀ at the example's first sample and M = L_example − 1,
/// so that the scenario's ε and drift describe the example itself and the lead-in and tail (which only
/// feed the other stages) neither bend the clock further nor depend on them.
///
/// ε is the fractional rate offset (ppm × 10⁻⁶; ε > 0: the receiver clock runs slow, so the signal's
/// features arrive at output times T/(1 + ε), i.e. drift earlier by ≈ ε·n samples), κ the change of ε per
/// sample (ppm/s × 10⁻⁶ ÷ Fs). Exact timing, no latency: the row is resampled in place, backwards, as the
/// causal z[n] = y[n − s] with s = c + L (c = ⌈max w⌉ over the row, how far the warped clock runs ahead;
/// L the interpolator's future half), then moved s samples back; the last s samples of the row are zero.
/// So `lookahead` = c + L and `history` = b + L (b = ⌈−min w⌉, how far the clock falls behind, plus the
/// interpolator's past half). Rows may be at most `span` samples long.
///
/// Model: a free-running sampling clock (H. Meyr, M. Moeneclaey, S. A. Fechtel, *Digital Communication
/// Receivers*, Wiley 1998, §4.1 and ch. 9, timing interpolation by a Farrow structure). Accuracy: the
/// interpolator's Kaiser ripple plus the table's row interpolation, together ≤ 2.5e-5 relative (−92 dB)
/// for content within |f| ≤ 0.4 cycles/sample with L = 16 (tested; measured −104 dB).
public struct SampleRateOffset: ChannelStage {
    /// ε, the fractional sample-rate offset at the origin (dimensionless; 10⁻⁶ per ppm).
    public let offset: Double
    /// κ, the clock drift: change of ε per sample, over the M samples after the origin.
    public let drift: Double
    /// The longest row the stage is applied to (lead-in + example + tail).
    public let span: Int
    /// n₀, the row sample where t = n and the rate offset is ε.
    public let origin: Int
    /// M, the samples after the origin over which the rate drifts.
    public let driftLength: Int
    public let interpolator: WindowedSincInterpolator
    public let history: Int
    public let lookahead: Int
    /// s = c + L, the whole samples the in-place resampler runs ahead of its output (undone after it).
    let shift: Int

    /// - Parameters:
    ///   - offset: ε at the origin.
    ///   - drift: κ per sample, with max(|ε|, |ε + κM|) ≤ 10⁻² (the rate stays within 1 %).
    ///   - span: the longest row `apply` will see, ≥ 1.
    ///   - origin: n₀, 0 … span − 1 (default 0: the row's first sample).
    ///   - driftLength: M ≥ 0; nil (default) drifts to the end of the span, span − 1 − n₀.
    ///   - halfLength: the interpolator's L, even, 8…64 (default 16).
    ///   - minimumHistory, minimumLookahead: report at least these (the engine's fixed point).
    public init(offset: Double, drift: Double = 0, span: Int, origin: Int = 0, driftLength: Int? = nil, halfLength: Int = 16,
                minimumHistory: Int = 0, minimumLookahead: Int = 0) {
        precondition(span >= 1, "span must be at least one sample")
        precondition(origin >= 0 && origin < span, "origin must lie in the span")
        precondition(halfLength >= 8 && halfLength <= 64 && halfLength % 2 == 0, "half length must be even, 8…64")
        let length = driftLength ?? (span - 1 - origin)
        precondition(length >= 0, "drift length must be ≥ 0")
        precondition(offset.isFinite && drift.isFinite && max(abs(offset), abs(offset + drift * Double(length))) <= 1e-2,
                     "sample-rate offset and drift must keep |ε + κm| ≤ 10⁻² over the drift length")
        self.offset = offset
        self.drift = drift
        self.span = span
        self.origin = origin
        self.driftLength = length
        interpolator = WindowedSincInterpolator.shared(halfLength: halfLength)
        // Extremes of the piecewise (linear, quadratic, linear) w on m ∈ [−n₀, span − 1 − n₀]: the ends,
        // the joints 0 and M, and the vertex m = −ε/κ.
        let first = Double(-origin), last = Double(span - 1 - origin), end = Double(length)
        var candidates = [first, last, 0.0, min(end, last)]
        if drift != 0, -offset / drift > 0, -offset / drift < min(end, last) { candidates.append(-offset / drift) }
        let values = candidates.map { Self.warp($0, offset: offset, drift: drift, driftLength: end) }
        let ahead = Int(max(0, values.max()!).rounded(.up)), behind = Int(max(0, -values.min()!).rounded(.up))
        shift = ahead + halfLength
        history = max(minimumHistory, behind + halfLength)
        lookahead = max(minimumLookahead, shift)
    }

    /// w(m) = ε·m + κ·(u·m − u²/2), u = clamp(m, 0, M).
    @inline(__always)
    static func warp(_ m: Double, offset: Double, drift: Double, driftLength: Double) -> Double {
        let u = min(max(m, 0), driftLength)
        return offset * m + drift * (u * m - 0.5 * u * u)
    }

    /// The stage for an example of `exampleLength` samples behind `otherHistory` samples of lead-in and
    /// before `otherLookahead` samples of tail from the chain's other stages: origin at the example's first
    /// row sample (other history + own history), drift over the example (M = exampleLength − 1), span the
    /// whole row. Own history and lookahead depend on the span and origin, so they are found by
    /// fixed-point iteration (non-decreasing; converges in a few steps: the warp moves by at most 1 % of
    /// the row).
    public init(offset: Double, drift: Double = 0, exampleLength: Int, otherHistory: Int, otherLookahead: Int = 0, halfLength: Int = 16) {
        var history = halfLength, lookahead = halfLength
        while true {
            let stage = SampleRateOffset(offset: offset, drift: drift, span: otherHistory + history + exampleLength + otherLookahead + lookahead,
                                         origin: otherHistory + history, driftLength: exampleLength - 1, halfLength: halfLength,
                                         minimumHistory: history, minimumLookahead: lookahead)
            if stage.history == history && stage.lookahead == lookahead {
                self = stage
                return
            }
            history = stage.history
            lookahead = stage.lookahead
        }
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        precondition(row.count <= span, "row longer than the span the stage was made for")
        guard let base = row.baseAddress else { return }
        let halfLength = interpolator.halfLength
        let x = UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self)
        // The in-place resampler's time for its output n: t_{n−s} = n − s + w(n − s − n₀).
        let shift = self.shift, anchor = shift + origin, epsilon = offset, kappa = drift, end = Double(driftLength)
        @inline(__always) func warpedTime(_ n: Int) -> Double {
            let q = Double(n - anchor)
            let u = min(max(q, 0), end)
            return Double(n - shift) + (epsilon * q + kappa * (u * q - 0.5 * u * u))
        }
        interpolator.table.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            // Backwards in place: t_n ≤ n − L, so output n reads only x[≤ n].
            let phases = interpolator.phases, floats = 4 * halfLength, scale = Double(phases)
            let raw = UnsafeMutableRawPointer(base)
            // Runs last ≈ 1/(P·|ε + κu|) samples; blocks pay off (measured) down to runs of about 2 samples
            // (|ε| ≲ 2000 ppm with P = 256); beyond, the failed attempts cost more than they save.
            let blocks = max(abs(epsilon), abs(epsilon + kappa * end)) * scale <= 0.5
            var n = row.count - 1
            while n >= 0 {
                // Four outputs n − 3 … n that share the integer offset ⌊t⌋ − n and the table row (a run: the
                // rule whenever |ε + κn| is small) are y = A + a·(U − A), A and U the FIRs of rows p and p + 1
                // at a fixed offset, computed tap by tap for the four at once (first-order Farrow form).
                if blocks && n >= 3 {
                    var wholes = SIMD4<Int>(), rows = SIMD4<Int>(), weights = SIMD4<Float>()
                    for i in 0 ..< 4 {
                        let time = warpedTime(n - 3 + i)
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
                let time = warpedTime(n)
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
        // y[n] = z[n + s]; the last s samples had no input past the row's end.
        let moved = min(shift, row.count)
        UnsafeMutableRawPointer(base).copyMemory(from: base + moved, byteCount: 8 * (row.count - moved))
        (base + row.count - moved).update(repeating: .zero, count: moved)
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
