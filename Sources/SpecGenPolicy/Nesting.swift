import Foundation
import SpecGenScenario

/// Nesting: what a level releases must be computable from what the next higher level releases, so a
/// reader cleared higher never sees less. The table (lower level's operator ↓, higher level's →):
///
/// | lower \ higher | release | normalize | generalize | hash | constant | drop |
/// |---|---|---|---|---|---|---|
/// | release | ✓ | – | – | – | – | – |
/// | normalize | ✓¹ | ✓ | – | – | – | – |
/// | generalize | ✓ | – | ✓² | – | – | – |
/// | hash | ✓ | ✓³ | – | ✓ | – | – |
/// | constant, drop | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
///
/// ¹ for fields measurable in /iq, the sample rate (normalised: 1) and powers; a carrier frequency's
/// fraction of the sample rate is not computable from it in Hz alone. ² the lower step a whole multiple
/// of the higher step; lower bucket edges a subset of the higher edges, or multiples of the higher step;
/// never steps under buckets. ³ for frequencies, frequency rates and durations: normalising divides by
/// one sample rate per file, so equal values stay equal.
extension Operation {
    /// Why `lower` is not computable from `higher` for `field`; nil when it is.
    static func nestingProblem(_ lower: Operation, under higher: Operation, field: MetadataField) -> String? {
        switch (lower, higher) {
        case (.drop, _), (.constant, _):
            return nil
        case (.normalize, .release):
            if field.measurableInSamples || field.path == MetadataCatalogue.sampleRate || field.kind == .power { return nil }
            return "its normalised value is not computable from the value in \(field.unit) alone (it is not measurable in /iq)"
        case (_, .release):
            return nil
        case (.release, _):
            return "a lower level cannot release as is what a higher level hides"
        case (.normalize, .normalize), (.hash, .hash):
            return nil
        case (.hash, .normalize):
            if [.frequency, .frequencyRate, .duration].contains(field.kind) { return nil }
            return "a keyed hash of the exact value is not computable from a value normalised per example"
        case (.generalize(let g), .generalize(let h)):
            return Generalization.nestingProblem(g, under: h)
        default:
            return "\(lower.words) is not computable from \(higher.words)"
        }
    }

    /// In plain words: "released as is", "generalised to steps of 1000", "keyed hash".
    public var words: String {
        switch self {
        case .release: "released as is"
        case .drop: "dropped"
        case .normalize: "normalised"
        case .generalize(.step(let s)): "generalised to steps of \(compactNumber(s))"
        case .generalize(.buckets(let edges)): "generalised to buckets at \(edges.map(compactNumber).joined(separator: ", "))"
        case .hash: "replaced by a keyed hash"
        case .constant(let value): "replaced by the constant \(value.words)"
        }
    }

    /// A table cell: `release`, `drop`, `normalize`, `step 1000`, `buckets 0|1000|5000`, `hash`, `= 0`.
    public var cell: String {
        switch self {
        case .release, .drop, .normalize, .hash: name
        case .generalize(.step(let s)): "step \(compactNumber(s))"
        case .generalize(.buckets(let edges)): "buckets " + edges.map(compactNumber).joined(separator: "|")
        case .constant(let value): "= \(value.words)"
        }
    }
}

extension ConstantValue {
    public var words: String {
        switch self {
        case .integer(let i): String(i)
        case .number(let d): compactNumber(d)
        case .text(let s): "\"\(s)\""
        case .texts(let list): "[" + list.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }
}

extension Generalization {
    /// Why `lower` cannot be computed from `higher`; nil when it can.
    static func nestingProblem(_ lower: Generalization, under higher: Generalization) -> String? {
        switch (lower, higher) {
        case (.step(let l), .step(let h)):
            return isWholeMultiple(l, of: h) ? nil
                : "step \(compactNumber(l)) is not a whole multiple of the next higher level's step \(compactNumber(h))"
        case (.buckets(let l), .buckets(let h)):
            for edge in l where !h.contains(where: { same(edge, $0) }) {
                return "bucket edge \(compactNumber(edge)) is not one of the next higher level's edges"
            }
            return nil
        case (.buckets(let l), .step(let h)):
            for edge in l where !isMultiple(edge, of: h) {
                return "bucket edge \(compactNumber(edge)) is not a multiple of the next higher level's step \(compactNumber(h))"
            }
            return nil
        case (.step, .buckets):
            return "steps are not computable from the next higher level's buckets"
        }
    }

    /// a = k·b for a whole k ≥ 1 (to 1e-9).
    static func isWholeMultiple(_ a: Double, of b: Double) -> Bool {
        let k = a / b
        return k.rounded() >= 1 && abs(k - k.rounded()) <= 1e-9 * max(1, k)
    }

    /// a = k·b for a whole k (any sign, 0 included).
    static func isMultiple(_ a: Double, of b: Double) -> Bool {
        let k = a / b
        return abs(k - k.rounded()) <= 1e-9 * max(1, abs(k))
    }

    static func same(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b)) }
}

/// Numbers in messages and tables: `3e8` rather than `300000000` when a short mantissa says it exactly.
func compactNumber(_ x: Double) -> String {
    guard x.isFinite, abs(x) >= 1e5 else { return formatNumber(x) }
    let exponent = Int(log10(abs(x)).rounded(.down))
    let mantissa = x / pow(10, Double(exponent))
    let rounded = (mantissa * 100).rounded() / 100
    guard abs(rounded * pow(10, Double(exponent)) - x) <= 1e-9 * abs(x) else { return formatNumber(x) }
    return formatNumber(rounded) + "e" + String(exponent)
}
