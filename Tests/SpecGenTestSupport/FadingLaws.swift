import Foundation

/// Bessel J₀(x) = (1/π)∫₀^π cos(x sin t) dt (Abramowitz & Stegun 9.1.18), by the trapezoid rule on 400
/// points (the integrand is smooth and periodic: error far below 1e-12 for |x| ≤ 100).
public func besselJ0(_ x: Double) -> Double {
    let n = 400
    var sum = 0.0
    for k in 0 ..< n { sum += cos(x * sin(Double.pi * (Double(k) + 0.5) / Double(n))) }
    return sum / Double(n)
}

/// e^{−x}·I₀(x) = (1/π)∫₀^π e^{x(cos t − 1)} dt (A&S 9.6.16), trapezoid on 400 points, x ≥ 0.
public func scaledBesselI0(_ x: Double) -> Double {
    let n = 400
    var sum = 0.0
    for k in 0 ..< n { sum += exp(x * (cos(Double.pi * (Double(k) + 0.5) / Double(n)) - 1)) }
    return sum / Double(n)
}

/// The CDF of |g| for a complex Gaussian g of power E|g|² = `power`: 1 − exp(−r²/power) (Rayleigh).
public func rayleighCDF(_ r: Double, power: Double = 1) -> Double { r <= 0 ? 0 : 1 - exp(-r * r / power) }

/// The Rice law of |g|, g = specular + diffuse with total power 1 and K-factor K: ν² = K/(K+1),
/// 2s² = 1/(K+1); density (r/s²)·exp(−(r² + ν²)/(2s²))·I₀(rν/s²) (S. O. Rice 1944; equivalently
/// 1 − Q₁(ν/s, r/s) with Marcum's Q). The CDF is tabulated once by Simpson's rule on `points` steps up to
/// ν + 12s and read by linear interpolation.
public struct RiceCDF {
    let step: Double
    let table: [Double]

    public init(kFactor k: Double, points: Int = 8000) {
        let nu = (k / (k + 1)).squareRoot(), s2 = 1 / (2 * (k + 1))
        let limit = nu + 12 * s2.squareRoot()
        step = limit / Double(points)
        func density(_ r: Double) -> Double { r / s2 * exp(-(r - nu) * (r - nu) / (2 * s2)) * scaledBesselI0(r * nu / s2) }
        var values = [0.0]
        var total = 0.0
        for i in 0 ..< points {
            let a = Double(i) * step
            total += step / 6 * (density(a) + 4 * density(a + step / 2) + density(a + step))
            values.append(total)
        }
        table = values
    }

    public func callAsFunction(_ r: Double) -> Double {
        if r <= 0 { return 0 }
        let position = r / step
        let i = Int(position)
        if i >= table.count - 1 { return table[table.count - 1] }
        let u = position - Double(i)
        return table[i] * (1 - u) + table[i + 1] * u
    }
}

/// BPSK bit error rate on a flat Rayleigh channel with coherent detection and perfect channel knowledge,
/// at average Eb/N0 γ: ½(1 − √(γ/(1+γ))) (J. G. Proakis, Digital Communications, 4th ed., eq. 14.3-7).
public func rayleighBPSKBitErrorRate(averageSNR gamma: Double) -> Double { 0.5 * (1 - (gamma / (1 + gamma)).squareRoot()) }
