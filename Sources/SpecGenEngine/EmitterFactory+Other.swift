import SpecGenSignals

extension EmitterFactory {
    static let other: [String: Maker] = [
        "tone": { p, context in Tone(frequency: p.real("frequency_hz") / context.sampleRateHz, phase: p.real("phase_rad")) },
        "multitone": { p, context in
            let fs = context.sampleRateHz
            return MultiTone(count: p.integer("tone_count"), centre: p.real("center_frequency_hz") / fs, bandwidth: p.real("bandwidth_hz") / fs,
                             placement: p.category("tone_placement") == "random" ? .random : .comb, powerSpreadDB: p.real("tone_power_spread_db"))
        },
        "bandlimited_noise": { p, context in
            BandLimitedNoise(centre: p.real("center_frequency_hz") / context.sampleRateHz, bandwidth: p.real("bandwidth_hz") / context.sampleRateHz)
        },
    ]

    /// Decimation P: the tone, the tones' band or the noise band stays inside ±½ of the burst rate (the
    /// noise band may touch it, as at the capture rate).
    static let otherDecimation: [String: DecimationRule] = [
        "tone": { p, context, decimation in insideBurstRate(p.real("frequency_hz") / context.sampleRateHz, decimation) },
        "multitone": { p, context, decimation in
            insideBurstRate((abs(p.real("center_frequency_hz")) + p.real("bandwidth_hz") / 2) / context.sampleRateHz, decimation)
        },
        "bandlimited_noise": { p, context, decimation in
            (abs(p.real("center_frequency_hz")) + p.real("bandwidth_hz") / 2) / context.sampleRateHz * Double(decimation) <= 0.5
        },
    ]
}
