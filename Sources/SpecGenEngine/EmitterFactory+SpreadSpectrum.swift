import SpecGenSignals

extension EmitterFactory {
    /// `samples_per_chip` counts capture samples: divided by the decimation.
    static let spreadSpectrum: [String: Maker] = [
        "dsss": { p, context in
            let shape: DirectSequenceSpreadSpectrum.ChipShape = p.category("chip_shape") == "rrc"
                ? .rootRaisedCosine(rolloff: p.real("rolloff"), spanChips: p.integer("filter_span_symbols"))
                : .rectangular
            return DirectSequenceSpreadSpectrum(code: p.category("spreading_code") == "gold" ? .gold : .mSequence,
                                                degree: p.integer("code_degree"),
                                                samplesPerChip: p.real("samples_per_chip") / Double(context.decimation), chipShape: shape)
        },
    ]

    /// Decimation P: at least one sample per chip remains (1 + α for RRC chips, the kernel's minimum).
    static let spreadSpectrumDecimation: [String: DecimationRule] = [
        "dsss": { p, _, decimation in
            let minimum = p.category("chip_shape") == "rrc" ? 1 + p.real("rolloff") : 1
            return p.real("samples_per_chip") / Double(decimation) >= minimum
        },
    ]
}
