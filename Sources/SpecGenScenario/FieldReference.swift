import Foundation

/// `specgen schema fields`: the metadata field catalogue as a terminal table, Markdown (docs/fields.md,
/// kept current by a test) or JSON (for scripts and the client tests).
public enum FieldReference {
    public static func text(_ fields: [MetadataField] = MetadataCatalogue.fields) -> String {
        let header = ["field", "unit", "kind", "samples", "stored as", "where"]
        let rows = fields.map { f in
            [f.path, f.unit.isEmpty ? "-" : f.unit, f.kind.rawValue, f.affectsSamples ? "yes" : "no", f.element, f.storage.location(of: f.path)]
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        var out = "\(fields.count) metadata fields (samples: whether the value shapes /iq — where such a field is hidden the seed must be too)\n\n"
        out += line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    public static func markdown(_ fields: [MetadataField] = MetadataCatalogue.fields) -> String {
        var out = """
            # Metadata field catalogue

            Generated from the catalogue by `scripts/generate-reference` (`specgen schema fields --format markdown`); do not
            edit by hand. Every metadata field specgen can emit, for every emitter and stage type: what a
            classification schema (docs/classification.md) decides about. *Samples*: whether the value shapes /iq
            (where such a field is hidden, a released seed is an oracle for it). *Measurable*: its normalised value
            (cycles/sample, samples) can be estimated from /iq, so releasing it in physical units discloses the
            sample rate. A scene (a scenario with `scene`) records each burst's box and drawn emitter and channel
            parameters as `/annotations` columns (`annotations.…`, one row per burst) and the burst count per
            example. \(fields.count) fields.

            | field | unit | kind | value | samples | measurable | stored as | where | recorded by |
            |---|---|---|---|---|---|---|---|---|

            """
        for f in fields {
            let cells = ["`\(f.path)`", f.unit.isEmpty ? "–" : f.unit, f.kind.rawValue, valueText(f), f.affectsSamples ? "yes" : "no",
                         f.measurableInSamples ? "yes" : "no", f.element, f.storage.location(of: f.path), f.sources.joined(separator: ", ")]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\nDerivations the schema loader checks (docs/classification.md explains them): \(MetadataCatalogue.derivations.count) rows of \(Set(MetadataCatalogue.derivations.map(\.name)).count) kinds.\n"
        return out
    }

    private static func valueText(_ f: MetadataField) -> String {
        switch f.valueType {
        case .category(let options): return options.joined(separator: ", ")
        case .integer, .real:
            guard let b = f.bounds, !b.isUnbounded else { return f.valueType.name }
            return f.valueType.name + " " + (b.relativeToSampleRate ? "(\(b.description)) × Fs" : b.description)
        default: return f.valueType.name
        }
    }

    private struct Entry: Encodable {
        let path, unit, kind, valueType, element, storage, location, summary: String
        let options: [String]?
        let affectsSamples, measurableInSamples: Bool
        let lower, upper: Double?
        let boundsRelativeToSampleRate: Bool?
        let sources: [String]

        enum CodingKeys: String, CodingKey {
            case path, unit, kind, element, storage, location, summary, options, sources, lower, upper
            case valueType = "value_type", affectsSamples = "affects_samples", measurableInSamples = "measurable_in_samples"
            case boundsRelativeToSampleRate = "bounds_relative_to_sample_rate"
        }
    }

    public static func json(_ fields: [MetadataField] = MetadataCatalogue.fields) -> String {
        let entries = fields.map { f in
            let storage: String = switch f.storage {
            case .rootAttribute: "root_attribute"
            case .labelsDataset: "labels_dataset"
            case .metaColumn: "meta_column"
            case .labelsColumn: "labels_column"
            case .annotationColumn: "annotation_column"
            case .datasetAttribute: "dataset_attribute"
            case .shape: "shape"
            case .notWritten: "not_written"
            }
            var options: [String]?
            if case .category(let o) = f.valueType { options = o }
            let finite = { (x: Double?) -> Double? in x.flatMap { $0.isFinite ? $0 : nil } }
            return Entry(path: f.path, unit: f.unit, kind: f.kind.rawValue, valueType: f.valueType.name, element: f.element, storage: storage,
                         location: f.storage.location(of: f.path), summary: f.summary, options: options, affectsSamples: f.affectsSamples,
                         measurableInSamples: f.measurableInSamples, lower: finite(f.bounds?.lower), upper: finite(f.bounds?.upper),
                         boundsRelativeToSampleRate: f.bounds?.relativeToSampleRate, sources: f.sources)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(entries), as: UTF8.self) + "\n"
    }
}
