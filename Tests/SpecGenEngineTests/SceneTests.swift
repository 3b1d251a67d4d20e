import Foundation
import SpecGenEngine
import Testing

/// The pieces of scene placement that are plain arithmetic.
@Suite struct SceneArithmeticTests {
    @Test func freeIntervalsSubtractOpenIntervals() {
        let free = ScenePlacement.freeIntervals(-0.5 ... 0.5, minus: [(-0.2, 0.1), (0.3, 0.9), (-2, -0.45), (0.05, 0.2)])
        #expect(free == [-0.45 ... -0.2, 0.2 ... 0.3])
        #expect(ScenePlacement.freeIntervals(0 ... 1, minus: [(-1, 2)]).isEmpty)
        #expect(ScenePlacement.freeIntervals(0 ... 1, minus: []) == [0 ... 1])
    }

    @Test func burstTransformSizesAreFewAndLargeEnough() {
        var sizes = Set<Int>()
        for n in stride(from: 1, through: 1 << 20, by: 997) {
            let size = ScenePlacement.burstTransformSize(atLeast: n)
            #expect(size >= n && size < max(32, n * 5 / 4 + 2))
            sizes.insert(size)
            // 2^k, 5·2^k/4, 3·2^k/2 or 7·2^k/4: a power of two times 1, 5/4, 3/2 or 7/4.
            var m = size
            while m % 2 == 0 { m /= 2 }
            #expect([1, 3, 5, 7].contains(m))
        }
        #expect(sizes.count < 4 * 21)
    }
}
