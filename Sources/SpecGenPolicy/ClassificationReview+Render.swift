extension ClassificationReview {
    public func text() -> String { document().text() }
    public func markdown() -> String { document().markdown() }
    public func html() -> String { document().html() }

    func document() -> ReportDocument {
        var doc = ReportDocument(title: "Classification schema review: \(schema.name)")
        doc.paragraph("Schema \(schema.id), version \(schema.version), SHA-256 \(schema.sha256). Last reviewed \(schema.review.last), next review due \(schema.review.next); this review was made on \(today).")
        if let summary = schema.summary { doc.paragraph(summary) }

        doc.heading("Levels")
        doc.table(["rank", "level", "display", "categories", "description"], schema.levels.map { level in
            var categories = Dictionary(uniqueKeysWithValues: schema.categories.map { ($0.name, $0.values) })
            for category in level.categories { categories[category.name] = category.values }
            let text = categories.keys.sorted().map { "\($0): \(categories[$0]!.joined(separator: ", "))" }.joined(separator: "; ")
            return [String(level.rank), level.name, level.display, text.isEmpty ? "–" : text, level.summary ?? ""]
        })

        doc.heading("Format rules")
        doc.table(["rule"] + schema.levels.map(\.name), formatRows())

        let names = schema.levels.map(\.name)
        doc.heading("What each level releases")
        doc.table(["level", "fields", "released as is", "normalised", "generalised", "hashed", "constant", "dropped", "of which named by no rule"],
                  schema.levels.indices.map { p in
                      let ops = resolution.entries.map { $0.operations[p] }
                      func count(_ name: String) -> String { String(ops.filter { $0.name == name }.count) }
                      return [names[p], String(ops.count), count("release"), count("normalize"), count("generalize"), count("hash"),
                              count("constant"), count("drop"), String(resolution.entries.filter { $0.rule == nil }.count)]
                  })

        doc.heading("Fields × levels")
        doc.paragraph("release: written as is; normalize: frequencies in cycles/sample, durations in samples, powers relative to the strongest emitter, the sample rate as 1; step/buckets: floored; hash: keyed HMAC-SHA256; = v: replaced by v; drop: not written; drop*: named by no rule (fail closed).")
        var rows: [[String]] = [], classes: [[String]] = []
        for entry in resolution.entries {
            let cells = entry.operations.map { entry.rule == nil ? "drop*" : $0.cell }
            rows.append([entry.field.path, entry.field.unit.isEmpty ? "–" : entry.field.unit, entry.field.kind.rawValue] + cells
                        + [entry.rule.map { "\($0.index): \($0.pattern)" } ?? "none"])
            classes.append(["", "", ""] + entry.operations.map { entry.rule == nil ? "unnamed" : $0.name } + [""])
        }
        doc.table(["field", "unit", "kind"] + names + ["rule"], rows, classes: classes)

        doc.heading("Rules")
        doc.table(["#", "field", "release_from", "below", "at", "governs", "reason"], schema.rules.map { rule in
            let at = rule.at.keys.sorted { schema.levelIndex($0)! < schema.levelIndex($1)! }.map { "\($0): \(rule.at[$0]!.cell)" }.joined(separator: "; ")
            let governs = resolution.entries.filter { $0.rule?.index == rule.index }.count
            return [String(rule.index), rule.pattern.text, rule.releaseFrom ?? ClassificationSchema.never, rule.below.cell,
                    at.isEmpty ? "–" : at, "\(governs) field\(governs == 1 ? "" : "s")", rule.reason ?? ""]
        })

        doc.heading("Warnings (\(warnings.count))")
        if warnings.isEmpty { doc.paragraph("None.") } else { doc.list(warnings.map(\.description)) }
        return doc
    }

    private func formatRows() -> [[String]] {
        let formats = schema.levels.map(\.format)
        func row(_ name: String, _ value: (FormatRules) -> String) -> [String] { [name] + formats.map(value) }
        func list(_ values: [Int]?) -> String { values.map { $0.map(String.init).joined(separator: ", ") } ?? "any" }
        func allowed(_ b: Bool) -> String { b ? "allowed" : "not allowed" }
        return [
            row("sample_rate") { $0.sampleRate.rawValue },
            row("example_lengths") { list($0.exampleLengths) },
            row("channel_counts") { list($0.channelCounts) },
            row("sample_type") { $0.sampleType },
            row("adc_quantization") { allowed($0.adcQuantization) },
            row("compression") { allowed($0.compression) },
            row("unit_power") { $0.unitPower ? "yes" : "no" },
            row("class_names") { $0.classNames.rawValue },
            row("spectrogram") { allowed($0.spectrogram) },
            row("clean_reference") { allowed($0.cleanReference) },
            row("chunk_examples") { String($0.chunkExamples) },
        ]
    }
}
