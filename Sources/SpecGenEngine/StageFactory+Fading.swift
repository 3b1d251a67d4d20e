import Foundation
import SpecGenSignals

extension StageFactory {
    static let fading: [String: Maker] = [
        "fading": { p, context in
            let profile = p.category("profile")
            let taps: [MultipathFading.Tap]
            if profile == "flat" {
                let k = p.real("k_factor_db")
                taps = [MultipathFading.Tap(delay: 0, powerDB: 0, kFactorDB: k <= -100 ? nil : k)]
            } else {
                taps = FadingProfile(rawValue: profile)!.taps(delaySpread: p.real("delay_spread_s"), sampleRate: context.sampleRateHz)
            }
            return MultipathFading(taps: taps, maximumDoppler: p.real("max_doppler_hz") / context.sampleRateHz,
                                   lineOfSightCosine: cos(p.real("los_angle_deg") * Double.pi / 180))
        },
    ]
}
