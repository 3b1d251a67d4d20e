import Foundation
import SpecGenSignals

extension StageFactory {
    static func power(_ p: StageValues) -> Double { pow(10, -p.real("snr_db") / 10) }

    static let noise: [String: Maker] = [
        "coloured_noise": { p, context in
            let spectrum: NoiseSpectrum = p.category("spectrum") == "butterworth"
                ? .butterworth(centre: p.real("center_frequency_hz") / context.sampleRateHz,
                               bandwidth: p.real("bandwidth_hz") / context.sampleRateHz, order: p.integer("filter_order"))
                : .powerLaw(exponent: p.real("exponent"), corner: p.real("corner_frequency_hz") / context.sampleRateHz)
            return ColouredNoise(power: power(p), spectrum: spectrum)
        },
        "bernoulli_gaussian_noise": { p, _ in
            BernoulliGaussianNoise(power: power(p), impulseProbability: p.real("impulse_probability"),
                                   impulseRatio: pow(10, p.real("impulse_to_background_db") / 10))
        },
        "middleton_class_a_noise": { p, _ in
            MiddletonClassANoise(power: power(p), impulsiveIndex: p.real("impulsive_index"),
                                 gaussianRatio: pow(10, p.real("gaussian_to_impulsive_db") / 10))
        },
    ]
}
