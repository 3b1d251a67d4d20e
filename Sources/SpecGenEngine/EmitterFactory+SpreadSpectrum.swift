import SpecGenSignals

extension EmitterFactory {
    static let spreadSpectrum: [String: Maker] = [
        "dsss": { p, _ in
            let shape: DirectSequenceSpreadSpectrum.ChipShape = p.category("chip_shape") == "rrc"
                ? .rootRaisedCosine(rolloff: p.real("rolloff"), spanChips: p.integer("filter_span_symbols"))
                : .rectangular
            return DirectSequenceSpreadSpectrum(code: p.category("spreading_code") == "gold" ? .gold : .mSequence,
                                                degree: p.integer("code_degree"), samplesPerChip: p.real("samples_per_chip"), chipShape: shape)
        },
    ]
}
