import ArgumentParser
import Foundation
import SpecGenEngine

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shards of one dataset into the file a single run writes.",
        discussion: """
            The parts (files made by `specgen run --shard K/N`, given in any order) must come from the same \
            scenario file (scenario_sha256), seed, specgen version and release policy, and their example ranges \
            must tile the whole dataset with no gap and no overlap; otherwise nothing is written and every \
            problem is listed with the file it concerns (exit status 2). Stored chunks are copied as they are, \
            nothing is decoded or recompressed, and the result is byte-identical to `specgen run` without \
            --shard. A scene's /annotations rows are replayed block by block as the run wrote them, each \
            part's /annotations/example moved by the part's first example.

            Examples:
              specgen run Scenarios/quickstart.json --shard 0/2 -o part-0.h5
              specgen run Scenarios/quickstart.json --shard 1/2 -o part-1.h5
              specgen merge -o quickstart.h5 part-1.h5 part-0.h5
              specgen run Scenarios/quickstart.json -o whole.h5
              cmp quickstart.h5 whole.h5        # no difference
            """)

    @Argument(help: "The shard files to join (any order).")
    var parts: [String] = []

    @Option(name: .shortAndLong, help: "The merged HDF5 file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var overwrite = false

    @Flag(name: .shortAndLong, help: "No progress or summary on standard error.")
    var quiet = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("no parts given: specgen merge -o OUT PART.h5 …") }
    }

    func run() throws {
        var options = MergeOptions(parts: parts, output: output)
        options.overwrite = overwrite
        options.progress = quiet ? .quiet : nil
        try withCancellation { cancellation in
            _ = try Merger.merge(options, cancellation: cancellation)
        }
    }
}
