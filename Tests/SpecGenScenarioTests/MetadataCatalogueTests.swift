import Foundation
import SpecGenScenario
import Testing

@Suite struct MetadataCatalogueTests {
    let fields = MetadataCatalogue.fields

    @Test func sortedUniqueAndCoveringEveryPossibleParameter() {
        let paths = fields.map(\.path)
        #expect(paths == paths.sorted())
        #expect(Set(paths).count == paths.count)
        let possible = EmitterCatalogue.possibleParameters() + StageCatalogue.possibleParameters() + ArraySpec.possibleParameters()
        for (path, spec, family) in possible {
            let field = MetadataCatalogue.field(path)
            #expect(field != nil, "\(path) (\(family)) is not in the catalogue")
            #expect(field?.unit == spec.unit, "\(path): unit")
            #expect(field?.storage == .metaColumn && field?.affectsSamples == true)
        }
        // Nothing else is per-example except the run's own columns and a scene's burst count.
        let perExample = Set(fields.filter(\.storage.isPerExample).map(\.path))
        #expect(perExample == Set(possible.map(\.path)).union(MetadataCatalogue.runColumns.map(\.path)).union(["labels.burst_count"]))
    }

    /// A scene's `/annotations` columns: the box fields, and a mirror of every emitter and channel-stage
    /// parameter (never the receiver's, recorded per example, nor the array's: a scene has none) with the
    /// same unit, kind, values and measurability, so operators treat both alike.
    @Test func annotationFieldsMirrorEveryPerBurstParameter() {
        let perBurst = fields.filter(\.storage.isPerBurst)
        #expect(perBurst.allSatisfy { $0.path.hasPrefix("annotations.") && !$0.storage.isPerExample && $0.affectsSamples })
        let box = ["annotations.class_index", "annotations.example", "annotations.f_high", "annotations.f_low", "annotations.snr_db",
                   "annotations.start", "annotations.stop"]
        #expect(MetadataCatalogue.annotationBoxFields.map(\.path).sorted() == box)
        var mirrored = Set(box)
        for field in fields where field.storage == .metaColumn {
            let copy = MetadataCatalogue.field("annotations." + field.path)
            guard field.path.hasPrefix("emitter.") || field.path.hasPrefix("channel.") else {
                // The receiver's and the array's parameters (a scene records the former per example);
                // the run's own columns have no per-burst copy of their path either (`snr_db` is not one:
                // annotations.snr_db is the box's in-band SNR).
                if field.path.hasPrefix("receiver.") || field.path.hasPrefix("array.") {
                    #expect(copy == nil, "\(field.path) is recorded per example, not per burst")
                }
                continue
            }
            mirrored.insert("annotations." + field.path)
            #expect(copy?.unit == field.unit && copy?.kind == field.kind && copy?.valueType == field.valueType, "\(field.path)")
            #expect(copy?.element == field.element && copy?.bounds == field.bounds && copy?.sources == field.sources, "\(field.path)")
            #expect(copy?.measurableInSamples == field.measurableInSamples, "\(field.path)")
            #expect(copy?.storage.location(of: "annotations." + field.path) == "/annotations/" + field.path)
        }
        #expect(Set(perBurst.map(\.path)) == mirrored)
        #expect(MetadataCatalogue.field("annotations.channel.interference.emitter.base.gating.on_s") != nil)
        #expect(MetadataCatalogue.field("annotations.receiver.adc.adc_bits") == nil && MetadataCatalogue.field("annotations.array.azimuth_deg") == nil)
        #expect(MetadataCatalogue.field("labels.burst_count")?.storage.location(of: "labels.burst_count") == "/labels/burst_count")
    }

    /// The scenario's own naming (`allParameters`) and the catalogue's agree for nested emitters: a hopper
    /// with a gated base inside an interference stage of each list.
    @Test func aScenarioRecordsOnlyCataloguePaths() throws {
        let json = """
            {"format": "specgen-scenario", "version": 1, "seed": 1, "examples": 2, "samples_per_example": 256, "sample_rate_hz": 1000000,
             "snr_db": 10,
             "classes": [{"name": "hop", "emitter": {"type": "fhss", "gating": {"on_s": 0.0002}, "base": {"type": "gfsk", "gating": {"on_s": 0.0001}}}}],
             "channel": [{"type": "interference", "emitter": {"type": "fhss", "base": {"type": "tone"}}}, {"type": "carrier_offset"}],
             "receiver": [{"type": "interference", "emitter": {"type": "lfm", "gating": {"on_s": 0.0001}}}, {"type": "adc"}],
             "array": {"geometry": "uca", "elements": 3}}
            """
        let scenario = try Scenario.decode(Data(json.utf8))
        var recorded = scenario.classes.flatMap { $0.emitter.allParameters() }.map(\.path)
        for (list, stages) in [("channel", scenario.channel), ("receiver", scenario.receiver)] {
            recorded += stages.flatMap { $0.allParameters(list: list) }.map(\.path)
        }
        recorded += scenario.array!.allParameters().map(\.path)
        #expect(recorded.contains("emitter.base.gating.on_s") && recorded.contains("channel.interference.emitter.base.frequency_hz"))
        #expect(recorded.contains("receiver.interference.emitter.gating.on_s") && recorded.contains("array.radius_wavelengths"))
        for path in recorded { #expect(MetadataCatalogue.field(path) != nil, "\(path)") }
    }

    @Test(arguments: [
        ("sample_rate_hz", FieldKind.frequency, true, false),
        ("emitter.frequency_hz", .frequency, true, true),
        ("channel.geometry.carrier_frequency_hz", .frequency, true, false),
        ("channel.carrier_offset.frequency_drift_hz_per_s", .frequencyRate, true, true),
        ("emitter.gating.on_s", .duration, true, true),
        ("emitter.samples_per_symbol", .sampleCount, true, false),
        ("receiver.adc.adc_bits", .count, true, false),
        ("channel.fading.profile", .category, true, false),
        ("array.azimuth_deg", .angle, true, false),
        ("channel.geometry.emitter_vx_mps", .velocity, true, false),
        ("snr_db", .power, true, false),
        ("labels.class_index", .label, true, false),
        ("labels.class_names", .label, false, false),
        ("seed", .identifier, true, false),
        ("scenario_sha256", .identifier, false, false),
        ("specgen_version", .provenance, false, false),
        ("spectrogram.fft_size", .count, false, false),
        ("array.geometry", .category, true, false),
        ("labels.burst_count", .label, true, false),
        ("annotations.example", .label, true, false),
        ("annotations.class_index", .label, true, false),
        ("annotations.start", .sampleCount, true, false),
        ("annotations.f_low", .normalizedFrequency, true, false),
        ("annotations.snr_db", .power, true, false),
        ("annotations.emitter.frequency_hz", .frequency, true, true),
        ("annotations.emitter.gating.on_s", .duration, true, true),
        ("annotations.channel.carrier_offset.frequency_drift_hz_per_s", .frequencyRate, true, true),
        ("annotations.channel.geometry.carrier_frequency_hz", .frequency, true, false),
        ("annotations.channel.fading.profile", .category, true, false),
    ])
    func kindsAndFlags(_ path: String, _ kind: FieldKind, _ affectsSamples: Bool, _ measurable: Bool) {
        let field = MetadataCatalogue.field(path)
        #expect(field?.kind == kind)
        #expect(field?.affectsSamples == affectsSamples)
        #expect(field?.measurableInSamples == measurable)
    }

    @Test func storage() {
        #expect(MetadataCatalogue.field("seed")?.storage == .rootAttribute)
        #expect(MetadataCatalogue.field("labels.class_names")?.storage.location(of: "labels.class_names") == "/labels/class_names")
        #expect(MetadataCatalogue.field("labels.snr_db")?.element == "float32")
        #expect(MetadataCatalogue.field("array.elements")?.storage == .shape(dataset: "/iq", axis: "channel"))
        #expect(MetadataCatalogue.field("array.geometry")?.storage == .rootAttribute)
        #expect(MetadataCatalogue.field("channel.fading.delays_s")?.storage == .rootAttribute)
        #expect(MetadataCatalogue.field("channel.fading.delays_s")?.kind == .duration)
        #expect(MetadataCatalogue.field("shard_index")?.kind == .provenance)
        #expect(MetadataCatalogue.field("receiver.adc.adc_bits")?.storage.location(of: "receiver.adc.adc_bits") == "/meta/receiver.adc.adc_bits")
    }

    @Test func derivationTable() {
        let rows = MetadataCatalogue.derivations
        for field in fields where field.kind == .frequency && field.path != MetadataCatalogue.sampleRate {
            #expect(rows.contains { $0.name == "sample-rate-from-frequency" && $0.inputs == [.value(field.path), .normalized(field.path)] }, "\(field.path)")
            #expect(rows.contains { $0.name == "frequency-from-sample-rate" && $0.output == field.path })
        }
        for field in fields where field.kind == .duration {
            #expect(rows.contains { $0.name == "sample-rate-from-duration" && $0.inputs.first == .value(field.path) })
        }
        #expect(rows.contains { $0.output == "samples_per_example" && $0.inputs == [.format(.exampleLengthOpen)] })
        #expect(rows.contains { $0.output == "receiver.adc.adc_bits" && $0.inputs == [.format(.adcQuantized)] })
        #expect(rows.filter { !$0.isExact }.map(\.name).sorted() == ["shape", "snr-label"])
    }

    /// What a scene's fields give away: per-burst times and frequencies reveal the sample rate like their
    /// per-example twins (they are the same kind of field); the Doppler of each burst's geometry; the
    /// burst count and the rows' example index follow from each other. The box itself (samples,
    /// cycles/sample, dB) involves no sample rate: no row has it as an input beside a physical value.
    @Test func sceneDerivations() {
        let rows = MetadataCatalogue.derivations
        for path in ["annotations.emitter.frequency_hz", "annotations.channel.carrier_offset.frequency_offset_hz"] {
            #expect(rows.contains { $0.name == "sample-rate-from-frequency" && $0.inputs == [.value(path), .normalized(path)] }, "\(path)")
        }
        #expect(rows.contains { $0.name == "sample-rate-from-duration" && $0.inputs == [.value("annotations.emitter.dwell_s"), .normalized("annotations.emitter.dwell_s")] })
        #expect(rows.contains { $0.name == "sample-rate-from-doppler" && $0.inputs.contains(.value("annotations.channel.geometry.carrier_frequency_hz")) })
        #expect(rows.contains { $0.name == "carrier-from-doppler" && $0.output == "annotations.channel.geometry.carrier_frequency_hz" })
        #expect(rows.contains { $0.output == "labels.burst_count" && $0.inputs == [.value("annotations.example")] })
        let example = rows.filter { $0.output == "annotations.example" }
        #expect(example.count == 1 && example.first?.inputs.first == .value("labels.burst_count"))
        if case .anyWritten(let columns)? = example.first?.inputs.last {
            #expect(Set(columns) == Set(fields.filter { $0.storage.isPerBurst && $0.path != "annotations.example" }.map(\.path)))
        } else {
            Issue.record("the example index needs some other /annotations column's rows")
        }
        let box = Set(MetadataCatalogue.annotationBoxFields.map(\.path)).subtracting(["annotations.example"])
        #expect(!rows.contains { row in row.inputs.contains { if case .value(let p) = $0 { box.contains(p) } else if case .normalized(let p) = $0 { box.contains(p) } else { false } } })
    }

    /// docs/fields.md is generated from the catalogue; regenerate with scripts/generate-reference.
    @Test func fieldReferenceIsCurrent() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/fields.md")
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == FieldReference.markdown(), "docs/fields.md is stale: run scripts/generate-reference")
    }
}
