extension StageCatalogue {
    static let fading: [StageFamily] = [
        StageFamily(
            type: "fading", group: "propagation",
            summary: "multipath fading: tapped delay line (3GPP TDL-A…E, EPA/EVA/ETU, COST 207 / GSM TU6/RA6/HT6/BU6, or one flat tap), Rayleigh or Rician taps varying with a Clarke/Jakes Doppler spectrum; total average path power 1",
            placement: .channel,
            parameters: [
                ParameterSpec(name: "profile", summary: "delay profile: flat (one tap), 3GPP TR 38.901 TDL-A…E (scaled by delay_spread_s), TS 36.104 EPA/EVA/ETU or TS 45.005 / COST 207 6-tap TU6/RA6/HT6/BU6",
                              options: ["flat", "tdl_a", "tdl_b", "tdl_c", "tdl_d", "tdl_e", "epa", "eva", "etu", "tu6", "ra6", "ht6", "bu6"],
                              defaultOption: "flat"),
                ParameterSpec(name: "delay_spread_s", unit: "s", summary: "RMS delay spread of the TDL profiles (ignored by the others)",
                              bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1e-4, upperInclusive: true, relativeToSampleRate: false),
                              defaultValue: .constant(100e-9)),
                ParameterSpec(name: "max_doppler_hz", unit: "Hz", summary: "maximum Doppler shift fD of the Clarke/Jakes spectrum (0: static channel)",
                              bounds: ParameterBounds(lower: 0, lowerInclusive: true, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
                              defaultValue: .constant(0)),
                ParameterSpec(name: "k_factor_db", unit: "dB", summary: "Rician K-factor of the flat tap (−100 dB or below: Rayleigh); the TDL-D/E and RA6 profiles bring their own",
                              bounds: .closed(-100 ... 40), defaultValue: .constant(-100)),
                ParameterSpec(name: "los_angle_deg", unit: "deg", summary: "angle of the line-of-sight path to the direction of motion: its Doppler is fD·cos θ",
                              bounds: .closed(0 ... 180), defaultValue: .constant(45)),
            ]),
    ]
}
