import Foundation
import SpecGenEngine
import Testing

@Suite struct ShardTests {
    /// For every block count up to 40 and every N up to it, the N shards tile 0 ..< blocks in order,
    /// none is empty, and their sizes differ by at most one block (docs/dataset.md, "Shards").
    @Test func shardsTileTheBlocks() {
        for blocks in 1 ... 40 {
            for n in 1 ... blocks {
                let ranges = (0 ..< n).map { Shard(index: $0, count: n).blocks(of: blocks) }
                #expect(ranges.first!.lowerBound == 0 && ranges.last!.upperBound == blocks)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                let sizes = ranges.map(\.count)
                #expect(sizes.min()! >= 1 && sizes.max()! - sizes.min()! <= 1, "blocks \(blocks), N \(n): \(sizes)")
            }
        }
    }

    /// Example ranges: whole blocks, only the last shard ending in a partial one.
    @Test func exampleRangesFallOnBlocks() throws {
        let plan = RunPlan(scenario: try mixedScenario(examples: 200, length: 16, block: 16))
        #expect(plan.blockCount == 13)
        let ranges = (0 ..< 3).map { plan.exampleRange(blocks: Shard(index: $0, count: 3).blocks(of: plan.blockCount)) }
        #expect(ranges == [0 ..< 64, 64 ..< 128, 128 ..< 200])
    }

    @Test func parsesKOverN() throws {
        #expect(try Shard(parsing: "0/1") == Shard(index: 0, count: 1))
        #expect(try Shard(parsing: "6/7") == Shard(index: 6, count: 7))
        #expect(Shard(index: 2, count: 7).description == "2/7")
    }

    /// Each malformed value is refused with the value and what is allowed.
    @Test(arguments: [("3/3", "K must be 0 … 2 for N = 3"), ("x", "expected K/N"), ("1/0", "N (the number of shards) must be at least 1"),
                      ("-1/2", "expected K/N"), ("1/2/3", "expected K/N"), ("", "expected K/N"), ("1/", "expected K/N")])
    func refusesMalformedValues(text: String, message: String) {
        do {
            _ = try Shard(parsing: text)
            Issue.record("--shard \(text) was accepted")
        } catch {
            #expect(error.message.hasPrefix("--shard \(text):"))
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    /// More shards than blocks would leave a shard empty: refused, saying how many blocks there are.
    @Test func refusesMoreShardsThanBlocks() {
        #expect(throws: ShardError.self) { try Shard(index: 0, count: 14).check(blockCount: 13, blockExamples: 16, examples: 200) }
        #expect(throws: Never.self) { try Shard(index: 12, count: 13).check(blockCount: 13, blockExamples: 16, examples: 200) }
    }
}
