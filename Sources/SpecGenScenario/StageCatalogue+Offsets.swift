extension StageCatalogue {
    static let interpolatorHalfLength = ParameterSpec(
        name: "interpolator_half_length", unit: "samples", summary: "half length L of the interpolator, rounded down to an even number (8: about −52 dB, 16: −97 dB)",
        isInteger: true, bounds: .closed(8 ... 64), defaultValue: .constant(16))

    static let offsets: [StageFamily] = [
        StageFamily(
            type: "carrier_offset", group: "offsets",
            summary: "carrier frequency offset with optional linear drift (Doppler rate) and a phase offset: x·e^{j(2π(f·n + ḟ·n²/2) + φ)}",
            placement: .either,
            parameters: [
                ParameterSpec(name: "frequency_offset_hz", unit: "Hz", summary: "carrier frequency offset (CFO or Doppler shift)",
                              bounds: ParameterBounds(lower: -0.5, lowerInclusive: false, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
                              defaultValue: .constant(0)),
                ParameterSpec(name: "frequency_drift_hz_per_s", unit: "Hz/s", summary: "rate of change of the offset (Doppler rate, oscillator drift)",
                              bounds: .closed(-1e9 ... 1e9), defaultValue: .constant(0)),
                ParameterSpec(name: "phase_rad", unit: "rad", summary: "carrier phase offset", bounds: .unbounded, defaultValue: .constant(0)),
            ],
            check: { support, sampleRate in
                guard let drift = support["frequency_drift_hz_per_s"] else { return [] }
                let limit = 1e-3 * sampleRate * sampleRate
                return max(abs(drift.lowerBound), abs(drift.upperBound)) > limit
                    ? [("frequency_drift_hz_per_s", "a drift of \(max(abs(drift.lowerBound), abs(drift.upperBound))) Hz/s exceeds 1e-3·Fs² = \(limit) Hz/s")] : []
            }),
        StageFamily(
            type: "timing_offset", group: "offsets",
            summary: "fractional timing offset (delay) by a Kaiser-windowed sinc interpolator (error ≤ −97 dB for |f| ≤ 0.4 cycles/sample at half length 16)",
            placement: .channel,
            parameters: [
                ParameterSpec(name: "timing_offset_samples", unit: "samples", summary: "delay in samples, fractional allowed",
                              bounds: .closed(0 ... 1e4), defaultValue: .uniform(low: 0, high: 1)),
                interpolatorHalfLength,
            ]),
        StageFamily(
            type: "sample_rate_offset", group: "offsets",
            summary: "sample-clock offset: the signal resampled at n·(1 + ε) by a Kaiser-windowed sinc interpolator (error ≤ −92 dB for |f| ≤ 0.4 at half length 16)",
            placement: .channel,
            parameters: [
                ParameterSpec(name: "sample_rate_offset_ppm", unit: "ppm", summary: "ε in parts per million at the example's first sample (transmitter clock fast: positive)",
                              bounds: .closed(-5000 ... 5000), defaultValue: .constant(0)),
                ParameterSpec(name: "sample_rate_drift_ppm_per_s", unit: "ppm/s",
                              summary: "clock drift: change of ε per second over the example (ε + drift·t at time t into it); |ε| + |drift|·(L − 1)/Fs ≤ 10000 ppm",
                              bounds: .closed(-1e9 ... 1e9), defaultValue: .constant(0)),
                interpolatorHalfLength,
            ],
            validate: validateSampleRateOffset),
    ]

    /// The resampler keeps the rate within 1 %: max(|ε|, |ε + κ(L − 1)|) ≤ 10⁻² for every ε and drift the
    /// distributions can draw (the extremes are at the corners of their supports).
    static func validateSampleRateOffset(_ input: StageCheckInput) -> [(path: String, message: String)] {
        guard let length = input.samplesPerExample, let offset = input.parameters["sample_rate_offset_ppm"]?.support,
              let drift = input.parameters["sample_rate_drift_ppm_per_s"]?.support else { return [] }
        guard drift.lowerBound.isFinite && drift.upperBound.isFinite else {
            return [("sample_rate_drift_ppm_per_s", "an unbounded (normal) drift can reach any rate; give a uniform or a choice so that |ε| + |drift|·(L − 1)/Fs ≤ 10000 ppm")]
        }
        let seconds = Double(length - 1) / input.sampleRate
        var worst = 0.0
        for e in [offset.lowerBound, offset.upperBound] {
            for d in [drift.lowerBound, drift.upperBound] { worst = max(worst, abs(e), abs(e + d * seconds)) }
        }
        return worst > 10_000
            ? [("sample_rate_drift_ppm_per_s", "the rate offset reaches \(formatRounded(worst)) ppm at the example's end (ε + drift·(L − 1)/Fs, L − 1 = \(length - 1) samples at \(formatNumber(input.sampleRate)) Hz); allowed: within ±10000 ppm")]
            : []
    }
}
