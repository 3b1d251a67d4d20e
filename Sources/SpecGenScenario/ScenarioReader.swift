import Foundation

/// The strict validator: walks the JSON tree with its path, collects every problem (not only the first)
/// and builds the `Scenario` when there are none.
struct ScenarioReader {
    private(set) var issues: [ScenarioIssue] = []

    mutating func fail(_ path: String, _ message: String) {
        issues.append(ScenarioIssue(path: path, message: message))
    }

    // MARK: The document

    mutating func scenario(_ root: JSONValue, source: Data) -> Scenario? {
        let keys = ["$schema", "array", "channel", "classes", "examples", "format", "name", "output", "receiver", "sample_rate_hz",
                    "samples_per_example", "scene", "seed", "snr_db", "snr_definition", "version"]
        let required = ["classes", "examples", "format", "sample_rate_hz", "samples_per_example", "seed", "snr_db", "version"]
        guard let members = object(root, at: "$", allowed: keys, required: required, what: "the scenario") else { return nil }
        if let format = members["format"] {
            _ = string(format, at: "$.format", allowed: [Scenario.formatName])
        }
        if let version = members["version"], let v = integer(version, at: "$.version", range: 1 ... Int64.max), v != 1 {
            fail("$.version", "version \(v) is not supported; this specgen reads version \(Scenario.formatVersion)")
            return nil
        }
        if let name = members["name"], let text = string(name, at: "$.name", allowed: nil), !(1 ... 128).contains(text.count) {
            fail("$.name", "must be 1 to 128 characters, got \(text.count)")
        }
        if let schema = members["$schema"] { _ = string(schema, at: "$.$schema", allowed: nil) }
        let seed = members["seed"].flatMap { integer($0, at: "$.seed", range: 0 ... Int64.max) }
        let examples = members["examples"].flatMap { integer($0, at: "$.examples", range: 1 ... 1_000_000_000) }
        let length = members["samples_per_example"].flatMap { integer($0, at: "$.samples_per_example", range: 16 ... 16_777_216) }
        let sampleRate = members["sample_rate_hz"].flatMap {
            number($0, at: "$.sample_rate_hz", bounds: .positive)
        }
        let snr = members["snr_db"].flatMap { distribution($0, at: "$.snr_db", spec: snrParameter, sampleRate: sampleRate) }
        var definition = "es_n0"
        if let value = members["snr_definition"], let text = string(value, at: "$.snr_definition", allowed: ["es_n0", "per_sample"]) {
            definition = text
        }
        let classes = members["classes"].flatMap { signalClasses($0, at: "$.classes", sampleRate: sampleRate) }
        var output = OutputOptions()
        if let value = members["output"] { output = outputOptions(value, at: "$.output", length: length) ?? output }
        let channel = members["channel"].flatMap { stages($0, list: "channel", sampleRate: sampleRate, length: length) } ?? []
        let receiver = members["receiver"].flatMap { stages($0, list: "receiver", sampleRate: sampleRate, length: length) } ?? []
        let array = members["array"].flatMap { arrayOptions($0, sampleRate: sampleRate) }
        if output.masks {
            if members["scene"] == nil { fail("$.output.masks", "masks label the bursts of a scene; add \"scene\" or remove masks") }
            if output.spectrogram == nil { fail("$.output.masks", "masks are per spectrogram cell; add \"spectrogram\" to output or remove masks") }
        }
        var scene: SceneSpec?
        if let value = members["scene"] {
            scene = sceneOptions(value, at: "$.scene", sampleRate: sampleRate, length: length)
            if array != nil { fail("$.array", "a scene has one receive channel; remove \"array\" or \"scene\"") }
            if members["snr_definition"] != nil {
                fail("$.snr_definition", "a scene's snr_db is each burst's SNR in its own band (docs/scenes.md); remove snr_definition")
            }
        }

        guard issues.isEmpty, let seed, let examples, let length, let sampleRate, let snr, let classes else { return nil }
        return Scenario(
            name: members["name"].flatMap { if case .string(let s) = $0 { s } else { nil } },
            seed: UInt64(seed), examples: Int(examples), samplesPerExample: Int(length), sampleRateHz: sampleRate,
            snrDB: snr, snrDefinition: definition, classes: classes, channel: channel, receiver: receiver, array: array, scene: scene,
            output: output, sourceBytes: source)
    }

    mutating func signalClasses(_ value: JSONValue, at path: String, sampleRate: Double?) -> [SignalClass]? {
        guard case .array(let items) = value else {
            fail(path, "expected an array of classes, got \(value.kindName)")
            return nil
        }
        guard (1 ... 1024).contains(items.count) else {
            fail(path, "must hold 1 to 1024 classes, got \(items.count)")
            return nil
        }
        var classes: [SignalClass] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard let members = object(item, at: itemPath, allowed: ["emitter", "name", "weight"], required: ["emitter", "name"], what: "a class") else { continue }
            let name = members["name"].flatMap { string($0, at: "\(itemPath).name", allowed: nil) }
            if let name {
                if !(1 ... 64).contains(name.count) { fail("\(itemPath).name", "must be 1 to 64 characters, got \(name.count)") }
                if let first = seen[name] { fail("\(itemPath).name", "\"\(name)\" is already the name of \(path)[\(first)]; class names must be unique") }
                seen[name] = seen[name] ?? i
            }
            var weight = 1.0
            if let w = members["weight"] {
                weight = number(w, at: "\(itemPath).weight", bounds: .positive) ?? weight
            }
            let emitter = members["emitter"].flatMap { emitterSpec($0, at: "\(itemPath).emitter", sampleRate: sampleRate) }
            if let name, let emitter { classes.append(SignalClass(name: name, weight: weight, emitter: emitter)) }
        }
        return classes.count == items.count ? classes : nil
    }

    mutating func emitterSpec(_ value: JSONValue, at path: String, sampleRate: Double?, nested: Bool = false) -> EmitterSpec? {
        guard case .object(let members) = value else {
            fail(path, "expected an emitter object such as {\"type\": \"qpsk\"}, got \(value.kindName)")
            return nil
        }
        let typeNames = EmitterCatalogue.typeNames
        guard let typeValue = members["type"] else {
            fail("\(path).type", "missing; the emitter type is one of \(typeNames.joined(separator: ", ")) (see `specgen emitters`)")
            return nil
        }
        guard let typeName = string(typeValue, at: "\(path).type", allowed: typeNames), let family = EmitterCatalogue.family(typeName) else { return nil }
        let specs = family.parameters
        let structural = ["type", "gating"] + (family.takesBase ? ["base"] : [])
        guard object(value, at: path, allowed: structural + specs.map(\.name), required: family.takesBase ? ["type", "base"] : ["type"],
                     what: "a \(family.type) emitter") != nil else { return nil }
        let parameters = parameterValues(members, specs: specs, at: path, sampleRate: sampleRate)
        var base: EmitterSpec?
        if family.takesBase, let baseValue = members["base"] {
            if nested {
                fail("\(path).type", "\(family.type) cannot be the base of another emitter that takes a base")
                return nil
            }
            if case .object(let baseMembers) = baseValue, case .string(let baseType) = baseMembers["type"], EmitterCatalogue.family(baseType)?.takesBase == true {
                fail("\(path).base.type", "\"\(baseType)\" takes a base itself; the base of \(family.type) must be a plain emitter")
                return nil
            }
            base = emitterSpec(baseValue, at: "\(path).base", sampleRate: sampleRate, nested: true)
            if base == nil { return nil }
        }
        var gating: [String: Distribution]?
        if let gatingValue = members["gating"] {
            gating = gatingOptions(gatingValue, at: "\(path).gating", sampleRate: sampleRate)
            if gating == nil { return nil }
        }
        guard parameters.count == specs.count else { return nil }
        if let check = family.check, let sampleRate {
            for problem in check(parameters.mapValues(\.support), sampleRate) {
                fail("\(path).\(problem.parameter)", problem.message)
            }
        }
        return EmitterSpec(family: family, parameters: parameters, base: base.map(Box.init), gating: gating)
    }

    /// The `gating` object: every gating parameter, given or default.
    mutating func gatingOptions(_ value: JSONValue, at path: String, sampleRate: Double?) -> [String: Distribution]? {
        let specs = EmitterCatalogue.gatingParameters
        guard let members = object(value, at: path, allowed: specs.map(\.name), required: ["on_s"], what: "burst gating") else { return nil }
        let gating = parameterValues(members, specs: specs, at: path, sampleRate: sampleRate)
        if let on = gating["on_s"], let rate = sampleRate, on.support.lowerBound * rate < 1 {
            fail("\(path).on_s", "a burst of \(on.support.lowerBound) s is shorter than one sample (1/\(rate) s)")
        }
        return gating.count == specs.count ? gating : nil
    }

    mutating func outputOptions(_ value: JSONValue, at path: String, length: Int64?) -> OutputOptions? {
        guard let members = object(value, at: path, allowed: ["block_examples", "clean", "compression", "masks", "spectrogram"], required: [],
                                   what: "output options") else { return nil }
        var options = OutputOptions()
        if let block = members["block_examples"] {
            options.blockExamples = integer(block, at: "\(path).block_examples", range: 1 ... 65536).map(Int.init)
        }
        if let clean = members["clean"] {
            if case .bool(let b) = clean { options.clean = b } else { fail("\(path).clean", "expected true or false, got \(clean.shortDescription)") }
        }
        if let compression = members["compression"], compression != .null,
           let c = object(compression, at: "\(path).compression", allowed: ["deflate_level", "shuffle"], required: ["deflate_level"], what: "compression options") {
            let level = c["deflate_level"].flatMap { integer($0, at: "\(path).compression.deflate_level", range: 1 ... 9) }
            var shuffle = true
            if let s = c["shuffle"] {
                if case .bool(let b) = s { shuffle = b } else { fail("\(path).compression.shuffle", "expected true or false, got \(s.shortDescription)") }
            }
            if let level { options.compression = .init(deflateLevel: Int(level), shuffle: shuffle) }
        }
        if let masks = members["masks"] {
            if case .bool(let b) = masks { options.masks = b } else { fail("\(path).masks", "expected true or false, got \(masks.shortDescription)") }
        }
        if let spectrogram = members["spectrogram"], spectrogram != .null {
            options.spectrogram = spectrogramOptions(spectrogram, at: "\(path).spectrogram", length: length)
        }
        return options
    }

    mutating func spectrogramOptions(_ value: JSONValue, at path: String, length: Int64?) -> OutputOptions.SpectrogramOptions? {
        guard let s = object(value, at: path, allowed: ["fft_size", "hop", "normalize", "scale", "sides", "window"], required: ["fft_size"],
                             what: "spectrogram options") else { return nil }
        guard let size = s["fft_size"].flatMap({ integer($0, at: "\(path).fft_size", range: 8 ... 65536) }) else { return nil }
        if size & (size - 1) != 0 {
            fail("\(path).fft_size", "\(size) is not a power of two; allowed: 8, 16, 32, … 65536")
            return nil
        }
        if let length, size > length {
            fail("\(path).fft_size", "\(size) is longer than samples_per_example (\(length)); allowed: 8 … \(length)")
            return nil
        }
        var hop = size / 2
        if let h = s["hop"] { hop = integer(h, at: "\(path).hop", range: 1 ... size) ?? hop }
        let window = s["window"].flatMap { string($0, at: "\(path).window", allowed: ["blackman", "hamming", "hann", "rectangular"]) } ?? "hann"
        let scale = s["scale"].flatMap { string($0, at: "\(path).scale", allowed: ["db", "linear"]) } ?? "db"
        let sides = s["sides"].flatMap { string($0, at: "\(path).sides", allowed: OutputOptions.SpectrogramOptions.sidesOptions) } ?? "two"
        let normalization = s["normalize"].flatMap { string($0, at: "\(path).normalize", allowed: OutputOptions.SpectrogramOptions.normalizationOptions) } ?? "none"
        return .init(fftSize: Int(size), hop: Int(hop), window: window, decibels: scale == "db", sides: sides, normalization: normalization)
    }

    /// A `channel` or `receiver` list: stage objects, each type at most once.
    mutating func stages(_ value: JSONValue, list: String, sampleRate: Double?, length: Int64?) -> [StageSpec]? {
        let path = "$.\(list)"
        guard case .array(let items) = value else {
            fail(path, "expected an array of stages such as [{\"type\": \"...\"}], got \(value.kindName)")
            return nil
        }
        let typeNames = StageCatalogue.typeNames(for: list)
        var stages: [StageSpec] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard case .object(let members) = item else {
                fail(itemPath, "expected a stage object such as {\"type\": \"...\"}, got \(item.shortDescription)")
                continue
            }
            guard let typeValue = members["type"] else {
                fail("\(itemPath).type", "missing; a \(list) stage type is one of \(typeNames.joined(separator: ", "))")
                continue
            }
            guard let typeName = string(typeValue, at: "\(itemPath).type", allowed: typeNames), let family = StageCatalogue.family(typeName) else { continue }
            if let first = seen[typeName] {
                fail("\(itemPath).type", "\"\(typeName)\" already stands at \(path)[\(first)]; each stage type appears once per list")
                continue
            }
            seen[typeName] = i
            let structural = family.takesEmitter ? ["type", "emitter"] : ["type"]
            let keys = structural + family.parameters.map(\.name) + family.lists.map(\.name)
            guard object(item, at: itemPath, allowed: keys, required: structural, what: "a \(typeName) stage") != nil else { continue }
            var emitter: EmitterSpec?
            if family.takesEmitter, let emitterValue = members["emitter"] {
                emitter = emitterSpec(emitterValue, at: "\(itemPath).emitter", sampleRate: sampleRate)
                if emitter == nil { continue }
            }
            let parameters = parameterValues(members, specs: family.parameters, at: itemPath, sampleRate: sampleRate)
            let lists = listValues(members, specs: family.lists, at: itemPath)
            guard parameters.count == family.parameters.count, lists.count == family.lists.filter({ members[$0.name] != nil }).count else { continue }
            if let check = family.check, let sampleRate {
                for problem in check(parameters.mapValues(\.support), sampleRate) { fail("\(itemPath).\(problem.parameter)", problem.message) }
            }
            if let validate = family.validate, let sampleRate {
                let input = StageCheckInput(parameters: parameters, lists: lists, given: Set(members.keys), sampleRate: sampleRate,
                                            samplesPerExample: length.map(Int.init))
                for problem in validate(input) { fail("\(itemPath).\(problem.path)", problem.message) }
            }
            stages.append(StageSpec(family: family, parameters: parameters, lists: lists, emitter: emitter))
        }
        return stages.count == items.count ? stages : nil
    }

    /// Each parameter's distribution, given or default; a parameter whose value is refused is left out
    /// (the caller compares counts), with its problem recorded.
    mutating func parameterValues(_ members: [String: JSONValue], specs: [ParameterSpec], at path: String, sampleRate: Double?) -> [String: Distribution] {
        var values: [String: Distribution] = [:]
        for spec in specs {
            if let given = members[spec.name] {
                if let d = distribution(given, at: "\(path).\(spec.name)", spec: spec, sampleRate: sampleRate) { values[spec.name] = d }
            } else {
                values[spec.name] = spec.defaultValue
            }
        }
        return values
    }

    /// Each given list, checked entry by entry; a refused list is left out (the caller compares counts),
    /// with its problems recorded.
    mutating func listValues(_ members: [String: JSONValue], specs: [ListParameterSpec], at path: String) -> [String: ListValue] {
        var lists: [String: ListValue] = [:]
        for spec in specs {
            if let given = members[spec.name], let list = listValue(given, at: "\(path).\(spec.name)", spec: spec) { lists[spec.name] = list }
        }
        return lists
    }

    /// A list parameter: a JSON array of numbers (or of [x, y, z] arrays), its length and every number in range.
    mutating func listValue(_ value: JSONValue, at path: String, spec: ListParameterSpec) -> ListValue? {
        guard case .array(let items) = value else {
            fail(path, "expected \(spec.allowed) (\(spec.unit)), got \(value.shortDescription)")
            return nil
        }
        guard spec.count.contains(items.count) else {
            fail(path, "holds \(items.count) entries; allowed: \(spec.allowed)")
            return nil
        }
        var values: [Double] = []
        var valid = true
        for (i, item) in items.enumerated() {
            if spec.width == 1 {
                if let x = number(item, at: "\(path)[\(i)]", bounds: spec.bounds) { values.append(x) } else { valid = false }
                continue
            }
            guard case .array(let coordinates) = item, coordinates.count == spec.width else {
                fail("\(path)[\(i)]", "expected a point [x, y, z] of \(spec.width) numbers (\(spec.unit)), got \(item.shortDescription)")
                valid = false
                continue
            }
            for (j, coordinate) in coordinates.enumerated() {
                if let x = number(coordinate, at: "\(path)[\(i)][\(j)]", bounds: spec.bounds) { values.append(x) } else { valid = false }
            }
        }
        return valid ? ListValue(values: values, width: spec.width) : nil
    }

    /// The `array` object: geometry and element count (constants), then its drawn parameters. A listed
    /// geometry gives its element positions instead of a count (`elements`, if given, must match them).
    mutating func arrayOptions(_ value: JSONValue, sampleRate: Double?) -> ArraySpec? {
        let path = "$.array"
        let specs = ArraySpec.parameterSpecs, positionsSpec = ArraySpec.positionsSpec
        guard let members = object(value, at: path, allowed: ["elements", "geometry", positionsSpec.name] + specs.map(\.name), required: ["geometry"],
                                   what: "an antenna array") else { return nil }
        let geometry = members["geometry"].flatMap { string($0, at: "\(path).geometry", allowed: ArraySpec.geometries) }
        let elements = members["elements"].flatMap { integer($0, at: "\(path).elements", range: 2 ... 64) }
        let parameters = parameterValues(members, specs: specs, at: path, sampleRate: sampleRate)
        var positions: ListValue?
        let positionsPath = "\(path).\(positionsSpec.name)"
        if let given = members[positionsSpec.name] {
            if geometry != nil && geometry != "listed" {
                fail(positionsPath, "applies only to \"geometry\": \"listed\" (this array is \(geometry!)); remove it or list the geometry")
                return nil
            }
            positions = listValue(given, at: positionsPath, spec: positionsSpec)
            if positions == nil { return nil }
        }
        guard let geometry, parameters.count == specs.count else { return nil }
        if geometry == "listed" {
            guard let positions else {
                fail(positionsPath, "missing; \"geometry\": \"listed\" takes the element positions, \(positionsSpec.allowed)")
                return nil
            }
            if let elements, Int(elements) != positions.count {
                fail("\(path).elements", "\(elements) does not match the \(positions.count) positions listed in \(positionsPath); give the same count or leave elements out")
                return nil
            }
            var coincident = false
            for j in 1 ..< positions.count {
                for i in 0 ..< j {
                    let d = zip(positions[i], positions[j]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                    if d < ArraySpec.coincidenceTolerance {
                        fail("\(positionsPath)[\(j)]", "element \(j) at \(point(positions[j])) coincides with element \(i) at \(point(positions[i])) (\(formatRounded(d)) wavelengths apart); elements must be at least \(formatNumber(ArraySpec.coincidenceTolerance)) wavelengths apart")
                        coincident = true
                    }
                }
            }
            if coincident { return nil }
            return ArraySpec(geometry: geometry, elements: positions.count, parameters: parameters, positions: positions)
        }
        guard let elements else {
            if members["elements"] == nil { fail("\(path).elements", "missing; a \(geometry) array requires it (2 … 64)") }
            return nil
        }
        return ArraySpec(geometry: geometry, elements: Int(elements), parameters: parameters)
    }

    private func point(_ p: ArraySlice<Double>) -> String { "[" + p.map(formatNumber).joined(separator: ", ") + "]" }
}
