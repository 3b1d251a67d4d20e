import Testing
import SpecGenDSP
import SpecGenTestSupport

/// Known-answer vectors of the Random123 distribution (`examples/kat_vectors`, philox4x32 10):
/// counter (4 words), key (2 words) → output (4 words).
@Suite struct PhiloxKnownAnswers {
    @Test(arguments: [
        (SIMD4<UInt32>(0, 0, 0, 0), SIMD2<UInt32>(0, 0), SIMD4<UInt32>(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
        (SIMD4<UInt32>(repeating: .max), SIMD2<UInt32>(repeating: .max), SIMD4<UInt32>(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)),
        (SIMD4<UInt32>(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2<UInt32>(0xA409_3822, 0x299F_31D0),
         SIMD4<UInt32>(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)),
    ])
    func knownAnswer(counter: SIMD4<UInt32>, key: SIMD2<UInt32>, expected: SIMD4<UInt32>) {
        #expect(Philox4x32.block(counter: counter, key: key) == expected)
    }

    @Test func streamLayoutPutsSeedInKeyAndExampleInCounter() {
        var stream = RandomStream(seed: 0x299F_31D0_A409_3822, example: 0x0370_7344_1319_8A2E, stream: StreamID(rawValue: 0x85A3_08D3))
        // Block counter starts at 0; the KAT counter's first word is 0x243f6a88, so compare with a direct call.
        let direct = Philox4x32.block(counter: SIMD4(0, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), key: SIMD2(0xA409_3822, 0x299F_31D0))
        #expect(stream.nextBlock() == direct)
    }

    @Test func fillMatchesWordByWordDraws() {
        var a = RandomStream(seed: 7, example: 3, stream: .noise)
        var b = a
        var words = [UInt32](repeating: 0, count: 64)
        words.withUnsafeMutableBufferPointer { a.fill($0) }
        let single = (0 ..< 64).map { _ in b.nextWord() }
        #expect(words == single)
        #expect(a.nextWord() == b.nextWord())
    }

    /// The vector kernel behind both `fill`s against `Philox4x32.block`, one counter at a time: seeded
    /// random keys and counters, lengths 0 ... 41 blocks (odd ones and ones not a multiple of 4), and block
    /// counters starting just below 2^32, where the first counter word wraps without carrying. Once per
    /// build of the kernel this machine can run (baseline: two blocks per register; AVX2: four).
    @Test(arguments: KernelLevel.available)
    func fillAgreesWithScalarBlocks(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_260_432)
        var words = [UInt32](repeating: 0, count: 4 * 42)
        for trial in 0 ..< 600 {
            let seed = generator.next(), example = generator.next()
            let stream = StreamID(rawValue: UInt32(truncatingIfNeeded: generator.next()))
            let blocks = trial % 42
            let first = trial % 3 == 0
                ? UInt32.max - UInt32(truncatingIfNeeded: generator.next() % 48)
                : UInt32(truncatingIfNeeded: generator.next())
            let key = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
            func expected(_ block: UInt32) -> SIMD4<UInt32> {
                Philox4x32.block(
                    counter: SIMD4(block, stream.rawValue, UInt32(truncatingIfNeeded: example), UInt32(truncatingIfNeeded: example >> 32)),
                    key: key)
            }
            var random = RandomStream(seed: seed, example: example, stream: stream)
            words = [UInt32](repeating: 0xDEAD_BEEF, count: words.count)
            words.withUnsafeMutableBufferPointer { random.fill(UnsafeMutableBufferPointer(rebasing: $0[0 ..< 4 * blocks]), ahead: Int(first)) }
            var ahead = (0 ..< blocks).allSatisfy { b in
                SIMD4(words[4 * b ..< 4 * b + 4]) == expected(first &+ UInt32(b))
            }
            #expect(ahead, "fill(ahead:) trial \(trial): \(blocks) blocks from \(first)")
            #expect(words[(4 * blocks)...].allSatisfy { $0 == 0xDEAD_BEEF }, "fill(ahead:) wrote past its buffer")

            random.skip(blocks: Int(first))
            words.withUnsafeMutableBufferPointer { random.fill(UnsafeMutableBufferPointer(rebasing: $0[0 ..< 4 * blocks])) }
            ahead = (0 ..< blocks).allSatisfy { b in SIMD4(words[4 * b ..< 4 * b + 4]) == expected(first &+ UInt32(b)) }
            #expect(ahead, "fill trial \(trial): \(blocks) blocks from \(first)")
            #expect(random.nextBlock() == expected(first &+ UInt32(blocks)), "fill advanced the counter by its blocks")
        }
    }

    @Test func parameterStreamsAreDistinctFromFixedOnes() {
        let ids = ["snr_db", "emitter.rolloff", "emitter.samples_per_symbol", "emitter.frequency_hz", "emitter.phase_rad"]
            .map { StreamID.parameter($0).rawValue }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0 & 0x8000_0000 != 0 })
    }

    /// Lemire's bounded integers are uniform: χ² over 10 bins, 100,000 draws; the 0.1 % critical value of
    /// χ²(9) is 27.88.
    @Test func boundedIntegersAreUniform() {
        var stream = RandomStream(seed: 1, example: 0, stream: .classChoice)
        var counts = [Int](repeating: 0, count: 10)
        let n = 100_000
        for _ in 0 ..< n { counts[Int(stream.nextInt(below: 10))] += 1 }
        let expected = Double(n) / 10
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 27.88)
    }
}
