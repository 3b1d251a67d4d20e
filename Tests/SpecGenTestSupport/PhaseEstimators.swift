import Foundation
import Numerics
import SpecGenDSP

/// Instantaneous frequency between consecutive samples, arg(x[n+1]·x̄[n])/2π in cycles/sample
/// (n = 0 … count − 2), computed in double precision; |f| < ½.
public func instantaneousFrequency(_ x: [Complex<Float>]) -> [Double] {
    (0 ..< x.count - 1).map { n in
        let a = Complex(Double(x[n].real), Double(x[n].imaginary)), b = Complex(Double(x[n + 1].real), Double(x[n + 1].imaginary))
        let z = b * a.conjugate
        return atan2(z.imaginary, z.real) / (2 * Double.pi)
    }
}

/// Sum of the centred PSD bins whose centre frequency lies in [low, high] (cycles/sample).
public func bandPower(_ psd: [Double], low: Double, high: Double) -> Double {
    var sum = 0.0
    for (f, p) in psd.enumerated() where (low ... high).contains(binFrequency(f, size: psd.count)) { sum += p }
    return sum
}

/// Indices of the `count` largest local maxima of `values` (strictly above both neighbours), largest first.
public func largestPeaks(_ values: [Double], count: Int) -> [Int] {
    let peaks = (1 ..< values.count - 1).filter { values[$0] > values[$0 - 1] && values[$0] > values[$0 + 1] }
    return Array(peaks.sorted { values[$0] > values[$1] }.prefix(count))
}

/// The DFT of a whole window, X[k] = Σ x[n]·e^{−2πikn/N}, through FFTW in single precision (relative
/// error ~1e-7·log N; checked against `naiveDFT` in the FFT tests).
public func dft(_ x: [Complex<Float>]) -> [Complex<Double>] {
    let n = x.count
    let input = AlignedBuffer<Complex<Float>>(count: n), output = AlignedBuffer<Complex<Float>>(count: n)
    for i in 0 ..< n { input.baseAddress[i] = x[i] }
    FFTPlan.cached(size: n, direction: .forward).execute(input: input.baseAddress, output: output.baseAddress)
    return (0 ..< n).map { Complex(Double(output.baseAddress[$0].real), Double(output.baseAddress[$0].imaginary)) }
}
