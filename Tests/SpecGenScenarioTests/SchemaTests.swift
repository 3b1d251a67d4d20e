import Foundation
import SpecGenScenario
import Testing

@Suite struct SchemaTests {
    /// The committed JSON Schema is exactly what the catalogue generates (one source of parameter facts).
    @Test func committedSchemaMatchesTheCatalogue() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Schemas/scenario.v1.schema.json")
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == ScenarioSchema.text(), "Schemas/scenario.v1.schema.json is stale: run scripts/generate-reference")
    }

    @Test func committedEmitterReferenceMatchesTheCatalogue() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/emitters.md")
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == EmitterReference.markdown(), "docs/emitters.md is stale: run scripts/generate-reference")
    }
}
