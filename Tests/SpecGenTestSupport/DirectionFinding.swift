import Foundation
import Numerics

/// Direction finding on a uniform linear array along y (element m at (m − (M−1)/2)·d wavelengths; azimuth
/// φ from the x axis, so the phase across the array is 2π·y_m·sin φ): the sample covariance of the element
/// rows and the Bartlett and MUSIC spectra over azimuth (H. L. Van Trees, *Optimum Array Processing*,
/// Wiley 2002, §9.2 (Bartlett) and §9.3.2 (MUSIC); R. O. Schmidt, "Multiple emitter location and signal
/// parameter estimation", IEEE Trans. Antennas Propag. 34(3), 1986).
public struct LinearArrayScan {
    public let elements: Int
    public let spacing: Double

    public init(elements: Int, spacing: Double) {
        self.elements = elements
        self.spacing = spacing
    }

    /// R = (1/L)·Σₙ x[n]·x[n]ᴴ from `elements` rows of `length` samples (channel-major, as /iq).
    public func covariance(_ iq: [Complex<Float>], length: Int) -> [Complex<Double>] {
        let m = elements
        var r = [Complex<Double>](repeating: .zero, count: m * m)
        for n in 0 ..< length {
            for i in 0 ..< m {
                let xi = Complex(Double(iq[i * length + n].real), Double(iq[i * length + n].imaginary))
                for k in i ..< m {
                    let xk = iq[k * length + n]
                    let conjugate = Complex(Double(xk.real), -Double(xk.imaginary))
                    r[i * m + k] += xi * conjugate
                }
            }
        }
        for i in 0 ..< m {
            for k in i ..< m {
                r[i * m + k] = r[i * m + k].divided(by: Double(length))
                r[k * m + i] = r[i * m + k].conjugate
            }
        }
        return r
    }

    /// The steering vector a(φ), φ in degrees.
    public func steering(_ azimuthDeg: Double) -> [Complex<Double>] {
        let s = Foundation.sin(azimuthDeg * Double.pi / 180)
        return (0 ..< elements).map { m in
            let phase = 2 * Double.pi * (Double(m) - Double(elements - 1) / 2) * spacing * s
            return Complex(Foundation.cos(phase), Foundation.sin(phase))
        }
    }

    /// Bartlett: P(φ) = a(φ)ᴴ·R·a(φ).
    public func bartlett(_ r: [Complex<Double>], azimuthDeg: Double) -> Double {
        let a = steering(azimuthDeg), m = elements
        var p = 0.0
        for i in 0 ..< m {
            for k in 0 ..< m {
                let term = a[i].conjugate * r[i * m + k]
                p += (term * a[k]).real
            }
        }
        return p
    }

    /// MUSIC: P(φ) = 1 / Σ_{noise eigenvectors e} |eᴴ·a(φ)|², the noise subspace being the eigenvectors
    /// of the M − `sources` smallest eigenvalues of R.
    public func music(_ r: [Complex<Double>], sources: Int) -> (Double) -> Double {
        let noise = Array(hermitianEigen(r, n: elements).vectors.prefix(elements - sources))
        return { azimuth in
            let a = steering(azimuth)
            var sum = 0.0
            for e in noise {
                var dot = Complex<Double>.zero
                for (x, y) in zip(e, a) { dot += x.conjugate * y }
                sum += dot.lengthSquared
            }
            return 1 / sum
        }
    }

    /// The local maxima of `spectrum` on the grid low, low + step, … high, strongest first, each refined by
    /// golden-section search within ± one step.
    public static func peaks(_ spectrum: (Double) -> Double, from low: Double, to high: Double, step: Double) -> [(azimuth: Double, value: Double)] {
        let grid = Array(stride(from: low, through: high, by: step))
        let values = grid.map(spectrum)
        var found: [(azimuth: Double, value: Double)] = []
        for i in 1 ..< grid.count - 1 where values[i] > values[i - 1] && values[i] >= values[i + 1] {
            var (a, b) = (grid[i] - step, grid[i] + step)
            let ratio = (5.0.squareRoot() - 1) / 2
            var (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
            var (pc, pd) = (spectrum(c), spectrum(d))
            while b - a > 1e-6 {
                if pc > pd { (b, d, pd) = (d, c, pc); c = b - ratio * (b - a); pc = spectrum(c) }
                else { (a, c, pc) = (c, d, pd); d = a + ratio * (b - a); pd = spectrum(d) }
            }
            let x = (a + b) / 2
            found.append((x, spectrum(x)))
        }
        return found.sorted { $0.value > $1.value }
    }
}
