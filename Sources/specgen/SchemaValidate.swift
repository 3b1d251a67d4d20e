import ArgumentParser
import Foundation
import SpecGenPolicy

struct SchemaValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a classification schema: structure, nesting, the seed rule and the derivation closure.",
        discussion: """
            Every problem is listed with its JSON path, the value and what is allowed; the exit status is 2 if
            there is any, 0 if the schema is valid. Warnings (shadowed rules, unnamed fields, weak operators, a
            past review date) are counted here and listed by `specgen schema review`.

            Examples:
              specgen schema validate Schemas/classification-four-level.json
              specgen schema validate Schemas/classification-open.json
            """)

    @Argument(help: "The classification schema (JSON).")
    var schema: String

    func run() throws {
        let loaded = try loadSchema(schema)
        let review = ClassificationReview(schema: loaded, today: .today)
        let levels = loaded.levels.map { "\($0.name) (\($0.rank))" }.joined(separator: " < ")
        let warnings = review.warnings.count
        print("\(schema): valid — \(loaded.id) version \(loaded.version), levels \(levels), \(loaded.rules.count) rules; "
              + (warnings == 0 ? "no warnings" : "\(warnings) warning\(warnings == 1 ? "" : "s") (see `specgen schema review`)"))
    }
}
