/// Every metadata field specgen can emit — file-level and per-example, for every emitter and stage
/// type — with its unit, kind, storage and whether it shapes the samples: what a classification schema
/// must decide about (`specgen schema fields`, docs/fields.md).
///
/// It lives here, beside the emitter and stage catalogues, because the parameter facts (units, bounds)
/// and the naming (`MetadataPath`) do; the run's own columns (`runColumns`) are the ones `RunPlan`
/// records, and the root attributes are those `Generator.fileMetadata` writes (a client test compares
/// this list with real files).
public enum MetadataCatalogue {
    /// Every field, sorted by path.
    public static let fields: [MetadataField] = {
        let all = fileFields + shardFields + runColumns + structureFields + parameterFields + listFields
            + sceneColumns + annotationBoxFields + annotationParameterFields
        var seen = Set<String>()
        for field in all { precondition(seen.insert(field.path).inserted, "metadata path \(field.path) is listed twice") }
        return all.sorted { $0.path < $1.path }
    }()

    private static let byPath: [String: MetadataField] = Dictionary(uniqueKeysWithValues: fields.map { ($0.path, $0) })

    public static func field(_ path: String) -> MetadataField? { byPath[path] }

    /// The sample rate: the reference of every normalised value.
    public static let sampleRate = "sample_rate_hz"
    public static let seed = "seed"
    public static let scenarioDigest = "scenario_sha256"

    /// Root attributes (and the class names, which the writer stores as /labels/class_names).
    public static let fileFields: [MetadataField] = [
        text("format", .provenance, "dataset format tag (specgen-dataset)"),
        MetadataField(path: "format_version", unit: "", kind: .provenance, valueType: .integer, element: "int64", storage: .rootAttribute,
                      affectsSamples: false, summary: "dataset format version", sources: ["run"]),
        text("specgen_version", .provenance, "version of the generator that wrote the file"),
        text("policy", .provenance, "name of the release policy that chose the metadata"),
        text(scenarioDigest, .identifier,
             "SHA-256 of the scenario file's bytes: unkeyed, so with a guess of the scenario it confirms guessed hidden values (REDACTION.md #13)"),
        MetadataField(path: seed, unit: "", kind: .identifier, valueType: .integer, element: "int64", storage: .rootAttribute,
                      affectsSamples: true, summary: "the run's seed: with the generator, an oracle for every hidden sample-affecting value (REDACTION.md #12)",
                      sources: ["scenario"]),
        MetadataField(path: sampleRate, unit: "Hz", kind: .frequency, valueType: .real, element: "float64", storage: .rootAttribute,
                      affectsSamples: true, bounds: .positive, summary: "the sample rate Fs", sources: ["scenario"]),
        MetadataField(path: "snr_definition", unit: "category", kind: .category, valueType: .category(["es_n0", "per_sample"]), element: "string",
                      storage: .rootAttribute, affectsSamples: true, summary: "how snr_db sets the noise variance", sources: ["scenario"]),
        MetadataField(path: "labels.class_names", unit: "", kind: .label, valueType: .texts, element: "string[]", storage: .labelsDataset,
                      affectsSamples: false, summary: "the class names, in scenario order", sources: ["scenario"]),
    ]

    /// Root attributes of a shard file (`specgen run --shard K/N`); absent from whole and merged files.
    public static let shardFields: [MetadataField] = [
        ("shard_index", "K of --shard K/N"), ("shard_count", "N of --shard K/N"),
        ("shard_example_start", "first example index the part holds"), ("shard_example_stop", "end (exclusive) of the part's examples"),
        ("shard_dataset_examples", "examples in the whole dataset the part belongs to"),
    ].map { path, summary in
        MetadataField(path: path, unit: "", kind: .provenance, valueType: .integer, element: "int64", storage: .rootAttribute,
                      affectsSamples: false, summary: summary, sources: ["shard"])
    }

    /// The scenario's fixed lists (a custom tap list, a phase-noise mask, listed element positions): one
    /// float64 root attribute each, named by its path, written when the scenario gives the list.
    static var listFields: [MetadataField] {
        var all: [MetadataField] = []
        for list in MetadataPath.stageLists {
            for family in StageCatalogue.families where family.placement.allows(list) {
                let prefix = MetadataPath.stage(list: list, type: family.type)
                all += family.lists.map { listField(prefix + $0.name, $0, source: family.type) }
            }
        }
        all.append(listField(MetadataPath.array + ArraySpec.positionsSpec.name, ArraySpec.positionsSpec, source: "array"))
        return all
    }

    private static func listField(_ path: String, _ spec: ListParameterSpec, source: String) -> MetadataField {
        let kind = spec.unit == "dBc/Hz" ? .power : self.kind(unit: spec.unit, integer: false, name: spec.name)
        return MetadataField(path: path, unit: spec.unit, kind: kind, valueType: .real, element: spec.width == 1 ? "float64[n]" : "float64[n, 3]",
                             storage: .rootAttribute, affectsSamples: true,
                             // Delays (a channel estimate) and mask offsets (the phase PSD) show in the samples.
                             measurableInSamples: kind == .frequency || kind == .duration, bounds: spec.bounds,
                             summary: spec.summary, sources: [source])
    }

    /// The per-example fields every run records besides the drawn parameters (`RunPlan.columnTypes`).
    public static let runColumns: [MetadataField] = [
        MetadataField(path: "labels.class_index", unit: "", kind: .label, valueType: .integer, element: "int32", storage: .labelsColumn,
                      affectsSamples: true, bounds: .closed(0 ... 1023), summary: "the example's class (which emitter drew it)", sources: ["run"]),
        decibels("labels.snr_db", element: "float32", storage: .labelsColumn, bounds: snrParameter.bounds, "the example's SNR (float32 copy of snr_db)"),
        decibels("snr_db", element: "float64", storage: .metaColumn, bounds: snrParameter.bounds, "the example's SNR under snr_definition"),
        decibels("noise.es_n0_db", element: "float64", storage: .metaColumn, bounds: .unbounded,
                 "Es/N0 of the example (sample SNR + 10·log10 of the symbol length)"),
        decibels("noise.sample_snr_db", element: "float64", storage: .metaColumn, bounds: .unbounded, "per-sample SNR, 1/σ² in dB"),
    ]

    /// Facts the file's structure shows (an axis length) or that shape the samples without being
    /// recorded, and the spectrogram's settings.
    public static let structureFields: [MetadataField] = [
        MetadataField(path: "samples_per_example", unit: "samples", kind: .sampleCount, valueType: .integer, element: "int64",
                      storage: .shape(dataset: "/iq", axis: "sample"), affectsSamples: true, bounds: .closed(16 ... 16_777_216),
                      summary: "example length L", sources: ["scenario"]),
        MetadataField(path: "array.elements", unit: "elements", kind: .count, valueType: .integer, element: "int64",
                      storage: .shape(dataset: "/iq", axis: "channel"), affectsSamples: true, bounds: .closed(1 ... 64),
                      summary: "receive channels C (array elements, 1 without an array)", sources: ["array"]),
        MetadataField(path: "array.geometry", unit: "category", kind: .category, valueType: .category(ArraySpec.geometries), element: "string",
                      storage: .rootAttribute, affectsSamples: true, summary: "array geometry (ula, uca or listed), a root attribute when an array is configured",
                      sources: ["array"]),
        MetadataField(path: "spectrogram.fft_size", unit: "points", kind: .count, valueType: .integer, element: "int64",
                      storage: .datasetAttribute(dataset: "/spectrogram", attribute: "fft_size"), affectsSamples: false,
                      bounds: .closed(2 ... 16_777_216), summary: "STFT size F (also /spectrogram's frequency axis)", sources: ["spectrogram"]),
        MetadataField(path: "spectrogram.hop", unit: "samples", kind: .sampleCount, valueType: .integer, element: "int64",
                      storage: .datasetAttribute(dataset: "/spectrogram", attribute: "hop"), affectsSamples: false,
                      bounds: .closed(1 ... 16_777_216), summary: "STFT hop (with L and F, fixes /spectrogram's time axis)", sources: ["spectrogram"]),
        MetadataField(path: "spectrogram.window", unit: "category", kind: .category, valueType: .category(["blackman", "hamming", "hann", "rectangular"]),
                      element: "string", storage: .datasetAttribute(dataset: "/spectrogram", attribute: "window"), affectsSamples: false,
                      summary: "STFT window", sources: ["spectrogram"]),
        MetadataField(path: "spectrogram.scale", unit: "category", kind: .category, valueType: .category(["db", "linear"]), element: "string",
                      storage: .datasetAttribute(dataset: "/spectrogram", attribute: "scale"), affectsSamples: false,
                      summary: "spectrogram scale", sources: ["spectrogram"]),
        MetadataField(path: "spectrogram.sides", unit: "category", kind: .category, valueType: .category(OutputOptions.SpectrogramOptions.sidesOptions),
                      element: "string", storage: .datasetAttribute(dataset: "/spectrogram", attribute: "sides"), affectsSamples: false,
                      summary: "two-sided (centred, F rows) or one-sided (0 … ½ cycles/sample, F/2 + 1 rows)", sources: ["spectrogram"]),
        MetadataField(path: "spectrogram.normalize", unit: "category", kind: .category,
                      valueType: .category(OutputOptions.SpectrogramOptions.normalizationOptions), element: "string",
                      storage: .datasetAttribute(dataset: "/spectrogram", attribute: "normalize"), affectsSamples: false,
                      summary: "per-example normalisation of /spectrogram (none, peak, mean, standardize)", sources: ["spectrogram"]),
    ]

    /// Frequency and time fields whose normalised value cannot be read off the samples (a carrier
    /// frequency acts only through the Doppler shift it scales; a scene's per-burst copy follows it).
    static let notMeasurable: Set<String> = ["channel.geometry.carrier_frequency_hz"]

    /// Every drawn parameter of every emitter, stage and array, merged by path.
    static var parameterFields: [MetadataField] {
        let drawn = EmitterCatalogue.possibleParameters() + StageCatalogue.possibleParameters() + ArraySpec.possibleParameters()
        var order: [String] = []
        var groups: [String: [(spec: ParameterSpec, family: String)]] = [:]
        for (path, spec, family) in drawn {
            if groups[path] == nil { order.append(path) }
            groups[path, default: []].append((spec, family))
        }
        return order.map { path in
            let group = groups[path]!
            let first = group[0].spec
            let kind = kind(of: first)
            for (spec, family) in group {
                precondition(spec.unit == first.unit && self.kind(of: spec) == kind,
                             "\(path): \(family) records it in \(spec.unit), another family in \(first.unit)")
            }
            let valueType: FieldValueType
            if !first.options.isEmpty {
                var options: [String] = []
                for (spec, _) in group { for option in spec.options where !options.contains(option) { options.append(option) } }
                valueType = .category(options)
            } else {
                valueType = group.allSatisfy { $0.spec.isInteger } ? .integer : .real
            }
            var bounds: ParameterBounds? = first.bounds
            for (spec, _) in group.dropFirst() {
                guard let b = bounds, b.relativeToSampleRate == spec.bounds.relativeToSampleRate else { bounds = nil; break }
                bounds = ParameterBounds(lower: min(b.lower, spec.bounds.lower), lowerInclusive: true,
                                         upper: max(b.upper, spec.bounds.upper), upperInclusive: true, relativeToSampleRate: b.relativeToSampleRate)
            }
            let timeOrFrequency = kind == .frequency || kind == .frequencyRate || kind == .duration
            var families: [String] = []
            for (_, family) in group where !families.contains(family) { families.append(family) }
            let summaries = Set(group.map(\.spec.summary))
            return MetadataField(path: path, unit: first.unit, kind: kind, valueType: valueType, element: "float64", storage: .metaColumn,
                                 affectsSamples: true, measurableInSamples: timeOrFrequency && !notMeasurable.contains(path),
                                 bounds: bounds, summary: summaries.count == 1 ? first.summary : first.summary + " (and other meanings per family)",
                                 sources: families)
        }
    }

    /// The kind of a drawn parameter, from its unit. An unknown unit is a programming error: add it here.
    public static func kind(of spec: ParameterSpec) -> FieldKind {
        spec.options.isEmpty ? kind(unit: spec.unit, integer: spec.isInteger, name: spec.name) : .category
    }

    /// The kind of a numeric value in `unit` (`integer`: whole numbers only; `name` for the error).
    static func kind(unit: String, integer: Bool, name: String) -> FieldKind {
        switch unit {
        case "Hz": return .frequency
        case "Hz/s": return .frequencyRate
        // A ratio's rate (a clock drift) has the dimension of a frequency, 1/s: normalised per sample, and
        // measurable in the samples like one (so with its normalised value it reveals the sample rate).
        case "ppm/s": return .frequency
        case "s": return .duration
        case "samples": return .sampleCount
        case "dB": return .power
        case "rad", "deg": return .angle
        case "m", "wavelengths": return .distance
        case "m/s": return .velocity
        case "1", "ppm": return integer ? .count : .ratio
        case "bits", "points", "tones", "subcarriers", "symbols", "taps", "stages", "intervals", "channels": return .count
        default: preconditionFailure("parameter \(name): unit \"\(unit)\" has no field kind; add it to MetadataCatalogue.kind(unit:integer:name:)")
        }
    }

    private static func text(_ path: String, _ kind: FieldKind, _ summary: String) -> MetadataField {
        MetadataField(path: path, unit: "", kind: kind, valueType: .text, element: "string", storage: .rootAttribute,
                      affectsSamples: false, summary: summary, sources: ["run"])
    }

    private static func decibels(_ path: String, element: String, storage: FieldStorage, bounds: ParameterBounds, _ summary: String) -> MetadataField {
        MetadataField(path: path, unit: "dB", kind: .power, valueType: .real, element: element, storage: storage,
                      affectsSamples: true, bounds: bounds, summary: summary, sources: ["run"])
    }
}
