import SpecGenSignals

extension StageFactory {
    static let offsets: [String: Maker] = [
        "carrier_offset": { p, context in
            CarrierOffset(frequency: p.real("frequency_offset_hz") / context.sampleRateHz,
                          drift: p.real("frequency_drift_hz_per_s") / (context.sampleRateHz * context.sampleRateHz),
                          phase: p.real("phase_rad"), origin: context.otherHistory)
        },
        "sample_rate_offset": { p, context in
            SampleRateOffset(offset: p.real("sample_rate_offset_ppm") * 1e-6,
                             drift: p.real("sample_rate_drift_ppm_per_s") * 1e-6 / context.sampleRateHz, exampleLength: context.length,
                             otherHistory: context.otherHistory, otherLookahead: context.otherLookahead,
                             halfLength: p.integer("interpolator_half_length") / 2 * 2)
        },
        "timing_offset": { p, _ in
            FractionalDelay(delay: p.real("timing_offset_samples"), halfLength: p.integer("interpolator_half_length") / 2 * 2)
        },
    ]
}
