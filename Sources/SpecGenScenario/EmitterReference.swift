/// The human-readable emitter reference (`specgen emitters`), from the catalogue: plain text for the
/// terminal and Markdown for docs/emitters.md (a test keeps that file current).
public enum EmitterReference {
    public static func markdown() -> String {
        var out = """
            # Emitter reference

            Generated from the emitter catalogue by `scripts/generate-reference` (`specgen emitters --markdown`);
            do not edit by hand. Theory notes per group are in `docs/emitters/`. Every numeric parameter takes a
            constant or a distribution (docs/scenario.md); a categorical one takes an option name or a `choice`
            of names. Drawn values are recorded per example in `/meta/emitter.<parameter>`. A few stage and array
            parameters are fixed lists ("a list of …", default "(none)"): scenario constants, not drawn, recorded
            once per file as root attributes (docs/dataset.md).

            ## Burst gating (any emitter)

            An optional `gating` object on any emitter: on for `on_s`, off for `off_s`, repeating from a random
            point of the cycle; bursts are scaled so that the average power stays 1 (recorded as
            `emitter.gating.<parameter>`).


            """
        out += table(EmitterCatalogue.gatingParameters)
        var group = ""
        for family in EmitterCatalogue.families {
            if family.group != group {
                group = family.group
                out += "\n## \(group)\n"
            }
            out += "\n### `\(family.type)`\n\n\(family.summary)"
            out += family.takesBase ? " Takes a `base` emitter (any family that does not take a base), recorded as `emitter.base.<parameter>`.\n\n" : "\n\n"
            out += table(family.parameters)
        }
        if !StageCatalogue.families.isEmpty {
            out += "\n# Channel and receiver stages\n\nStages go in the scenario's `channel` list (every emitter's path, in order) or `receiver` list (after thermal noise), each type at most once; parameters are recorded as `channel.<type>.<parameter>` or `receiver.<type>.<parameter>`. Theory notes are in `docs/channels/`.\n"
            group = ""
            for family in StageCatalogue.families {
                if family.group != group {
                    group = family.group
                    out += "\n## \(group)\n"
                }
                out += "\n### `\(family.type)` (\(family.placement == .either ? "channel or receiver" : family.placement.rawValue))\n\n\(family.summary)\n\n"
                out += table(family.parameters, lists: family.lists)
            }
        }
        out += "\n# Antenna array\n\nThe scenario's optional `array` object: `geometry` (ula, uca or listed) and `elements` (2 … 64; for listed the number of `positions_wavelengths`) fix /iq's channel axis; the rest is drawn per example and recorded as `array.<parameter>`.\n\n"
        out += table(ArraySpec.parameterSpecs, lists: [ArraySpec.positionsSpec])
        return out
    }

    public static func text(_ families: [EmitterFamily]) -> String {
        var out = ""
        var group = ""
        for family in families {
            if family.group != group {
                group = family.group
                out += "\n\(group.uppercased())\n"
            }
            out += "  \(family.type): \(family.summary)\(family.takesBase ? " (takes a base emitter)" : "")\n"
            for p in family.parameters {
                out += "      \(p.name) [\(p.unit)] default \(describe(p.defaultValue, p)); \(allowed(p)) — \(p.summary)\n"
            }
        }
        for family in StageCatalogue.families {
            out += "\n  stage \(family.type) (\(family.placement.rawValue)): \(family.summary)\n"
            for p in family.parameters {
                out += "      \(p.name) [\(p.unit)] default \(describe(p.defaultValue, p)); \(allowed(p)) — \(p.summary)\n"
            }
            for l in family.lists { out += "      \(l.name) [\(l.unit)] optional list; \(l.allowed) — \(l.summary)\n" }
        }
        out += "\nANY EMITTER: optional \"gating\": {"
        out += EmitterCatalogue.gatingParameters.map { "\"\($0.name)\" [\($0.unit)]" }.joined(separator: ", ") + "}\n"
        return out
    }

    static func table(_ parameters: [ParameterSpec], lists: [ListParameterSpec] = []) -> String {
        var out = "| parameter | unit | default | allowed | meaning |\n|---|---|---|---|---|\n"
        for p in parameters { out += "| `\(p.name)` | \(p.unit) | \(describe(p.defaultValue, p)) | \(allowed(p)) | \(p.summary) |\n" }
        for l in lists { out += "| `\(l.name)` | \(l.unit) | (none) | \(l.allowed) | \(l.summary) (a fixed list: recorded once per file) |\n" }
        return out
    }

    static func allowed(_ p: ParameterSpec) -> String {
        if !p.options.isEmpty { return p.options.joined(separator: ", ") }
        let range = p.bounds.relativeToSampleRate ? "(\(p.bounds.description)) × Fs" : p.bounds.description
        return (p.isInteger ? "integer " : "") + range
    }

    static func describe(_ d: Distribution, _ p: ParameterSpec) -> String {
        func value(_ x: Double) -> String { p.options.isEmpty ? formatNumber(x) : p.options[Int(x)] }
        switch d {
        case .constant(let c): return value(c)
        case .uniform(let low, let high): return "uniform \(value(low)) … \(value(high))"
        case .logUniform(let low, let high): return "loguniform \(value(low)) … \(value(high))"
        case .normal(let mean, let std): return "normal(\(value(mean)), \(value(std)))"
        case .choice(let values, _): return "one of " + values.map(value).joined(separator: ", ")
        }
    }
}
