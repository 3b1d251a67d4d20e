extension EmitterCatalogue {
    /// Parameters of the analog families: a message source (tone, several tones or band-limited noise)
    /// and the modulation's own parameters. Message parameters that the drawn source does not use are
    /// still drawn and recorded (e.g. `message_frequency_hz` under `"message": "noise"`).
    enum AnalogParameter {
        static let inBand = ParameterBounds(lower: 0, lowerInclusive: false, upper: 0.5, upperInclusive: false, relativeToSampleRate: true)
        static let messageOptions = ["tone", "tones", "noise"]

        static let message: [ParameterSpec] = [
            ParameterSpec(name: "message", summary: "message source: \"tone\" (one cosine at message_frequency_hz), \"tones\" "
                          + "(message_tone_count cosines at random frequencies in [message_bandwidth_hz/10, message_bandwidth_hz]) "
                          + "or \"noise\" (Gaussian, flat on 0 < |f| ≤ message_bandwidth_hz); peak 1 (3σ for noise)",
                          options: messageOptions, defaultOption: "noise"),
            ParameterSpec(name: "message_frequency_hz", unit: "Hz", summary: "frequency of the \"tone\" message",
                          bounds: inBand, defaultValue: .constant(10_000)),
            ParameterSpec(name: "message_tone_count", unit: "tones", summary: "number of tones of the \"tones\" message (equal amplitudes 1/K)",
                          isInteger: true, bounds: .closed(1 ... 8), defaultValue: .constant(3)),
            ParameterSpec(name: "message_bandwidth_hz", unit: "Hz", summary: "highest frequency of the \"tones\" and \"noise\" messages",
                          bounds: inBand, defaultValue: .constant(20_000)),
        ]
        static let depth = ParameterSpec(
            name: "modulation_depth", unit: "1", summary: "AM depth m: envelope 1 + m·s (no overmodulation for tones up to 1)",
            bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true, relativeToSampleRate: false),
            defaultValue: .constant(0.5))
        static let sideband = ParameterSpec(name: "sideband", summary: "which single sideband is sent", options: ["upper", "lower"], defaultOption: "upper")
        static let deviation = ParameterSpec(
            name: "deviation_hz", unit: "Hz", summary: "FM peak frequency deviation (3σ for the noise message): narrow-band FM when below the message bandwidth",
            bounds: inBand, defaultValue: .constant(50_000))
        static let phase = ParameterSpec(name: "phase_rad", unit: "rad", summary: "carrier phase",
                                         bounds: .unbounded, defaultValue: .uniform(low: 0, high: 2 * Double.pi))
    }

    /// FM: Carson's band 2·(Δf + f_m) must fit in the sample rate, with f_m the highest message frequency
    /// of any source the `message` draw can pick.
    static let carsonBandInside: @Sendable ([String: ClosedRange<Double>], Double) -> [(parameter: String, message: String)] = { support, sampleRate in
        guard let deviation = support["deviation_hz"]?.upperBound, let message = support["message"] else { return [] }
        var top = 0.0
        if message.lowerBound <= 0, let f = support["message_frequency_hz"]?.upperBound { top = max(top, f) }
        if message.upperBound >= 1, let b = support["message_bandwidth_hz"]?.upperBound { top = max(top, b) }
        guard deviation + top >= sampleRate / 2 else { return [] }
        return [("deviation_hz", "Carson's bandwidth 2·(deviation_hz + highest message frequency) reaches \(formatNumber(2 * (deviation + top))) Hz, "
                 + "not below the sample rate \(formatNumber(sampleRate)) Hz: the FM signal would alias")]
    }

    static let analog: [EmitterFamily] = {
        typealias P = AnalogParameter
        let group = "analog"
        return [
            EmitterFamily(type: "am_dsb_wc", group: group, summary: "AM, double sideband with carrier: 1 + m·s (RadioML AM-DSB-WC)",
                          parameters: P.message + [P.depth, P.phase]),
            EmitterFamily(type: "am_dsb_sc", group: group, summary: "AM, double sideband, suppressed carrier: s (RadioML AM-DSB-SC)",
                          parameters: P.message + [P.phase]),
            EmitterFamily(type: "am_ssb_wc", group: group, summary: "AM, single sideband with carrier: 1 + m·(s ± jŝ) (RadioML AM-SSB-WC)",
                          parameters: P.message + [P.depth, P.sideband, P.phase]),
            EmitterFamily(type: "am_ssb_sc", group: group, summary: "AM, single sideband, suppressed carrier: s ± jŝ (RadioML AM-SSB-SC)",
                          parameters: P.message + [P.sideband, P.phase]),
            EmitterFamily(type: "fm", group: group, summary: "frequency modulation, narrow or wide band by deviation_hz (RadioML FM)",
                          parameters: P.message + [P.deviation, P.phase], check: carsonBandInside),
        ]
    }()
}
