import Foundation
import SpecGenScenario
import Testing

@Suite struct SchemaTests {
    /// The committed JSON Schema is exactly what the catalogue generates (one source of parameter facts).
    @Test func committedSchemaMatchesTheCatalogue() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Schemas/scenario.v1.schema.json")
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == ScenarioSchema.text(), "Schemas/scenario.v1.schema.json is stale: run scripts/generate-schema")
    }
}
