extension EmitterCatalogue {
    /// Frequency hopping over any other emitter, given as `base`.
    static let hopping: [EmitterFamily] = [
        EmitterFamily(
            type: "fhss", group: "spread spectrum",
            summary: "frequency hopping: the base emitter moved to a random channel of the hop set every dwell",
            parameters: [
                ParameterSpec(name: "hop_channels", unit: "channels", summary: "number of channels in the hop set, centred on the capture centre",
                              isInteger: true, bounds: .closed(2 ... 1024), defaultValue: .constant(8)),
                ParameterSpec(name: "channel_spacing_hz", unit: "Hz", summary: "spacing between adjacent hop channels",
                              bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false, relativeToSampleRate: true),
                              defaultValue: .constant(50_000)),
                ParameterSpec(name: "dwell_s", unit: "s", summary: "time on one channel (1 / hop rate)",
                              bounds: .positive,
                              defaultValue: .constant(1e-4)),
            ],
            takesBase: true,
            check: { support, sampleRate in
                var problems: [(parameter: String, message: String)] = []
                if let channels = support["hop_channels"], let spacing = support["channel_spacing_hz"],
                   (channels.upperBound - 1) * spacing.upperBound >= sampleRate {
                    problems.append(("channel_spacing_hz", "the hop set spans up to (hop_channels − 1) × channel_spacing_hz = \((channels.upperBound - 1) * spacing.upperBound) Hz, which does not fit in the sample rate \(sampleRate) Hz"))
                }
                if let dwell = support["dwell_s"], dwell.lowerBound * sampleRate < 1 {
                    problems.append(("dwell_s", "a dwell of \(dwell.lowerBound) s is shorter than one sample (1/\(sampleRate) s)"))
                }
                return problems
            }),
    ]

    /// The optional `gating` object of any emitter: bursts of `on_s` separated by `off_s` (TDMA-like),
    /// starting at a random point of the cycle.
    public static let gatingParameters = [
        ParameterSpec(name: "on_s", unit: "s", summary: "burst length",
                      bounds: .positive,
                      defaultValue: .constant(1e-3)),
        ParameterSpec(name: "off_s", unit: "s", summary: "gap between bursts",
                      bounds: ParameterBounds(lower: 0, lowerInclusive: true, upper: .infinity, upperInclusive: false, relativeToSampleRate: false),
                      defaultValue: .constant(1e-3)),
        ParameterSpec(name: "cycle_phase", unit: "1", summary: "where in the on/off cycle the capture starts, as a fraction of the cycle",
                      bounds: .closed(0 ... 1), defaultValue: .uniform(low: 0, high: 1)),
    ]
}
