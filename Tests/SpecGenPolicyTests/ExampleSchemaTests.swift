import SpecGenPolicy
import SpecGenScenario
import Testing

/// The shipped example schemas load, and their resolved policies are what the files say.
@Suite struct ExampleSchemaTests {
    typealias F = SchemaFixtures
    static let fourLevel = try! ClassificationSchema.load(from: SchemaFixtures.fourLevelPath)
    static let open = try! ClassificationSchema.load(from: SchemaFixtures.openPath)
    var fourLevel: ClassificationSchema { Self.fourLevel }
    var open: ClassificationSchema { Self.open }

    @Test func openReleasesEverythingAsIs() throws {
        let policy = try open.resolve(level: "OPEN")
        #expect(policy.fields.count == MetadataCatalogue.fields.count)
        #expect(policy.fields.allSatisfy { $0.operation == .release && $0.rule == 0 })
        #expect(policy.format.compression && policy.format.adcQuantization && policy.format.sampleRate == .physical)
    }

    /// Decided: the realistic example names every field by a rule — no catch-all — so a field a later
    /// specgen adds shows up in `schema review` as unnamed instead of silently taking a catch-all's fate.
    @Test func fourLevelNamesEveryCatalogueField() {
        let unnamed = MetadataCatalogue.fields.filter { fourLevel.governingRule(for: $0.path) == nil }.map(\.path)
        #expect(unnamed.isEmpty, "unnamed: \(unnamed)")
        #expect(!fourLevel.rules.contains { $0.pattern.text == "**" })
    }

    @Test(arguments: [
        ("sample_rate_hz", ["normalize", "normalize", "normalize", "release"]),
        ("seed", ["hash", "hash", "hash", "release"]),
        ("scenario_sha256", ["hash", "hash", "hash", "release"]),
        ("receiver.adc.adc_bits", ["drop", "drop", "release", "release"]),
        ("receiver.adc.adc_full_scale_db", ["drop", "drop", "release", "release"]),
        ("receiver.iq_imbalance.iq_gain_db", ["drop", "step 1", "release", "release"]),
        ("receiver.interference.sir_db", ["drop", "release", "release", "release"]),
        ("receiver.receiver_filter.bandwidth_hz", ["drop", "drop", "normalize", "release"]),
        ("emitter.rolloff", ["release", "release", "release", "release"]),
        ("emitter.frequency_hz", ["normalize", "normalize", "normalize", "release"]),
        ("emitter.base.gating.on_s", ["normalize", "normalize", "normalize", "release"]),
        ("channel.fading.max_doppler_hz", ["drop", "normalize", "normalize", "release"]),
        ("channel.fading.profile", ["drop", "release", "release", "release"]),
        ("channel.carrier_offset.frequency_drift_hz_per_s", ["drop", "normalize", "normalize", "release"]),
        ("channel.geometry.carrier_frequency_hz", ["drop", "buckets 0|3e8|3e10", "buckets 0|3e6|3e7|3e8|3e9|3e10|3e11", "release"]),
        ("channel.geometry.emitter_x_m", ["drop", "drop", "step 1000", "release"]),
        ("array.elements", ["drop", "drop", "release", "release"]),
        ("array.azimuth_deg", ["drop", "drop", "step 10", "release"]),
        ("array.spacing_wavelengths", ["drop", "drop", "drop", "release"]),
        ("labels.class_names", ["release", "release", "release", "release"]),
        ("labels.class_index", ["release", "release", "release", "release"]),
        ("samples_per_example", ["release", "release", "release", "release"]),
        ("labels.burst_count", ["release", "release", "release", "release"]),
        ("annotations.example", ["release", "release", "release", "release"]),
        ("annotations.start", ["release", "release", "release", "release"]),
        ("annotations.f_low", ["release", "release", "release", "release"]),
        ("annotations.snr_db", ["release", "release", "release", "release"]),
        ("annotations.emitter.samples_per_symbol", ["release", "release", "release", "release"]),
        ("annotations.emitter.frequency_hz", ["normalize", "normalize", "normalize", "release"]),
        ("annotations.emitter.base.gating.on_s", ["normalize", "normalize", "normalize", "release"]),
        ("annotations.channel.fading.profile", ["drop", "release", "release", "release"]),
        ("annotations.channel.fading.max_doppler_hz", ["drop", "normalize", "normalize", "release"]),
        ("annotations.channel.carrier_offset.frequency_drift_hz_per_s", ["drop", "normalize", "normalize", "release"]),
        ("annotations.channel.interference.emitter.frequency_hz", ["drop", "normalize", "normalize", "release"]),
        ("annotations.channel.interference.sir_db", ["drop", "release", "release", "release"]),
        ("annotations.channel.geometry.carrier_frequency_hz", ["drop", "buckets 0|3e8|3e10", "buckets 0|3e6|3e7|3e8|3e9|3e10|3e11", "release"]),
        ("annotations.channel.geometry.emitter_x_m", ["drop", "drop", "step 1000", "release"]),
        ("annotations.channel.geometry.emitter_vx_mps", ["drop", "drop", "step 10", "release"]),
    ])
    func fourLevelSpotChecks(_ field: String, _ expected: [String]) throws {
        let cells = try fourLevel.levels.map { try fourLevel.resolve(level: $0.name).operation(for: field).cell }
        #expect(cells == expected)
    }

    /// A scene's per-burst fields get, at every level, what their per-example twins get.
    @Test func fourLevelTreatsEveryAnnotationParameterAsItsTwin() throws {
        for level in fourLevel.levels {
            let policy = try fourLevel.resolve(level: level.name)
            for field in MetadataCatalogue.fields where field.storage.isPerBurst {
                let twin = String(field.path.dropFirst("annotations.".count))
                guard MetadataCatalogue.field(twin) != nil else { continue }
                #expect(policy.operation(for: field.path) == policy.operation(for: twin), "\(field.path) at \(level.name)")
            }
        }
    }

    @Test func fourLevelFormatRulesAndCategories() throws {
        let unclassified = try fourLevel.resolve(level: "UNCLASSIFIED"), secret = try fourLevel.resolve(level: "SECRET")
        #expect(unclassified.format.sampleRate == .normalized && !unclassified.format.adcQuantization && !unclassified.format.compression)
        #expect(unclassified.format.unitPower && unclassified.format.channelCounts == [1])
        #expect(secret.format.sampleRate == .physical && secret.format.exampleLengths == nil)
        #expect(unclassified.categories == [LabelCategory(name: "Releasable To", values: ["AUS", "CAN", "GBR", "NZL", "USA"])])
        #expect(secret.categories == [LabelCategory(name: "Releasable To", values: ["GBR", "USA"])])
        #expect(secret.level.rank == 3 && secret.level.display == "SECRET")
    }

    /// The manifest depends on (schema, level) only: every catalogue field, sorted, operator names only.
    @Test func manifestCoversTheCatalogueWithoutValues() throws {
        let again = try ClassificationSchema.load(from: SchemaFixtures.fourLevelPath)
        for level in fourLevel.levels {
            let manifest = try fourLevel.resolve(level: level.name).manifest
            #expect(manifest.map(\.field) == MetadataCatalogue.fields.map(\.path).sorted())
            #expect(manifest.allSatisfy { ["release", "drop", "normalize", "generalize", "hash", "constant"].contains($0.operator) })
            #expect(try again.resolve(level: level.name).manifest.elementsEqual(manifest) { $0 == $1 })
        }
        #expect(try fourLevel.resolve(level: "CONFIDENTIAL").manifest.first { $0.field == "receiver.adc.adc_bits" }?.operator == "release")
        #expect(fourLevel.sha256 == again.sha256 && fourLevel.sha256.count == 64)
    }

    @Test func unknownLevelIsRefused() {
        #expect(throws: SchemaError.self) { try fourLevel.resolve(level: "TOPSECRET") }
        do { _ = try fourLevel.resolve(level: "TOPSECRET") } catch {
            #expect(error.description == "the schema has no level \"TOPSECRET\"; its levels are UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET")
        }
    }
}
