extension StageCatalogue {
    /// The power of an added noise, relative to the unit signal power.
    static let noisePower = ParameterSpec(name: "snr_db", unit: "dB", summary: "signal power over this noise's power (the signal has unit power)",
                                          bounds: .closed(-30 ... 60), defaultValue: .constant(20))

    static let noise: [StageFamily] = [
        StageFamily(
            type: "coloured_noise", group: "noise", summary: "added Gaussian noise with a 1/f^α (power_law) or Butterworth band (butterworth) spectrum, shaped in the frequency domain",
            placement: .either,
            parameters: [
                noisePower,
                ParameterSpec(name: "spectrum", summary: "spectral shape", options: ["power_law", "butterworth"], defaultOption: "power_law"),
                ParameterSpec(name: "exponent", unit: "1", summary: "α of the power_law spectrum 1/f^α", bounds: .closed(0 ... 3), defaultValue: .constant(1)),
                ParameterSpec(name: "corner_frequency_hz", unit: "Hz", summary: "power_law: the spectrum is flat below this frequency (finite power)",
                              bounds: ParameterBounds(lower: 1e-6, lowerInclusive: true, upper: 0.5, upperInclusive: true, relativeToSampleRate: true),
                              defaultValue: .constant(1000)),
                ParameterSpec(name: "center_frequency_hz", unit: "Hz", summary: "butterworth: band centre",
                              bounds: ParameterBounds(lower: -0.5, lowerInclusive: true, upper: 0.5, upperInclusive: true, relativeToSampleRate: true),
                              defaultValue: .constant(0)),
                ParameterSpec(name: "bandwidth_hz", unit: "Hz", summary: "butterworth: 3 dB bandwidth",
                              bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true, relativeToSampleRate: true),
                              defaultValue: .constant(250_000)),
                ParameterSpec(name: "filter_order", unit: "1", summary: "butterworth: order", isInteger: true, bounds: .closed(1 ... 8), defaultValue: .constant(4)),
            ]),
        StageFamily(
            type: "bernoulli_gaussian_noise", group: "noise", summary: "impulsive noise: Gaussian background plus, with probability p per sample, a stronger Gaussian impulse",
            placement: .either,
            parameters: [
                noisePower,
                ParameterSpec(name: "impulse_probability", unit: "1", summary: "probability p of an impulse at a sample", bounds: .closed(0 ... 1), defaultValue: .constant(0.01)),
                ParameterSpec(name: "impulse_to_background_db", unit: "dB", summary: "impulse power over background power", bounds: .closed(-30 ... 60), defaultValue: .constant(20)),
            ]),
        StageFamily(
            type: "middleton_class_a_noise", group: "noise", summary: "Middleton class A impulsive noise: a Poisson mixture of Gaussians (impulsive index A, Gaussian-to-impulsive ratio Γ)",
            placement: .either,
            parameters: [
                noisePower,
                ParameterSpec(name: "impulsive_index", unit: "1", summary: "A: mean number of impulses per unit time (small A: very impulsive)",
                              bounds: .closed(1e-4 ... 100), defaultValue: .constant(0.1)),
                ParameterSpec(name: "gaussian_to_impulsive_db", unit: "dB", summary: "Γ: Gaussian background power over impulsive power",
                              bounds: .closed(-60 ... 60), defaultValue: .constant(-20)),
            ]),
    ]
}
