import Foundation
import SpecGenEngine
import SpecGenScenario
import Testing

/// The columns a run records are the catalogue's, with the catalogue's element type, unit and options.
@Suite struct FieldCatalogueTests {
    /// One class per emitter family (a hopper with a gated base), every stage of both lists (interferers
    /// carrying a hopper) and an array.
    static func everything(scene: Bool = false) throws -> Scenario {
        var classes: [String] = []
        for family in EmitterCatalogue.families {
            let emitter = family.takesBase ? "{\"type\": \"\(family.type)\", \"base\": {\"type\": \"qpsk\", \"gating\": {\"on_s\": 0.0001}}}"
                : "{\"type\": \"\(family.type)\"}"
            classes.append("{\"name\": \"\(family.type)\", \"emitter\": \(emitter)}")
        }
        func stages(_ list: String) -> String {
            StageCatalogue.typeNames(for: list).map { type in
                StageCatalogue.family(type)!.takesEmitter
                    ? "{\"type\": \"\(type)\", \"emitter\": {\"type\": \"fhss\", \"base\": {\"type\": \"tone\"}}}" : "{\"type\": \"\(type)\"}"
            }.joined(separator: ", ")
        }
        let json = """
            {"format": "specgen-scenario", "version": 1, "seed": 1, "examples": 4, "samples_per_example": 256, "sample_rate_hz": 1000000,
             "snr_db": 10, "classes": [\(classes.joined(separator: ", "))],
             "channel": [\(stages("channel"))], "receiver": [\(stages("receiver"))],
             \(scene ? "\"scene\": {\"duration_s\": 0.0001}" : "\"array\": {\"geometry\": \"ula\", \"elements\": 4}")}
            """
        return try Scenario.decode(Data(json.utf8))
    }

    @Test func everyRecordedColumnIsCatalogued() throws {
        let plan = RunPlan(scenario: try Self.everything())
        let columns = plan.columnTypes
        // Conversely, with every family and stage present, every direct emitter and stage parameter of
        // the catalogue is recorded (nested emitters need one scenario per base family, so not those).
        for field in MetadataCatalogue.fields where field.storage == .metaColumn {
            let segments = field.path.split(separator: ".")
            let direct = (segments.first == "emitter" && segments.count == 2)
                || (["channel", "receiver"].contains(segments.first!) && segments.count == 3) || segments.first == "array"
            if direct { #expect(columns[field.path] != nil, "\(field.path) is catalogued but not recorded") }
        }
        Self.expectCatalogued(plan)
        // The run columns every plan has are exactly the catalogue's.
        for field in MetadataCatalogue.runColumns { #expect(columns[field.path] != nil, "\(field.path)") }
    }

    /// A scene's plan: per example the burst count and the receiver's parameters, per burst (`/annotations`)
    /// the box and every emitter and channel parameter — each a catalogue field with the catalogue's
    /// storage, element type, unit and options.
    @Test func everySceneFieldIsCatalogued() throws {
        let plan = RunPlan(scenario: try Self.everything(scene: true))
        #expect(plan.scene != nil)
        let columns = plan.columnTypes, annotations = plan.annotationTypes
        #expect(columns["labels.burst_count"] != nil && columns.keys.contains { $0.hasPrefix("receiver.") })
        #expect(!columns.keys.contains { $0.hasPrefix("emitter.") || $0.hasPrefix("channel.") })
        for field in MetadataCatalogue.annotationBoxFields { #expect(annotations[field.path] != nil, "\(field.path)") }
        #expect(annotations["annotations.emitter.frequency_hz"] != nil && annotations["annotations.channel.carrier_offset.frequency_offset_hz"] != nil)
        Self.expectCatalogued(plan)
        for (path, type) in annotations {
            let field = MetadataCatalogue.field(path)
            #expect(field?.storage == .annotationColumn, "\(path) is not catalogued as an /annotations column")
            #expect(field?.element == "\(type)", "\(path): \(type) against \(field?.element ?? "nothing")")
        }
    }

    /// Every per-example column of `plan` is a per-example catalogue field of its element type, and every
    /// unit and option list the plan records (per-example and per-burst) is the catalogue's.
    static func expectCatalogued(_ plan: RunPlan) {
        for (path, type) in plan.columnTypes {
            let field = MetadataCatalogue.field(path)
            #expect(field?.storage.isPerExample == true, "\(path)")
            #expect(field?.element == "\(type)", "\(path): \(type) against \(field?.element ?? "nothing")")
        }
        for (path, unit) in plan.columnUnits { #expect(MetadataCatalogue.field(path)?.unit == unit, "\(path)") }
        for (path, options) in plan.columnCategories {
            guard case .category(let catalogued)? = MetadataCatalogue.field(path)?.valueType else {
                Issue.record("\(path) is not a category in the catalogue")
                continue
            }
            #expect(Set(options).isSubset(of: catalogued), "\(path)")
        }
    }
}
