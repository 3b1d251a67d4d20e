import ArgumentParser
import Foundation
import SpecGenPolicy

struct SchemaResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print one level's resolved policy: every field with its operator (the manifest a marking carries).",
        discussion: """
            The resolved policy is a function of the schema and the level only — the same whichever scenario is
            run — and names no values. Exit status 2 if the schema is invalid or has no such level.

            Examples:
              specgen schema resolve Schemas/classification-four-level.json \\
                  --level CONFIDENTIAL
              specgen schema resolve Schemas/classification-four-level.json \\
                  --level RESTRICTED --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The classification schema (JSON).")
    var schema: String

    @Option(help: "The level's name.")
    var level: String

    @Option(help: "text (field, operator and parameters) or json (the manifest).")
    var format: Format = .text

    func run() throws {
        let loaded = try loadSchema(schema)
        let policy: ResolvedPolicy
        do {
            policy = try loaded.resolve(level: level)
        } catch {
            throw InputError(message: "\(schema): \(error)")
        }
        switch format {
        case .text:
            print("\(policy.schemaID) version \(policy.schemaVersion) (SHA-256 \(policy.schemaSHA256)), level \(policy.level.name) (rank \(policy.level.rank)): \(policy.level.display)")
            for category in policy.categories { print("\(category.name): \(category.values.joined(separator: ", "))") }
            let width = policy.fields.map(\.path.count).max() ?? 0
            for field in policy.fields {
                print(field.path.padding(toLength: width + 2, withPad: " ", startingAt: 0) + field.operation.cell + (field.rule == nil ? " (named by no rule)" : ""))
            }
        case .json:
            let manifest = policy.manifest.map { "    {\"field\": \(quoted($0.field)), \"operator\": \(quoted($0.operator))}" }
            let categories = policy.categories.map { "\(quoted($0.name)): [" + $0.values.map(quoted).joined(separator: ", ") + "]" }
            print("""
                {
                  "schema_id": \(quoted(policy.schemaID)),
                  "schema_version": \(quoted(policy.schemaVersion)),
                  "schema_sha256": \(quoted(policy.schemaSHA256)),
                  "level": \(quoted(policy.level.name)),
                  "rank": \(policy.level.rank),
                  "display": \(quoted(policy.level.display)),
                  "categories": {\(categories.joined(separator: ", "))},
                  "manifest": [
                \(manifest.joined(separator: ",\n"))
                  ]
                }
                """)
        }
    }

    private func quoted(_ s: String) -> String {
        let data = try! JSONEncoder().encode(s)
        return String(decoding: data, as: UTF8.self)
    }
}
