import Foundation
import SpecGenEngine
import SpecGenHDF5
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

@Suite struct ShardRunTests {
    /// A shard file read back: its examples, the whole dataset's size (its maximum first dimension) and
    /// its shard attributes; its rows are the whole run's rows of its range.
    @Test func shardFileRecordsItsRange() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try mixedScenario(examples: 50, length: 64, block: 8, spectrogram: true)
        var options = RunOptions()
        options.progress = .quiet
        options.output = directory.appendingPathComponent("whole.h5").path
        _ = try Generator.run(s, options: options)
        options.output = directory.appendingPathComponent("part.h5").path
        options.shard = Shard(index: 2, count: 3)  // 7 blocks: shard 2 holds blocks 4 ..< 7, examples 32 ..< 50
        let summary = try Generator.run(s, options: options)
        #expect(summary.examples == 18)
        let part = try DatasetReader(path: options.output!)
        #expect(part.header.layout.examples == 18 && part.header.layout.datasetExamples == 50 && part.header.layout.blockExamples == 8)
        #expect(part.header.field("shard_index") == .integer(2) && part.header.field("shard_count") == .integer(3))
        #expect(part.header.field("shard_example_start") == .integer(32) && part.header.field("shard_example_stop") == .integer(50))
        #expect(part.header.field("shard_dataset_examples") == .integer(50))
        let whole = try DatasetReader(path: directory.appendingPathComponent("whole.h5").path)
        #expect(whole.header.field("shard_index") == nil && whole.header.layout.datasetExamples == 50)
        let rows = try part.datasets[0].read(as: .complex64, element: SIMD2<Float>.self)
        let wholeRows = try whole.datasets[0].read(as: .complex64, element: SIMD2<Float>.self)
        #expect(rows == Array(wholeRows[(32 * 64)...]))
    }

    /// A policy that would drop the shard attributes cannot write a shard (it would pass for a whole
    /// dataset): a run failure, and nothing at the output path.
    @Test func policyMustReleaseTheShardAttributes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = RunOptions()
        options.progress = .quiet
        options.output = directory.appendingPathComponent("part.h5").path
        options.shard = Shard(index: 0, count: 2)
        options.policy = .allowList("no-shards", fields: ["format", "labels.class_index"])
        #expect(throws: RunFailure.self) { _ = try Generator.run(try mixedScenario(examples: 20, length: 16, block: 4), options: options) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
