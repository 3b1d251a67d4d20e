import Foundation
import SpecGenSignals

extension StageFactory {
    static let fading: [String: Maker] = [
        "fading": { p, context in
            // The delay line depends on constants of the run (profile, delay spread, K, lists, rate, band):
            // made once, kept in the stage's memo.
            let key = SIMD8(p.real("profile"), p.real("delay_spread_s"), p.real("k_factor_db"), context.sampleRateHz,
                            context.inputBand ?? -1, 0, 0, 0)
            let line = p.stage.memo.value(key) { () -> MultipathFading.DelayLine in
                let profile = p.category("profile")
                let taps: [MultipathFading.Tap]
                let k = p.real("k_factor_db")
                switch profile {
                case "flat":
                    taps = [MultipathFading.Tap(delay: 0, powerDB: 0, kFactorDB: k <= -100 ? nil : k)]
                case "custom":
                    taps = customTaps(delays: p.list("delays_s")!, powersDB: p.list("powers_db")!, kFactorsDB: p.list("k_factors_db"),
                                      firstKFactorDB: k, sampleRate: context.sampleRateHz)
                default:
                    taps = FadingProfile(rawValue: profile)!.taps(delaySpread: p.real("delay_spread_s"), sampleRate: context.sampleRateHz)
                }
                return MultipathFading.DelayLine(taps: taps, inputBand: context.inputBand)
            }
            return MultipathFading(line: line, maximumDoppler: p.real("max_doppler_hz") / context.sampleRateHz,
                                   lineOfSightCosine: cos(p.real("los_angle_deg") * Double.pi / 180))
        },
    ]

    /// A custom tap list: delays in seconds → samples; K per tap from `kFactorsDB`, or, without it, the
    /// scalar K on the first tap (as the flat profile's one tap) and Rayleigh on the others; K ≤ −100 dB is
    /// Rayleigh.
    static func customTaps(delays: [Double], powersDB: [Double], kFactorsDB: [Double]?, firstKFactorDB: Double,
                           sampleRate: Double) -> [MultipathFading.Tap] {
        delays.indices.map { i in
            let k = kFactorsDB?[i] ?? (i == 0 ? firstKFactorDB : -100)
            return MultipathFading.Tap(delay: delays[i] * sampleRate, powerDB: powersDB[i], kFactorDB: k <= -100 ? nil : k)
        }
    }
}
