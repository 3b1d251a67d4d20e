import SpecGenScenario

/// The derivation closure of each level: starting from what the level releases as is (and normalised,
/// and what the samples and the file's structure show), apply the derivation table
/// (`MetadataCatalogue.derivations`) until nothing new follows. A hidden field that ends up known is a
/// leak: the loader refuses the schema. Derived fields feed further derivations, so a leak that takes
/// two steps (snr_db + snr_definition → noise.es_n0_db; with noise.sample_snr_db → samples per
/// symbol) is found; the table has cycles (sample rate ⇄ frequencies) and the fixpoint ends because the
/// known set only grows. Approximate derivations (a generalised input, a float32 copy) are warnings.
struct DerivationClosure {
    struct Finding {
        let level: Int
        let output: String
        let isExact: Bool
        /// Where to fix it: the rule that releases the first input as is, or the format key.
        let path: String
        let message: String
    }

    let schema: ClassificationSchema
    let resolution: SchemaResolution
    let derivations: [FieldDerivation]

    func findings() -> [Finding] {
        schema.levels.indices.flatMap(findings(level:))
    }

    private enum Knowledge: Comparable { case none, approximate, exact }

    func findings(level position: Int) -> [Finding] {
        let levelName = schema.levels[position].name
        let format = schema.levels[position].format
        var known = Set(resolution.entries.filter { $0.operations[position] == .release }.map(\.field.path))
        var derivedBy: [String: Int] = [:]

        func operation(_ path: String) -> Operation { resolution.operation(path, level: position) }
        func knowledge(_ input: FieldDerivation.Input) -> Knowledge {
            switch input {
            case .value(let path):
                if known.contains(path) { return .exact }
                if case .generalize = operation(path) { return .approximate }
                return .none
            case .normalized(let path):
                let field = resolution.entry(path)?.field
                if operation(path) == .normalize || field?.measurableInSamples == true { return .exact }
                return known.contains(path) && known.contains(MetadataCatalogue.sampleRate) ? .exact : .none
            case .format(let fact):
                return format.shows(fact) ? .exact : .none
            case .anyWritten(let paths):
                return paths.contains { operation($0) != .drop } ? .exact : .none
            }
        }

        var changed = true
        while changed {
            changed = false
            for (i, row) in derivations.enumerated() where row.isExact && !known.contains(row.output) && row.inputs.allSatisfy({ knowledge($0) == .exact }) {
                known.insert(row.output)
                derivedBy[row.output] = i
                changed = true
            }
        }

        var findings: [Finding] = []
        var reported = Set<String>()
        // Report each leak at its root: a field derived from another derived field is listed under the
        // root it follows from, not as a separate problem.
        func derivedInput(_ output: String) -> String? {
            derivations[derivedBy[output]!].inputs.lazy.compactMap { input -> String? in
                if case .value(let path) = input, derivedBy[path] != nil { return path }
                return nil
            }.first
        }
        func root(_ output: String) -> String {
            var current = output, steps = 0
            while let next = derivedInput(current), steps < derivedBy.count { current = next; steps += 1 }
            return current
        }
        var consequences: [String: [String]] = [:]
        for output in derivedBy.keys.sorted() where derivedInput(output) != nil { consequences[root(output), default: []].append(output) }
        for output in derivedBy.keys.sorted() {
            reported.insert(output)
            guard derivedInput(output) == nil else { continue }
            var found = finding(derivations[derivedBy[output]!], level: position, levelName: levelName, exact: true,
                                derivedBy: derivedBy.mapValues { derivations[$0] }, operation: operation)
            if let more = consequences[output] {
                found = Finding(level: found.level, output: found.output, isExact: true, path: found.path,
                                message: found.message + "; through it, \(more.count) more hidden field\(more.count == 1 ? " is" : "s are") derivable: " + listFields(more))
            }
            findings.append(found)
        }
        for row in derivations where !known.contains(row.output) && !reported.contains(row.output) {
            let levels = row.inputs.map(knowledge)
            guard levels.allSatisfy({ $0 != .none }), !row.isExact || levels.contains(.approximate) else { continue }
            reported.insert(row.output)
            findings.append(finding(row, level: position, levelName: levelName, exact: false,
                                    derivedBy: derivedBy.mapValues { derivations[$0] }, operation: operation))
        }
        return findings
    }

    private func finding(_ row: FieldDerivation, level position: Int, levelName: String, exact: Bool,
                         derivedBy: [String: FieldDerivation], operation: (String) -> Operation) -> Finding {
        var path: String?
        var sources: [String] = []
        for input in row.inputs {
            switch input {
            case .value(let input):
                if derivedBy[input] != nil {
                    sources.append("\(input) (itself derivable: \(derivedBy[input]!.formula))")
                } else if case .generalize = operation(input) {
                    sources.append("\(input) \(operation(input).words)")
                } else {
                    let rule = resolution.entry(input)?.rule
                    sources.append("\(input) released as is" + (rule.map { " (\($0.jsonPath))" } ?? ""))
                    if path == nil, let rule { path = schema.operatorPath(of: rule, atLevel: position) }
                }
            case .normalized(let input):
                let how = operation(input) == .normalize ? "released normalised"
                    : resolution.entry(input)?.field.measurableInSamples == true ? "measurable in /iq" : "from its value and the sample rate"
                sources.append("\(input) in normalised units (\(how))")
            case .format(let fact):
                sources.append("the format at \(levelName): \(fact.rawValue)")
                if path == nil { path = "$.levels[\(position)].format.\(FormatRules.key(of: fact))" }
            case .anyWritten(let inputs):
                guard let input = inputs.first(where: { operation($0) != .drop }) else { break }
                let rule = resolution.entry(input)?.rule
                sources.append("\(input) written (\(operation(input).words)" + (rule.map { ", \($0.jsonPath)" } ?? "") + ")")
                if path == nil, let rule { path = schema.operatorPath(of: rule, atLevel: position) }
            }
        }
        let hidden = operation(row.output)
        let how = exact ? "derivable" : "approximately derivable"
        let message = "\(row.output) is \(hidden.words) at \(levelName) but \(how) (\(row.name)): \(row.formula), from \(sources.joined(separator: "; "))"
            + (exact ? "; hide an input at \(levelName) or release \(row.output) as is there" : "")
        let fallback = resolution.entry(row.output)?.rule.map { schema.operatorPath(of: $0, atLevel: position) } ?? "$.rules"
        return Finding(level: position, output: row.output, isExact: exact, path: path ?? fallback, message: message)
    }
}
