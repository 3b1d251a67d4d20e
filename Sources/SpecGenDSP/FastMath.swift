/// Branch-free single-precision kernels on 8 lanes at a time: the bulk noise generator needs ln and
/// sin/cos for hundreds of millions of samples a second, which libm's scalar calls cannot give, and
/// writing the lanes out keeps the speed independent of what the auto-vectoriser decides.
/// Accuracy: relative error below 2e-7 for `naturalLog` on (0, 1], absolute error below 4e-7 for
/// `unitCircle` — far below what a noise variance estimate can see.
/// The noise generator runs a C copy of both, operation for operation (Sources/CKernels/gaussian.c, checked
/// bit for bit by GaussianKernelTests against a scalar copy): change the three together.
@usableFromInline
enum FastMath {
    @usableFromInline typealias Lanes = SIMD8<Float>
    @usableFromInline typealias Words = SIMD8<UInt32>

    /// ln(x) for finite x > 0 (musl's reduction): x = 2^e · m with m ∈ [√½, √2), ln m = 2·atanh(t),
    /// t = (m−1)/(m+1), by its odd series to t^9 (|t| ≤ 0.1716, remainder < 3e-9).
    @inlinable @inline(__always)
    static func naturalLog(_ x: Lanes) -> Lanes {
        let bits = unsafeBitCast(x, to: Words.self)
        // Shift so that mantissas ≥ √2 fall into the next octave: 0x3F3504F3 is √½.
        let adjusted = bits &+ (0x3F80_0000 &- 0x3F35_04F3)
        // The biased exponent k ∈ 0…255 as a float without a conversion instruction: 2^23 + k has k in
        // its low mantissa bits.
        let exponent = unsafeBitCast((adjusted &>> 23) | 0x4B00_0000, to: Lanes.self) - Lanes(repeating: 0x1p23 + 127)
        let mantissa = unsafeBitCast((adjusted & 0x007F_FFFF) &+ 0x3F35_04F3, to: Lanes.self)
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        var series: Lanes = t2 * Lanes(repeating: 2.0 / 9) + Lanes(repeating: 2.0 / 7)
        series = series * t2 + Lanes(repeating: 2.0 / 5)
        series = series * t2 + Lanes(repeating: 2.0 / 3)
        series = series * t2 + Lanes(repeating: 2)
        let ln2: Float = 0.693_147_180_559_945_3
        return series * t + exponent * ln2
    }

    /// (cos 2πu, sin 2πu) for u ∈ [0, 1): q = 4u rounded to an integer, a = (4u − q)·π/2 ∈ [−π/4, π/4],
    /// Taylor polynomials to a^8 / a^7, then a rotation by q quarter turns.
    @inlinable @inline(__always)
    static func unitCircle(_ u: Lanes) -> (cos: Lanes, sin: Lanes) {
        let r = u * 4
        // Adding 2^23 rounds r to an integer and leaves that integer in the low mantissa bits (a tie may
        // go either way: a = ±π/4 are both exact decompositions).
        let shifted = r + Lanes(repeating: 0x1p23)
        let quarterTurns = unsafeBitCast(shifted, to: Words.self)
        let a = (r - (shifted - Lanes(repeating: 0x1p23))) * (Float.pi / 2)
        let a2 = a * a
        var s: Lanes = a2 * Lanes(repeating: -1.0 / 5040) + Lanes(repeating: 1.0 / 120)
        s = s * a2 + Lanes(repeating: -1.0 / 6)
        s = s * a2 + Lanes(repeating: 1)
        s = s * a
        var c: Lanes = a2 * Lanes(repeating: 1.0 / 40320) + Lanes(repeating: -1.0 / 720)
        c = c * a2 + Lanes(repeating: 1.0 / 24)
        c = c * a2 + Lanes(repeating: -0.5)
        c = c * a2 + Lanes(repeating: 1)
        // Rotation by q quarter turns with bit operations (mask selects are slow in generic SIMD code):
        // odd q swaps (c, s) → (−s, c); q & 2 negates both.
        let sign = Words(repeating: 0x8000_0000)
        let cBits = unsafeBitCast(c, to: Words.self), sBits = unsafeBitCast(s, to: Words.self)
        let swap = Words.zero &- (quarterTurns & 1)
        let negate = (quarterTurns & 2) &<< 30
        let x = ((cBits & ~swap) | ((sBits ^ sign) & swap)) ^ negate
        let y = ((sBits & ~swap) | (cBits & swap)) ^ negate
        return (unsafeBitCast(x, to: Lanes.self), unsafeBitCast(y, to: Lanes.self))
    }
}
