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

    /// The alphabet size M and modulation index h of a continuous-phase type.
    static func orderAndIndex(_ p: ParameterValues) -> (order: Int, index: Double) {
        switch p.family.type {
        case "msk", "gmsk": return (2, 0.5)
        case "cpfsk": return (2, p.real("modulation_index"))
        default: return (p.integer("order"), p.real("modulation_index"))
        }
    }

    /// Decimation P: at least 2 samples per symbol remain (the catalogue's minimum) and the outer tones
    /// ±(M − 1)·h/2 symbol rates stay inside ±½ of the burst rate (the catalogue's `outerTonesInBand`).
    static let continuousPhaseDecimation: [String: DecimationRule] = continuousPhase.mapValues { _ in
        { p, _, decimation in
            let sps = p.real("samples_per_symbol") / Double(decimation)
            let (order, h) = orderAndIndex(p)
            return sps >= 2 && Double(order - 1) * h < sps
        }
    }
}
