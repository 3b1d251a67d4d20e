import SpecGenScenario
import SpecGenSignals

extension EmitterFactory {
    /// The `subcarrier_modulation` options' constellations (made once: square QAM tables allocate).
    static let ofdmConstellations: [String: Constellation] = [
        "bpsk": .bpsk, "qpsk": .qpsk, "16qam": .qam16, "64qam": .squareQAM(64), "256qam": .squareQAM(256),
    ]

    static func ofdmEmitter(_ numerology: OFDMNumerology, _ p: ParameterValues) -> OFDM {
        OFDM(numerology: numerology, constellation: ofdmConstellations[p.category("subcarrier_modulation")]!,
             gridOffset: p.real("grid_offset_fraction"))
    }

    static let lteBandwidths: [String: OFDMNumerology.LTEBandwidth] = [
        "1.4_mhz": .mhz1_4, "3_mhz": .mhz3, "5_mhz": .mhz5, "10_mhz": .mhz10, "15_mhz": .mhz15, "20_mhz": .mhz20,
    ]

    static let ofdm: [String: Maker] = [
        "ofdm": { p, _ in
            let n = p.integer("fft_size")
            let cp = Int((p.real("cyclic_prefix_fraction") * Double(n)).rounded())
            return ofdmEmitter(.custom(fftSize: n, occupied: p.integer("occupied_subcarriers"), cyclicPrefix: cp,
                                       pilotSpacing: p.integer("pilot_spacing")), p)
        },
        "ofdm_wlan": { p, _ in ofdmEmitter(.wlan(oversampling: p.integer("fft_oversampling")), p) },
        "ofdm_lte": { p, _ in
            ofdmEmitter(.lte(lteBandwidths[p.category("lte_bandwidth")]!, oversampling: p.integer("fft_oversampling")), p)
        },
    ]
}
