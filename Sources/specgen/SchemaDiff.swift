import ArgumentParser
import Foundation
import SpecGenPolicy

struct SchemaDiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Say in plain words what becomes more or less releasable at each level from schema A to schema B.",
        discussion: """
            Levels are matched by name. For each level of B that A also has: the fields whose treatment changes,
            grouped into more releasable, less releasable and changed, with the old and new operator; and the
            format rules that change. Both schemas must be valid (exit 2 otherwise).

            Examples:
              specgen schema diff Schemas/classification-open.json \\
                  Schemas/classification-four-level.json
              specgen schema diff Schemas/classification-four-level.json \\
                  Schemas/classification-four-level.json
            """)

    @Argument(help: "The schema before (JSON).")
    var before: String

    @Argument(help: "The schema after (JSON).")
    var after: String

    func run() throws {
        print(ClassificationDiff(from: try loadSchema(before), to: try loadSchema(after)).text, terminator: "")
    }
}
