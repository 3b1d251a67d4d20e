import Crypto
import Foundation
import SpecGenScenario

extension ClassificationSchema {
    /// Reads and checks a schema file.
    /// - Throws: `SchemaError` (`.file`, `.syntax` or `.invalid` with every problem and its JSON path).
    public static func load(from path: String, catalogue: [MetadataField] = MetadataCatalogue.fields,
                            derivations: [FieldDerivation] = MetadataCatalogue.derivations) throws(SchemaError) -> ClassificationSchema {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .file(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        return try decode(data, catalogue: catalogue, derivations: derivations)
    }

    /// Checks schema JSON: strict reading first, then — on a schema that reads cleanly — the semantic
    /// checks against the catalogue and the derivation closure.
    public static func decode(_ data: Data, catalogue: [MetadataField] = MetadataCatalogue.fields,
                              derivations: [FieldDerivation] = MetadataCatalogue.derivations) throws(SchemaError) -> ClassificationSchema {
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch let ScenarioError.syntax(detail) {
            throw .syntax(detail)
        } catch {
            throw .syntax("\(error)")
        }
        var reader = SchemaReader()
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard let schema = reader.schema(root, sha256: digest), reader.issues.isEmpty else { throw .invalid(reader.issues.all) }
        var checks = SchemaChecks(schema: schema, resolution: SchemaResolution(schema: schema, catalogue: catalogue))
        checks.run(derivations: derivations)
        if !checks.issues.isEmpty { throw .invalid(checks.issues.all) }
        return schema
    }
}
