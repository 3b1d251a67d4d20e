import SpecGenSignals

extension EmitterFactory {
    static func linearSweep(_ shape: LinearFrequencySweep.Shape, _ p: ParameterValues, _ context: EmitterContext) -> LinearFrequencySweep {
        LinearFrequencySweep(bandwidth: p.real("bandwidth_hz") / context.sampleRateHz,
                             rampLength: p.real("chirp_duration_s") * context.sampleRateHz, shape: shape,
                             gridOffset: p.real("grid_offset_fraction"), phase: p.real("phase_rad"))
    }

    static let chirp: [String: Maker] = [
        "lfm": { p, context in linearSweep(p.category("chirp_direction") == "up" ? .up : .down, p, context) },
        "fmcw": { p, context in linearSweep(p.category("fmcw_shape") == "sawtooth" ? .up : .triangle, p, context) },
        "css": { p, context in
            ChirpSpreadSpectrum(spreadingFactor: p.integer("chirp_spreading_factor"), bandwidth: p.real("bandwidth_hz") / context.sampleRateHz,
                                gridOffset: p.real("grid_offset_fraction"), phase: p.real("phase_rad"))
        },
    ]

    /// Decimation P: the swept band stays within the burst rate and a ramp keeps at least 8 samples (the
    /// catalogue's minimum).
    static let chirpDecimation: [String: DecimationRule] = chirp.mapValues { _ in
        { p, context, decimation in
            let rate = context.sampleRateHz / Double(decimation)
            guard p.real("bandwidth_hz") <= rate else { return false }
            return p.family.type == "css" || p.real("chirp_duration_s") * rate >= 8
        }
    }
}
