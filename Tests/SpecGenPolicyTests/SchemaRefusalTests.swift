import Foundation
import SpecGenPolicy
import SpecGenScenario
import Testing

/// The loader refuses bad schemas with the JSON path and a message that says what is wrong and what is
/// allowed. Each case mutates a valid schema in one place and checks the exact issue.
@Suite struct SchemaRefusalTests {
    typealias F = SchemaFixtures

    @Test func theExamplesAreAccepted() {
        #expect(F.issues(F.fourLevel()).isEmpty)
        #expect(F.issues(F.twoLevel([])).isEmpty)
    }

    @Test func unknownOperator() {
        let seed = F.ruleIndex("seed")
        #expect(F.issues(F.fourLevel(rule: "seed") { $0["below"] = "redact" }) == [
            SchemaIssue(path: "$.rules[\(seed)].below", message: "unknown operator \"redact\"; allowed: drop, generalize, normalize, hash, constant"),
        ])
        #expect(F.issues(F.fourLevel(rule: "seed") { $0["below"] = ["op": "generalise", "step": 3] }) == [
            SchemaIssue(path: "$.rules[\(seed)].below.op",
                        message: "unknown operator \"generalise\"; allowed: drop, generalize, normalize, hash, constant (did you mean \"generalize\"?)"),
        ])
        #expect(F.issues(F.fourLevel(rule: "seed") { $0["below"] = "release" }) == [
            SchemaIssue(path: "$.rules[\(seed)].below", message: "\"release\" is not an operator; a field is released as is from its release_from level up"),
        ])
    }

    @Test func unknownLevel() {
        let adc = F.ruleIndex("receiver.adc.adc_bits")
        #expect(F.issues(F.fourLevel(rule: "receiver.adc.adc_bits") { $0["release_from"] = "SECERT" }) == [
            SchemaIssue(path: "$.rules[\(adc)].release_from",
                        message: "unknown level \"SECERT\"; the levels are UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET (did you mean \"SECRET\"?) or \"never\""),
        ])
        #expect(F.issues(F.fourLevel(rule: "receiver.adc.adc_bits") { $0["at"] = ["OFFICIAL": "hash"] }) == [
            SchemaIssue(path: "$.rules[\(adc)].at.OFFICIAL", message: "unknown level \"OFFICIAL\"; the levels are UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET"),
        ])
        #expect(F.issues(F.fourLevel(rule: "receiver.adc.adc_bits") { $0["at"] = ["SECRET": "hash"] }) == [
            SchemaIssue(path: "$.rules[\(adc)].at.SECRET",
                        message: "SECRET is at or above release_from CONFIDENTIAL, where the field is released as is; `at` names only levels below it"),
        ])
    }

    @Test func unknownKeysAndBadValues() {
        let seed = F.ruleIndex("seed")
        #expect(F.issues(F.fourLevel(rule: "seed") { $0["relase_from"] = "SECRET" }) == [
            SchemaIssue(path: "$.rules[\(seed)].relase_from",
                        message: "unknown key in a rule (did you mean \"release_from\"?); allowed: at, below, field, reason, release_from"),
        ])
        #expect(F.issues(F.fourLevel(level: 0) { format in
            var rules = format["format"] as! [String: Any]
            rules["sample_type"] = "int16"
            format["format"] = rules
        }) == [SchemaIssue(path: "$.levels[0].format.sample_type", message: "\"int16\" is not allowed; allowed: complex64")])
        #expect(F.issues(F.fourLevel(rule: "seed") { $0["field"] = "Seed" }) == [
            SchemaIssue(path: "$.rules[\(seed)].field", message: "\"Seed\": segment \"Seed\" may hold only a-z, 0-9, _ and * (field paths are lowercase)"),
        ])
        #expect(F.issues(F.fourLevel(rule: "seed") { $0["below"] = ["op": "generalize", "step": 1, "buckets": [0, 1]] }) == [
            SchemaIssue(path: "$.rules[\(seed)].below", message: "generalize takes exactly one of step (a number > 0) or buckets (increasing edges)"),
        ])
    }

    @Test func levelsNeedUniqueRanksAndNamesInRankOrder() {
        #expect(F.issues(F.fourLevel(level: 2) { $0["rank"] = 1 }) == [
            SchemaIssue(path: "$.levels[2].rank", message: "rank 1 is already the rank of $.levels[1] (RESTRICTED); ranks must be unique"),
        ])
        #expect(F.issues(F.fourLevel(level: 2) { $0["name"] = "RESTRICTED" }) == [
            SchemaIssue(path: "$.levels[2].name", message: "\"RESTRICTED\" is already the name of $.levels[1]; level names must be unique"),
        ])
        // Ranks are the only order, and a list cannot loop: the closest thing to a cycle among levels is a
        // list whose ranks do not increase.
        #expect(F.issues(F.fourLevel(level: 3) { $0["rank"] = 1 }).first?.message == "rank 1 is already the rank of $.levels[1] (RESTRICTED); ranks must be unique")
        #expect(F.issues(F.fourLevel(level: 1) { $0["rank"] = 5 }) == [
            SchemaIssue(path: "$.levels[2].rank", message: "rank 2 comes after rank 5 (RESTRICTED); list levels in increasing rank, lowest first"),
            SchemaIssue(path: "$.levels[3].rank", message: "rank 3 comes after rank 5 (RESTRICTED); list levels in increasing rank, lowest first"),
        ])
    }

    @Test func conflictingEquallySpecificRules() {
        let n = (F.fourLevel()["rules"] as! [[String: Any]]).count
        let issues = F.issues(F.fourLevel(adding: [
            ["field": "emitter.*_hz", "release_from": "SECRET", "below": "normalize"],
            ["field": "emitter.frequency_*", "release_from": "SECRET", "below": "drop"],
        ]))
        #expect(issues == [SchemaIssue(
            path: "$.rules[\(n + 1)].field",
            message: "\"emitter.frequency_*\" and $.rules[\(n)].field \"emitter.*_hz\" are equally specific (1 literal segment, 1 partial wildcard) and both match the same fields, but disagree at UNCLASSIFIED (drop against normalize); make one pattern more specific or make the rules agree: emitter.frequency_hz")])
        // Equally specific rules that agree are accepted; a more specific rule settles a disagreement.
        #expect(F.issues(F.fourLevel(adding: [
            ["field": "emitter.*_hz", "release_from": "SECRET", "below": "normalize"],
            ["field": "emitter.frequency_*", "release_from": "SECRET", "below": "normalize"],
        ])).isEmpty)
        #expect(F.issues(F.fourLevel(adding: [
            ["field": "emitter.*_hz", "release_from": "SECRET", "below": "normalize"],
            ["field": "emitter.frequency_*", "release_from": "SECRET", "below": "drop"],
            ["field": "emitter.frequency_hz", "release_from": "SECRET", "below": "normalize"],
        ])).isEmpty)
    }

    @Test func generalisationMustNest() {
        let carrier = F.ruleIndex("channel.geometry.carrier_frequency_hz")
        let buckets = F.issues(F.fourLevel(rule: "channel.geometry.carrier_frequency_hz") {
            $0["at"] = ["RESTRICTED": ["op": "generalize", "buckets": [0, 1e9]],
                        "CONFIDENTIAL": ["op": "generalize", "buckets": [0, 3e8, 3e9]]]
        })
        #expect(buckets == [SchemaIssue(
            path: "$.rules[\(carrier)].at.RESTRICTED",
            message: "at RESTRICTED the field is generalised to buckets at 0, 1e9, which is not computable from what CONFIDENTIAL releases (generalised to buckets at 0, 3e8, 3e9): bucket edge 1e9 is not one of the next higher level's edges: channel.geometry.carrier_frequency_hz")])

        let db = F.ruleIndex("receiver.**.*_db")
        let steps = F.issues(F.fourLevel(rule: "receiver.**.*_db") {
            $0["release_from"] = "SECRET"
            $0["at"] = ["RESTRICTED": ["op": "generalize", "step": 1.5], "CONFIDENTIAL": ["op": "generalize", "step": 1]]
        })
        #expect(steps.count == 1)
        #expect(steps.first?.path == "$.rules[\(db)].at.RESTRICTED")
        #expect(steps.first?.message.hasPrefix("at RESTRICTED the field is generalised to steps of 1.5, which is not computable from what CONFIDENTIAL releases (generalised to steps of 1): step 1.5 is not a whole multiple of the next higher level's step 1: receiver.") == true)

        // Steps are not computable from buckets; a normalised value not from a generalised one.
        let mixed = F.issues(F.fourLevel(rule: "channel.geometry.carrier_frequency_hz") {
            $0["at"] = ["RESTRICTED": ["op": "generalize", "step": 1e8], "CONFIDENTIAL": ["op": "generalize", "buckets": [0, 3e8]]]
        })
        #expect(mixed.map(\.message) == ["at RESTRICTED the field is generalised to steps of 1e8, which is not computable from what CONFIDENTIAL releases (generalised to buckets at 0, 3e8): steps are not computable from the next higher level's buckets: channel.geometry.carrier_frequency_hz"])
        // Coarser steps that are whole multiples, and bucket edges that are multiples of the step, nest.
        #expect(F.issues(F.fourLevel(rule: "channel.geometry.carrier_frequency_hz") {
            $0["at"] = ["UNCLASSIFIED": ["op": "generalize", "buckets": [0, 3e9]], "RESTRICTED": ["op": "generalize", "step": 1e9],
                        "CONFIDENTIAL": ["op": "generalize", "step": 1e8]]
        }).isEmpty)
    }

    @Test func releasedSeedWhileASampleAffectingFieldIsHidden() {
        let issues = F.issues(F.twoLevel([["field": "receiver.adc.adc_bits", "release_from": "HIGH"]]))
        #expect(issues == [SchemaIssue(
            path: "$.rules[0].release_from",
            message: "the seed is released as is at LOW, where sample-affecting fields are hidden (receiver.adc.adc_bits: drop); with the generator, a released seed confirms guesses of every hidden value (REDACTION.md #12): release it only from a level that releases every sample-affecting field as is, and below that drop it, hash it (keyed) or make it a constant"),
            SchemaIssue(path: "$.rules[0].release_from",
                        message: "scenario_sha256 is released as is at LOW, where fields are hidden (receiver.adc.adc_bits: drop); an unkeyed hash of the scenario confirms guessed values by enumeration (REDACTION.md #13): release it only where every field is released as is, and hash it (keyed) or drop it below"),
        ])
        // Keyed below HIGH, both are fine; hiding a field that does not shape the samples never binds the seed.
        #expect(F.issues(F.twoLevel([["field": "receiver.adc.adc_bits", "release_from": "HIGH"],
                                     ["field": "seed", "release_from": "HIGH", "below": "hash"],
                                     ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"]])).isEmpty)
        #expect(F.issues(F.twoLevel([["field": "labels.class_names", "release_from": "HIGH"],
                                     ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"]], low: ["class_names": "generic"])).isEmpty)
    }

    @Test func hiddenFieldDerivableFromReleasedOnes() {
        // Everything in Hz or seconds normalised below HIGH except one emitter frequency released in Hz:
        // measured in cycles/sample in /iq, it gives the sample rate away, and with it every other.
        let rules: [[String: Any]] = [
            ["field": "sample_rate_hz", "release_from": "HIGH", "below": "normalize"],
            ["field": "**.*_hz", "release_from": "HIGH", "below": "normalize"],
            ["field": "**.*_s", "release_from": "HIGH", "below": "normalize"],
            ["field": "channel.geometry.carrier_frequency_hz", "release_from": "HIGH"],
            ["field": "annotations.channel.geometry.carrier_frequency_hz", "release_from": "HIGH"],
            ["field": "emitter.frequency_hz", "release_from": "LOW"],
            ["field": "seed", "release_from": "HIGH", "below": "hash"],
            ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"],
        ]
        let issues = F.issues(F.twoLevel(rules, low: ["sample_rate": "normalized"]))
        // Every other time and frequency field follows from the sample rate, and the carrier from the
        // Doppler shift once the sample rate is known (a second step).
        let following = MetadataCatalogue.fields.filter {
            ($0.measurableInSamples && $0.path != "emitter.frequency_hz") || $0.path.hasSuffix("channel.geometry.carrier_frequency_hz")
        }.count
        #expect(issues.count == 1)
        #expect(issues.first?.path == "$.rules[6].release_from")
        #expect(issues.first?.message.hasPrefix("sample_rate_hz is normalised at LOW but derivable (sample-rate-from-frequency): Fs = emitter.frequency_hz[Hz] ÷ emitter.frequency_hz[cycles/sample], from emitter.frequency_hz released as is ($.rules[6]); emitter.frequency_hz in normalised units (measurable in /iq); hide an input at LOW or release sample_rate_hz as is there; through it, \(following) more hidden fields are derivable: ") == true)
        // Normalised as well, nothing gives the sample rate away.
        #expect(F.issues(F.twoLevel(Array(rules.filter { $0["field"] as? String != "emitter.frequency_hz" }), low: ["sample_rate": "normalized"])).isEmpty)
    }

    /// A scene: a burst's frequency in Hz gives the sample rate away like an example's; the burst count
    /// and the rows' example index follow from each other (the rows are in example order), unless no
    /// other /annotations column is written.
    @Test func sceneFieldsDeriveWhatTheyShould() {
        let oracles: [[String: Any]] = [
            ["field": "seed", "release_from": "HIGH", "below": "hash"],
            ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"],
        ]
        let hz: [[String: Any]] = [
            ["field": "sample_rate_hz", "release_from": "HIGH", "below": "normalize"],
            ["field": "**.*_hz", "release_from": "HIGH", "below": "normalize"],
            ["field": "**.*_s", "release_from": "HIGH", "below": "normalize"],
            ["field": "**.geometry.carrier_frequency_hz", "release_from": "HIGH"],
        ] + oracles
        #expect(F.issues(F.twoLevel(hz, low: ["sample_rate": "normalized"])).isEmpty)
        let leaky = F.issues(F.twoLevel(hz + [["field": "annotations.emitter.channel_spacing_hz", "release_from": "LOW"]], low: ["sample_rate": "normalized"]))
        #expect(leaky.count == 1 && leaky.first?.path == "$.rules[7].release_from")
        #expect(leaky.first?.message.hasPrefix("sample_rate_hz is normalised at LOW but derivable (sample-rate-from-frequency): Fs = annotations.emitter.channel_spacing_hz[Hz] ÷ annotations.emitter.channel_spacing_hz[cycles/sample]") == true)

        let noCount = F.issues(F.twoLevel([["field": "labels.burst_count", "release_from": "HIGH"]] + oracles))
        #expect(noCount == [SchemaIssue(path: "$.rules[0].release_from",
                                        message: "labels.burst_count is dropped at LOW but derivable (burst-count-from-annotations): labels.burst_count[i] = the number of /annotations rows whose example is i, from annotations.example released as is ($.rules[0]); hide an input at LOW or release labels.burst_count as is there")])
        let noExample = F.issues(F.twoLevel([["field": "annotations.example", "release_from": "HIGH"]] + oracles))
        #expect(noExample.count == 1 && noExample.first?.message.hasPrefix("annotations.example is dropped at LOW but derivable (annotation-example-from-burst-count)") == true)
        // With every other /annotations column dropped too, there are no rows to assign: nothing follows
        // (with the sample rate hidden, so that the samples do not give the bursts' Hz values back).
        #expect(F.issues(F.twoLevel(hz + [["field": "annotations.**", "release_from": "HIGH"]], low: ["sample_rate": "normalized"])).isEmpty)
    }

    @Test func derivationsChainAndTheirCyclesEnd() {
        // Two steps: snr_db and snr_definition give noise.es_n0_db; with noise.sample_snr_db it gives the
        // samples per symbol (of the emitter and of a hopper's base). Reported once, at the root.
        let hidden: [[String: Any]] = [
            ["field": "noise.es_n0_db", "release_from": "HIGH"],
            ["field": "emitter.**.samples_per_symbol", "release_from": "HIGH"],
            ["field": "seed", "release_from": "HIGH", "below": "hash"],
            ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"],
        ]
        #expect(F.issues(F.twoLevel(hidden)) == [SchemaIssue(
            path: "$.rules[0].release_from",
            message: "noise.es_n0_db is dropped at LOW but derivable (noise-from-snr): noise.es_n0_db = snr_db where snr_definition is es_n0, from snr_db released as is ($.rules[0]); snr_definition released as is ($.rules[0]); hide an input at LOW or release noise.es_n0_db as is there; through it, 2 more hidden fields are derivable: emitter.base.samples_per_symbol and emitter.samples_per_symbol")])
        // The table's cycle (es_n0 from sample_snr and back, both with the samples per symbol) cannot start
        // when both ends and the SNR they equal are hidden: the fixpoint ends and the schema is accepted.
        let cycle: [[String: Any]] = [
            ["field": "noise.*", "release_from": "HIGH"],
            ["field": "snr_db", "release_from": "HIGH"],
            ["field": "labels.snr_db", "release_from": "HIGH"],
            ["field": "seed", "release_from": "HIGH", "below": "hash"],
            ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"],
        ]
        #expect(F.issues(F.twoLevel(cycle)).isEmpty)
        // A clean reference (/iq − /iq_clean is the noise realisation) gives the sample SNR away.
        let issues = F.issues(F.twoLevel(cycle, low: ["clean_reference": true]))
        #expect(!issues.isEmpty && issues.allSatisfy { $0.path == "$.levels[0].format.clean_reference" })
        #expect(issues.contains { $0.message.hasPrefix("noise.sample_snr_db is dropped at LOW but derivable (clean-reference)") })
    }

    @Test func formatRulesMustAgreeWithFieldRules() {
        let hideADC: [[String: Any]] = [
            ["field": "receiver.adc.*", "release_from": "HIGH"],
            ["field": "seed", "release_from": "HIGH", "below": "hash"],
            ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"],
        ]
        #expect(F.issues(F.twoLevel(hideADC, low: ["compression": true])) == [SchemaIssue(
            path: "$.levels[0].format.compression",
            message: "compression is allowed at LOW but receiver.adc.adc_bits is dropped: the compression ratio reveals the ADC's bit depth (REDACTION.md #11); set it to false")])
        #expect(F.issues(F.twoLevel(hideADC, low: ["adc_quantization": true])) == [
            SchemaIssue(path: "$.levels[0].format.adc_quantization",
                        message: "receiver.adc.adc_bits is dropped at LOW but derivable (adc-lattice): /iq takes 2^bits levels per component (REDACTION.md #11), from the format at LOW: adc_quantization is allowed; hide an input at LOW or release receiver.adc.adc_bits as is there"),
            SchemaIssue(path: "$.levels[0].format.adc_quantization",
                        message: "receiver.adc.adc_full_scale_db is dropped at LOW but derivable (adc-lattice): the clipping level of /iq is the full scale, from the format at LOW: adc_quantization is allowed; hide an input at LOW or release receiver.adc.adc_full_scale_db as is there"),
        ])
        #expect(F.issues(F.twoLevel([], low: ["sample_rate": "normalized"])) == [SchemaIssue(
            path: "$.levels[0].format.sample_rate",
            message: "sample_rate_hz is released as is at LOW, so the format cannot normalise the sample rate: use \"physical\", or hide sample_rate_hz")])
        #expect(F.issues(F.twoLevel([], low: ["class_names": "generic"])) == [SchemaIssue(
            path: "$.levels[0].format.class_names",
            message: "labels.class_names is released as is at LOW, but the format asks for generic names: use \"scenario\", or hide labels.class_names")])
    }

    @Test func operatorsMustFitTheirFields() {
        let profiles = StageCatalogue.family("fading")!.parameter("profile")!.options.joined(separator: ", ")
        #expect(profiles.hasPrefix("flat, tdl_a") && profiles.contains("ra6"))
        #expect(F.issues(F.twoLevel([["field": "emitter.rolloff", "release_from": "HIGH", "below": "normalize"]])) == [SchemaIssue(
            path: "$.rules[1].below",
            message: "normalize does not apply to ratio fields (only to frequencies, frequency rates, durations and powers): emitter.rolloff")])
        #expect(F.issues(F.twoLevel([["field": "labels.class_index", "release_from": "HIGH", "below": ["op": "generalize", "step": 2]]])) == [SchemaIssue(
            path: "$.rules[1].below", message: "generalize applies to measured numbers, not to label fields: labels.class_index")])
        #expect(F.issues(F.twoLevel([["field": "receiver.adc.adc_bits", "release_from": "HIGH", "below": ["op": "constant", "value": "twelve"]]])) == [SchemaIssue(
            path: "$.rules[1].below", message: "constant \"twelve\" does not fit integer fields: receiver.adc.adc_bits")])
        #expect(F.issues(F.twoLevel([["field": "channel.fading.profile", "release_from": "HIGH", "below": ["op": "constant", "value": "rayleigh"]]])) == [SchemaIssue(
            path: "$.rules[1].below",
            message: "a constant for this category field is one of its options (\(profiles)): channel.fading.profile")])
    }
}
