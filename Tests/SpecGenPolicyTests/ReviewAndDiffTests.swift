import Foundation
import SpecGenPolicy
import SpecGenScenario
import Testing

@Suite struct ReviewTests {
    typealias F = SchemaFixtures
    let today = CalendarDate("2026-06-01")!

    func review(_ object: [String: Any], today: CalendarDate? = nil) throws -> ClassificationReview {
        ClassificationReview(schema: try F.load(object), today: today ?? self.today)
    }

    /// Cells of a text-table row: columns are separated by two or more spaces.
    func row(_ text: String, field: String) -> [String]? {
        text.split(separator: "\n").first { $0.hasPrefix(field + " ") }.map {
            $0.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test func tableShowsEveryFieldAtEveryLevel() throws {
        let review = try review(F.fourLevel())
        let text = review.text()
        #expect(row(text, field: "field") == ["field", "unit", "kind", "UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "rule"])
        #expect(row(text, field: "receiver.adc.adc_bits") == ["receiver.adc.adc_bits", "bits", "count", "drop", "drop", "release", "release",
                                                              "\(F.ruleIndex("receiver.adc.adc_bits")): receiver.adc.adc_bits"])
        for field in MetadataCatalogue.fields { #expect(row(text, field: field.path) != nil, "\(field.path) missing") }
        #expect(row(text, field: "sample_rate") == ["sample_rate", "normalized", "normalized", "normalized", "physical"])
        let markdown = review.markdown()
        #expect(markdown.contains("| field | unit | kind | UNCLASSIFIED | RESTRICTED | CONFIDENTIAL | SECRET | rule |"))
        #expect(markdown.contains("| `channel.geometry.carrier_frequency_hz` |") || markdown.contains("| channel.geometry.carrier_frequency_hz | Hz | frequency | drop | buckets 0\\|3e8\\|3e10 |"))
    }

    @Test func htmlIsSelfContained() throws {
        let html = try review(F.fourLevel()).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>") && html.contains("<td class=\"release\">release</td>"))
        for outside in ["<script", "src=", "href=", "http://", "https://", "@import"] { #expect(!html.contains(outside), "\(outside)") }
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func approximateDerivationIsAWarning() throws {
        let warnings = try review(F.fourLevel()).warnings
        #expect(warnings.map(\.kind) == [.approximateDerivation])
        #expect(warnings.first?.message.hasPrefix("sample_rate_hz is normalised at CONFIDENTIAL but approximately derivable (sample-rate-from-doppler)") == true)
    }

    @Test func overdueReview() throws {
        var schema = F.fourLevel()
        schema["review"] = ["last": "2025-01-01", "next": "2026-05-31"]
        let warnings = try review(schema).warnings.filter { $0.kind == .reviewOverdue }
        #expect(warnings.map(\.message) == ["the next review was due on 2026-05-31 (last review 2025-01-01); today is 2026-06-01: have the schema reviewed and its dates updated"])
        #expect(try review(schema, today: CalendarDate("2026-05-31")!).warnings.allSatisfy { $0.kind != .reviewOverdue })
        #expect(try review(schema).text().contains("review overdue: the next review was due on 2026-05-31"))
    }

    @Test func unnamedShadowedUnusedAndWeak() throws {
        var schema = F.fourLevel()
        var rules = (schema["rules"] as! [[String: Any]]).filter { $0["field"] as? String != "policy" }
        let adc = rules.firstIndex { $0["field"] as? String == "receiver.adc.adc_bits" }!
        rules[adc]["at"] = ["RESTRICTED": ["op": "generalize", "step": 1]]
        rules += [["field": "receiver.adc.*", "release_from": "SECRET"], ["field": "reciever.**", "release_from": "SECRET"]]
        schema["rules"] = rules
        let warnings = try review(schema).warnings
        let n = rules.count
        #expect(warnings.contains(.init(kind: .unnamedFields, message: "1 field is named by no rule and dropped at every level (fail closed): policy")))
        #expect(warnings.contains(.init(kind: .shadowedRule,
                                        message: "$.rules[\(n - 2)] \"receiver.adc.*\" never applies: more specific rules govern every field it matches ($.rules[\(adc)] \"receiver.adc.adc_bits\", $.rules[\(adc + 1)] \"receiver.adc.adc_full_scale_db\")")))
        #expect(warnings.contains(.init(kind: .unusedRule,
                                        message: "$.rules[\(n - 1)] \"reciever.**\" matches no field specgen emits (a misspelt pattern leaves fields to the implicit drop)")))
        #expect(warnings.contains(.init(kind: .weakOperator,
                                        message: "$.rules[\(adc)].at.RESTRICTED: at RESTRICTED, generalize with step 1 releases an integer field as is: receiver.adc.adc_bits")))
        #expect(try review(schema).text().contains("receiver.adc.adc_bits"))
    }

    @Test func weakHashAndBuckets() throws {
        let warnings = try review(F.twoLevel([
            ["field": "receiver.adc.adc_bits", "release_from": "HIGH", "below": "hash"],
            ["field": "channel.fading.profile", "release_from": "HIGH", "below": "hash"],
            ["field": "emitter.bits_per_symbol", "release_from": "HIGH", "below": ["op": "generalize", "buckets": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]],
            ["field": "seed", "release_from": "HIGH", "below": "hash"],
            ["field": "scenario_sha256", "release_from": "HIGH", "below": "hash"],
        ])).warnings.filter { $0.kind == .weakOperator }.map(\.message)
        #expect(warnings.contains("$.rules[1].below: at LOW, a keyed hash of a field with 16 possible values hides the values but not which examples share one; with the samples the groups can often be named: receiver.adc.adc_bits"))
        #expect(warnings.contains("$.rules[2].below: at LOW, a keyed hash of a field with \(StageCatalogue.family("fading")!.parameter("profile")!.options.count) possible values hides the values but not which examples share one; with the samples the groups can often be named: channel.fading.profile"))
        #expect(warnings.contains { $0.hasPrefix("$.rules[3].below: at LOW, generalize buckets give every value of the field") })
    }
}

@Suite struct DiffTests {
    typealias F = SchemaFixtures

    @Test func statesWhatBecomesMoreAndLessReleasable() throws {
        var after = F.fourLevel(rule: "receiver.adc.adc_bits") { $0["release_from"] = "RESTRICTED" }
        var rules = after["rules"] as! [[String: Any]]
        let durations = rules.firstIndex { $0["field"] as? String == "emitter.**.*_s" }!
        rules[durations]["at"] = ["UNCLASSIFIED": "drop"]
        after["rules"] = rules
        after["version"] = "1.1.0"
        var levels = after["levels"] as! [[String: Any]]
        var format = levels[1]["format"] as! [String: Any]
        format["compression"] = true
        levels[1]["format"] = format
        after["levels"] = levels
        let diff = ClassificationDiff(from: try F.load(F.fourLevel()), to: try F.load(after))
        let lines = diff.lines
        #expect(diff.changesRelease)
        #expect(lines.contains("At UNCLASSIFIED:"))
        #expect(lines.contains("  11 fields become less releasable:"))
        #expect(lines.contains { $0.hasPrefix("    normalised → dropped: emitter.base.chirp_duration_s,") && $0.hasSuffix("emitter.pulse_width_s") })
        #expect(lines.contains("At RESTRICTED:"))
        #expect(lines.contains("  format.compression: false → true (the data may show more)"))
        #expect(lines.contains("  1 field becomes more releasable:"))
        #expect(lines.contains("    dropped → released as is: receiver.adc.adc_bits"))
        #expect(lines.contains("At CONFIDENTIAL: no change."))
        #expect(lines.first?.hasSuffix("to example.four-level version 1.1.0 (SHA-256 \(try F.load(after).sha256.prefix(12))…).") == true)
    }

    @Test func levelsAddedAndRemovedAndNoChange() throws {
        let four = try F.load(F.fourLevel()), open = try ClassificationSchema.load(from: F.openPath)
        let lines = ClassificationDiff(from: open, to: four).lines
        #expect(lines.contains("Level OPEN (rank 0) is removed: files can no longer be marked OPEN under this schema."))
        #expect(lines.contains("Level SECRET (rank 3, \"SECRET\") is new."))
        #expect(lines.contains("At SECRET (new): \(MetadataCatalogue.fields.count) fields released as is."))
        let same = ClassificationDiff(from: four, to: four)
        #expect(!same.changesRelease)
        #expect(same.lines.last == "Nothing a dataset may disclose changes at any level.")
    }
}
