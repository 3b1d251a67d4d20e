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

    /// Decimation P: P divides the IFFT size and the prefix (`ofdm`: both rounded in capture samples) or
    /// the oversampling (`ofdm_wlan`, `ofdm_lte`), so the symbols keep their length in seconds and their
    /// subcarriers their spacing in Hz, and the occupied subcarriers still fit below the smaller IFFT.
    static let ofdmDecimation: [String: DecimationRule] = [
        "ofdm": { p, _, decimation in
            let (n, cp) = customGrid(p)
            return n % decimation == 0 && cp % decimation == 0 && p.integer("occupied_subcarriers") < n / decimation
        },
        "ofdm_wlan": { p, _, decimation in p.integer("fft_oversampling") % decimation == 0 },
        "ofdm_lte": { p, _, decimation in p.integer("fft_oversampling") % decimation == 0 },
    ]
}
