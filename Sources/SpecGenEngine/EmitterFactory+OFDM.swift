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

    /// The IFFT size and cyclic prefix of `ofdm` in capture samples (the prefix rounded there, so that a
    /// decimation dividing both keeps the symbol timing exact).
    static func customGrid(_ p: ParameterValues) -> (fftSize: Int, cyclicPrefix: Int) {
        let n = p.integer("fft_size")
        return (n, Int((p.real("cyclic_prefix_fraction") * Double(n)).rounded()))
    }

    /// The IFFT sizes, prefixes and `fft_oversampling` count capture samples: at decimation P they are
    /// divided by P (`supports(decimation:)` admits only the P that divide them), the subcarriers stay.
    static let ofdm: [String: Maker] = [
        "ofdm": { p, context in
            let (n, cp) = customGrid(p)
            return ofdmEmitter(.custom(fftSize: n / context.decimation, occupied: p.integer("occupied_subcarriers"),
                                       cyclicPrefix: cp / context.decimation, pilotSpacing: p.integer("pilot_spacing")), p)
        },
        "ofdm_wlan": { p, context in ofdmEmitter(.wlan(oversampling: p.integer("fft_oversampling") / context.decimation), p) },
        "ofdm_lte": { p, context in
            ofdmEmitter(.lte(lteBandwidths[p.category("lte_bandwidth")]!, oversampling: p.integer("fft_oversampling") / context.decimation), p)
        },
    ]
}
