import Crypto
import Foundation
import SpecGenDSP
import SpecGenHDF5
import SpecGenPolicy
import SpecGenScenario
import Synchronization

/// The version written into every file.
public enum SpecGen {
    public static let version = "0.4.0"
    public static let datasetFormat = "specgen-dataset"
    public static let datasetFormatVersion: Int64 = 1
}

/// How to run a scenario (the command line's choices).
public struct RunOptions: Sendable {
    /// Output path; nil with `discard`.
    public var output: String?
    /// Synthesise only, write nothing (benchmarks).
    public var discard = false
    public var overwrite = false
    /// Continue a stopped run of the same command from its state beside the output (`--resume`); start
    /// from the beginning if there is none.
    public var resume = false
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public var seed: UInt64?
    public var examples: Int?
    public var progress: ProgressReporter.Style?
    public var policy = ReleasePolicy.releaseAll
    /// Write only this shard's examples (`--shard K/N`).
    public var shard: Shard?
    /// Write `/iq_clean` whatever the scenario's `output.clean` says (`--clean`).
    public var clean = false
    /// Called on the writer's thread with each block's index once the block is stored and journaled
    /// (a block copied by a resume excluded): where a caller that cancels the run stops it after
    /// exactly that block.
    public var blockFinished: (@Sendable (Int) -> Void)?

    public init() {}
}

/// A problem with the command line's output choice (bad input: exit 2).
public struct OutputPathError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A failure of the run itself, not of its input (exit 1).
public struct RunFailure: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// What a finished run did.
public struct RunSummary: Sendable {
    public let examples: Int
    public let samples: Int
    public let seconds: Double
    public let output: String?
}

/// A flag set from a signal handler and read by the run.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Runs a scenario: parallel synthesis, policy, one ordered HDF5 writer into a temporary file beside the
/// target, renamed into place only when complete.
public enum Generator {
    public static func run(_ scenario: Scenario, options: RunOptions, cancellation: CancellationFlag = CancellationFlag()) throws -> RunSummary {
        let plan = RunPlan(scenario: scenario, seed: options.seed, examples: options.examples,
                           blockExamples: options.policy.format?.chunkExamples, unitPower: options.policy.format?.unitPower ?? false,
                           clean: options.clean)
        try FormatCheck.check(plan, policy: options.policy)
        try options.shard?.check(blockCount: plan.blockCount, blockExamples: plan.blockExamples, examples: plan.examples)
        let blocks = options.shard?.blocks(of: plan.blockCount) ?? 0 ..< plan.blockCount
        let examples = plan.exampleRange(blocks: blocks)
        // The target's existence is RunState's to judge (a resume may find it complete).
        let target = try options.discard ? nil : OutputFile.checked(options.output, overwrite: true)
        let columns = options.policy.layout(for: plan.columnTypes)
        let annotationColumns = plan.scene == nil ? nil : options.policy.layout(for: plan.annotationTypes)
        let policy = options.policy
        let progress = ProgressReporter(total: examples.count, samplesPerExample: plan.length * plan.channels,
                                        label: target.map { ($0 as NSString).lastPathComponent } ?? "synthesis", style: options.progress)
        var threads = max(1, min(options.threads, blocks.count))
        let firstExample = examples.lowerBound
        let makeSynthesizer: @Sendable () -> ExampleSynthesizer = {
            ExampleSynthesizer(plan: plan, policy: policy, layout: columns, annotationLayout: annotationColumns, firstExample: firstExample)
        }
        let shouldStop: @Sendable () -> Bool = { cancellation.isCancelled }

        var done = 0
        var resumed = ""
        do {
            if let target {
                let layout = datasetLayout(plan, examples: examples, policy: policy)
                var fields = fileMetadata(plan, policy: policy)
                if let shard = options.shard { fields.merge(shardMetadata(shard, examples: examples, plan: plan)) { $1 } }
                let released = policy.release(fields)
                if options.shard != nil, !ShardAttributes.all.isSubset(of: released.fields.map(\.path)) {
                    // A shard whose policy dropped its shard attributes would pass for a whole dataset.
                    throw RunFailure(message: "the release policy \(policy.name) does not release the shard attributes "
                                     + ShardAttributes.all.sorted().joined(separator: ", ") + ", so it cannot write shards")
                }
                let header = DatasetHeader.released(layout: layout, fileMetadata: released, columns: columns, marking: policy.marking,
                                                    annotations: annotationColumns)
                let state = try RunState(target: target, header: header, run: runIdentity(header, plan: plan, shard: options.shard),
                                         datasets: Merger.datasetNames(header), blocks: blocks, resume: options.resume,
                                         overwrite: options.overwrite, note: progress.note)
                if state.isComplete {
                    progress.finish("\(target): already complete")
                    return RunSummary(examples: examples.count, samples: examples.count * plan.length * plan.channels, seconds: 0, output: target)
                }
                try state.write(cancellation: cancellation, copied: { progress.update(done: min(examples.count, $0 * plan.blockExamples)) }) { writer, remaining, record in
                    done = plan.exampleRange(blocks: blocks.lowerBound ..< remaining.lowerBound).count
                    if state.isResume {
                        resumed = ", resumed: \(state.reusedAtStart) of \(state.journaledAtStart) journaled blocks reused"
                    }
                    threads = max(1, min(options.threads, remaining.count))
                    let pipeline = BlockPipeline(plan: plan, blocks: remaining, threads: threads,
                                                 workerNice: BlockPipeline.writerPriority(threads: threads))
                    try pipeline.run(makeSynthesizer: makeSynthesizer, prepare: { $0.prepareChunks(layout) }, shouldStop: shouldStop) { block in
                        let rows = block.annotations.map { AnnotationRows($0, types: header.annotations.map(\.type)) }
                        let chunks = try writer.writeBlock(samples: block.storedChunks(layout), released: block.released!, annotations: rows)
                        try record(block.index, chunks, rows)
                        options.blockFinished?(block.index)
                        done += block.count
                        progress.update(done: done)
                    }
                    try writer.finish()
                }
            } else {
                let pipeline = BlockPipeline(plan: plan, blocks: blocks, threads: threads)
                try pipeline.run(makeSynthesizer: makeSynthesizer, shouldStop: shouldStop) { block in
                    done += block.count
                    progress.update(done: done)
                }
            }
        } catch {
            progress.abandon()
            throw error
        }
        let seconds = progress.elapsed
        let samples = examples.count * plan.length * plan.channels
        let what = options.shard.map { "shard \($0) (examples \(examples.lowerBound) ..< \(examples.upperBound) of \(plan.examples))" }
            ?? "\(plan.examples) examples"
        progress.finish(String(format: "%@: %@ × %d samples in %.2f s (%.1f M complex samples/s, %d threads, %@ kernels%@)",
                               target ?? "synthesis (discarded)", what, plan.length, seconds, Double(samples) / seconds / 1e6, threads,
                               KernelLevel.current.description, resumed))
        return RunSummary(examples: examples.count, samples: samples, seconds: seconds, output: target)
    }

    /// What makes a run's file bytes, by name, for the resume journal: the released header's version,
    /// scenario hash, seed and policy (only as far as they are released: the journal holds nothing the
    /// file would not), the number of examples, the shard, and a SHA-256 of the whole header.
    static func runIdentity(_ header: DatasetHeader, plan: RunPlan, shard: Shard?) -> [String: String] {
        var run: [String: String] = [
            "examples": "\(plan.examples)",
            "shard": shard.map(\.description) ?? "none",
            "header_sha256": SHA256.hash(data: Data(header.canonicalLines.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined(),
        ]
        for key in ["specgen_version", "scenario_sha256", "seed", "policy"] {
            if let value = header.field(key) {
                if case .text(let text) = value { run[key] = text } else { run[key] = DatasetHeader.canonical(value) }
            }
        }
        return run
    }

    /// The layout of a file holding `examples` (all of the plan's, or a shard's) in blocks of the plan:
    /// the `/spectrogram` attributes (fields `spectrogram.*`) and the columns' units and categories as
    /// the policy releases them.
    static func datasetLayout(_ plan: RunPlan, examples: Range<Int>, policy: ReleasePolicy) -> DatasetLayout {
        var units: [String: String] = [:], categories: [String: [String]] = [:]
        for path in Set(plan.columnUnits.keys).union(plan.columnCategories.keys) {
            let released = policy.columnAttributes(path: path, unit: plan.columnUnits[path], categories: plan.columnCategories[path])
            units[path] = released.unit
            categories[path] = released.categories
        }
        return DatasetLayout(
            examples: examples.count, datasetExamples: plan.examples, channels: plan.channels, samplesPerExample: plan.length, blockExamples: plan.blockExamples,
            spectrogram: plan.spectrogram.map {
                (rows: $0.rows, frames: plan.spectrogramFrames, attributes: policy.release(attributes: $0.fileAttributes, prefix: "spectrogram"))
            },
            compression: plan.scenario.output.compression.map { (deflateLevel: $0.deflateLevel, shuffle: $0.shuffle) }, clean: plan.clean,
            units: units, categories: categories, masks: plan.masks)
    }

    /// The root attributes that make a file a shard: which one, and which examples of how many it holds.
    /// A whole run has none of them, so a merge that drops them gives the whole run's file.
    static func shardMetadata(_ shard: Shard, examples: Range<Int>, plan: RunPlan) -> [String: MetadataValue] {
        [
            ShardAttributes.index: .integer(Int64(shard.index)),
            ShardAttributes.count: .integer(Int64(shard.count)),
            ShardAttributes.exampleStart: .integer(Int64(examples.lowerBound)),
            ShardAttributes.exampleStop: .integer(Int64(examples.upperBound)),
            ShardAttributes.datasetExamples: .integer(Int64(plan.examples)),
        ]
    }

    /// Every file-level field a run produces, before the policy.
    static func fileMetadata(_ plan: RunPlan, policy: ReleasePolicy) -> [String: MetadataValue] {
        let digest = SHA256.hash(data: plan.scenario.sourceBytes).map { String(format: "%02x", $0) }.joined()
        var fields: [String: MetadataValue] = [
            "format": .text(SpecGen.datasetFormat),
            "format_version": .integer(SpecGen.datasetFormatVersion),
            "specgen_version": .text(SpecGen.version),
            "policy": .text(policy.name),
            "scenario_sha256": .text(digest),
            "seed": .integer(Int64(bitPattern: plan.seed)),
            "sample_rate_hz": .real(plan.scenario.sampleRateHz),
            "snr_definition": .text(plan.snrDefinition.rawValue),
            // A level whose format rule says `generic` shows class_0, class_1, … instead of the scenario's names.
            "labels.class_names": .texts(policy.format?.classNames == .generic
                ? plan.scenario.classes.indices.map { "class_\($0)" } : plan.scenario.classes.map(\.name)),
        ].merging(plan.scenarioConstants.map { ($0.path, $0.value) }) { _, constant in constant }
        // A scene's SNRs are per burst, in its own band (docs/scenes.md): snr_definition does not apply.
        if plan.scene != nil { fields["snr_definition"] = nil }
        return fields
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension OutputOptions.SpectrogramOptions {
    /// The /spectrogram attributes (fields `spectrogram.<name>`), before the release policy.
    public var fileAttributes: [(String, MetadataValue)] {
        [("fft_size", .integer(Int64(fftSize))), ("hop", .integer(Int64(hop))), ("normalize", .text(normalization)),
         ("scale", .text(decibels ? "db" : "linear")), ("sides", .text(sides)), ("window", .text(window))]
    }
}
