/// Chirp families: phase-continuous linear frequency sweeps across [−B/2, B/2] and LoRa-like chirp
/// spread spectrum.
extension EmitterCatalogue {
    private static let sweptBandwidth = ParameterSpec(
        name: "bandwidth_hz", unit: "Hz", summary: "swept band B, centred on the capture centre (chirp rate B/duration)",
        bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true, relativeToSampleRate: true),
        defaultValue: .constant(250_000))

    private static let chirpPhase = ParameterSpec(name: "phase_rad", unit: "rad", summary: "phase at the start of the period containing sample 0",
                                          bounds: .unbounded, defaultValue: .uniform(low: 0, high: 2 * Double.pi))

    private static func chirpDuration(default seconds: Double) -> ParameterSpec {
        ParameterSpec(name: "chirp_duration_s", unit: "s", summary: "duration T of one ramp (≥ 8 samples)",
                      bounds: .positive,
                      defaultValue: .constant(seconds))
    }

    /// Bandwidth within Fs (defaults are not range-checked against the scenario's rate otherwise).
    private static func bandwidthProblems(_ support: [String: ClosedRange<Double>], _ sampleRate: Double) -> [(parameter: String, message: String)] {
        guard let b = support["bandwidth_hz"], b.upperBound > sampleRate else { return [] }
        return [("bandwidth_hz", "reaches \(formatNumber(b.upperBound)) Hz, above the sample rate \(formatNumber(sampleRate)) Hz")]
    }

    private static func sweepProblems(_ support: [String: ClosedRange<Double>], _ sampleRate: Double) -> [(parameter: String, message: String)] {
        var problems = bandwidthProblems(support, sampleRate)
        if let t = support["chirp_duration_s"], t.lowerBound * sampleRate < 8 {
            problems.append(("chirp_duration_s", "reaches down to \(formatNumber(t.lowerBound)) s, \(formatNumber(t.lowerBound * sampleRate)) samples; a ramp needs at least 8 samples (\(formatNumber(8 / sampleRate)) s)"))
        }
        return problems
    }

    static let chirp: [EmitterFamily] = [
        EmitterFamily(type: "lfm", group: "chirp", summary: "continuous repeating linear FM chirps across [−B/2, B/2], phase continuous",
                      parameters: [
                          sweptBandwidth, chirpDuration(default: 100e-6),
                          ParameterSpec(name: "chirp_direction", summary: "up: −B/2 → B/2; down: B/2 → −B/2", options: ["up", "down"], defaultOption: "up"),
                          gridOffsetFraction, chirpPhase,
                      ], check: sweepProblems),
        EmitterFamily(type: "fmcw", group: "chirp", summary: "FMCW: sawtooth (repeating up-ramps) or triangle (up then down) sweeps, phase continuous",
                      parameters: [
                          sweptBandwidth, chirpDuration(default: 1e-3),
                          ParameterSpec(name: "fmcw_shape", summary: "sawtooth: up-ramps; triangle: up-ramp then down-ramp (period 2T)",
                                        options: ["sawtooth", "triangle"], defaultOption: "triangle"),
                          gridOffsetFraction, chirpPhase,
                      ], check: sweepProblems),
        EmitterFamily(type: "css", group: "chirp", summary: "LoRa-like chirp spread spectrum: symbols are cyclic shifts of the base up-chirp",
                      parameters: [
                          ParameterSpec(name: "bandwidth_hz", unit: "Hz", summary: "swept band B = chip rate, centred on the capture centre",
                                        bounds: sweptBandwidth.bounds, defaultValue: .constant(125_000)),
                          ParameterSpec(name: "chirp_spreading_factor", unit: "bits", summary: "SF: 2^SF chips per symbol, SF bits per symbol",
                                        isInteger: true, bounds: .closed(7 ... 12), defaultValue: .constant(7)),
                          gridOffsetFraction, chirpPhase,
                      ], check: bandwidthProblems),
    ]
}
