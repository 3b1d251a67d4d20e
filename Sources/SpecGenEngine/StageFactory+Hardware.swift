import Foundation
import SpecGenSignals

extension StageFactory {
    static let hardware: [String: Maker] = [
        "power_amplifier": { p, _ in
            let model: PowerAmplifier.Model = p.category("pa_model") == "saleh"
                ? .saleh(alphaAmplitude: p.real("saleh_alpha_amplitude"), betaAmplitude: p.real("saleh_beta_amplitude"),
                         alphaPhase: p.real("saleh_alpha_phase"), betaPhase: p.real("saleh_beta_phase"))
                : .rapp(smoothness: p.real("smoothness"))
            return PowerAmplifier(model: model, inputBackoffDB: p.real("input_backoff_db"))
        },
        "iq_imbalance": { p, _ in IQImbalance(gainDB: p.real("iq_gain_db"), phase: p.real("iq_phase_rad")) },
        "dc_offset": { p, _ in DCOffset(levelDBc: p.real("dc_offset_dbc"), phase: p.real("dc_offset_phase_rad")) },
        "phase_noise": { p, context in
            // The mask depends on the scenario's lists and the rate only: made once, kept in the stage's memo.
            let mask = p.stage.memo.value(SIMD8(context.sampleRateHz, 0, 0, 0, 0, 0, 0, 0)) { () -> PhaseNoise.Mask in
                if let offsets = p.list("offsets_hz"), let levels = p.list("levels_dbc_hz") {
                    // dBc/Hz at Fs → dBc per unit normalised bandwidth: + 10·log10 Fs; Hz → cycles/sample.
                    let fs = context.sampleRateHz
                    return PhaseNoise.Mask(offsets: offsets.map { $0 / fs }, levelsDB: levels.map { $0 + 10 * log10(fs) })
                }
                return PhaseNoise.Mask(offsets: [1e-4, 1e-3, 1e-2, 0.1], levelsDB: [-50, -70, -90, -100])
            }
            return PhaseNoise(mask: mask, shiftDB: p.real("phase_noise_shift_db"))
        },
        "receiver_filter": { p, context in
            ReceiverFilter(bandwidth: p.real("bandwidth_hz") / context.sampleRateHz, length: p.integer("filter_taps") | 1)
        },
        "agc": { p, _ in
            let mode: AutomaticGainControl.Mode = p.category("agc_mode") == "tracking"
                ? .tracking(attack: p.real("agc_attack_samples"), decay: p.real("agc_decay_samples"))
                : .block(length: p.integer("agc_block_length"))
            return AutomaticGainControl(mode: mode, targetRMS: p.real("agc_target_rms"))
        },
        "adc": { p, _ in Quantizer(bits: p.integer("adc_bits"), fullScaleDB: p.real("adc_full_scale_db")) },
    ]
}
