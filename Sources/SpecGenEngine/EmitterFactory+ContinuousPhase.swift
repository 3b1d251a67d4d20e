import SpecGenSignals

extension EmitterFactory {
    /// Samples per symbol at the context's rate: `samples_per_symbol` counts capture samples, so it is
    /// divided by the decimation.
    static func symbolSamples(_ p: ParameterValues, _ context: EmitterContext) -> Double {
        p.real("samples_per_symbol") / Double(context.decimation)
    }

    /// Continuous-phase families: one kernel (`ContinuousPhaseModulation`) with the order, modulation
    /// index and frequency pulse each type fixes or takes from its parameters.
    static let continuousPhase: [String: Maker] = [
        "fsk": { p, context in
            ContinuousPhaseModulation(order: p.integer("order"), modulationIndex: p.real("modulation_index"),
                                      samplesPerSymbol: symbolSamples(p, context), pulse: .rectangular, phase: p.real("phase_rad"))
        },
        "cpfsk": { p, context in
            ContinuousPhaseModulation(order: 2, modulationIndex: p.real("modulation_index"),
                                      samplesPerSymbol: symbolSamples(p, context), pulse: .rectangular, phase: p.real("phase_rad"))
        },
        "msk": { p, context in
            ContinuousPhaseModulation(order: 2, modulationIndex: 0.5, samplesPerSymbol: symbolSamples(p, context),
                                      pulse: .rectangular, phase: p.real("phase_rad"))
        },
        "gmsk": { p, context in
            ContinuousPhaseModulation(order: 2, modulationIndex: 0.5, samplesPerSymbol: symbolSamples(p, context),
                                      pulse: .gaussian(bandwidthTime: p.real("bandwidth_time")), phase: p.real("phase_rad"))
        },
        "gfsk": { p, context in
            ContinuousPhaseModulation(order: p.integer("order"), modulationIndex: p.real("modulation_index"),
                                      samplesPerSymbol: symbolSamples(p, context),
                                      pulse: .gaussian(bandwidthTime: p.real("bandwidth_time")), phase: p.real("phase_rad"))
        },
    ]
}
