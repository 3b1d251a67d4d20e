import Numerics
import Foundation

/// The textbook DFT in double precision, O(N²): the oracle the FFT wrapper is checked against.
/// X[k] = Σ x[n]·e^(∓2πi·kn/N) (minus for forward).
public func naiveDFT(_ x: [Complex<Double>], inverse: Bool = false) -> [Complex<Double>] {
    let n = x.count
    let sign = inverse ? 1.0 : -1.0
    return (0 ..< n).map { k in
        var sum = Complex<Double>.zero
        for (i, value) in x.enumerated() {
            let angle = sign * 2 * Double.pi * Double((k * i) % n) / Double(n)
            sum += value * Complex(cos(angle), sin(angle))
        }
        return sum
    }
}
