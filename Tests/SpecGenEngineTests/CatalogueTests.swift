import SpecGenEngine
import SpecGenScenario
import Testing

/// The emitter catalogue is the single source of parameter facts: these invariants keep it coherent as
/// families are added.
@Suite struct CatalogueTests {
    @Test func everyFamilyCanBeMade() {
        for family in EmitterCatalogue.families { #expect(EmitterFactory.canMake(family.type), "no maker for \(family.type)") }
    }

    @Test func everyStageCanBeMade() {
        for family in StageCatalogue.families { #expect(StageFactory.canMake(family.type), "no maker for stage \(family.type)") }
        #expect(Set(StageCatalogue.families.map(\.type)).count == StageCatalogue.families.count)
    }

    /// Within the stages too, a parameter name means one thing (unit and kind).
    @Test func stageParameterNamesHaveOneMeaning() {
        var seen: [String: (unit: String, kind: ParameterKind)] = [:]
        for family in StageCatalogue.families {
            for p in family.parameters {
                if let first = seen[p.name] { #expect(first.unit == p.unit && first.kind == p.kind, "\(p.name) in \(family.type)") }
                else { seen[p.name] = (p.unit, p.kind) }
            }
        }
    }

    @Test func typeNamesAreUnique() {
        #expect(Set(EmitterCatalogue.typeNames).count == EmitterCatalogue.typeNames.count)
    }

    /// A parameter name means one thing everywhere: one `/meta/emitter.<name>` column serves all families.
    @Test func parameterNamesHaveOneMeaning() {
        var seen: [String: (unit: String, kind: ParameterKind, family: String)] = [:]
        for family in EmitterCatalogue.families {
            for p in family.parameters {
                if let first = seen[p.name] {
                    #expect(first.unit == p.unit && first.kind == p.kind, "\(p.name): \(family.type) differs from \(first.family)")
                } else {
                    seen[p.name] = (p.unit, p.kind, family.type)
                }
            }
        }
    }

    /// Defaults are valid values, and the default scenario of each family passes its own cross-checks.
    @Test func defaultsAreInRange() {
        for family in EmitterCatalogue.families {
            var support: [String: ClosedRange<Double>] = [:]
            for p in family.parameters {
                let range = p.defaultValue.support
                let bounds = p.bounds.resolved(sampleRate: 1e6)
                #expect(bounds.contains(range.lowerBound) && bounds.contains(range.upperBound) || p.bounds.isUnbounded,
                        "\(family.type).\(p.name) default outside \(bounds.description)")
                support[p.name] = range
            }
            let problems = family.check?(support, 1e6) ?? []
            #expect(problems.isEmpty, "\(family.type) defaults fail their checks: \(problems.map(\.message))")
        }
    }
}
