import Crypto
import Foundation
import SpecGenHDF5
import SpecGenPolicy
import SpecGenScenario
import Synchronization

/// The version written into every file.
public enum SpecGen {
    public static let version = "0.1.0"
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
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public var seed: UInt64?
    public var examples: Int?
    public var progress: ProgressReporter.Style?
    public var policy = ReleasePolicy.releaseAll

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
        let plan = RunPlan(scenario: scenario, seed: options.seed, examples: options.examples)
        let target = try options.discard ? nil : checkedOutput(options)
        let layout = options.policy.layout(for: plan.columnTypes)
        let policy = options.policy
        let progress = ProgressReporter(total: plan.examples, samplesPerExample: plan.length * plan.channels,
                                        label: target.map { ($0 as NSString).lastPathComponent } ?? "synthesis", style: options.progress)
        let threads = max(1, min(options.threads, plan.blockCount))
        let pipeline = BlockPipeline(plan: plan, threads: threads)
        let makeSynthesizer: @Sendable () -> ExampleSynthesizer = { ExampleSynthesizer(plan: plan, policy: policy, layout: layout) }
        let shouldStop: @Sendable () -> Bool = { cancellation.isCancelled }

        var done = 0
        do {
            if let target {
                let temporary = temporaryPath(for: target)
                do {
                    var writer: DatasetWriter? = try DatasetWriter(
                        path: temporary, layout: datasetLayout(plan), fileMetadata: policy.release(fileMetadata(plan, policy: policy)), columns: layout)
                    try pipeline.run(makeSynthesizer: makeSynthesizer, shouldStop: shouldStop) { block in
                        try block.iq.baseAddress.withMemoryRebound(to: Float.self, capacity: 1) { iq in
                            try block.spectrogram.withUnsafeBytes { spectrogram in
                                try writer!.write(count: block.count, iq: iq, spectrogram: plan.spectrogram == nil ? nil : spectrogram.baseAddress,
                                                  released: block.released!)
                            }
                        }
                        done += block.count
                        progress.update(done: done)
                    }
                    try writer!.finish()
                    writer = nil  // closes every HDF5 handle before the rename
                    guard rename(temporary, target) == 0 else {
                        throw RunFailure(message: "cannot rename \(temporary) to \(target): \(String(cString: strerror(errno)))")
                    }
                } catch {
                    unlink(temporary)
                    throw error
                }
            } else {
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
        let samples = plan.examples * plan.length * plan.channels
        progress.finish(String(format: "%@: %d examples × %d samples in %.2f s (%.1f M complex samples/s, %d threads)",
                               target ?? "synthesis (discarded)", plan.examples, plan.length, seconds, Double(samples) / seconds / 1e6, threads))
        return RunSummary(examples: plan.examples, samples: samples, seconds: seconds, output: target)
    }

    /// Refuses an output path that cannot work before any synthesis starts.
    static func checkedOutput(_ options: RunOptions) throws -> String {
        guard let output = options.output, !output.isEmpty else {
            throw OutputPathError(message: "no output file: give -o FILE (or --discard to synthesise without writing)")
        }
        let url = URL(fileURLWithPath: output)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputPathError(message: "-o \(output): the directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw OutputPathError(message: "-o \(output): the directory \(directory) is not writable")
        }
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw OutputPathError(message: "-o \(output): is a directory; give a file name") }
            if !options.overwrite { throw OutputPathError(message: "-o \(output): the file exists; pass --overwrite to replace it") }
        }
        return url.path
    }

    /// A hidden name beside the target: `.NAME.partial-PID`.
    static func temporaryPath(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
    }

    static func datasetLayout(_ plan: RunPlan) -> DatasetLayout {
        DatasetLayout(
            examples: plan.examples, channels: plan.channels, samplesPerExample: plan.length, blockExamples: plan.blockExamples,
            spectrogram: plan.spectrogram.map {
                (fftSize: $0.fftSize, frames: plan.spectrogramFrames,
                 attributes: [("fft_size", .integer(Int64($0.fftSize))), ("hop", .integer(Int64($0.hop))),
                              ("window", .text($0.window)), ("scale", .text($0.decibels ? "db" : "linear"))])
            },
            compression: plan.scenario.output.compression.map { (deflateLevel: $0.deflateLevel, shuffle: $0.shuffle) },
            units: plan.columnUnits, categories: plan.columnCategories)
    }

    /// Every file-level field a run produces, before the policy.
    static func fileMetadata(_ plan: RunPlan, policy: ReleasePolicy) -> [String: MetadataValue] {
        let digest = SHA256.hash(data: plan.scenario.sourceBytes).map { String(format: "%02x", $0) }.joined()
        return [
            "format": .text(SpecGen.datasetFormat),
            "format_version": .integer(SpecGen.datasetFormatVersion),
            "specgen_version": .text(SpecGen.version),
            "policy": .text(policy.name),
            "scenario_sha256": .text(digest),
            "seed": .integer(Int64(bitPattern: plan.seed)),
            "sample_rate_hz": .real(plan.scenario.sampleRateHz),
            "snr_definition": .text(plan.snrDefinition.rawValue),
            "labels.class_names": .texts(plan.scenario.classes.map(\.name)),
        ].merging(plan.scenarioConstants.map { ($0.path, $0.value) }) { _, constant in constant }
    }
}

#if canImport(Glibc)
import Glibc
#endif
