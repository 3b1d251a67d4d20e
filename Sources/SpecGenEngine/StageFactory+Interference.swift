import Foundation
import SpecGenSignals

extension StageFactory {
    static let interference: [String: Maker] = [
        "interference": { p, context in
            InterferenceStage(
                interferer: EmitterFactory.make(p.emitterValues, context: context),
                interference: Interference(signalToInterference: pow(10, p.real("sir_db") / 10),
                                           frequencyOffset: p.real("frequency_offset_hz") / context.sampleRateHz, phase: p.real("phase_rad")))
        },
    ]
}
