import SpecGenSignals

extension EmitterFactory {
    /// Continuous-phase families: one kernel (`ContinuousPhaseModulation`) with the order, modulation
    /// index and frequency pulse each type fixes or takes from its parameters.
    static let continuousPhase: [String: Maker] = [
        "fsk": { p, _ in
            ContinuousPhaseModulation(order: p.integer("order"), modulationIndex: p.real("modulation_index"),
                                      samplesPerSymbol: p.real("samples_per_symbol"), pulse: .rectangular, phase: p.real("phase_rad"))
        },
        "cpfsk": { p, _ in
            ContinuousPhaseModulation(order: 2, modulationIndex: p.real("modulation_index"),
                                      samplesPerSymbol: p.real("samples_per_symbol"), pulse: .rectangular, phase: p.real("phase_rad"))
        },
        "msk": { p, _ in
            ContinuousPhaseModulation(order: 2, modulationIndex: 0.5, samplesPerSymbol: p.real("samples_per_symbol"),
                                      pulse: .rectangular, phase: p.real("phase_rad"))
        },
        "gmsk": { p, _ in
            ContinuousPhaseModulation(order: 2, modulationIndex: 0.5, samplesPerSymbol: p.real("samples_per_symbol"),
                                      pulse: .gaussian(bandwidthTime: p.real("bandwidth_time")), phase: p.real("phase_rad"))
        },
        "gfsk": { p, _ in
            ContinuousPhaseModulation(order: p.integer("order"), modulationIndex: p.real("modulation_index"),
                                      samplesPerSymbol: p.real("samples_per_symbol"),
                                      pulse: .gaussian(bandwidthTime: p.real("bandwidth_time")), phase: p.real("phase_rad"))
        },
    ]
}
