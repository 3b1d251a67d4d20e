import ArgumentParser
import Foundation
import SpecGenPolicy

struct SchemaReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Show what a schema releases at each level: a fields × levels table, format rules and warnings.",
        discussion: """
            For security staff: every field specgen can emit against every level, with the operator applied,
            the level's format rules, the rules themselves and warnings — rules shadowed by more specific ones,
            fields no rule names (dropped by default), operators too weak for their field, approximate
            derivations and an overdue review date. The HTML output is one self-contained file.

            Examples:
              specgen schema review Schemas/classification-four-level.json
              specgen schema review Schemas/classification-four-level.json \\
                  --format markdown > review.md
              specgen schema review Schemas/classification-four-level.json \\
                  --format html > review.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, html }

    @Argument(help: "The classification schema (JSON).")
    var schema: String

    @Option(help: "text, markdown or html.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Review as of this date (YYYY-MM-DD; default today, UTC) — for reproducible archived reviews.", valueName: "date"))
    var today: String?

    func run() throws {
        var date = CalendarDate.today
        if let today {
            guard let given = CalendarDate(today) else { throw InputError(message: "--today \(today): not a calendar date; write YYYY-MM-DD") }
            date = given
        }
        let review = ClassificationReview(schema: try loadSchema(schema), today: date)
        switch format {
        case .text: print(review.text(), terminator: "")
        case .markdown: print(review.markdown(), terminator: "")
        case .html: print(review.html(), terminator: "")
        }
    }
}
