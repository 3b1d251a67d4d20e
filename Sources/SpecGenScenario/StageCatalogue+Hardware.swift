import Foundation

extension StageCatalogue {
    static func real(_ name: String, _ unit: String, _ summary: String, _ range: ClosedRange<Double>, _ value: Double) -> ParameterSpec {
        ParameterSpec(name: name, unit: unit, summary: summary, bounds: .closed(range), defaultValue: .constant(value))
    }

    static let hardware: [StageFamily] = [
        StageFamily(
            type: "power_amplifier", group: "hardware",
            summary: "power-amplifier nonlinearity: Rapp (AM/AM) or Saleh (AM/AM and AM/PM), driven at an input back-off from saturation; weak signals pass unchanged",
            placement: .channel,
            parameters: [
                ParameterSpec(name: "pa_model", summary: "model", options: ["rapp", "saleh"], defaultOption: "rapp"),
                real("input_backoff_db", "dB", "input back-off from saturation (small: strong compression)", -10 ... 40, 6),
                real("smoothness", "1", "Rapp smoothness p", 0.1 ... 20, 2),
                real("saleh_alpha_amplitude", "1", "Saleh α_a", 1e-3 ... 100, 2.1587),
                real("saleh_beta_amplitude", "1", "Saleh β_a", 1e-3 ... 100, 1.1517),
                real("saleh_alpha_phase", "rad", "Saleh α_φ", 0 ... 100, 4.0033),
                real("saleh_beta_phase", "1", "Saleh β_φ", 0 ... 100, 9.1040),
            ]),
        StageFamily(
            type: "iq_imbalance", group: "hardware",
            summary: "IQ gain and phase imbalance, y = μx + νx* (image rejection |μ|²/|ν|² in closed form)",
            placement: .either,
            parameters: [real("iq_gain_db", "dB", "gain of the Q branch relative to I", -6 ... 6, 0),
                         real("iq_phase_rad", "rad", "phase error of the Q branch", -0.785 ... 0.785, 0)]),
        StageFamily(
            type: "dc_offset", group: "hardware", summary: "a constant complex offset relative to the unit signal power",
            placement: .either,
            parameters: [real("dc_offset_dbc", "dB", "offset power relative to the signal", -200 ... 20, -40),
                         ParameterSpec(name: "dc_offset_phase_rad", unit: "rad", summary: "offset phase", bounds: .unbounded,
                                       defaultValue: .uniform(low: 0, high: 2 * Double.pi))]),
        StageFamily(
            type: "phase_noise", group: "hardware",
            summary: "oscillator phase noise with a single-sideband mask L(f): offsets_hz and levels_dbc_hz, or by default −50/−70/−90/−100 dBc per cycle/sample at offsets 1e-4/1e-3/1e-2/0.1 cycles/sample (interpolated in log f), shifted by phase_noise_shift_db",
            placement: .either,
            parameters: [real("phase_noise_shift_db", "dB", "shift of the whole mask (the default or the listed one; 0: unshifted)", -100 ... 40, 0)],
            lists: [
                ListParameterSpec(name: "offsets_hz", unit: "Hz", summary: "a mask of your own: offsets from the carrier, increasing, in (0, Fs/2]",
                                  bounds: .positive, count: 1 ... 64),
                ListParameterSpec(name: "levels_dbc_hz", unit: "dBc/Hz", summary: "the mask's levels L(f) at those offsets, one per offset (linear in dB against log f between them, flat outside); with the shift and +10·log10(Fs) they must lie in −200 … 0 dBc per cycle/sample",
                                  bounds: .closed(-300 ... 0), count: 1 ... 64),
            ],
            validate: validatePhaseNoise),
        StageFamily(
            type: "receiver_filter", group: "hardware", summary: "receiver low-pass filter: centred Blackman-windowed sinc (stopband ≤ −70 dB for 31 taps or more)",
            placement: .receiver,
            parameters: [
                ParameterSpec(name: "bandwidth_hz", unit: "Hz", summary: "two-sided passband width",
                              bounds: ParameterBounds(lower: 0.01, lowerInclusive: true, upper: 0.99, upperInclusive: true, relativeToSampleRate: true),
                              defaultValue: .constant(800_000)),
                ParameterSpec(name: "filter_taps", unit: "taps", summary: "filter length (made odd by adding one if even)", isInteger: true,
                              bounds: .closed(5 ... 1023), defaultValue: .constant(63)),
            ]),
        StageFamily(
            type: "agc", group: "hardware", summary: "automatic gain control to a target RMS: per block, or tracking with attack/decay time constants",
            placement: .receiver,
            parameters: [
                ParameterSpec(name: "agc_mode", summary: "block (one gain per block) or tracking", options: ["block", "tracking"], defaultOption: "block"),
                ParameterSpec(name: "agc_block_length", unit: "samples", summary: "block length (0: the whole row)", isInteger: true, bounds: .closed(0 ... 16_777_216), defaultValue: .constant(0)),
                real("agc_attack_samples", "samples", "tracking: attack time constant", 1 ... 1e6, 50),
                real("agc_decay_samples", "samples", "tracking: decay time constant", 1 ... 1e6, 500),
                real("agc_target_rms", "1", "target RMS amplitude", 1e-3 ... 1e3, 1),
            ]),
        StageFamily(
            type: "adc", group: "hardware", summary: "ADC: mid-rise quantisation of I and Q with clipping at full scale",
            placement: .receiver,
            parameters: [
                ParameterSpec(name: "adc_bits", unit: "bits", summary: "resolution", isInteger: true, bounds: .closed(1 ... 16), defaultValue: .constant(12)),
                real("adc_full_scale_db", "dB", "full scale above the signal RMS (0: a unit-power tone drives I and Q to full scale)", -20 ... 40, 10),
            ]),
    ]

    /// A listed mask: both lists, one level per offset, offsets increasing within (0, Fs/2], and every
    /// level, in the stage's units (dBc per unit normalised bandwidth: L + 10·log10 Fs) and shifted by any
    /// value the shift can take, within the stage's −200 … 0.
    static func validatePhaseNoise(_ input: StageCheckInput) -> [(path: String, message: String)] {
        let hasOffsets = input.given.contains("offsets_hz"), hasLevels = input.given.contains("levels_dbc_hz")
        if hasOffsets != hasLevels {
            return [(hasOffsets ? "levels_dbc_hz" : "offsets_hz", "missing; a mask of your own takes offsets_hz and levels_dbc_hz, one level per offset")]
        }
        guard let offsets = input.lists["offsets_hz"]?.values, let levels = input.lists["levels_dbc_hz"]?.values else { return [] }
        var problems: [(path: String, message: String)] = []
        if levels.count != offsets.count {
            problems.append(("levels_dbc_hz", "holds \(levels.count) entries but offsets_hz holds \(offsets.count); give one level per offset"))
        }
        for (i, f) in offsets.enumerated() {
            if f > input.sampleRate / 2 {
                problems.append(("offsets_hz[\(i)]", "\(formatNumber(f)) Hz is beyond Fs/2 = \(formatNumber(input.sampleRate / 2)) Hz; offsets lie in (0, Fs/2]"))
            }
            if i > 0 && f <= offsets[i - 1] {
                problems.append(("offsets_hz[\(i)]", "\(formatNumber(f)) Hz does not increase on offsets_hz[\(i - 1)] = \(formatNumber(offsets[i - 1])) Hz; offsets must increase"))
            }
        }
        let shift = input.parameters["phase_noise_shift_db"]?.support ?? 0 ... 0
        let toStage = 10 * log10(input.sampleRate)
        for (i, level) in levels.enumerated() {
            let low = level + toStage + shift.lowerBound, high = level + toStage + shift.upperBound
            if high > 0 || low < -200 {
                problems.append(("levels_dbc_hz[\(i)]", "\(formatNumber(level)) dBc/Hz is \(formatRounded(level + toStage)) dBc per cycle/sample at \(formatNumber(input.sampleRate)) Hz (+10·log10 Fs), \(formatRounded(low)) … \(formatRounded(high)) with phase_noise_shift_db; allowed: −200 … 0 (above 0 the small-angle model breaks down)"))
            }
        }
        return problems
    }
}
