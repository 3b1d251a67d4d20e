import SpecGenScenario

/// `specgen schema diff A B`: in plain words, what changes from schema A to schema B — identity and
/// review dates, levels, categories, and for each level present in both, which fields become more or
/// less releasable (by the nesting relation: B's release is more releasable when A's is computable from
/// it and not the other way round) and how the format rules change.
public struct ClassificationDiff: Sendable {
    public let lines: [String]
    /// Whether anything a dataset could disclose changes (field operations, format rules, levels).
    public let changesRelease: Bool

    public var text: String { lines.joined(separator: "\n") + "\n" }

    public init(from a: ClassificationSchema, to b: ClassificationSchema, catalogue: [MetadataField] = MetadataCatalogue.fields) {
        var out: [String] = ["From \(a.id) version \(a.version) (SHA-256 \(a.sha256.prefix(12))…) to \(b.id) version \(b.version) (SHA-256 \(b.sha256.prefix(12))…)."]
        var release = false
        if a.id != b.id { out.append("The id changes from \(a.id) to \(b.id).") }
        if a.name != b.name { out.append("The name changes from \"\(a.name)\" to \"\(b.name)\".") }
        if a.review != b.review {
            out.append("Review dates change: last \(a.review.last) → \(b.review.last), next \(a.review.next) → \(b.review.next).")
        }
        out += Self.categoryLines(a.categories, b.categories, prefix: "Categories")

        for level in a.levels where b.level(named: level.name) == nil {
            out.append("Level \(level.name) (rank \(level.rank)) is removed: files can no longer be marked \(level.name) under this schema.")
            release = true
        }
        for level in b.levels where a.level(named: level.name) == nil {
            out.append("Level \(level.name) (rank \(level.rank), \"\(level.display)\") is new.")
            release = true
        }

        let resolutionA = SchemaResolution(schema: a, catalogue: catalogue), resolutionB = SchemaResolution(schema: b, catalogue: catalogue)
        for (position, level) in b.levels.enumerated() {
            out.append("")
            guard let positionA = a.levelIndex(level.name) else {
                let ops = resolutionB.entries.map { $0.operations[position] }
                let counts = ["release", "normalize", "generalize", "hash", "constant", "drop"].compactMap { name -> String? in
                    let n = ops.filter { $0.name == name }.count
                    return n == 0 ? nil : "\(n) \(Self.plural[name]!)"
                }
                out.append("At \(level.name) (new): \(counts.joined(separator: ", ")).")
                continue
            }
            let old = a.levels[positionA]
            var section: [String] = []
            if old.rank != level.rank { section.append("  its rank changes from \(old.rank) to \(level.rank)") }
            if old.display != level.display { section.append("  its display text changes from \"\(old.display)\" to \"\(level.display)\"") }
            section += Self.categoryLines(old.categories, level.categories, prefix: "  its categories").map { $0 }
            let format = Self.formatLines(old.format, level.format)
            if !format.isEmpty { release = true }
            section += format
            let fields = Self.fieldLines(resolutionA, positionA, resolutionB, position)
            if !fields.isEmpty { release = true }
            section += fields
            out.append(section.isEmpty ? "At \(level.name): no change." : "At \(level.name):")
            out += section
        }
        if !release { out.append(""); out.append("Nothing a dataset may disclose changes at any level.") }
        lines = out
        changesRelease = release
    }

    static let plural = ["release": "fields released as is", "normalize": "normalised", "generalize": "generalised", "hash": "hashed",
                         "constant": "constant", "drop": "dropped"]

    /// Field changes at one level, grouped by direction and by (old → new) operation.
    static func fieldLines(_ a: SchemaResolution, _ positionA: Int, _ b: SchemaResolution, _ positionB: Int) -> [String] {
        var groups: [String: [(transition: String, fields: [String])]] = [:]
        for entry in b.entries {
            guard let before = a.entry(entry.field.path)?.operations[positionA] else { continue }
            let after = entry.operations[positionB]
            guard before != after else { continue }
            let forward = Operation.nestingProblem(before, under: after, field: entry.field) == nil
            let backward = Operation.nestingProblem(after, under: before, field: entry.field) == nil
            let direction = forward && !backward ? "more" : backward && !forward ? "less" : forward ? "same" : "other"
            let transition = "\(before.words) → \(after.words)"
            var list = groups[direction] ?? []
            if let i = list.firstIndex(where: { $0.transition == transition }) { list[i].fields.append(entry.field.path) } else { list.append((transition, [entry.field.path])) }
            groups[direction] = list
        }
        var lines: [String] = []
        let titles = [("more", "more releasable"), ("less", "less releasable"), ("same", "changed, disclosing as much as before"),
                      ("other", "changed, neither containing the other")]
        for (key, title) in titles {
            guard let list = groups[key] else { continue }
            let count = list.map(\.fields.count).reduce(0, +)
            lines.append("  \(count) field\(count == 1 ? " becomes" : "s become") \(title):")
            for (transition, fields) in list { lines.append("    \(transition): \(fields.joined(separator: ", "))") }
        }
        return lines
    }

    /// Format rule changes, each saying whether the data may now show more.
    static func formatLines(_ a: FormatRules, _ b: FormatRules) -> [String] {
        var lines: [String] = []
        func change(_ key: String, _ before: String, _ after: String, more: Bool?) {
            guard before != after else { return }
            let direction = more.map { $0 ? " (the data may show more)" : " (the data may show less)" } ?? ""
            lines.append("  format.\(key): \(before) → \(after)\(direction)")
        }
        func list(_ v: [Int]?) -> String { v.map { $0.map(String.init).joined(separator: ", ") } ?? "any" }
        func wider(_ x: [Int]?, than y: [Int]?) -> Bool? {
            switch (x, y) {
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return Set(x).isSuperset(of: y) ? true : Set(y).isSuperset(of: x) ? false : nil
            }
        }
        change("sample_rate", a.sampleRate.rawValue, b.sampleRate.rawValue, more: b.sampleRate == .physical)
        change("example_lengths", list(a.exampleLengths), list(b.exampleLengths), more: wider(b.exampleLengths, than: a.exampleLengths))
        change("channel_counts", list(a.channelCounts), list(b.channelCounts), more: wider(b.channelCounts, than: a.channelCounts))
        change("sample_type", a.sampleType, b.sampleType, more: nil)
        change("adc_quantization", String(a.adcQuantization), String(b.adcQuantization), more: b.adcQuantization)
        change("compression", String(a.compression), String(b.compression), more: b.compression)
        change("unit_power", String(a.unitPower), String(b.unitPower), more: !b.unitPower)
        change("class_names", a.classNames.rawValue, b.classNames.rawValue, more: b.classNames == .scenario)
        change("spectrogram", String(a.spectrogram), String(b.spectrogram), more: b.spectrogram)
        change("clean_reference", String(a.cleanReference), String(b.cleanReference), more: b.cleanReference)
        change("chunk_examples", String(a.chunkExamples), String(b.chunkExamples), more: nil)
        return lines
    }

    static func categoryLines(_ a: [LabelCategory], _ b: [LabelCategory], prefix: String) -> [String] {
        var lines: [String] = []
        let before = Dictionary(uniqueKeysWithValues: a.map { ($0.name, $0.values) })
        let after = Dictionary(uniqueKeysWithValues: b.map { ($0.name, $0.values) })
        for name in Set(before.keys).union(after.keys).sorted() {
            switch (before[name], after[name]) {
            case (nil, let values?): lines.append("\(prefix): \"\(name)\" is added (\(values.joined(separator: ", "))).")
            case (let values?, nil): lines.append("\(prefix): \"\(name)\" is removed (was \(values.joined(separator: ", "))).")
            case (let x?, let y?) where x != y:
                let added = y.filter { !x.contains($0) }, removed = x.filter { !y.contains($0) }
                var parts: [String] = []
                if !added.isEmpty { parts.append("adds \(added.joined(separator: ", "))") }
                if !removed.isEmpty { parts.append("removes \(removed.joined(separator: ", "))") }
                if parts.isEmpty { parts.append("reorders its values") }
                lines.append("\(prefix): \"\(name)\" \(parts.joined(separator: " and ")).")
            default: break
            }
        }
        return lines
    }
}
