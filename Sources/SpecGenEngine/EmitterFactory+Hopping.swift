import SpecGenSignals

extension EmitterFactory {
    static let hopping: [String: Maker] = [
        "fhss": { p, context in
            FrequencyHopping(base: EmitterFactory.make(p.base, context: context), channels: p.integer("hop_channels"),
                             channelSpacing: p.real("channel_spacing_hz") / context.sampleRateHz,
                             dwellSamples: p.real("dwell_s") * context.sampleRateHz)
        },
    ]

    /// Decimation P: the base renders at P and the hop set, widened by the base's band, stays inside ±½
    /// of the burst rate (a base without a declared band: the capture rate only). Scenes render a hopping
    /// burst's base per dwell themselves, so `sceneBand` declares no band for it.
    static let hoppingDecimation: [String: DecimationRule] = [
        "fhss": { p, context, decimation in
            guard supports(decimation: decimation, p.base, context: context),
                  let band = make(p.base, context: context).powerBand(fraction: sceneBandFraction) else { return false }
            let hops = Double(p.integer("hop_channels") - 1) / 2 * p.real("channel_spacing_hz") / context.sampleRateHz
            return insideBurstRate(hops + max(-band.lowerBound, band.upperBound), decimation)
        },
    ]
}
