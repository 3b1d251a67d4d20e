import ArgumentParser
import SpecGenScenario

struct Emitters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every emitter family with its parameters, units, defaults and ranges.",
        discussion: """
            The same facts validate scenarios and make up the scenario JSON Schema (one source).

            Examples:
              specgen emitters                     # all families
              specgen emitters qpsk tone           # just these
              specgen emitters --markdown > docs/emitters.md
              specgen emitters --json-schema > Schemas/scenario.v1.schema.json
              specgen run Scenarios/quickstart.json -o quickstart.h5
            """)

    @Argument(help: "Emitter types to show (default: all).")
    var types: [String] = []

    @Flag(help: "Markdown tables instead of plain text.")
    var markdown = false

    @Flag(help: "Print the scenario JSON Schema generated from the catalogue.")
    var jsonSchema = false

    func validate() throws {
        for type in types where EmitterCatalogue.family(type) == nil {
            throw ValidationError("unknown emitter type \"\(type)\"; known: \(EmitterCatalogue.typeNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        if jsonSchema {
            print(ScenarioSchema.text(), terminator: "")
            return
        }
        let families = types.isEmpty ? EmitterCatalogue.families : types.compactMap(EmitterCatalogue.family)
        var group = ""
        for family in families {
            if family.group != group {
                group = family.group
                print(markdown ? "\n## \(group)\n" : "\n\(group.uppercased())")
            }
            if markdown {
                print("### `\(family.type)`\n\n\(family.summary)\n")
                print("| parameter | unit | default | allowed | meaning |\n|---|---|---|---|---|")
                for p in family.parameters { print("| `\(p.name)` | \(p.unit) | \(describe(p.defaultValue, p)) | \(allowed(p)) | \(p.summary) |") }
                print()
            } else {
                print("  \(family.type): \(family.summary)")
                for p in family.parameters {
                    print("      \(p.name) [\(p.unit)] default \(describe(p.defaultValue, p)); \(allowed(p)) — \(p.summary)")
                }
            }
        }
    }

    private func allowed(_ p: ParameterSpec) -> String {
        if !p.options.isEmpty { return p.options.joined(separator: ", ") }
        let range = p.bounds.relativeToSampleRate ? "(\(p.bounds.description)) × Fs" : p.bounds.description
        return (p.isInteger ? "integer " : "") + range
    }

    private func describe(_ d: Distribution, _ p: ParameterSpec) -> String {
        func value(_ x: Double) -> String { p.options.isEmpty ? "\(x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x))" : p.options[Int(x)] }
        switch d {
        case .constant(let c): return value(c)
        case .uniform(let low, let high): return "uniform \(value(low)) … \(value(high))"
        case .logUniform(let low, let high): return "loguniform \(value(low)) … \(value(high))"
        case .normal(let mean, let std): return "normal(\(value(mean)), \(value(std)))"
        case .choice(let values, _): return "one of " + values.map(value).joined(separator: ", ")
        }
    }
}
