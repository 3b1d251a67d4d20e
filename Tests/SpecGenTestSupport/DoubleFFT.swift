import Foundation
import Numerics

/// An iterative radix-2 FFT in double precision (Cooley–Tukey, decimation in time, twiddles from cos/sin of
/// each stage's angle, no recurrence): the reference for spectra whose dynamic range single-precision FFTW
/// cannot resolve in the tests. Forward X[k] = Σ x[n]e^{−j2πkn/N}; inverse unnormalised (+ sign).
/// N must be a power of two. O(N log N); checked against `naiveDFT`.
public func doubleFFT(_ x: [Complex<Double>], inverse: Bool = false) -> [Complex<Double>] {
    let n = x.count
    precondition(n > 0 && n & (n - 1) == 0, "doubleFFT needs a power-of-two length")
    var re = [Double](repeating: 0, count: n), im = [Double](repeating: 0, count: n)
    // Bit-reversed order, j advanced by a reversed increment.
    var j = 0
    for i in 0 ..< n {
        re[j] = x[i].real
        im[j] = x[i].imaginary
        var bit = n >> 1
        while bit > 0 && j & bit != 0 { j ^= bit; bit >>= 1 }
        j |= bit
    }
    let sign = inverse ? 1.0 : -1.0
    re.withUnsafeMutableBufferPointer { re in
        im.withUnsafeMutableBufferPointer { im in
            var half = 1
            while half < n {
                let step = sign * Double.pi / Double(half)
                for j in 0 ..< half {
                    let wr = cos(step * Double(j)), wi = sin(step * Double(j))
                    var start = j
                    while start < n {
                        let a = start, b = start + half
                        let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                        re[b] = re[a] - tr
                        im[b] = im[a] - ti
                        re[a] += tr
                        im[a] += ti
                        start += 2 * half
                    }
                }
                half *= 2
            }
        }
    }
    return (0 ..< n).map { Complex(re[$0], im[$0]) }
}
