import Foundation
import SpecGenScenario

/// The strict reader: every key known, every value typed, every level reference defined. It collects
/// every problem with its JSON path; the semantic checks (`SchemaChecks`) run only on a schema that
/// reads cleanly.
struct SchemaReader {
    var issues = IssueList()

    mutating func fail(_ path: String, _ message: String) { issues.add(path, message) }

    mutating func schema(_ root: JSONValue, sha256: String) -> ClassificationSchema? {
        let keys = ["$schema", "categories", "description", "format", "format_version", "id", "levels", "name", "review", "rules", "version"]
        guard let members = object(root, at: "$", allowed: keys,
                                   required: ["format", "format_version", "id", "levels", "name", "review", "rules", "version"],
                                   what: "a classification schema") else { return nil }
        if let format = members["format"] { _ = string(format, at: "$.format", allowed: [ClassificationSchema.formatName]) }
        if let version = members["format_version"], let v = integer(version, at: "$.format_version", range: 1 ... 1_000_000),
           v != ClassificationSchema.formatVersion {
            fail("$.format_version", "format_version \(v) is not supported; this specgen reads version \(ClassificationSchema.formatVersion)")
        }
        if let schema = members["$schema"] { _ = string(schema, at: "$.$schema", allowed: nil) }
        let id = members["id"].flatMap { identifier($0, at: "$.id", what: "an id") }
        let name = members["name"].flatMap { text($0, at: "$.name", maximum: 200) }
        let version = members["version"].flatMap { text($0, at: "$.version", maximum: 64) }
        let summary = members["description"].flatMap { text($0, at: "$.description", maximum: 4000) }
        let review = members["review"].flatMap { reviewDates($0, at: "$.review") }
        let categories = members["categories"].map { labelCategories($0, at: "$.categories") } ?? []
        let levels = members["levels"].flatMap { levelList($0, at: "$.levels") }
        let rules = levels.flatMap { levels in members["rules"].flatMap { ruleList($0, at: "$.rules", levels: levels) } }
        guard issues.isEmpty, let id, let name, let version, let review, let levels, let rules else { return nil }
        return ClassificationSchema(id: id, name: name, version: version, summary: summary, review: review, categories: categories,
                                    levels: levels, rules: rules, sha256: sha256)
    }

    // MARK: Header

    mutating func reviewDates(_ value: JSONValue, at path: String) -> ReviewDates? {
        guard let members = object(value, at: path, allowed: ["last", "next"], required: ["last", "next"], what: "review dates") else { return nil }
        let last = members["last"].flatMap { date($0, at: "\(path).last") }
        let next = members["next"].flatMap { date($0, at: "\(path).next") }
        guard let last, let next else { return nil }
        if next < last {
            fail("\(path).next", "the next review (\(next)) is before the last one (\(last))")
            return nil
        }
        return ReviewDates(last: last, next: next)
    }

    mutating func date(_ value: JSONValue, at path: String) -> CalendarDate? {
        guard let text = string(value, at: path, allowed: nil) else { return nil }
        guard let date = CalendarDate(text) else {
            fail(path, "\"\(text)\" is not a calendar date; write YYYY-MM-DD")
            return nil
        }
        return date
    }

    mutating func labelCategories(_ value: JSONValue, at path: String) -> [LabelCategory] {
        guard case .object(let members) = value else {
            fail(path, "expected an object of category name → list of values, such as {\"Releasable To\": [\"GBR\", \"USA\"]}, got \(value.kindName)")
            return []
        }
        var categories: [LabelCategory] = []
        for name in members.keys.sorted() {
            let itemPath = "\(path)[\"\(name)\"]"
            if name.isEmpty || name.count > 64 { fail(itemPath, "a category name has 1 to 64 characters") }
            guard case .array(let items) = members[name]!, !items.isEmpty else {
                fail(itemPath, "expected a non-empty array of strings, got \(members[name]!.shortDescription)")
                continue
            }
            var values: [String] = []
            for (i, item) in items.enumerated() {
                guard let text = text(item, at: "\(itemPath)[\(i)]", maximum: 64) else { continue }
                if values.contains(text) { fail("\(itemPath)[\(i)]", "\"\(text)\" is listed twice") } else { values.append(text) }
            }
            categories.append(LabelCategory(name: name, values: values))
        }
        return categories
    }

    // MARK: Levels

    mutating func levelList(_ value: JSONValue, at path: String) -> [ClassificationLevel]? {
        guard case .array(let items) = value, (1 ... 32).contains(items.count) else {
            fail(path, "expected an array of 1 to 32 levels, lowest rank first, got \(value.shortDescription)")
            return nil
        }
        var levels: [ClassificationLevel] = []
        var ranks: [Int: Int] = [:], names: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard let level = level(item, at: itemPath) else { continue }
            if let first = ranks[level.rank] {
                fail("\(itemPath).rank", "rank \(level.rank) is already the rank of \(path)[\(first)] (\(levels.first { $0.rank == level.rank }!.name)); ranks must be unique")
                continue
            }
            if let first = names[level.name] {
                fail("\(itemPath).name", "\"\(level.name)\" is already the name of \(path)[\(first)]; level names must be unique")
                continue
            }
            if let previous = levels.last, level.rank < previous.rank {
                fail("\(itemPath).rank", "rank \(level.rank) comes after rank \(previous.rank) (\(previous.name)); list levels in increasing rank, lowest first")
                continue
            }
            ranks[level.rank] = i
            names[level.name] = i
            levels.append(level)
        }
        return levels.count == items.count ? levels : nil
    }

    mutating func level(_ value: JSONValue, at path: String) -> ClassificationLevel? {
        guard let members = object(value, at: path, allowed: ["categories", "description", "display", "format", "name", "rank"],
                                   required: ["display", "format", "name", "rank"], what: "a level") else { return nil }
        let rank = members["rank"].flatMap { integer($0, at: "\(path).rank", range: -1_000_000 ... 1_000_000) }
        var name = members["name"].flatMap { identifier($0, at: "\(path).name", what: "a level name") }
        if name == ClassificationSchema.never {
            fail("\(path).name", "\"never\" is reserved (release_from \"never\" means the field is never released as is)")
            name = nil
        }
        let display = members["display"].flatMap { text($0, at: "\(path).display", maximum: 200) }
        let summary = members["description"].flatMap { text($0, at: "\(path).description", maximum: 4000) }
        let categories = members["categories"].map { labelCategories($0, at: "\(path).categories") } ?? []
        let format = members["format"].flatMap { formatRules($0, at: "\(path).format") }
        guard let rank, let name, let display, let format else { return nil }
        return ClassificationLevel(rank: Int(rank), name: name, display: display, summary: summary, categories: categories, format: format)
    }

    mutating func formatRules(_ value: JSONValue, at path: String) -> FormatRules? {
        let required = ["adc_quantization", "chunk_examples", "class_names", "compression", "sample_rate", "sample_type", "spectrogram", "unit_power"]
        guard let m = object(value, at: path, allowed: required + ["channel_counts", "clean_reference", "example_lengths"], required: required,
                             what: "format rules") else { return nil }
        let sampleRate = m["sample_rate"].flatMap { string($0, at: "\(path).sample_rate", allowed: FormatRules.SampleRate.allCases.map(\.rawValue)) }
        let lengths = m["example_lengths"].flatMap { integerSet($0, at: "\(path).example_lengths", range: 16 ... 16_777_216) }
        let counts = m["channel_counts"].flatMap { integerSet($0, at: "\(path).channel_counts", range: 1 ... 64) }
        let sampleType = m["sample_type"].flatMap { string($0, at: "\(path).sample_type", allowed: ["complex64"]) }
        let adc = m["adc_quantization"].flatMap { bool($0, at: "\(path).adc_quantization") }
        let compression = m["compression"].flatMap { bool($0, at: "\(path).compression") }
        let unitPower = m["unit_power"].flatMap { bool($0, at: "\(path).unit_power") }
        let classNames = m["class_names"].flatMap { string($0, at: "\(path).class_names", allowed: FormatRules.ClassNames.allCases.map(\.rawValue)) }
        let spectrogram = m["spectrogram"].flatMap { bool($0, at: "\(path).spectrogram") }
        let clean = m["clean_reference"].flatMap { bool($0, at: "\(path).clean_reference") }
        let chunk = m["chunk_examples"].flatMap { integer($0, at: "\(path).chunk_examples", range: 1 ... 1_000_000) }
        guard let sampleRate, let sampleType, let adc, let compression, let unitPower, let classNames, let spectrogram, let chunk,
              m["example_lengths"] == nil || lengths != nil, m["clean_reference"] == nil || clean != nil, m["channel_counts"] == nil || counts != nil else { return nil }
        var rules = FormatRules(sampleRate: .init(rawValue: sampleRate)!, exampleLengths: lengths, channelCounts: counts, sampleType: sampleType,
                           adcQuantization: adc, compression: compression, unitPower: unitPower, classNames: .init(rawValue: classNames)!,
                           spectrogram: spectrogram, chunkExamples: Int(chunk))
        rules.cleanReference = clean ?? false
        return rules
    }

    // MARK: Rules

    mutating func ruleList(_ value: JSONValue, at path: String, levels: [ClassificationLevel]) -> [FieldRule]? {
        guard case .array(let items) = value else {
            fail(path, "expected an array of rules such as [{\"field\": \"emitter.*\", \"release_from\": \"SECRET\"}], got \(value.kindName)")
            return nil
        }
        var rules: [FieldRule] = []
        var patterns: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard let rule = rule(item, index: i, at: "\(path)[\(i)]", levels: levels) else { continue }
            if let first = patterns[rule.pattern.text] {
                fail("\(path)[\(i)].field", "pattern \"\(rule.pattern.text)\" is already the pattern of \(path)[\(first)]; one rule per pattern")
                continue
            }
            patterns[rule.pattern.text] = i
            rules.append(rule)
        }
        return rules.count == items.count ? rules : nil
    }

    mutating func rule(_ value: JSONValue, index: Int, at path: String, levels: [ClassificationLevel]) -> FieldRule? {
        guard let members = object(value, at: path, allowed: ["at", "below", "field", "reason", "release_from"],
                                   required: ["field", "release_from"], what: "a rule") else { return nil }
        var pattern: FieldPattern?
        if let field = members["field"], let text = string(field, at: "\(path).field", allowed: nil) {
            do throws(PatternError) { pattern = try FieldPattern(parsing: text) } catch { fail("\(path).field", error.message) }
        }
        let names = levels.map(\.name)
        var releaseFrom: String??
        if let value = members["release_from"], let name = string(value, at: "\(path).release_from", allowed: nil) {
            if name == ClassificationSchema.never {
                releaseFrom = .some(nil)
            } else if names.contains(name) {
                releaseFrom = .some(name)
            } else {
                fail("\(path).release_from", unknownLevel(name, names) + " or \"never\"")
            }
        }
        let below = members["below"].map { operation($0, at: "\(path).below") } ?? .drop
        var at: [String: Operation] = [:]
        var atFailed = false
        if let value = members["at"] {
            if case .object(let overrides) = value {
                let limit = releaseFrom.map { $0.flatMap { name in names.firstIndex(of: name) } ?? names.count }
                for level in overrides.keys.sorted() {
                    let levelPath = "\(path).at.\(level)"
                    guard let position = names.firstIndex(of: level) else {
                        fail(levelPath, unknownLevel(level, names))
                        atFailed = true
                        continue
                    }
                    if let limit, position >= limit {
                        fail(levelPath, "\(level) is at or above release_from \(names[limit]), where the field is released as is; `at` names only levels below it")
                        atFailed = true
                        continue
                    }
                    if let op = operation(overrides[level]!, at: levelPath) { at[level] = op } else { atFailed = true }
                }
            } else {
                fail("\(path).at", "expected an object of level name → operator, got \(value.kindName)")
                atFailed = true
            }
        }
        let reason = members["reason"].flatMap { text($0, at: "\(path).reason", maximum: 1000) }
        guard let pattern, let releaseFrom, let below, !atFailed else { return nil }
        return FieldRule(index: index, pattern: pattern, releaseFrom: releaseFrom, below: below, at: at, reason: reason)
    }

    /// An operator: `"drop"`, `"normalize"`, `"hash"`, or an object `{"op": …, parameters}`.
    mutating func operation(_ value: JSONValue, at path: String) -> Operation? {
        let allowed = Operation.names.joined(separator: ", ")
        switch value {
        case .string(let name):
            switch name {
            case "drop": return .drop
            case "normalize": return .normalize
            case "hash": return .hash
            case "generalize": fail(path, "generalize needs a step or buckets: {\"op\": \"generalize\", \"step\": 1000}")
            case "constant": fail(path, "constant needs a value: {\"op\": \"constant\", \"value\": 0}")
            case "release": fail(path, "\"release\" is not an operator; a field is released as is from its release_from level up")
            default: fail(path, "unknown operator \"\(name)\"; allowed: \(allowed)" + didYouMean(name, Operation.names))
            }
            return nil
        case .object(let members):
            guard let opValue = members["op"] else {
                fail("\(path).op", "missing; an operator object names its operator: {\"op\": \"generalize\", \"step\": 1000}")
                return nil
            }
            guard case .string(let op) = opValue else {
                fail("\(path).op", "expected an operator name (\(allowed)), got \(opValue.kindName)")
                return nil
            }
            switch op {
            case "drop", "normalize", "hash":
                guard object(value, at: path, allowed: ["op"], required: ["op"], what: "a \(op) operator") != nil else { return nil }
                return op == "drop" ? .drop : op == "normalize" ? .normalize : .hash
            case "generalize":
                guard object(value, at: path, allowed: ["buckets", "op", "step"], required: ["op"], what: "a generalize operator") != nil else { return nil }
                switch (members["step"], members["buckets"]) {
                case (let step?, nil):
                    guard let s = number(step, at: "\(path).step") else { return nil }
                    guard s > 0 else {
                        fail("\(path).step", "must be > 0, got \(formatNumber(s))")
                        return nil
                    }
                    return .generalize(.step(s))
                case (nil, let buckets?):
                    guard case .array(let items) = buckets, !items.isEmpty else {
                        fail("\(path).buckets", "expected a non-empty array of increasing bucket edges, got \(buckets.shortDescription)")
                        return nil
                    }
                    var edges: [Double] = []
                    for (i, item) in items.enumerated() {
                        guard let edge = number(item, at: "\(path).buckets[\(i)]") else { return nil }
                        if let last = edges.last, edge <= last {
                            fail("\(path).buckets[\(i)]", "edges must increase strictly: \(formatNumber(edge)) follows \(formatNumber(last))")
                            return nil
                        }
                        edges.append(edge)
                    }
                    return .generalize(.buckets(edges))
                default:
                    fail(path, "generalize takes exactly one of step (a number > 0) or buckets (increasing edges)")
                    return nil
                }
            case "constant":
                guard object(value, at: path, allowed: ["op", "value"], required: ["op", "value"], what: "a constant operator") != nil else { return nil }
                switch members["value"]! {
                case .integer(let i): return .constant(.integer(i))
                case .number(let d): return .constant(.number(d))
                case .string(let s): return .constant(.text(s))
                case .array(let items):
                    let texts = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
                    if texts.count == items.count { return .constant(.texts(texts)) }
                    fail("\(path).value", "a list constant holds strings only")
                    return nil
                default:
                    fail("\(path).value", "expected a number, a string or a list of strings, got \(members["value"]!.kindName)")
                    return nil
                }
            case "release":
                fail("\(path).op", "\"release\" is not an operator; a field is released as is from its release_from level up")
                return nil
            default:
                fail("\(path).op", "unknown operator \"\(op)\"; allowed: \(allowed)" + didYouMean(op, Operation.names))
                return nil
            }
        default:
            fail(path, "expected an operator: one of \"drop\", \"normalize\", \"hash\" or an object such as {\"op\": \"generalize\", \"step\": 1000}, got \(value.kindName)")
            return nil
        }
    }

    // MARK: Values

    func unknownLevel(_ name: String, _ names: [String]) -> String {
        "unknown level \"\(name)\"; the levels are \(names.joined(separator: ", "))" + didYouMean(name, names)
    }

    func didYouMean(_ word: String, _ candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    mutating func object(_ value: JSONValue, at path: String, allowed: [String], required: [String], what: String) -> [String: JSONValue]? {
        guard case .object(let members) = value else {
            fail(path, "expected \(what) (an object), got \(value.kindName)")
            return nil
        }
        var ok = true
        for key in members.keys.sorted() where !allowed.contains(key) {
            fail(path == "$" ? "$.\(key)" : "\(path).\(key)", "unknown key in \(what)" + didYouMean(key, allowed) + "; allowed: \(allowed.joined(separator: ", "))")
            ok = false
        }
        for key in required where members[key] == nil {
            fail(path == "$" ? "$.\(key)" : "\(path).\(key)", "missing; \(what) needs \(required.joined(separator: ", "))")
            ok = false
        }
        return ok ? members : nil
    }

    mutating func string(_ value: JSONValue, at path: String, allowed: [String]?) -> String? {
        guard case .string(let s) = value else {
            fail(path, "expected a string\(allowed.map { " (\($0.joined(separator: ", ")))" } ?? ""), got \(value.kindName)")
            return nil
        }
        if let allowed, !allowed.contains(s) {
            fail(path, "\"\(s)\" is not allowed; allowed: \(allowed.joined(separator: ", "))" + didYouMean(s, allowed))
            return nil
        }
        return s
    }

    mutating func text(_ value: JSONValue, at path: String, maximum: Int) -> String? {
        guard let s = string(value, at: path, allowed: nil) else { return nil }
        guard (1 ... maximum).contains(s.count), s.trimmingCharacters(in: .whitespaces) == s else {
            fail(path, "must be 1 to \(maximum) characters without leading or trailing spaces, got \(value.shortDescription)")
            return nil
        }
        return s
    }

    /// Letters, digits, `.`, `_` and `-`, starting with a letter or digit; 1 to 64 characters.
    mutating func identifier(_ value: JSONValue, at path: String, what: String) -> String? {
        guard let s = string(value, at: path, allowed: nil) else { return nil }
        let ok = (1 ... 64).contains(s.count) && s.first!.isASCII && (s.first!.isLetter || s.first!.isNumber)
            && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }
        guard ok else {
            fail(path, "\(value.shortDescription) is not \(what): use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
            return nil
        }
        return s
    }

    mutating func integer(_ value: JSONValue, at path: String, range: ClosedRange<Int64>) -> Int64? {
        guard case .integer(let i) = value else {
            fail(path, "expected an integer, got \(value.kindName) \(value.shortDescription)")
            return nil
        }
        guard range.contains(i) else {
            fail(path, "must be \(range.lowerBound) to \(range.upperBound), got \(i)")
            return nil
        }
        return i
    }

    mutating func integerSet(_ value: JSONValue, at path: String, range: ClosedRange<Int64>) -> [Int]? {
        guard case .array(let items) = value, !items.isEmpty else {
            fail(path, "expected a non-empty array of increasing integers, got \(value.shortDescription)")
            return nil
        }
        var values: [Int] = []
        for (i, item) in items.enumerated() {
            guard let v = integer(item, at: "\(path)[\(i)]", range: range) else { return nil }
            if let last = values.last, Int(v) <= last {
                fail("\(path)[\(i)]", "values must increase strictly: \(v) follows \(last)")
                return nil
            }
            values.append(Int(v))
        }
        return values
    }

    mutating func number(_ value: JSONValue, at path: String) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .number(let d) where d.isFinite: return d
        default:
            fail(path, "expected a finite number, got \(value.kindName)")
            return nil
        }
    }

    mutating func bool(_ value: JSONValue, at path: String) -> Bool? {
        guard case .bool(let b) = value else {
            fail(path, "expected true or false, got \(value.kindName)")
            return nil
        }
        return b
    }
}
