import Foundation
import SpecGenPolicy

/// The shipped example schemas, and mutated copies of them for the refusal tests.
enum SchemaFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Schemas")
    static var fourLevelPath: String { directory.appendingPathComponent("classification-four-level.json").path }
    static var openPath: String { directory.appendingPathComponent("classification-open.json").path }

    /// The four-level example as a mutable JSON object.
    static func fourLevel() -> [String: Any] {
        let data = try! Data(contentsOf: URL(fileURLWithPath: fourLevelPath))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func data(_ object: [String: Any]) -> Data {
        try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Decodes a schema object; the issues it is refused with (empty when it is accepted).
    static func issues(_ object: [String: Any]) -> [SchemaIssue] {
        do {
            _ = try ClassificationSchema.decode(data(object))
            return []
        } catch .invalid(let issues) {
            return issues
        } catch {
            return [SchemaIssue(path: "$", message: "\(error)")]
        }
    }

    /// The four-level example with `change` applied to the rule whose pattern is `field`.
    static func fourLevel(rule field: String, _ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var schema = fourLevel()
        var rules = schema["rules"] as! [[String: Any]]
        let i = rules.firstIndex { $0["field"] as? String == field }!
        change(&rules[i])
        schema["rules"] = rules
        return schema
    }

    static func ruleIndex(_ field: String) -> Int {
        (fourLevel()["rules"] as! [[String: Any]]).firstIndex { $0["field"] as? String == field }!
    }

    /// The four-level example with extra rules appended.
    static func fourLevel(adding extra: [[String: Any]]) -> [String: Any] {
        var schema = fourLevel()
        schema["rules"] = (schema["rules"] as! [[String: Any]]) + extra
        return schema
    }

    /// The four-level example with `change` applied to level `index`'s object.
    static func fourLevel(level index: Int, _ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var schema = fourLevel()
        var levels = schema["levels"] as! [[String: Any]]
        change(&levels[index])
        schema["levels"] = levels
        return schema
    }

    static func load(_ object: [String: Any]) throws -> ClassificationSchema { try ClassificationSchema.decode(data(object)) }
}

extension SchemaFixtures {
    /// A minimal two-level schema, LOW < HIGH: `**` is released from LOW, then `rules` (appended after
    /// it, so the first of them is `$.rules[1]`). LOW's format hides the ADC and normalises nothing
    /// unless `low` changes it.
    static func twoLevel(_ rules: [[String: Any]], low: [String: Any] = [:]) -> [String: Any] {
        var lowFormat: [String: Any] = [
            "sample_rate": "physical", "sample_type": "complex64", "adc_quantization": false, "compression": false,
            "unit_power": false, "class_names": "scenario", "spectrogram": true, "chunk_examples": 64,
        ]
        for (key, value) in low { lowFormat[key] = value }
        let highFormat: [String: Any] = [
            "sample_rate": "physical", "sample_type": "complex64", "adc_quantization": true, "compression": true,
            "unit_power": false, "class_names": "scenario", "spectrogram": true, "chunk_examples": 64,
        ]
        return [
            "format": "specgen-classification", "format_version": 1, "id": "test.two-level", "name": "two levels", "version": "1",
            "review": ["last": "2026-01-01", "next": "2030-01-01"],
            "levels": [
                ["rank": 0, "name": "LOW", "display": "LOW", "format": lowFormat],
                ["rank": 1, "name": "HIGH", "display": "HIGH", "format": highFormat],
            ],
            "rules": [["field": "**", "release_from": "LOW"]] + rules,
        ]
    }
}
