import SpecGenPolicy
import Testing

@Suite struct FieldPatternTests {
    func pattern(_ text: String) -> FieldPattern { try! FieldPattern(parsing: text) }

    @Test(arguments: [
        ("emitter.rolloff", "emitter.rolloff", true),
        ("emitter.*", "emitter.rolloff", true),
        ("emitter.*", "emitter.base.rolloff", false),
        ("emitter.**", "emitter.base.rolloff", true),
        ("emitter.**", "emitter.rolloff", true),
        ("emitter.**", "channel.fading.profile", false),
        ("**", "sample_rate_hz", true),
        ("**.*_hz", "sample_rate_hz", true),
        ("**.*_hz", "receiver.interference.emitter.base.frequency_hz", true),
        ("emitter.**.*_hz", "emitter.frequency_hz", true),
        ("emitter.**.*_hz", "emitter.base.frequency_hz", true),
        ("emitter.**.*_hz", "emitter.base.rolloff", false),
        ("*_hz", "emitter.frequency_hz", false),
        ("emitter.frequency_*", "emitter.frequency_hz", true),
        ("emitter.*_hz", "emitter.frequency_hz_per_s", false),
        ("*.carrier_offset.*", "receiver.carrier_offset.phase_rad", true),
        ("channel.geometry.emitter_*_m", "channel.geometry.emitter_vx_mps", false),
        ("channel.geometry.emitter_*_m", "channel.geometry.emitter_x_m", true),
        ("e*r.*", "emitter.rolloff", true),
    ])
    func matching(_ text: String, _ path: String, _ expected: Bool) {
        #expect(pattern(text).matches(path) == expected)
    }

    /// Specificity: literal segments first, then partial wildcards, then `*`, then no `**` over `**`.
    @Test func specificityOrder() {
        let ordered = ["**", "**.*_hz", "emitter.**", "emitter.*", "emitter.**.*_hz", "emitter.*_hz", "emitter.frequency_hz"]
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            #expect(pattern(a).specificity < pattern(b).specificity, "\(a) < \(b)")
        }
        #expect(pattern("emitter.*_hz").specificity == pattern("emitter.frequency_*").specificity)
        #expect(pattern("receiver.interference.**").specificity > pattern("receiver.**.*_db").specificity)
        #expect(pattern("emitter.*_hz").specificity.description == "1 literal segment, 1 partial wildcard")
    }

    @Test(arguments: [
        ("", "an empty pattern matches nothing"),
        ("emitter..rolloff", "\"emitter..rolloff\" has an empty segment (two dots, or a dot at an end)"),
        ("emitter.Rolloff", "\"emitter.Rolloff\": segment \"Rolloff\" may hold only a-z, 0-9, _ and * (field paths are lowercase)"),
        ("emitter.a**", "\"emitter.a**\": ** must be a whole segment"),
        ("**.emitter.**", "\"**.emitter.**\" uses ** more than once; one ** already matches any depth"),
    ])
    func refusedPatterns(_ text: String, _ message: String) {
        #expect(throws: PatternError.self) { try FieldPattern(parsing: text) }
        do { _ = try FieldPattern(parsing: text) } catch { #expect(error.message == message) }
    }
}
