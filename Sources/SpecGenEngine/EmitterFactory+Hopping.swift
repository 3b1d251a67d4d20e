import SpecGenSignals

extension EmitterFactory {
    static let hopping: [String: Maker] = [
        "fhss": { p, context in
            FrequencyHopping(base: EmitterFactory.make(p.base, context: context), channels: p.integer("hop_channels"),
                             channelSpacing: p.real("channel_spacing_hz") / context.sampleRateHz,
                             dwellSamples: p.real("dwell_s") * context.sampleRateHz)
        },
    ]
}
