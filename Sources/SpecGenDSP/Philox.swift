/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw, "Parallel random numbers:
/// as easy as 1, 2, 3" (SC'11), with the constants of the Random123 reference implementation.
///
/// A counter-based generator maps (key, counter) to 128 random bits with no state in between, so any
/// example's numbers can be produced on any thread in any order: specgen keys it with the scenario seed
/// and puts the example index and a stream number in the counter (see `RandomStream`).
public enum Philox4x32 {
    @usableFromInline static let multiplier0: UInt32 = 0xD251_1F53
    @usableFromInline static let multiplier1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let weyl0: UInt32 = 0x9E37_79B9
    @usableFromInline static let weyl1: UInt32 = 0xBB67_AE85

    /// The 128-bit output block for one counter under one key (10 rounds).
    @inlinable @inline(__always)
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3]
        var k0 = key[0], k1 = key[1]
        for round in 0..<10 {
            if round > 0 {
                k0 &+= weyl0
                k1 &+= weyl1
            }
            let product0 = UInt64(multiplier0) &* UInt64(c0)
            let product1 = UInt64(multiplier1) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: product0 >> 32), lo0 = UInt32(truncatingIfNeeded: product0)
            let hi1 = UInt32(truncatingIfNeeded: product1 >> 32), lo1 = UInt32(truncatingIfNeeded: product1)
            c0 = hi1 ^ c1 ^ k0
            c1 = lo1
            c2 = hi0 ^ c3 ^ k1
            c3 = lo0
        }
        return SIMD4(c0, c1, c2, c3)
    }
}
