import CKernels

/// Named random streams: each stage of an example draws from its own stream, so adding a stage or a
/// parameter never shifts the numbers another one sees.
///
/// The Philox key is the scenario seed (64 bits); the counter is
/// `(block, stream, example index low word, example index high word)`. A stream therefore holds 2^32
/// blocks of four 32-bit words for each example.
public struct StreamID: Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The class draw of an example.
    public static let classChoice = StreamID(rawValue: 1)
    /// Symbol or message data of the emitter.
    public static let symbols = StreamID(rawValue: 2)
    /// Receiver noise.
    public static let noise = StreamID(rawValue: 3)

    /// The stream of one sampled parameter, named by its metadata path (e.g. `emitter.rolloff`):
    /// FNV-1a of the UTF-8 path with the top bit set, so it never meets the fixed streams above.
    public static func parameter(_ path: String) -> StreamID {
        var hash: UInt32 = 0x811C_9DC5
        for byte in path.utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return StreamID(rawValue: hash | 0x8000_0000)
    }
}

/// One example's stream: a Philox4x32-10 counter walk. Cheap to create (no state but the counter).
public struct RandomStream: Sendable {
    public let key: SIMD2<UInt32>
    @usableFromInline var counter: SIMD4<UInt32>
    @usableFromInline var buffer: SIMD4<UInt32> = .zero
    @usableFromInline var available = 0

    /// - Parameters:
    ///   - seed: the scenario seed (the Philox key).
    ///   - example: the example index.
    ///   - stream: which stream of that example.
    public init(seed: UInt64, example: UInt64, stream: StreamID) {
        key = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        counter = SIMD4(0, stream.rawValue, UInt32(truncatingIfNeeded: example), UInt32(truncatingIfNeeded: example >> 32))
    }

    /// The next block of four words (advances the block counter by one).
    @inlinable @inline(__always)
    public mutating func nextBlock() -> SIMD4<UInt32> {
        let out = Philox4x32.block(counter: counter, key: key)
        counter[0] &+= 1
        return out
    }

    /// The next 32-bit word.
    @inlinable
    public mutating func nextWord() -> UInt32 {
        if available == 0 {
            buffer = nextBlock()
            available = 4
        }
        available -= 1
        return buffer[3 - available]
    }

    /// A double uniform on [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        let high = UInt64(nextWord() >> 5), low = UInt64(nextWord() >> 6)  // 27 + 26 bits
        return Double((high << 26) | low) * 0x1p-53
    }

    /// A standard normal draw (Box–Muller in double precision; for parameters, not for bulk noise).
    public mutating func nextNormal() -> Double {
        let u1 = 1 - nextUnitDouble()  // (0, 1]
        let u2 = nextUnitDouble()
        return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    /// An integer uniform on 0 ..< bound (Lemire's multiply-shift with rejection: exactly uniform).
    public mutating func nextInt(below bound: UInt32) -> UInt32 {
        precondition(bound > 0)
        var product = UInt64(nextWord()) &* UInt64(bound)
        if UInt32(truncatingIfNeeded: product) < bound {
            let threshold = (0 &- bound) % bound
            while UInt32(truncatingIfNeeded: product) < threshold {
                product = UInt64(nextWord()) &* UInt64(bound)
            }
        }
        return UInt32(truncatingIfNeeded: product >> 32)
    }

    /// Fills `words` with consecutive blocks of this stream (from a block boundary): the words of
    /// `nextBlock` called `words.count / 4` times, computed two blocks per SSE2 register (four per AVX2
    /// register) by `specgen_philox4x32_fill` (CKernels).
    @inlinable
    public mutating func fill(_ words: UnsafeMutableBufferPointer<UInt32>) {
        precondition(words.count % 4 == 0, "fill takes whole blocks")
        available = 0
        let blocks = words.count / 4
        if let start = words.baseAddress {
            specgen_philox4x32_fill(start, blocks, counter[0], counter[1], counter[2], counter[3], key[0], key[1])
        }
        counter[0] &+= UInt32(truncatingIfNeeded: blocks)
    }

    /// Fills `words` with the blocks that start `ahead` blocks past the current one, without advancing
    /// (a caller that needs only some of the next blocks computes just those, then `skip`s them all).
    @inlinable
    public func fill(_ words: UnsafeMutableBufferPointer<UInt32>, ahead: Int) {
        precondition(words.count % 4 == 0, "fill takes whole blocks")
        guard let start = words.baseAddress else { return }
        specgen_philox4x32_fill(
            start, words.count / 4, counter[0] &+ UInt32(truncatingIfNeeded: ahead), counter[1], counter[2], counter[3],
            key[0], key[1])
    }

    /// Advances past `blocks` blocks (discarding any buffered words), as `fill` of that many would.
    @inlinable
    public mutating func skip(blocks: Int) {
        available = 0
        counter[0] &+= UInt32(truncatingIfNeeded: blocks)
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _log(_ x: Double) -> Double { Glibc.log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#endif
