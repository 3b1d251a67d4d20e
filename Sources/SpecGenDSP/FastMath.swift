/// Branch-free single-precision ln on 8 lanes at a time (`FastPower`'s log₂): libm's scalar calls cannot
/// keep up with bulk kernels, and writing the lanes out keeps the speed independent of what the
/// auto-vectoriser decides. Relative error below 2e-7 on (0, 1].
/// The noise generator runs a C copy, operation for operation (Sources/CKernels/gaussian.c, checked bit
/// for bit by GaussianKernelTests against a scalar copy), beside the unit circle the phasor kernels share
/// (Sources/CKernels/lanes.h): change the copies together.
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
}
