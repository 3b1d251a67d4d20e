import SpecGenScenario

/// The semantic checks of a schema that reads cleanly, against the field catalogue: operators that fit
/// their fields, no disagreeing rules of equal specificity, nesting across levels, no released seed or
/// scenario hash beside hidden values, format rules consistent with the field rules, and the
/// derivation closure (`DerivationClosure`).
struct SchemaChecks {
    let schema: ClassificationSchema
    let resolution: SchemaResolution
    var issues = IssueList()

    init(schema: ClassificationSchema, resolution: SchemaResolution) {
        self.schema = schema
        self.resolution = resolution
    }

    /// Two phases: operators that fit their fields and rules that do not contradict each other; then,
    /// only if those hold (the later checks reason about what the operators release), nesting, the
    /// oracles, the format rules and the derivation closure.
    mutating func run(derivations: [FieldDerivation]) {
        applicability()
        conflicts()
        guard issues.isEmpty else { return }
        nesting()
        oracles()
        formatConsistency()
        for finding in DerivationClosure(schema: schema, resolution: resolution, derivations: derivations).findings() where finding.isExact {
            issues.add(finding.path, finding.message)
        }
    }

    /// Each operator must mean something for each field it reaches.
    mutating func applicability() {
        for entry in resolution.entries {
            guard let rule = entry.rule else { continue }
            for (position, operation) in entry.operations.enumerated() {
                guard let problem = Self.applicabilityProblem(operation, entry.field) else { continue }
                issues.add(schema.operatorPath(of: rule, atLevel: position), problem, field: entry.field.path)
            }
        }
    }

    static func applicabilityProblem(_ operation: Operation, _ field: MetadataField) -> String? {
        switch operation {
        case .release, .drop, .hash:
            return nil
        case .normalize:
            guard field.kind.normalizedUnit == nil else { return nil }
            return "normalize does not apply to \(field.kind.rawValue) fields (only to frequencies, frequency rates, durations and powers)"
        case .generalize:
            guard !field.valueType.isNumeric || [.category, .identifier, .provenance, .label].contains(field.kind) else { return nil }
            return "generalize applies to measured numbers, not to \(field.kind.rawValue) fields"
        case .constant(let value):
            switch (field.valueType, value) {
            case (.integer, .integer), (.real, .integer), (.real, .number), (.text, .text), (.texts, .texts): return nil
            case (.category(let options), .text(let name)) where options.contains(name): return nil
            case (.category(let options), _): return "a constant for this category field is one of its options (\(options.joined(separator: ", ")))"
            default: return "constant \(value.words) does not fit \(field.valueType.name) fields"
            }
        }
    }

    /// Equally specific rules that match the same field must say the same thing at every level.
    mutating func conflicts() {
        for entry in resolution.entries {
            guard let rule = entry.rule else { continue }
            for tie in entry.ties {
                guard let position = schema.levels.indices.first(where: {
                    schema.operation(of: rule, atLevel: $0) != schema.operation(of: tie, atLevel: $0)
                }) else { continue }
                let level = schema.levels[position].name
                issues.add("\(tie.jsonPath).field",
                           "\"\(tie.pattern)\" and \(rule.jsonPath).field \"\(rule.pattern)\" are equally specific (\(rule.pattern.specificity)) and both match the same fields, but disagree at \(level) (\(schema.operation(of: tie, atLevel: position).cell) against \(schema.operation(of: rule, atLevel: position).cell)); make one pattern more specific or make the rules agree",
                           field: entry.field.path)
            }
        }
    }

    /// What a level releases must be computable from what the next higher level releases.
    mutating func nesting() {
        for entry in resolution.entries {
            guard let rule = entry.rule else { continue }
            for position in schema.levels.indices.dropLast().reversed() {
                let lower = entry.operations[position], higher = entry.operations[position + 1]
                guard let problem = Operation.nestingProblem(lower, under: higher, field: entry.field) else { continue }
                issues.add(schema.operatorPath(of: rule, atLevel: position),
                           "at \(schema.levels[position].name) the field is \(lower.words), which is not computable from what \(schema.levels[position + 1].name) releases (\(higher.words)): \(problem)",
                           field: entry.field.path)
            }
        }
    }

    /// A released seed, or the scenario's unkeyed hash, is an oracle for hidden values.
    mutating func oracles() {
        for (position, level) in schema.levels.enumerated() {
            if let seed = resolution.entry(MetadataCatalogue.seed), seed.operations[position] == .release, let rule = seed.rule {
                let hidden = resolution.entries.filter { $0.field.affectsSamples && $0.operations[position] != .release }
                if !hidden.isEmpty {
                    issues.add("\(rule.jsonPath).release_from",
                               "the seed is released as is at \(level.name), where sample-affecting fields are hidden (\(describe(hidden, position))); with the generator, a released seed confirms guesses of every hidden value (REDACTION.md #12): release it only from a level that releases every sample-affecting field as is, and below that drop it, hash it (keyed) or make it a constant")
                }
            }
            if let digest = resolution.entry(MetadataCatalogue.scenarioDigest), digest.operations[position] == .release, let rule = digest.rule {
                let hidden = resolution.entries.filter {
                    $0.field.kind != .provenance && $0.field.path != MetadataCatalogue.scenarioDigest && $0.operations[position] != .release
                }
                if !hidden.isEmpty {
                    issues.add("\(rule.jsonPath).release_from",
                               "scenario_sha256 is released as is at \(level.name), where fields are hidden (\(describe(hidden, position))); an unkeyed hash of the scenario confirms guessed values by enumeration (REDACTION.md #13): release it only where every field is released as is, and hash it (keyed) or drop it below")
                }
            }
        }
    }

    /// The format rules must say what the field rules say about the sample rate, the ADC and the names.
    mutating func formatConsistency() {
        for (position, level) in schema.levels.enumerated() {
            let path = "$.levels[\(position)].format"
            let format = level.format
            let sampleRate = resolution.operation(MetadataCatalogue.sampleRate, level: position)
            if sampleRate == .release && format.sampleRate == .normalized {
                issues.add("\(path).sample_rate", "sample_rate_hz is released as is at \(level.name), so the format cannot normalise the sample rate: use \"physical\", or hide sample_rate_hz")
            } else if sampleRate != .release && format.sampleRate == .physical {
                issues.add("\(path).sample_rate", "sample_rate_hz is \(sampleRate.words) at \(level.name), so times and frequencies must be written in samples and cycles/sample: use \"normalized\"")
            }
            let bits = resolution.operation("receiver.adc.adc_bits", level: position)
            if format.compression && bits != .release {
                issues.add("\(path).compression", "compression is allowed at \(level.name) but receiver.adc.adc_bits is \(bits.words): the compression ratio reveals the ADC's bit depth (REDACTION.md #11); set it to false")
            }
            let names = resolution.operation("labels.class_names", level: position)
            if format.classNames == .scenario && names != .release {
                issues.add("\(path).class_names", "labels.class_names is \(names.words) at \(level.name), so the class names cannot be the scenario's: use \"generic\"")
            } else if format.classNames == .generic && names == .release {
                issues.add("\(path).class_names", "labels.class_names is released as is at \(level.name), but the format asks for generic names: use \"scenario\", or hide labels.class_names")
            }
        }
    }

    /// "a (drop), b (normalize) and 40 more".
    private func describe(_ entries: [SchemaResolution.Entry], _ position: Int) -> String {
        listFields(entries.map { "\($0.field.path): \($0.operations[position].cell)" }, limit: 4)
    }
}
