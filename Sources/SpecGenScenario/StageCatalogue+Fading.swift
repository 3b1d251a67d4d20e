extension StageCatalogue {
    static let fadingProfiles = ["flat", "tdl_a", "tdl_b", "tdl_c", "tdl_d", "tdl_e", "epa", "eva", "etu", "tu6", "ra6", "ht6", "bu6", "custom"]

    /// The longest delay of each preset: normalised (× delay_spread_s) for TR 38.901 TDL-A…E, seconds for
    /// the others (an engine test checks these against `FadingProfile`). The delay line holds at most
    /// 100,000 samples.
    public static let fadingLongestDelays: [String: (delay: Double, scalesWithDelaySpread: Bool)] = [
        "tdl_a": (9.6586, true), "tdl_b": (4.7834, true), "tdl_c": (8.6523, true), "tdl_d": (12.525, true), "tdl_e": (20.6519, true),
        "epa": (410e-9, false), "eva": (2510e-9, false), "etu": (5000e-9, false),
        "tu6": (5.0e-6, false), "ra6": (0.5e-6, false), "ht6": (17.2e-6, false), "bu6": (6.6e-6, false),
    ]
    static let fadingMaximumDelaySamples = 100_000.0

    static let fading: [StageFamily] = [
        StageFamily(
            type: "fading", group: "propagation",
            summary: "multipath fading: tapped delay line (3GPP TDL-A…E, EPA/EVA/ETU, COST 207 / GSM TU6/RA6/HT6/BU6, a custom tap list, or one flat tap), Rayleigh or Rician taps varying with a Clarke/Jakes Doppler spectrum; total average path power 1",
            placement: .channel,
            parameters: [
                ParameterSpec(name: "profile", summary: "delay profile: flat (one tap), 3GPP TR 38.901 TDL-A…E (scaled by delay_spread_s), TS 36.104 EPA/EVA/ETU, TS 45.005 / COST 207 6-tap TU6/RA6/HT6/BU6, or custom (delays_s, powers_db, k_factors_db)",
                              options: fadingProfiles, defaultOption: "flat"),
                ParameterSpec(name: "delay_spread_s", unit: "s", summary: "RMS delay spread of the TDL profiles (ignored by the others)",
                              bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1e-4, upperInclusive: true, relativeToSampleRate: false),
                              defaultValue: .constant(100e-9)),
                ParameterSpec(name: "max_doppler_hz", unit: "Hz", summary: "maximum Doppler shift fD of the Clarke/Jakes spectrum (0: static channel)",
                              bounds: ParameterBounds(lower: 0, lowerInclusive: true, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
                              defaultValue: .constant(0)),
                ParameterSpec(name: "k_factor_db", unit: "dB", summary: "Rician K-factor of the flat tap, or of a custom list's first tap when k_factors_db is absent (−100 dB or below: Rayleigh); the TDL-D/E and RA6 profiles bring their own",
                              bounds: .closed(-100 ... 40), defaultValue: .constant(-100)),
                ParameterSpec(name: "los_angle_deg", unit: "deg", summary: "angle of the line-of-sight path to the direction of motion: its Doppler is fD·cos θ",
                              bounds: .closed(0 ... 180), defaultValue: .constant(45)),
            ],
            lists: [
                ListParameterSpec(name: "delays_s", unit: "s", summary: "custom: tap delays (any order, fractional samples allowed; at most 100,000 samples)",
                                  bounds: .closed(0 ... 1), count: 1 ... 256),
                ListParameterSpec(name: "powers_db", unit: "dB", summary: "custom: average tap powers, one per delay (normalised to a total of 1)",
                                  bounds: .closed(-100 ... 100), count: 1 ... 256),
                ListParameterSpec(name: "k_factors_db", unit: "dB", summary: "custom: Rician K-factor of each tap (−100 dB or below: Rayleigh); absent: k_factor_db on the first tap, Rayleigh on the others",
                                  bounds: .closed(-100 ... 40), count: 1 ... 256),
            ],
            validate: validateFading),
    ]

    /// A custom profile needs its tap lists, of one length, and no list makes sense without it; every
    /// profile the stage can take must fit the delay line at this sample rate.
    static func validateFading(_ input: StageCheckInput) -> [(path: String, message: String)] {
        var problems: [(path: String, message: String)] = []
        let custom = fadingProfiles.firstIndex(of: "custom")!
        let listNames = ["delays_s", "powers_db", "k_factors_db"]
        guard input.canBe("profile", option: custom) else {
            for name in listNames where input.given.contains(name) {
                problems.append((name, "applies only to \"profile\": \"custom\" (a tap list of your own); remove it or use the custom profile"))
            }
            return problems + fadingDelaysFit(input)
        }
        for name in ["delays_s", "powers_db"] where !input.given.contains(name) {
            problems.append((name, "missing; \"profile\": \"custom\" takes delays_s and powers_db, one entry per tap"))
        }
        if input.given.contains("k_factors_db") && input.given.contains("k_factor_db") {
            problems.append(("k_factors_db", "give either k_factor_db (the first tap's K) or k_factors_db (every tap's K), not both"))
        }
        if let delays = input.lists["delays_s"] {
            for name in ["powers_db", "k_factors_db"] {
                if let other = input.lists[name], other.count != delays.count {
                    problems.append((name, "holds \(other.count) entries but delays_s holds \(delays.count); give one per tap"))
                }
            }
            for (i, delay) in delays.values.enumerated() where delay * input.sampleRate > fadingMaximumDelaySamples {
                problems.append(("delays_s[\(i)]", "\(formatNumber(delay)) s is \(formatRounded(delay * input.sampleRate)) samples at \(formatNumber(input.sampleRate)) Hz; the delay line holds at most \(formatNumber(fadingMaximumDelaySamples)) samples"))
            }
        }
        return problems + fadingDelaysFit(input)
    }

    /// Every preset the profile can take has its longest delay within the delay line.
    static func fadingDelaysFit(_ input: StageCheckInput) -> [(path: String, message: String)] {
        let spread = input.parameters["delay_spread_s"]?.support.upperBound ?? 0
        var problems: [(path: String, message: String)] = []
        for (index, name) in fadingProfiles.enumerated() where input.canBe("profile", option: index) {
            guard let longest = fadingLongestDelays[name] else { continue }
            let seconds = longest.scalesWithDelaySpread ? longest.delay * spread : longest.delay
            if seconds * input.sampleRate > fadingMaximumDelaySamples {
                problems.append(("profile", "the \(name) profile's longest delay, \(formatNumber(seconds)) s, is \(formatNumber((seconds * input.sampleRate).rounded())) samples at \(formatNumber(input.sampleRate)) Hz; the delay line holds at most \(formatNumber(fadingMaximumDelaySamples)) samples (lower the sample rate\(longest.scalesWithDelaySpread ? " or delay_spread_s" : ""))"))
            }
        }
        return problems
    }
}
