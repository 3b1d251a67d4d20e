import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct ColouredNoiseTests {
    static let length = 1 << 16
    static let welchSize = 256

    /// The test's own closed-form S(f) (independent of `NoiseSpectrum.amplitude`).
    static func density(_ spectrum: NoiseSpectrum, _ f: Double) -> Double {
        switch spectrum {
        case .powerLaw(let alpha, let corner): return pow(max(abs(f), corner), -alpha)
        case .butterworth(let centre, let bandwidth, let order):
            var d = f - centre
            while d >= 0.5 { d -= 1 }
            while d < -0.5 { d += 1 }
            return 1 / (1 + pow(2 * d / bandwidth, Double(2 * order)))
        }
    }

    /// r[τ] = (P/ΣS)·Σₖ S(k/M)·e^{j2πkτ/M}, τ = 0 ..< M, of the grid process the stage synthesises (M = 2L),
    /// by a double-precision inverse FFT of the closed-form S on the grid (single precision would bury the
    /// −50 dB stop bands in rounding).
    static func autocorrelation(_ spectrum: NoiseSpectrum, power: Double) -> [Complex<Double>] {
        let m = 2 * length
        let s = (0 ..< m).map { density(spectrum, Double($0 < m / 2 ? $0 : $0 - m) / Double(m)) }
        let total = s.reduce(0, +)
        return doubleFFT(s.map { Complex($0 * power / total, 0) }, inverse: true)
    }

    /// The double FFT against the O(N²) oracle on a random 64-point vector.
    @Test func doubleFFTMatchesNaiveDFT() {
        var stream = RandomStream(seed: 1, example: 0, stream: .noise)
        let x = (0 ..< 64).map { _ in Complex(stream.nextNormal(), stream.nextNormal()) }
        for inverse in [false, true] {
            let fast = doubleFFT(x, inverse: inverse), slow = naiveDFT(x, inverse: inverse)
            #expect(zip(fast, slow).allSatisfy { ($0 - $1).length < 1e-12 })
        }
    }

    /// Welch PSD of the added noise against its expectation E[P̂_f] = Σ_τ r[τ]c_w[τ]e^{−j2πfτ}/(Σw²·N)
    /// (`expectedWelchPSD`, Welch 1967 eq. 5), bin by bin. Spread: each Hann-windowed periodogram bin of a
    /// circular Gaussian process is exponential (std = mean); averaging K = 2L/N − 1 = 511 segments at 50 %
    /// overlap gives a relative std √(1.056/K) (Welch 1967, eq. 22, Hann overlap correlation 0.167² = 0.028,
    /// ×2), which holds for spectra smooth on the scale of a bin (the shapes here vary little over 1/256).
    /// Bound: z = 4.62, Bonferroni over 256 bins at 0.1 % family-wise.
    @Test(arguments: [
        NoiseSpectrum.powerLaw(exponent: 1.5, corner: 0.02),
        .powerLaw(exponent: 1, corner: 0.01),
        .butterworth(centre: 0, bandwidth: 0.25, order: 4),
        .butterworth(centre: 0.125, bandwidth: 0.1, order: 2),
    ])
    func spectrumFollowsTheShape(_ spectrum: NoiseSpectrum) {
        let power = 0.3
        var x = noiseOnly(ColouredNoise(power: power, spectrum: spectrum), count: Self.length, seed: 8)
        // A band-pass shape at centre f₀ = 1/8 is the low-pass one shifted: move it back to 0 exactly
        // (e^{−j2πn/8} has exact period 8) and compare with the centred shape.
        var reference = spectrum
        if case .butterworth(let centre, let bandwidth, let order) = spectrum, centre != 0 {
            #expect(centre == 0.125)
            reference = .butterworth(centre: 0, bandwidth: bandwidth, order: order)
            for n in x.indices {
                let angle = -2 * Double.pi * Double(n % 8) / 8
                x[n] = x[n] * Complex(Float(cos(angle)), Float(sin(angle)))
            }
        }
        let r = Self.autocorrelation(reference, power: power)
        // The centred shapes are even, so r is real.
        #expect(r[1 ..< Self.welchSize].allSatisfy { abs($0.imaginary) < 1e-12 * power })
        let expected = expectedWelchPSD(autocorrelation: r[0 ..< Self.welchSize].map(\.real), size: Self.welchSize)
        let measured = welchPSD(x, size: Self.welchSize)
        let segments = 2 * Self.length / Self.welchSize - 1
        let tolerance = 4.62 * (1.056 / Double(segments)).squareRoot()
        var worst = 0.0
        for f in 0 ..< Self.welchSize {
            worst = max(worst, abs(measured[f] / expected[f] - 1))
        }
        #expect(worst < tolerance, "worst relative deviation \(worst), bound \(tolerance)")
        // The shape is really there: the Welch dynamic range spans what the closed form says.
        let range = expected.max()! / expected.min()!
        #expect(range > 10)
        #expect(abs(measured.max()! / measured.min()! / range - 1) < 3 * tolerance)
    }

    /// Added power as requested: the mean of |x|² over L samples of a stationary circular Gaussian process
    /// has variance (1/L²)·Σ_{|τ|<L}(L − |τ|)·|r[τ]|² (Isserlis: Cov(|x_a|², |x_b|²) = |r[a − b]|²).
    /// Averaged over 8 independent rows (examples 0…7).
    @Test(arguments: [NoiseSpectrum.powerLaw(exponent: 1, corner: 1e-3), .powerLaw(exponent: 2, corner: 1e-3),
                      .butterworth(centre: -0.3, bandwidth: 0.05, order: 3)])
    func addedPowerIsAsRequested(_ spectrum: NoiseSpectrum) {
        let power = 0.05, rows = 8, l = Self.length
        let stage = ColouredNoise(power: power, spectrum: spectrum)
        let estimate = (0 ..< rows).reduce(0.0) { $0 + meanPower(noiseOnly(stage, count: l, seed: 31, example: UInt64($1))) } / Double(rows)
        let r = Self.autocorrelation(spectrum, power: power)
        var variance = Double(l) * r[0].lengthSquared
        for tau in 1 ..< l { variance += 2 * Double(l - tau) * r[tau].lengthSquared }
        variance /= Double(l) * Double(l) * Double(rows)
        #expect(abs(r[0].real - power) < 1e-12)
        #expect(abs(estimate - power) < powerZ * variance.squareRoot(), "estimate \(estimate), std \(variance.squareRoot())")
    }
}
