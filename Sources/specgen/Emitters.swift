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

    @Flag(help: "The whole reference as Markdown (docs/emitters.md).")
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
        if markdown {
            print(EmitterReference.markdown(), terminator: "")
            return
        }
        print(EmitterReference.text(types.isEmpty ? EmitterCatalogue.families : types.compactMap(EmitterCatalogue.family)), terminator: "")
    }
}
