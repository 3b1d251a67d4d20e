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
            summary: "oscillator phase noise with the mask −50/−70/−90/−100 dBc per cycle/sample at offsets 1e-4/1e-3/1e-2/0.1 cycles/sample (interpolated in log f), shifted by phase_noise_shift_db",
            placement: .either,
            parameters: [real("phase_noise_shift_db", "dB", "shift of the whole mask (0: the default mask)", -100 ... 40, 0)]),
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
}
