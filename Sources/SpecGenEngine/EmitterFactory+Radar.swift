import SpecGenDSP
import SpecGenSignals

extension EmitterFactory {
    /// The pulse-train part of a radar family, in samples.
    static func pulseTrain(_ p: ParameterValues, _ context: EmitterContext) -> (width: Double, repetition: PulseRepetition) {
        let fs = context.sampleRateHz
        let law: PulseRepetition.Law
        switch p.category("pri_mode") {
        case "stagger": law = .stagger(count: p.integer("pri_stagger_count"), ratio: p.real("pri_stagger_ratio"))
        case "jitter": law = .jitter(fraction: p.real("pri_jitter_fraction"))
        default: law = .constant
        }
        return (p.real("pulse_width_s") * fs, PulseRepetition(interval: p.real("pri_s") * fs, law: law))
    }

    /// The intrapulse modulation of each radar type.
    static let radarIntrapulse: [String: @Sendable (ParameterValues, EmitterContext) -> PulsedRadar.Intrapulse] = [
        "radar_pulse": { _, _ in .unmodulated },
        "radar_lfm": { p, context in .linearFM(bandwidth: p.real("bandwidth_hz") / context.sampleRateHz) },
        "radar_barker": { p, _ in
            switch p.category("barker_code") {
            case "barker7": return .barker(.length7)
            case "barker11": return .barker(.length11)
            default: return .barker(.length13)
            }
        },
        "radar_polyphase": { p, _ in
            .polyphase(PolyphaseCode(rawValue: p.category("polyphase_code"))!, order: p.integer("polyphase_order"))
        },
    ]

    static let radar: [String: Maker] = radarIntrapulse.mapValues { intrapulse in
        { p, context in
            let train = pulseTrain(p, context)
            return PulsedRadar(pulseWidth: train.width, repetition: train.repetition, intrapulse: intrapulse(p, context))
        }
    }

    /// Decimation P: every code chip (the whole pulse without a code) keeps at least 2 samples of the
    /// burst rate, and linear FM sweeps within it.
    static let radarDecimation: [String: DecimationRule] = radarIntrapulse.mapValues { intrapulse in
        { p, context, decimation in
            let rate = context.sampleRateHz / Double(decimation)
            let chips = Double(intrapulse(p, context).chipCount)
            let bandInside = p.family.type != "radar_lfm" || p.real("bandwidth_hz") <= rate
            return bandInside && p.real("pulse_width_s") * rate >= 2 * chips
        }
    }
}
