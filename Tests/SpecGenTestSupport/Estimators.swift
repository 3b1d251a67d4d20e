import Numerics
import Foundation

/// Mean power E|x|² of complex samples (double accumulation).
public func meanPower(_ x: UnsafeBufferPointer<Complex<Float>>) -> Double {
    var sum = 0.0
    for v in x { sum += Double(v.lengthSquared) }
    return sum / Double(x.count)
}

public func meanPower(_ x: [Complex<Float>]) -> Double { x.withUnsafeBufferPointer { meanPower($0) } }

/// Decibels of a power ratio.
public func decibels(_ ratio: Double) -> Double { 10 * log10(ratio) }

/// Mean and sample standard deviation.
public func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, values.count - 1))
    return (mean, variance.squareRoot())
}

/// Full linear convolution of complex samples with real taps (double accumulation): the reference
/// matched filter of the tests.
public func convolve(_ x: [Complex<Float>], _ h: [Float]) -> [Complex<Double>] {
    var y = [Complex<Double>](repeating: .zero, count: x.count + h.count - 1)
    for (i, v) in x.enumerated() {
        let vd = Complex(Double(v.real), Double(v.imaginary))
        for (j, t) in h.enumerated() { y[i + j] = y[i + j] + vd.multiplied(by: Double(t)) }
    }
    return y
}

/// The standard normal cumulative distribution Φ(x).
public func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

/// Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of `sample` against the continuous CDF `cdf`.
public func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = sample.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return d
}

/// The 1 % critical value of the one-sample KS statistic, 1.628/√n (asymptotic; Massey 1951).
public func kolmogorovSmirnovCritical1Percent(n: Int) -> Double { 1.628 / Double(n).squareRoot() }
