import Foundation
import Numerics
import SpecGenDSP
import SpecGenScenario

/// Narrowband steering of a plane wave onto the array elements.
///
/// Element positions in wavelengths: a ULA lies along y, p_m = (0, (m − (M−1)/2)·d, 0); a UCA lies in the
/// xy-plane, p_m = r·(cos 2πm/M, sin 2πm/M, 0); a listed array's p_m are the scenario's
/// `positions_wavelengths`, as given (the origin is the phase reference). A wave from azimuth φ (in the xy-plane, from x) and
/// elevation θ has direction u = (cos θ cos φ, cos θ sin φ, sin θ) and reaches element m with phase
/// 2π·p_m·u relative to the origin: a_m = g_m·e^{j(2π p_m·u + ε_m)}, with per-element gain errors
/// g_m = 10^{N(0, σ_g)/20} and phase errors ε_m ~ N(0, σ_ε) drawn from the example's `array.errors` stream.
enum ArraySteering {
    static func positions(_ array: ArraySpec, spacing: Double, radius: Double) -> [SIMD3<Double>] {
        let m = array.elements
        switch array.geometry {
        case "listed":
            let listed = array.positions!
            return (0 ..< m).map { i in let p = listed[i]; return SIMD3(p[p.startIndex], p[p.startIndex + 1], p[p.startIndex + 2]) }
        case "uca":
            return (0 ..< m).map { i in
                let angle = 2 * Double.pi * Double(i) / Double(m)
                return SIMD3(radius * cos(angle), radius * sin(angle), 0)
            }
        default:
            return (0 ..< m).map { SIMD3(0, (Double($0) - Double(m - 1) / 2) * spacing, 0) }
        }
    }

    /// The steering vector for one example; `value` reads a drawn `array.*` parameter by name.
    static func vector(_ array: ArraySpec, values value: (String) -> Double, stream: inout RandomStream) -> [Complex<Float>] {
        let azimuth = value("azimuth_deg") * Double.pi / 180, elevation = value("elevation_deg") * Double.pi / 180
        let u = SIMD3(cos(elevation) * cos(azimuth), cos(elevation) * sin(azimuth), sin(elevation))
        let gainSigma = value("gain_error_db"), phaseSigma = value("phase_error_deg") * Double.pi / 180
        return positions(array, spacing: value("spacing_wavelengths"), radius: value("radius_wavelengths")).map { p in
            let gain = pow(10, gainSigma * stream.nextNormal() / 20)
            let phase = 2 * Double.pi * (p * u).sum() + phaseSigma * stream.nextNormal()
            return Complex(Float(gain * cos(phase)), Float(gain * sin(phase)))
        }
    }
}
