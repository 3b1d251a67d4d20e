import Numerics

/// Phase to unit phasor in bulk: the last step of every constant-envelope kernel (continuous-phase
/// modulations, FM), eight samples at a time through `FastMath.unitCircle` (absolute error < 4e-7,
/// so |x| = 1 to single precision).
public enum UnitPhasor {
    /// Writes `output[k] = scale · (cos 2πu_k, sin 2πu_k)` for the phases `u_k = cycles[k]`, in cycles.
    ///
    /// - Parameters:
    ///   - output: the samples to overwrite.
    ///   - cycles: `output.count` phases in cycles, any sign, |u| < 2²²; they are reduced modulo 1 here,
    ///     but keep |u| within a few units (reduce in double precision first, e.g. with `wrap`) or single
    ///     precision eats the phase.
    ///   - scale: the amplitude of every phasor.
    @inlinable
    public static func fill(_ output: UnsafeMutableBufferPointer<Complex<Float>>, cycles: UnsafePointer<Float>, scale: Float = 1) {
        let count = output.count
        guard count > 0 else { return }
        let out = UnsafeMutableRawPointer(output.baseAddress!)
        let input = UnsafeRawPointer(cycles)
        var k = 0
        while k + 8 <= count {
            let u = input.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            store(u, to: out + 8 * k, lanes: 8, scale: scale)
            k += 8
        }
        if k < count {
            var u = SIMD8<Float>.zero
            for lane in 0 ..< count - k { u[lane] = cycles[k + lane] }
            store(u, to: out + 8 * k, lanes: count - k, scale: scale)
        }
    }

    /// Rotates `samples[k]` by e^{j2πu_k} in place, u_k = `cycles[k]` (the phasors of `fill` with scale 1,
    /// multiplied in without storing them). Eight samples whose phases are all small take `smallCircle`
    /// (phase noise, whose phases are tiny, rotates at the cost of the multiply alone).
    @inlinable
    public static func rotate(_ samples: UnsafeMutableBufferPointer<Complex<Float>>, cycles: UnsafePointer<Float>) {
        let count = samples.count
        guard count > 0 else { return }
        let x = UnsafeMutableRawPointer(samples.baseAddress!)
        let input = UnsafeRawPointer(cycles)
        var k = 0
        while k + 8 <= count {
            let u = input.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self)
            let (c, s) = all((u .<= smallPhase) .& (u .>= -smallPhase)) ? smallCircle(u) : FastMath.unitCircle(turn(u))
            // Interleaved samples: (re₀, im₀, …) in two registers; cos/sin spread to match.
            let low = x.loadUnaligned(fromByteOffset: 8 * k, as: SIMD8<Float>.self)
            let high = x.loadUnaligned(fromByteOffset: 8 * k + 32, as: SIMD8<Float>.self)
            let cLow = SIMD8<Float>(c[0], c[0], c[1], c[1], c[2], c[2], c[3], c[3])
            let cHigh = SIMD8<Float>(c[4], c[4], c[5], c[5], c[6], c[6], c[7], c[7])
            let sLow = SIMD8<Float>(-s[0], s[0], -s[1], s[1], -s[2], s[2], -s[3], s[3])
            let sHigh = SIMD8<Float>(-s[4], s[4], -s[5], s[5], -s[6], s[6], -s[7], s[7])
            let swapLow = SIMD8<Float>(low[1], low[0], low[3], low[2], low[5], low[4], low[7], low[6])
            let swapHigh = SIMD8<Float>(high[1], high[0], high[3], high[2], high[5], high[4], high[7], high[6])
            x.storeBytes(of: low * cLow + swapLow * sLow, toByteOffset: 8 * k, as: SIMD8<Float>.self)
            x.storeBytes(of: high * cHigh + swapHigh * sHigh, toByteOffset: 8 * k + 32, as: SIMD8<Float>.self)
            k += 8
        }
        if k < count {
            withUnsafeTemporaryAllocation(of: Complex<Float>.self, capacity: 8) { phasors in
                fill(UnsafeMutableBufferPointer(rebasing: phasors[0 ..< count - k]), cycles: cycles + k)
                let p = UnsafeRawPointer(phasors.baseAddress!).assumingMemoryBound(to: Float.self)
                let f = x.assumingMemoryBound(to: Float.self)
                for j in 0 ..< count - k {
                    let xr = f[2 * (k + j)], xi = f[2 * (k + j) + 1], pr = p[2 * j], pi = p[2 * j + 1]
                    f[2 * (k + j)] = xr * pr - xi * pi
                    f[2 * (k + j) + 1] = xr * pi + xi * pr
                }
            }
        }
    }

    /// The largest |u| in cycles `smallCircle` takes: 1/64 cycle, |θ| = 2π|u| ≤ 0.099 rad.
    @usableFromInline static let smallPhase: Float = 1.0 / 64

    /// (cos 2πu, sin 2πu) for |u| ≤ `smallPhase` by the Taylor polynomials of cos θ and sin θ to θ⁴ and θ⁵,
    /// θ = 2πu: truncation below θ⁶/720 = 1.3e-9, under float rounding (no range reduction needed).
    @inlinable @inline(__always)
    static func smallCircle(_ u: SIMD8<Float>) -> (cos: SIMD8<Float>, sin: SIMD8<Float>) {
        let t = u * (2 * Float.pi), t2 = t * t
        let c = 1 - t2 * (0.5 - t2 * (1.0 / 24))
        let s = t * (1 - t2 * (1.0 / 6 - t2 * (1.0 / 120)))
        return (c, s)
    }

    /// x minus the nearest integer, in [−½, ½] (for |x| < 2^51): a phase in cycles reduced without a
    /// call to libm's floor, which the baseline x86-64 target (no SSE4.1 rounding) would make.
    @inlinable @inline(__always)
    public static func wrap(_ x: Double) -> Double {
        x - ((x + 0x1.8p52) - 0x1.8p52)
    }

    /// The fraction of a turn in [0, 1] of phases u in cycles: u minus the nearest integer (adding 1.5·2²³
    /// rounds |u| < 2²² to an integer), then +1 where that is negative, from the sign bit (−0 and tiny
    /// negatives give exactly 1, which unitCircle also accepts).
    @inlinable @inline(__always)
    static func turn(_ u: SIMD8<Float>) -> SIMD8<Float> {
        var fraction = u - ((u + 0x1.8p23) - 0x1.8p23)
        let negative = unsafeBitCast(fraction, to: SIMD8<UInt32>.self) &>> 31
        fraction += unsafeBitCast(negative &* 0x3F80_0000, to: SIMD8<Float>.self)
        return fraction
    }

    @inlinable @inline(__always)
    static func store(_ u: SIMD8<Float>, to out: UnsafeMutableRawPointer, lanes: Int, scale: Float) {
        let (c, s) = FastMath.unitCircle(turn(u))
        let re = c * scale, im = s * scale
        if lanes == 8 {
            // Interleave (re₀, im₀, re₁, im₁, …) as two 8-lane stores.
            let low = SIMD8<Float>(re[0], im[0], re[1], im[1], re[2], im[2], re[3], im[3])
            let high = SIMD8<Float>(re[4], im[4], re[5], im[5], re[6], im[6], re[7], im[7])
            out.storeBytes(of: low, as: SIMD8<Float>.self)
            out.storeBytes(of: high, toByteOffset: 32, as: SIMD8<Float>.self)
        } else {
            let floats = out.assumingMemoryBound(to: Float.self)
            for lane in 0 ..< lanes {
                floats[2 * lane] = re[lane]
                floats[2 * lane + 1] = im[lane]
            }
        }
    }
}
