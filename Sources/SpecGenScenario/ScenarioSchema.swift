import Foundation

/// The scenario JSON Schema (draft 2020-12), generated from the emitter catalogue so that validation,
/// `specgen emitters` and the schema editors use all state the same facts. The committed
/// `Schemas/scenario.v1.schema.json` is this document (a test compares them;
/// `scripts/generate-schema` rewrites it).
public enum ScenarioSchema {
    /// The schema as pretty-printed JSON with sorted keys, ending in a newline.
    public static func text() -> String {
        let data = try! JSONSerialization.data(withJSONObject: document(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func document() -> [String: Any] {
        var schema = try! JSONSerialization.jsonObject(with: Data(base.utf8)) as! [String: Any]
        var properties = schema["properties"] as! [String: Any]
        properties["snr_db"] = parameter(snrParameter)
        for list in ["channel", "receiver"] {
            properties[list] = ["type": "array", "items": ["$ref": "#/$defs/\(list)Stage"],
                                "description": list == "channel"
                                    ? "Stages on every emitter's path, in order (propagation, transmitter hardware); each type at most once (checked by specgen)."
                                    : "Stages at the receiver after thermal noise, in order; each type at most once (checked by specgen)."]
        }
        var arrayProperties: [String: Any] = [
            "geometry": ["enum": ArraySpec.geometries, "description": "ula (along y), uca (in the xy-plane) or listed (positions_wavelengths)"],
            "elements": ["type": "integer", "minimum": 2, "maximum": 64,
                         "description": "number of elements M: /iq becomes (N, M, L); required by ula and uca, optional for listed (must equal the number of positions)"],
        ]
        for p in ArraySpec.parameterSpecs { arrayProperties[p.name] = parameter(p) }
        arrayProperties[ArraySpec.positionsSpec.name] = list(ArraySpec.positionsSpec)
        properties["array"] = [
            "type": "object", "required": ["geometry"], "additionalProperties": false, "properties": arrayProperties,
            "description": "Receive antenna array: narrowband steering of the emitter onto M elements with independent noise per element.",
            "allOf": [
                ["if": ["required": ["geometry"], "properties": ["geometry": ["const": "listed"]]],
                 "then": ["required": [ArraySpec.positionsSpec.name]],
                 "else": ["required": ["elements"], "not": ["required": [ArraySpec.positionsSpec.name]]]] as [String: Any],
            ],
        ]
        schema["properties"] = properties
        var definitions = schema["$defs"] as! [String: Any]
        definitions["emitter"] = emitter()
        definitions["gating"] = gating()
        for family in EmitterCatalogue.families { definitions["emitter_" + family.type] = familySchema(family) }
        for list in ["channel", "receiver"] { definitions["\(list)Stage"] = stageList(list) }
        for family in StageCatalogue.families { definitions["stage_" + family.type] = stageSchema(family) }
        schema["$defs"] = definitions
        return schema
    }

    /// Every emitter object: `type` names the family; each family's own definition then checks its keys.
    static func emitter() -> [String: Any] {
        var keys: [String: Any] = [
            "type": ["enum": EmitterCatalogue.typeNames, "description": "Emitter family (`specgen emitters` lists them with their parameters)."] as [String: Any],
            "gating": ["description": "Optional burst gating of the emitter; see $defs/gating."],
            "base": ["description": "The emitter a wrapping family (fhss) acts on."],
        ]
        for family in EmitterCatalogue.families {
            for p in family.parameters where keys[p.name] == nil {
                keys[p.name] = ["description": "A parameter of some emitter families; the family's own definition checks it."]
            }
        }
        return [
            "type": "object", "required": ["type"], "additionalProperties": false,
            "description": "The signal of a class; `type` picks the family and which parameters are allowed. Every emitter has unit expected power.",
            "properties": keys,
            "allOf": EmitterCatalogue.families.map { family -> [String: Any] in
                ["if": ["required": ["type"], "properties": ["type": ["const": family.type]]],
                 "then": ["$ref": "#/$defs/emitter_\(family.type)"]]
            },
        ]
    }

    static func familySchema(_ family: EmitterFamily) -> [String: Any] {
        var properties: [String: Any] = ["type": ["const": family.type, "description": family.summary], "gating": ["$ref": "#/$defs/gating"]]
        for p in family.parameters { properties[p.name] = parameter(p) }
        if family.takesBase {
            properties["base"] = ["$ref": "#/$defs/emitter",
                                  "description": "The emitter that hops; any family that does not take a base itself (checked by specgen)."]
        }
        return ["type": "object", "required": family.takesBase ? ["type", "base"] : ["type"], "additionalProperties": false,
                "description": "\(family.type) (\(family.group)): \(family.summary)", "properties": properties]
    }

    /// A stage object of a `channel` or `receiver` list: `type` names the stage family.
    static func stageList(_ list: String) -> [String: Any] {
        let families = StageCatalogue.families.filter { StageCatalogue.typeNames(for: list).contains($0.type) }
        var keys: [String: Any] = ["type": ["enum": families.map(\.type), "description": "Stage type (`specgen emitters` lists them)."] as [String: Any]]
        if families.contains(where: \.takesEmitter) { keys["emitter"] = ["description": "The emitter of a stage that carries one (interference)."] }
        for family in families {
            for name in family.parameters.map(\.name) + family.lists.map(\.name) where keys[name] == nil {
                keys[name] = ["description": "A parameter of some stage types; the type's own definition checks it."]
            }
        }
        return ["type": "object", "required": ["type"], "additionalProperties": false, "properties": keys,
                "allOf": families.map { family -> [String: Any] in
                    ["if": ["required": ["type"], "properties": ["type": ["const": family.type]]],
                     "then": ["$ref": "#/$defs/stage_\(family.type)"]]
                }]
    }

    static func stageSchema(_ family: StageFamily) -> [String: Any] {
        var properties: [String: Any] = ["type": ["const": family.type, "description": family.summary]]
        for p in family.parameters { properties[p.name] = parameter(p) }
        for l in family.lists { properties[l.name] = list(l) }
        if family.takesEmitter { properties["emitter"] = ["$ref": "#/$defs/emitter", "description": "The interfering emitter (any family)."] }
        return ["type": "object", "required": family.takesEmitter ? ["type", "emitter"] : ["type"], "additionalProperties": false,
                "description": "\(family.type) (\(family.group), \(family.placement.rawValue)): \(family.summary)", "properties": properties]
    }

    /// The optional `gating` object of every emitter.
    static func gating() -> [String: Any] {
        var properties: [String: Any] = [:]
        for p in EmitterCatalogue.gatingParameters { properties[p.name] = parameter(p) }
        return ["type": "object", "required": ["on_s"], "additionalProperties": false, "properties": properties,
                "description": "Burst gating: on for on_s, off for off_s, repeating, from a random point of the cycle; bursts are scaled so the average power stays 1."]
    }

    /// One parameter: its shape (`$ref`), its range on plain values and, through a `properties`
    /// overlay, on every distribution bound, choice value and normal mean.
    static func parameter(_ p: ParameterSpec) -> [String: Any] {
        var schema: [String: Any] = ["default": defaultJSON(p)]
        if case .category(let options) = p.kind {
            schema["description"] = "\(p.summary); one of \(options.joined(separator: ", ")), or {\"choice\": {\"values\": [...]}}."
            schema["oneOf"] = [
                ["enum": options],
                ["type": "object", "required": ["choice"], "additionalProperties": false, "properties": ["choice": [
                    "type": "object", "required": ["values"], "additionalProperties": false,
                    "properties": ["values": ["type": "array", "minItems": 1, "items": ["enum": options]],
                                   "weights": ["type": "array", "minItems": 1, "items": ["type": "number", "exclusiveMinimum": 0]]],
                ] as [String: Any]]] as [String: Any],
            ]
            return schema
        }
        let bounds = p.bounds
        var range = "any value"
        if !bounds.isUnbounded { range = bounds.relativeToSampleRate ? "\(bounds.description) × sample_rate_hz" : bounds.description }
        schema["description"] = "\(p.summary), in \(p.unit), \(range)." + (bounds.relativeToSampleRate ? " The range depends on sample_rate_hz, which JSON Schema cannot express: specgen checks it." : "")
        schema["$ref"] = p.isInteger ? "#/$defs/integerOrDistribution" : "#/$defs/numberOrDistribution"
        guard !bounds.isUnbounded, !bounds.relativeToSampleRate else { return schema }
        let limits = limitKeywords(bounds)
        schema.merge(limits) { a, _ in a }
        var overlay: [String: Any] = [
            "uniform": ["type": "object", "additionalProperties": false, "properties": ["low": limits, "high": limits]],
            "choice": ["type": "object", "additionalProperties": false, "properties": ["values": ["items": limits], "weights": true]],
        ]
        if !p.isInteger {
            overlay["loguniform"] = ["type": "object", "additionalProperties": false, "properties": ["low": limits, "high": limits]]
            var mean: [String: Any] = [:]
            if bounds.lower > -.infinity { mean["exclusiveMinimum"] = json(bounds.lower) }
            if bounds.upper < .infinity { mean["exclusiveMaximum"] = json(bounds.upper) }
            overlay["normal"] = ["type": "object", "additionalProperties": false, "properties": ["mean": mean, "std": true]]
        }
        schema["properties"] = overlay
        schema["additionalProperties"] = false
        return schema
    }

    /// A list parameter: an array of numbers (or of [x, y, z] points) with its length and every number's
    /// range; cross-checks between lists (equal lengths, increasing offsets, …) are specgen's.
    static func list(_ l: ListParameterSpec) -> [String: Any] {
        var number: [String: Any] = ["type": "number"]
        number.merge(limitKeywords(l.bounds)) { a, _ in a }
        let item: [String: Any] = l.width == 1 ? number : ["type": "array", "items": number, "minItems": l.width, "maxItems": l.width]
        return ["type": "array", "items": item, "minItems": l.count.lowerBound, "maxItems": l.count.upperBound,
                "description": "\(l.summary); \(l.allowed), in \(l.unit). A scenario constant (not drawn), recorded once per file as a root attribute. Cross-checks between lists are specgen's."]
    }

    static func limitKeywords(_ b: ParameterBounds) -> [String: Any] {
        var k: [String: Any] = [:]
        if b.lower > -.infinity { k[b.lowerInclusive ? "minimum" : "exclusiveMinimum"] = json(b.lower) }
        if b.upper < .infinity { k[b.upperInclusive ? "maximum" : "exclusiveMaximum"] = json(b.upper) }
        return k
    }

    static func defaultJSON(_ p: ParameterSpec) -> Any {
        switch p.defaultValue {
        case .constant(let c): return p.options.isEmpty ? json(c) : p.options[Int(c)]
        case .uniform(let low, let high): return ["uniform": ["low": json(low), "high": json(high)]]
        case .logUniform(let low, let high): return ["loguniform": ["low": json(low), "high": json(high)]]
        case .normal(let mean, let std): return ["normal": ["mean": json(mean), "std": json(std)]]
        case .choice(let values, let weights):
            return ["choice": ["values": p.options.isEmpty ? values.map(json) : values.map { p.options[Int($0)] }, "weights": weights.map(json)]]
        }
    }

    /// Whole numbers as integers (so `8`, not `8.0`).
    static func json(_ x: Double) -> Any { x == x.rounded() && abs(x) < 1e15 ? Int(x) as Any : x as Any }
}
