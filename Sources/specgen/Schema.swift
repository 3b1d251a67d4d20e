import ArgumentParser
import Foundation
import SpecGenPolicy
import SpecGenScenario

/// `specgen schema …`: classification schemas for security staff (docs/classification.md).
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classification schemas: the field catalogue, validation, review and diff.",
        discussion: """
            A classification schema (docs/classification.md) says, per level, which metadata fields a dataset
            may carry and in what form. These commands list what specgen can emit, check a schema, and show
            security staff what each level discloses.

            Examples:
              specgen schema fields
              specgen schema validate Schemas/classification-four-level.json
              specgen schema review Schemas/classification-four-level.json \\
                  --format html > review.html
              specgen schema diff Schemas/classification-open.json \\
                  Schemas/classification-four-level.json
            """,
        subcommands: [SchemaFields.self, SchemaValidate.self, SchemaReview.self, SchemaDiff.self, SchemaResolve.self])
}

/// Loads a schema, turning its problems into an `InputError` that names the file.
func loadSchema(_ path: String) throws -> ClassificationSchema {
    do {
        return try ClassificationSchema.load(from: path)
    } catch .file(let file, let reason) {
        throw InputError(message: "schema \(file): \(reason)")
    } catch {
        throw InputError(message: "\(path): \(error)")
    }
}

struct SchemaFields: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "List every metadata field specgen can emit, with unit, kind, storage and whether it shapes the samples.",
        discussion: """
            The catalogue a classification schema must decide about: root attributes, per-example columns for
            every emitter and stage type, and the facts the file's shape shows.

            Examples:
              specgen schema fields
              specgen schema fields --format markdown > docs/fields.md
              specgen schema fields --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @Option(help: "text, markdown or json.")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: print(FieldReference.text(), terminator: "")
        case .markdown: print(FieldReference.markdown(), terminator: "")
        case .json: print(FieldReference.json(), terminator: "")
        }
    }
}
