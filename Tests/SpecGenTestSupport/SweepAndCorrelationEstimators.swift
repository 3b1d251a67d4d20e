import Foundation
import Numerics

/// Normalised autocorrelation at one lag: Σ x[n + lag]·x*[n] / Σ |x[n]|² over n = 0 ..< count − lag
/// (double accumulation). For a cyclic-prefix OFDM signal its expectation at lag N is CP/(N + CP).
public func normalisedAutocorrelation(_ x: [Complex<Float>], lag: Int) -> Complex<Double> {
    precondition(lag >= 0 && lag < x.count)
    var sum = Complex<Double>.zero, energy = 0.0
    for n in 0 ..< x.count - lag {
        let a = Complex(Double(x[n + lag].real), Double(x[n + lag].imaginary))
        let b = Complex(Double(x[n].real), Double(x[n].imaginary))
        sum += a * b.conjugate
        energy += b.lengthSquared
    }
    return sum.divided(by: energy)
}

/// Instantaneous frequency between consecutive samples, arg(x[n + 1]·x*[n])/2π cycles/sample, for
/// n = range.lowerBound ..< range.upperBound − 1 (the phase-difference discriminator).
public func instantaneousFrequency(_ x: [Complex<Float>], _ range: Range<Int>) -> [Double] {
    (range.lowerBound ..< range.upperBound - 1).map { n in
        let a = Complex(Double(x[n + 1].real), Double(x[n + 1].imaginary))
        let b = Complex(Double(x[n].real), Double(x[n].imaginary))
        let z = a * b.conjugate
        return atan2(z.imaginary, z.real) / (2 * Double.pi)
    }
}

/// Ordinary least-squares line y ≈ intercept + slope·i through y[i], i = 0 ..< count.
public func leastSquaresLine(_ y: [Double]) -> (slope: Double, intercept: Double) {
    let n = Double(y.count)
    let meanX = (n - 1) / 2, meanY = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0
    for (i, v) in y.enumerated() {
        sxy += (Double(i) - meanX) * (v - meanY)
        sxx += (Double(i) - meanX) * (Double(i) - meanX)
    }
    let slope = sxy / sxx
    return (slope, meanY - slope * meanX)
}

/// The worst-case error of `leastSquaresLine`'s slope when every y[i] is off by at most `e`:
/// e·Σ|i − ī| / Σ(i − ī)² (the slope is Σ(i − ī)·y[i] / Σ(i − ī)²).
public func leastSquaresSlopeErrorBound(count: Int, maximumError e: Double) -> Double {
    let meanX = Double(count - 1) / 2
    var sa = 0.0, sxx = 0.0
    for i in 0 ..< count {
        sa += abs(Double(i) - meanX)
        sxx += (Double(i) - meanX) * (Double(i) - meanX)
    }
    return e * sa / sxx
}
