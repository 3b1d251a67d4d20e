import SpecGenSignals

extension EmitterFactory {
    static let other: [String: Maker] = [
        "tone": { p, context in Tone(frequency: p.real("frequency_hz") / context.sampleRateHz, phase: p.real("phase_rad")) },
    ]
}
