import ArgumentParser
import Foundation
import SpecGenAudit
import SpecGenPolicy

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a marked dataset file against its classification schema: exit 0 clean, 1 findings.",
        discussion: """
            Walks the file with the HDF5 C API — every link and its type, object headers (timestamps), \
            comments, attributes, datatypes, layouts, filters and their parameters, fill values, external \
            and virtual storage, creation-order tracking, the user block — and checks it against what the \
            schema allows at the level in the file's /marking: the manifest, every field's form under its \
            operator (drop, hash, normalize, generalize, constant), the level's format rules (/iq shape and \
            chunks, compression, spectrogram, generic class names, unit power, no ADC value lattice). With \
            --scenario it re-derives every value the level hides and scans the file's raw bytes for it \
            (float64/float32/int32/int64 in both byte orders, decimal text at several precisions); with the \
            key it also checks each hashed value against its keyed HMAC.

            Each finding is one line: where, what, why, and the vector of shared/REDACTION.md it belongs to \
            ("schema rule" for a field or format rule that is not one of them).

            Examples:
              specgen audit data.h5 --schema Schemas/classification-four-level.json
              specgen audit data.h5 --schema Schemas/classification-four-level.json \\
                  --scenario Scenarios/quickstart.json --key-file run.key
              specgen audit data.h5 --schema schema.json --scenario run.json --seed 7 \\
                  --format json

            Exit status: 0 no findings, 1 findings, 2 bad input (unreadable file, not a marked specgen \
            file, schema invalid or not the one the file cites, scenario invalid).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The HDF5 file to audit.")
    var file: String

    @Option(help: "The classification schema the file is marked with.")
    var schema: String

    @Option(help: ArgumentHelp("The scenario the file was made from: scan the raw bytes for every hidden value.", valueName: "SCENARIO.json"))
    var scenario: String?

    @Option(help: "The seed the run used, if it overrode the scenario's (needed when the file hashes or drops its seed).")
    var seed: UInt64?

    @Option(help: "The number of examples the run made (default: /iq's first dimension).")
    var examples: Int?

    @Option(help: ArgumentHelp("The hash key (a 0600 file, or - for standard input): check hashed values against their keyed HMAC.", valueName: "K|-"))
    var keyFile: String?

    @Option(help: "Worker threads for re-deriving the hidden values.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "text (one finding per line) or json.")
    var format: Format = .text

    func validate() throws {
        if scenario == nil && (seed != nil || examples != nil || keyFile != nil) {
            throw ValidationError("--seed, --examples and --key-file describe the run of --scenario: give --scenario too")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let loadedSchema = try loadSchema(schema)
        var options = AuditOptions()
        options.scenario = try scenario.map(loadScenario)
        options.seed = seed
        options.examples = examples
        options.threads = threads
        do {
            options.key = try keyFile.map(readHashKey)
        } catch {
            throw InputError(message: error.message)
        }
        let report: AuditReport
        do {
            report = try Auditor.audit(file: file, schema: loadedSchema, options: options)
        } catch let error as AuditInputError {
            throw InputError(message: error.message)
        }
        switch format {
        case .text:
            for finding in report.findings { print(finding) }
            let scanned = options.scenario == nil ? "" : "; byte scan: \(report.scannedValues) hidden values, \(report.scannedPatterns) patterns"
            let count = report.findings.count
            let summary = report.isClean ? "no findings" : "\(count) finding" + (count == 1 ? "" : "s")
            FileHandle.standardError.write(Data("specgen audit: \(file) at \(report.level) of \(report.schemaID): \(summary)\(scanned)\n".utf8))
        case .json:
            let findings: [[String: Any]] = report.findings.map {
                ["location": $0.location, "what": $0.what, "why": $0.why, "vector": $0.vector.map { $0 as Any } ?? NSNull(), "reference": $0.reference]
            }
            let object: [String: Any] = ["file": file, "schema_id": report.schemaID, "level": report.level, "clean": report.isClean,
                                         "findings": findings, "scanned_values": report.scannedValues, "scanned_patterns": report.scannedPatterns]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        if !report.isClean { Foundation.exit(1) }  // findings: exit status 1 (stdout is flushed by exit)
    }
}
