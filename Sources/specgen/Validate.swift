import ArgumentParser
import Foundation
import SpecGenEngine
import SpecGenScenario

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file without generating anything.",
        discussion: """
            Every problem is listed with its JSON path, the value and what is allowed; the exit status is 2
            if there is any, 0 if the scenario is valid.

            Example:
              specgen validate Scenarios/quickstart.json
              specgen run Scenarios/quickstart.json -o quickstart.h5   # once it validates
            """)

    @Argument(help: "The scenario file (JSON).")
    var scenario: String

    func run() throws {
        let loaded = try loadScenario(scenario)
        let plan = RunPlan(scenario: loaded)
        let classes = loaded.classes.map(\.name).joined(separator: ", ")
        print("\(scenario): valid — \(plan.examples) examples × \(plan.length) samples, \(loaded.classes.count) classes (\(classes)), seed \(plan.seed)")
    }
}
