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

    static func radarMaker(_ intrapulse: @escaping @Sendable (ParameterValues, EmitterContext) -> PulsedRadar.Intrapulse) -> Maker {
        { p, context in
            let train = pulseTrain(p, context)
            return PulsedRadar(pulseWidth: train.width, repetition: train.repetition, intrapulse: intrapulse(p, context))
        }
    }

    static let radar: [String: Maker] = [
        "radar_pulse": radarMaker { _, _ in .unmodulated },
        "radar_lfm": radarMaker { p, context in .linearFM(bandwidth: p.real("bandwidth_hz") / context.sampleRateHz) },
        "radar_barker": radarMaker { p, _ in
            switch p.category("barker_code") {
            case "barker7": return .barker(.length7)
            case "barker11": return .barker(.length11)
            default: return .barker(.length13)
            }
        },
        "radar_polyphase": radarMaker { p, _ in
            .polyphase(PolyphaseCode(rawValue: p.category("polyphase_code"))!, order: p.integer("polyphase_order"))
        },
    ]
}
