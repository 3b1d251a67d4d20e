import ArgumentParser
import Foundation
import SpecGenEngine
import SpecGenScenario

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a dataset from a scenario.",
        discussion: """
            Examples are made in parallel on all cores and written in order by one writer, so the file is \
            byte-identical for any --threads. The output appears at -o only when complete (it is written to a \
            hidden file beside it and renamed); an interrupted run leaves nothing at -o.

            Examples:
              specgen run Scenarios/quickstart.json -o quickstart.h5
              specgen run Scenarios/quickstart.json -o big.h5 --examples 200000 --seed 7
              specgen run Scenarios/quickstart.json -o big.h5 --examples 200000 --seed 7 --resume   # after a stop
              specgen run Scenarios/bench-qpsk.json --discard --threads 2   # speed only
              specgen run Scenarios/quickstart.json --shard 0/4 -o part-0.h5
              specgen run Scenarios/realistic-qpsk.json -o pairs.h5 --clean   # + /iq_clean, for denoisers
              specgen run Scenarios/wideband.json -o scenes.h5 --examples 100   # bursts with /annotations boxes
              specgen merge -o quickstart.h5 part-*.h5   # after all 4 shards
              head -c 32 /dev/urandom > run.key && chmod 600 run.key
              specgen run Scenarios/realistic-qpsk.json -o train.h5 --sidecar \\
                  --schema Schemas/classification-four-level.json --level RESTRICTED \\
                  --key-file run.key

            A run that is stopped (Ctrl-C, SIGTERM, kill -9, a full disk, a lost node) keeps what it finished \
            in .NAME.partial and .NAME.journal beside -o (a scene also in .NAME.annotations, its finished \
            blocks' /annotations rows): the same command with --resume continues it, and the \
            file is byte-identical to an uninterrupted run. --resume with nothing to resume starts from the \
            beginning (so a job script can always pass it); a run without --resume refuses to touch a stopped \
            run's state unless --overwrite says to discard it.

            --shard K/N makes only shard K (0 … N−1) of the dataset: of its nb blocks of \
            output.block_examples examples, blocks ⌊K·nb/N⌋ ..< ⌊(K+1)·nb/N⌋ (docs/dataset.md). `specgen \
            merge` joins the N parts into the file a run without --shard writes, byte for byte.

            --clean adds /iq_clean (as the scenario's output.clean does): every capture also without the \
            thermal noise, from the same draws and through the same receiver stages, so that /iq − /iq_clean \
            is exactly the noise when the scenario has no receiver stages (docs/dataset.md, "Clean \
            reference"). /iq is the same with or without it.

            --schema S --level L writes the file redacted for that classification level \
            (docs/classification.md): every field released, dropped, normalised, generalised, keyed-hashed or \
            replaced as the schema says, the level's format rules enforced, and a /marking group naming the \
            schema, the level and the (field, operator) manifest. The key of keyed hashes comes from a file \
            readable by its owner only, or from standard input (--key-file -); it is never written. A site \
            policy (/etc/specgen/site-policy.json, $SPECGEN_SITE_POLICY) may require a schema and pin the \
            approved ones.
            """)

    @Argument(help: "The scenario file (JSON).")
    var scenario: String

    @Option(name: .shortAndLong, help: "The HDF5 file to write.")
    var output: String?

    @Option(help: "Override the scenario's seed (0 … 2^63−1).")
    var seed: UInt64?

    @Option(help: "Override the scenario's number of examples.")
    var examples: Int?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Make only shard K of N (0 ≤ K < N) of the dataset; join the parts with `specgen merge`.", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Apply this classification schema when writing (docs/classification.md); needs --level.", valueName: "SCHEMA"))
    var schema: String?

    @Option(help: ArgumentHelp("The classification level the file is written at (a level of --schema).", valueName: "LEVEL"))
    var level: String?

    @Option(help: ArgumentHelp("The key of the schema's keyed hashes: a file readable by its owner only, or - for standard input. Never written anywhere.",
                               valueName: "FILE"))
    var keyFile: String?

    @Flag(help: "With --schema: also write FILE.label.json, binding the marking to the finished file's SHA-256.")
    var sidecar = false

    @Flag(help: "Replace the output file if it exists; without --resume, also discard a stopped run's state.")
    var overwrite = false

    @Flag(help: "Continue a stopped run of this same command from the state beside -o (or start, if there is none).")
    var resume = false

    @Flag(help: "Also write /iq_clean, the captures without the thermal noise (the scenario's output.clean).")
    var clean = false

    @Flag(help: "Synthesise without writing a file (for measuring speed).")
    var discard = false

    @Flag(name: .shortAndLong, help: "No progress or summary on standard error.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let examples, !(1 ... 1_000_000_000).contains(examples) {
            throw ValidationError("--examples must be 1 … 1000000000, got \(examples)")
        }
        if let seed, seed > UInt64(Int64.max) { throw ValidationError("--seed must be 0 … \(Int64.max), got \(seed)") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.message) }
        }
        if discard && output != nil { throw ValidationError("--discard writes nothing: drop -o \(output!) or --discard") }
        if discard && resume { throw ValidationError("--resume continues a run that writes a file: drop --resume or --discard") }
        if !discard && output == nil { throw ValidationError("missing -o FILE (or --discard to synthesise without writing)") }
        if schema != nil, level == nil { throw ValidationError("--schema needs --level: the level the file is written at") }
        if schema == nil, level != nil { throw ValidationError("--level needs --schema: the schema that defines it") }
        if schema == nil, keyFile != nil { throw ValidationError("--key-file is the key of a schema's hashes: give --schema and --level too") }
        if sidecar, schema == nil || discard { throw ValidationError("--sidecar labels a file written with --schema: give --schema, --level and -o") }
    }

    func run() throws {
        let checkedSchema = try siteCheckedSchema(schema, writesFile: !discard)
        let loaded = try loadScenario(scenario)
        var options = RunOptions()
        options.output = output
        options.discard = discard
        options.overwrite = overwrite
        options.resume = resume
        options.threads = threads
        options.seed = seed
        options.examples = examples
        options.shard = try shard.map { try Shard(parsing: $0) }
        options.clean = clean
        options.progress = quiet ? .quiet : nil
        if let checkedSchema, let schema, let level {
            options.policy = try classificationPolicy(schema: checkedSchema, path: schema, level: level, keyFile: keyFile,
                                                      sampleRateHz: loaded.sampleRateHz, quiet: quiet)
        }
        try withCancellation { cancellation in
            let summary = try Generator.run(loaded, options: options, cancellation: cancellation)
            if sidecar, let target = summary.output, let marking = options.policy.marking {
                try LabelSidecar.write(for: target, marking: marking)
            }
        }
    }
}

/// The command line that continues this run: the arguments as given, quoted for a POSIX shell, with
/// `--resume` added if it is not there.
func resumeCommand(_ arguments: [String] = CommandLine.arguments) -> String {
    let words = arguments.contains("--resume") ? arguments : arguments + ["--resume"]
    return words.map(shellQuoted).joined(separator: " ")
}

/// `word` as one shell word: as is when it holds only characters no shell treats specially, else in
/// single quotes.
func shellQuoted(_ word: String) -> String {
    let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
    if !word.isEmpty && word.allSatisfy(plain.contains) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Runs `body` with a flag that SIGINT and SIGTERM set (the work stops at its next block and cleans up).
func withCancellation(_ body: (CancellationFlag) throws -> Void) throws {
    let cancellation = CancellationFlag()
    let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { cancellation.cancel() }
        source.resume()
        return source
    }
    defer { signals.forEach { $0.cancel() } }
    try body(cancellation)
}
