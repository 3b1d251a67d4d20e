/// One way to compute a field from others, the file's structure and the samples: the table a
/// classification schema's derivation closure is checked against (a hidden field must not be derivable
/// from what the same level releases). docs/classification.md lists it.
public struct FieldDerivation: Sendable {
    public enum Input: Sendable, Equatable {
        /// The field's value in its own unit (released as is, or itself derivable).
        case value(String)
        /// The field's value in normalised units (cycles/sample, samples): released normalised,
        /// measurable in /iq (`MetadataField.measurableInSamples`), or its value with the sample rate.
        case normalized(String)
        /// A property of the level's format rules.
        case format(FormatFact)
        /// At least one of the fields is written in any form (not dropped): its dataset's rows are there
        /// to count.
        case anyWritten([String])
    }

    /// What a level's format rules let the file show.
    public enum FormatFact: String, Sendable, CaseIterable {
        /// `example_lengths` allows more than one length (or any): /iq's sample axis tells L.
        case exampleLengthOpen = "example_lengths allows more than one length"
        /// `channel_counts` allows more than one count (or any): /iq's channel axis tells C.
        case channelCountOpen = "channel_counts allows more than one count"
        /// `spectrogram` is true: /spectrogram's shape tells F and T.
        case spectrogramWritten = "spectrogram is allowed"
        /// `unit_power` is false: the RMS of /iq is the receiver's output level.
        case powerNotNormalized = "unit_power is false"
        /// `adc_quantization` is true: /iq's value lattice and clipping show the ADC.
        case adcQuantized = "adc_quantization is allowed"
        /// `clean_reference` is true: /iq − /iq_clean is each example's noise realisation.
        case cleanReferenceWritten = "clean_reference is allowed"
    }

    /// Short name of the table row (`sample-rate-from-frequency`).
    public let name: String
    public let output: String
    public let inputs: [Input]
    /// How, in one line (`Fs = f[Hz] ÷ f[cycles/sample]`).
    public let formula: String
    /// False where the result is only approximate (a float32 copy, a floor): reported as a warning.
    public let isExact: Bool

    public init(name: String, output: String, inputs: [Input], formula: String, isExact: Bool = true) {
        self.name = name
        self.output = output
        self.inputs = inputs
        self.formula = formula
        self.isExact = isExact
    }
}

extension MetadataCatalogue {
    /// The derivation table, expanded over the catalogue's fields (one row per frequency field for
    /// "sample rate from a frequency", …). Conservative by design: a normalised frequency or duration of
    /// a field that shapes the samples is treated as known, because it can be estimated from /iq and
    /// the values it would reveal (sample rates, carriers) take few plausible values.
    public static let derivations: [FieldDerivation] = {
        var rows: [FieldDerivation] = []
        let fs = sampleRate
        for field in fields where field.path != fs {
            switch field.kind {
            case .frequency:
                rows.append(.init(name: "sample-rate-from-frequency", output: fs, inputs: [.value(field.path), .normalized(field.path)],
                                  formula: "Fs = \(field.path)[Hz] ÷ \(field.path)[cycles/sample]"))
                rows.append(.init(name: "frequency-from-sample-rate", output: field.path, inputs: [.normalized(field.path), .value(fs)],
                                  formula: "\(field.path)[Hz] = \(field.path)[cycles/sample] × Fs"))
            case .frequencyRate:
                rows.append(.init(name: "sample-rate-from-frequency-rate", output: fs, inputs: [.value(field.path), .normalized(field.path)],
                                  formula: "Fs = √(\(field.path)[Hz/s] ÷ \(field.path)[cycles/sample²])"))
                rows.append(.init(name: "frequency-rate-from-sample-rate", output: field.path, inputs: [.normalized(field.path), .value(fs)],
                                  formula: "\(field.path)[Hz/s] = \(field.path)[cycles/sample²] × Fs²"))
            case .duration:
                rows.append(.init(name: "sample-rate-from-duration", output: fs, inputs: [.value(field.path), .normalized(field.path)],
                                  formula: "Fs = \(field.path)[samples] ÷ \(field.path)[s]"))
                rows.append(.init(name: "duration-from-sample-rate", output: field.path, inputs: [.normalized(field.path), .value(fs)],
                                  formula: "\(field.path)[s] = \(field.path)[samples] ÷ Fs"))
            default: break
            }
        }
        // Link geometry: the Doppler shift −v_r·fc/c is visible in /iq as a frequency offset — of the
        // example, or of each burst of a scene (its geometry is drawn per burst, under annotations.).
        for geometry in ["channel.geometry.", MetadataPath.annotation("channel.geometry.")] {
            let motion = ["emitter_x_m", "emitter_y_m", "emitter_z_m", "emitter_vx_mps", "emitter_vy_mps", "emitter_vz_mps"].map { geometry + $0 }
            let carrier = geometry + "carrier_frequency_hz"
            rows.append(.init(name: "sample-rate-from-doppler", output: fs, inputs: (motion + [carrier]).map { .value($0) },
                              formula: "Doppler fD = −v_r·fc/c in Hz from position, velocity and carrier; Fs = fD[Hz] ÷ fD[cycles/sample] measured in /iq"))
            rows.append(.init(name: "carrier-from-doppler", output: carrier, inputs: (motion + [fs]).map { .value($0) },
                              formula: "fc = −c·fD[cycles/sample]·Fs ÷ v_r, with fD measured in /iq"))
        }
        // A scene's rows: the burst count is the number of rows of each example, and the rows are written
        // in example order, so the count and any other column (its rows) give each row's example back.
        let burstCount = "labels.burst_count", example = MetadataPath.annotation("example")
        rows.append(.init(name: "burst-count-from-annotations", output: burstCount, inputs: [.value(example)],
                          formula: "\(burstCount)[i] = the number of /annotations rows whose example is i"))
        let otherColumns = fields.filter { $0.storage == .annotationColumn && $0.path != example }.map(\.path)
        rows.append(.init(name: "annotation-example-from-burst-count", output: example, inputs: [.value(burstCount), .anyWritten(otherColumns)],
                          formula: "rows are in example order: row r of /annotations belongs to the example i with "
                              + "Σ_{j<i} \(burstCount)[j] ≤ r < Σ_{j≤i} \(burstCount)[j]"))
        // The noise triple: noise.es_n0_db − noise.sample_snr_db = 10·log10(symbol length in samples).
        let esN0 = "noise.es_n0_db", sampleSNR = "noise.sample_snr_db", snr = "snr_db", definition = "snr_definition"
        for prefix in [MetadataPath.emitter, MetadataPath.base(of: MetadataPath.emitter)] {
            let sps = prefix + "samples_per_symbol"
            rows.append(.init(name: "symbol-length-from-noise", output: sps, inputs: [.value(esN0), .value(sampleSNR)],
                              formula: "\(sps) = 10^((\(esN0) − \(sampleSNR))/10) (linear and continuous-phase classes)"))
            rows.append(.init(name: "symbol-length-from-noise", output: prefix + "samples_per_chip",
                              inputs: [.value(esN0), .value(sampleSNR), .value(prefix + "code_degree"), .value(prefix + "spreading_code")],
                              formula: "\(prefix)samples_per_chip = 10^((\(esN0) − \(sampleSNR))/10) ÷ code length (DSSS classes)"))
            rows.append(.init(name: "es-n0-from-sample-snr", output: esN0, inputs: [.value(sampleSNR), .value(sps)],
                              formula: "\(esN0) = \(sampleSNR) + 10·log10(\(sps)) (linear and continuous-phase classes)"))
            rows.append(.init(name: "sample-snr-from-es-n0", output: sampleSNR, inputs: [.value(esN0), .value(sps)],
                              formula: "\(sampleSNR) = \(esN0) − 10·log10(\(sps)) (linear and continuous-phase classes)"))
        }
        rows += [
            .init(name: "snr-from-noise", output: snr, inputs: [.value(definition), .value(esN0), .value(sampleSNR)],
                  formula: "snr_db is \(esN0) under es_n0, \(sampleSNR) under per_sample"),
            .init(name: "noise-from-snr", output: esN0, inputs: [.value(snr), .value(definition)],
                  formula: "\(esN0) = snr_db where snr_definition is es_n0"),
            .init(name: "noise-from-snr", output: sampleSNR, inputs: [.value(snr), .value(definition)],
                  formula: "\(sampleSNR) = snr_db where snr_definition is per_sample"),
            .init(name: "snr-label", output: "labels.snr_db", inputs: [.value(snr)], formula: "labels.snr_db = float32(snr_db)"),
            .init(name: "snr-label", output: snr, inputs: [.value("labels.snr_db")], formula: "snr_db ≈ labels.snr_db (float32 precision)",
                  isExact: false),
            // Structure: axis lengths and what the samples themselves show.
            .init(name: "shape", output: "samples_per_example", inputs: [.format(.exampleLengthOpen)], formula: "L = length of /iq's sample axis"),
            .init(name: "shape", output: "array.elements", inputs: [.format(.channelCountOpen)], formula: "C = length of /iq's channel axis"),
            .init(name: "shape", output: "spectrogram.fft_size", inputs: [.format(.spectrogramWritten)],
                  formula: "F = length of /spectrogram's frequency axis"),
            .init(name: "shape", output: "spectrogram.hop", inputs: [.format(.spectrogramWritten), .value("samples_per_example"), .value("spectrogram.fft_size")],
                  formula: "T = ⌊(L − F)/hop⌋ + 1 frames bounds hop", isExact: false),
            .init(name: "output-level", output: "receiver.agc.agc_target_rms", inputs: [.format(.powerNotNormalized)],
                  formula: "the RMS of /iq is the AGC's target"),
            .init(name: "adc-lattice", output: "receiver.adc.adc_bits", inputs: [.format(.adcQuantized)],
                  formula: "/iq takes 2^bits levels per component (REDACTION.md #11)"),
            .init(name: "adc-lattice", output: "receiver.adc.adc_full_scale_db", inputs: [.format(.adcQuantized)],
                  formula: "the clipping level of /iq is the full scale"),
            // Counted as exact: the per-example estimate is within about 10·log10(1 ± 2/√L) dB (±0.3 dB at
            // L = 1024), finer than any useful generalisation of an SNR, whatever unit_power does (it scales
            // both datasets alike).
            .init(name: "clean-reference", output: sampleSNR, inputs: [.format(.cleanReferenceWritten)],
                  formula: "\(sampleSNR) = 10·log10(power of /iq_clean ÷ power of /iq − /iq_clean), per example"),
        ]
        for row in rows {
            precondition(field(row.output) != nil, "derivation \(row.name): no field \(row.output)")
            for input in row.inputs {
                if case .value(let path) = input { precondition(field(path) != nil, "derivation \(row.name): no field \(path)") }
                if case .anyWritten(let paths) = input {
                    for path in paths { precondition(field(path) != nil, "derivation \(row.name): no field \(path)") }
                }
            }
        }
        return rows
    }()
}
