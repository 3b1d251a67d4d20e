import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenScenario
import Testing

/// Scene files in batch work: shards merge into the single run's bytes and a stopped run resumes into
/// them, `/annotations` included. The scene has 1,200 captures of 1,024 samples with 0–10 bursts of
/// 64–200 samples each, about 6,000 rows in 75 blocks of 16 examples, so the chunk boundary at row
/// 4,096 falls inside a block; a scene of 0 bursts has no rows at all.
@Suite struct SceneBatchTests {
    static let manyBursts = #"{"uniform": {"low": 0, "high": 10}}"#

    static func scene(examples: Int = 1200, bursts: String = manyBursts) throws -> Scenario {
        try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 31, "examples": \(examples), "samples_per_example": 1024,
         "sample_rate_hz": 20e6, "snr_db": {"uniform": {"low": 0, "high": 20}},
         "scene": {"bursts": \(bursts), "duration_s": {"uniform": {"low": 3.2e-6, "high": 1e-5}}, "overlap": "any"},
         "classes": [
           {"name": "qpsk", "emitter": {"type": "qpsk", "samples_per_symbol": 8}},
           {"name": "tone", "emitter": {"type": "tone"}},
           {"name": "bpsk", "emitter": {"type": "bpsk", "samples_per_symbol": 4}}],
         "output": {"block_examples": 16, "compression": {"deflate_level": 1, "shuffle": true}}}
        """)
    }

    static func options(_ output: String) -> RunOptions {
        var options = RunOptions()
        options.progress = .quiet
        options.threads = 2
        options.output = output
        return options
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Three shards, merged in the wrong order, give the single run's bytes; the rows cross a chunk
    /// boundary inside a part.
    @Test(arguments: [false, true])
    func shardsMergeIntoTheSingleRun(emptyScene: Bool) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try Self.scene(examples: emptyScene ? 200 : 1200, bursts: emptyScene ? "0" : Self.manyBursts)
        let whole = directory.appendingPathComponent("whole.h5").path
        _ = try Generator.run(s, options: Self.options(whole))
        let rows = try HDF5File.open(whole).root.openDataset("annotations/example").shape[0]
        #expect(emptyScene ? rows == 0 : rows > DatasetWriter.annotationChunkRows)
        var parts: [String] = []
        for k in 0 ..< 3 {
            var options = Self.options(directory.appendingPathComponent("part-\(k).h5").path)
            options.shard = Shard(index: k, count: 3)
            _ = try Generator.run(s, options: options)
            parts.append(options.output!)
        }
        var merge = MergeOptions(parts: parts.reversed(), output: directory.appendingPathComponent("merged.h5").path)
        merge.progress = .quiet
        _ = try Merger.merge(merge)
        #expect(try Self.bytes(merge.output!) == Self.bytes(whole))
    }

    /// A run stopped right after block 40 (about 3,200 rows: no chunk of rows stored yet) is resumed,
    /// stopped again after block 60, past the chunk boundary (one chunk stored, the rest pending), and
    /// resumed to the end: the file equals the uninterrupted run's, and no state is left. Each stop
    /// keeps exactly its blocks, with the spool of rows beside the partial file and the journal.
    @Test func stoppedRunsResumeIntoTheUninterruptedFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try Self.scene()
        let reference = directory.appendingPathComponent("reference.h5").path
        _ = try Generator.run(s, options: Self.options(reference))
        let examples = try HDF5File.open(reference).root.openDataset("annotations/example").read(as: .int64, element: Int64.self)
        #expect(examples.firstIndex { $0 >= 40 * 16 }! < DatasetWriter.annotationChunkRows)
        #expect(examples.firstIndex { $0 >= 60 * 16 }! > DatasetWriter.annotationChunkRows)
        let target = directory.appendingPathComponent("data.h5").path
        for stopAfter in [40, 60] {
            let cancellation = CancellationFlag()
            var options = Self.options(target)
            options.resume = true
            options.blockFinished = { block in if block + 1 == stopAfter { cancellation.cancel() } }
            do {
                _ = try Generator.run(s, options: options, cancellation: cancellation)
                Issue.record("the run was not stopped after block \(stopAfter)")
            } catch let stop as ResumableStop {
                #expect(stop.keptBlocks == stopAfter && stop.totalBlocks == 75)
                #expect(stop.stateFiles.map { ($0 as NSString).lastPathComponent } == [".data.h5.partial", ".data.h5.journal", ".data.h5.annotations"])
            }
            #expect(!FileManager.default.fileExists(atPath: target))
        }
        var options = Self.options(target)
        options.resume = true
        _ = try Generator.run(s, options: options)
        #expect(try Self.bytes(target) == Self.bytes(reference))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["data.h5", "reference.h5"])
    }

    /// The spool is checked like the chunks: with one byte of a block's rows flipped, the resume makes
    /// that block and the rest again, and still ends with the uninterrupted run's bytes.
    @Test func aBlockWhoseSpooledRowsDoNotMatchIsMadeAgain() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let s = try Self.scene()
        let reference = directory.appendingPathComponent("reference.h5").path
        _ = try Generator.run(s, options: Self.options(reference))
        let target = directory.appendingPathComponent("data.h5").path
        let cancellation = CancellationFlag()
        var options = Self.options(target)
        options.blockFinished = { block in if block == 29 { cancellation.cancel() } }
        #expect(throws: ResumableStop.self) { _ = try Generator.run(s, options: options, cancellation: cancellation) }
        let spool = directory.appendingPathComponent(".data.h5.annotations")
        var bytes = try Data(contentsOf: spool)
        #expect(bytes.count > 1000)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: spool)
        options.blockFinished = nil
        options.resume = true
        _ = try Generator.run(s, options: options)
        #expect(try Self.bytes(target) == Self.bytes(reference))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["data.h5", "reference.h5"])
    }
}
