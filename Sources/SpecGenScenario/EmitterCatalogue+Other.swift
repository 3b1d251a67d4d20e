extension EmitterCatalogue {
    static let tonePlacements = ["comb", "random"]

    /// The centre frequency of a band-shaped emitter, relative to the capture centre.
    static let centreFrequency = ParameterSpec(
        name: "center_frequency_hz", unit: "Hz", summary: "centre of the emitter's band relative to the capture centre",
        bounds: ParameterBounds(lower: -0.5, lowerInclusive: false, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
        defaultValue: .constant(0))

    /// The band [f_c − B/2, f_c + B/2] must lie inside the capture; `closed` allows it to touch ±Fs/2.
    static func bandInsideCapture(closed: Bool) -> @Sendable ([String: ClosedRange<Double>], Double) -> [(parameter: String, message: String)] {
        { support, sampleRate in
            let problems = unboundedSupports(support, ["center_frequency_hz", "bandwidth_hz"])
            guard problems.isEmpty, let centre = support["center_frequency_hz"], let width = support["bandwidth_hz"] else { return problems }
            let reach = max(abs(centre.lowerBound), abs(centre.upperBound)) + width.upperBound / 2
            let inside = closed ? reach <= sampleRate / 2 : reach < sampleRate / 2
            guard !inside else { return [] }
            return [("bandwidth_hz", "the band leaves the capture: |center_frequency_hz| + bandwidth_hz/2 reaches \(formatNumber(reach)) Hz, and it must stay \(closed ? "within" : "below") Fs/2 = \(formatNumber(sampleRate / 2)) Hz")]
        }
    }

    static let other: [EmitterFamily] = [
        EmitterFamily(type: "tone", group: "other", summary: "a complex tone e^{j(2πft + φ)}", parameters: [
            ParameterSpec(name: "frequency_hz", unit: "Hz", summary: "tone frequency relative to the capture centre",
                          bounds: ParameterBounds(lower: -0.5, lowerInclusive: false, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
                          defaultValue: .constant(0)),
            ParameterSpec(name: "phase_rad", unit: "rad", summary: "initial phase",
                          bounds: .unbounded, defaultValue: .uniform(low: 0, high: 2 * Double.pi)),
        ]),
        EmitterFamily(type: "multitone", group: "other",
                      summary: "K tones in a band: evenly spaced (comb) or at random frequencies, random phases, optional power spread",
                      parameters: [
                          ParameterSpec(name: "tone_count", unit: "tones", summary: "number of tones K",
                                        isInteger: true, bounds: .closed(1 ... 32), defaultValue: .constant(4)),
                          ParameterSpec(name: "tone_placement", summary: "comb: K tones evenly spaced from f_c − B/2 to f_c + B/2; random: independent, uniform on that band",
                                        options: tonePlacements, defaultOption: "comb"),
                          centreFrequency,
                          ParameterSpec(name: "bandwidth_hz", unit: "Hz", summary: "width B of the band holding the tones",
                                        bounds: ParameterBounds(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: false, relativeToSampleRate: true),
                                        defaultValue: .constant(200e3)),
                          ParameterSpec(name: "tone_power_spread_db", unit: "dB", summary: "tone powers uniform in dB over [−spread, 0] before normalising the total to 1 (0: equal tones)",
                                        bounds: .closed(0 ... 60), defaultValue: .constant(0)),
                      ],
                      check: bandInsideCapture(closed: false)),
        EmitterFamily(type: "bandlimited_noise", group: "other",
                      summary: "complex Gaussian noise with a flat spectrum over a band, unit power",
                      parameters: [
                          centreFrequency,
                          ParameterSpec(name: "bandwidth_hz", unit: "Hz", summary: "width B of the noise band",
                                        bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true, relativeToSampleRate: true),
                                        defaultValue: .constant(100e3)),
                      ],
                      check: bandInsideCapture(closed: true)),
    ]
}
