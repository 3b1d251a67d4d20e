import SpecGenSignals

extension EmitterFactory {
    /// The message source of one example, frequencies normalised to cycles/sample.
    static func analogMessage(_ p: ParameterValues, _ context: EmitterContext) -> AnalogMessage {
        let fs = context.sampleRateHz
        switch p.category("message") {
        case "tone": return .tone(frequency: p.real("message_frequency_hz") / fs)
        case "tones": return .tones(count: p.integer("message_tone_count"), bandwidth: p.real("message_bandwidth_hz") / fs)
        default: return .noise(bandwidth: p.real("message_bandwidth_hz") / fs)
        }
    }

    static func sideband(_ p: ParameterValues) -> AmplitudeModulation.Sideband {
        p.category("sideband") == "lower" ? .lower : .upper
    }

    static let analog: [String: Maker] = [
        "am_dsb_wc": { p, c in
            AmplitudeModulation(message: analogMessage(p, c), sideband: .double, carrier: true, depth: p.real("modulation_depth"), phase: p.real("phase_rad"))
        },
        "am_dsb_sc": { p, c in
            AmplitudeModulation(message: analogMessage(p, c), sideband: .double, carrier: false, phase: p.real("phase_rad"))
        },
        "am_ssb_wc": { p, c in
            AmplitudeModulation(message: analogMessage(p, c), sideband: sideband(p), carrier: true, depth: p.real("modulation_depth"), phase: p.real("phase_rad"))
        },
        "am_ssb_sc": { p, c in
            AmplitudeModulation(message: analogMessage(p, c), sideband: sideband(p), carrier: false, phase: p.real("phase_rad"))
        },
        "fm": { p, c in
            FrequencyModulation(message: analogMessage(p, c), deviation: p.real("deviation_hz") / c.sampleRateHz, phase: p.real("phase_rad"))
        },
    ]

    /// Decimation P: the message's highest frequency (AM) or Carson's Δf + f_m (FM, as the catalogue's
    /// `carsonBandInside`) stays inside ±½ of the burst rate.
    static let analogDecimation: [String: DecimationRule] = analog.mapValues { _ in
        { p, context, decimation in
            var reach = analogMessage(p, context).highestFrequency
            if p.family.type == "fm" { reach += p.real("deviation_hz") / context.sampleRateHz }
            return insideBurstRate(reach, decimation)
        }
    }
}
