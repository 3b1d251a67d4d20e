import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Per-sample phase error of `CarrierOffset` in cycles: the phase rounded to float (half an ulp of
/// |u| ≤ 1.5: 6e-8), `UnitPhasor`'s 4e-7 absolute (6.4e-8 cycles), the float product (≈ 2.4·2⁻²⁴ rad,
/// 2.3e-8 cycles), the input tone's float rounding (≈ 1e-8 cycles): < 1.6e-7; taken as 3e-7.
private let phaseErrorCycles = 3e-7

/// Worst-case error of a least-squares line's slope and of its value at n = 0 over n = 0 … N−1 when every
/// datum is off by at most δ: δ·Σ|w_n| for the estimator's weights w_n (slope: (n − n̄)/S; value at 0:
/// 1/N − n̄(n − n̄)/S; S = Σ(n − n̄)²).
private func lineFitErrorBounds(count: Int, datumError delta: Double) -> (slope: Double, intercept: Double) {
    let n = Double(count), mean = (n - 1) / 2, s = n * (n * n - 1) / 12
    var slope = 0.0, intercept = 0.0
    for k in 0 ..< count {
        let d = Double(k) - mean
        slope += abs(d) / s
        intercept += abs(1 / n - mean * d / s)
    }
    return (delta * slope, delta * intercept)
}

@Suite struct CarrierOffsetTests {
    /// The carrier offset on a tone (f₀ = 0.03) in AWGN at 10 dB per-sample SNR, measured by the least-squares
    /// slope of the unwrapped phase over N = 32,768 samples. At high SNR the phase noise has variance
    /// σ_φ² = 1/(2·SNR) rad², and the LS slope's variance is 12σ_φ²/(N(N² − 1)) (S. A. Tretter, "Estimating the
    /// frequency of a noisy sinusoid by linear regression", IEEE Trans. IT 31(6), 1985): σ = 7.4e-9 cycles/sample
    /// here. The estimate must lie within 5σ of f₀ + f, and within 1e-6 (1 Hz at 1 MHz) as the issue asks.
    @Test(arguments: [(0.0123456789, 0.3), (-0.0471, -2.0), (2.5e-4, 1.0), (0.0, 0.0), (1e-6, 3.0)])
    func frequencyMatchesTheRequest(frequency: Double, phase: Double) {
        let count = 32_768, snr = 10.0, f0 = 0.03
        var y = applied(CarrierOffset(frequency: frequency, phase: phase), to: render(Tone(frequency: f0, phase: 0), length: count))
        var stream = RandomStream(seed: 77, example: 0, stream: .noise)
        y.withUnsafeMutableBufferPointer { AdditiveNoise(variance: 1 / snr).apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
        let fit = polynomialFit(unwrappedPhase(y), degree: 1)
        let n = Double(count)
        let sigma = (12 / (2 * snr) / (n * (n * n - 1))).squareRoot() / (2 * Double.pi)
        let error = fit[1] - (f0 + frequency)
        #expect(abs(error) < 5 * sigma && abs(error) < 1e-6, "error \(error) cycles/sample, σ \(sigma)")
    }

    /// Without noise the measured frequency is exact to the kernel's phase error: the per-sample phase is off by
    /// at most δ = 3e-7 cycles, so the LS slope is within δ·Σ|w_n| (≈ 3δ/N) of f, even at |f| near ½.
    @Test(arguments: [0.41, -0.37, 0.123456789])
    func noiselessFrequencyIsExactToThePhaseError(frequency: Double) {
        let count = 65_536
        let y = applied(CarrierOffset(frequency: frequency), to: [Complex<Float>](repeating: Complex(1, 0), count: count))
        let fit = polynomialFit(unwrappedPhase(y), degree: 1)
        let bound = lineFitErrorBounds(count: count, datumError: phaseErrorCycles).slope
        #expect(abs(fit[1] - frequency) <= bound, "error \(fit[1] - frequency), bound \(bound)")
    }

    /// Linear drift: the instantaneous frequency arg(y[n+1]ȳ[n])/2π = f₀ + f + ḟ·(n + ½) is a line whose slope
    /// is ḟ. Each instantaneous frequency is off by at most 2δ (two phases), so the LS slope is within
    /// 2δ·Σ|w_n| of ḟ and the line's value at n = 0 within 2δ·Σ|w'_n| of f₀ + f + ḟ/2.
    @Test(arguments: [(0.01, 2e-7), (-0.2, -4e-6), (0.0, 1e-9)])
    func driftIsTheSlopeOfTheInstantaneousFrequency(frequency: Double, drift: Double) {
        let count = 65_536, f0 = 0.03
        let y = applied(CarrierOffset(frequency: frequency, drift: drift), to: render(Tone(frequency: f0, phase: 0), length: count))
        let fit = polynomialFit(instantaneousFrequency(y), degree: 1)
        let bounds = lineFitErrorBounds(count: count - 1, datumError: 2 * phaseErrorCycles)
        #expect(abs(fit[1] - drift) <= bounds.slope, "drift error \(fit[1] - drift), bound \(bounds.slope)")
        #expect(abs(fit[0] - (f0 + frequency + drift / 2)) <= bounds.intercept, "frequency error \(fit[0] - (f0 + frequency + drift / 2))")
    }

    /// A zero-frequency carrier offset is the phase offset, to the kernel's accuracy: |y − x·e^{jφ}| ≤
    /// (4e-7 + 2π·3e-8 + 4·2⁻²⁴)·|x| < 1e-6·|x| (phasor, phase rounding, product).
    @Test(arguments: [0.0, 1.0, -2.5, 3.14159])
    func zeroFrequencyIsAPhaseRotation(phase: Double) {
        let x = ToneSum(tones: 7, band: 0.3, seed: 5).samples(1000)
        let y = applied(CarrierOffset(frequency: 0, phase: phase), to: x)
        let r = Complex(cos(phase), sin(phase))
        for n in x.indices {
            let expected = Complex(Double(x[n].real), Double(x[n].imaginary)) * r
            let e = (Complex(Double(y[n].real), Double(y[n].imaginary)) - expected).length
            #expect(e <= 1e-6 * Double(x[n].length), "sample \(n)")
        }
    }
}

extension CarrierOffsetTests {
    /// Every sample against the analytic rotation e^{j2π(fn + ḟn²/2 + φ/2π)} (double precision): within
    /// 2π·δ·|x| (δ = 3e-7 cycles, the per-sample phase error) plus the product's 4·2⁻²⁴·|x|. Odd lengths
    /// exercise the constant-frequency path's tail after the last whole group of eight.
    @Test(arguments: [(0.123, 0.0, 1.0, 1003), (-0.45, 0.0, -2.0, 4097), (0.01, 3e-6, 0.5, 2001), (0.3, 0.0, 0.0, 5)])
    func everySampleMatchesTheAnalyticRotation(frequency: Double, drift: Double, phase: Double, length: Int) {
        let x = ToneSum(tones: 7, band: 0.3, seed: 8).samples(length)
        let y = applied(CarrierOffset(frequency: frequency, drift: drift, phase: phase), to: x)
        for n in x.indices {
            let m = Double(n)
            let cycles = (m * (frequency + 0.5 * drift * m)).truncatingRemainder(dividingBy: 1)
            let angle = 2 * Double.pi * cycles + phase
            let expected = Complex(Double(x[n].real), Double(x[n].imaginary)) * Complex(cos(angle), sin(angle))
            let e = (Complex(Double(y[n].real), Double(y[n].imaginary)) - expected).length
            #expect(e <= (2 * Double.pi * phaseErrorCycles + 4 * 0x1p-24) * Double(x[n].length), "sample \(n): \(e)")
        }
    }
}

@Suite struct PhaseOffsetTests {
    /// y = x·e^{jφ} exactly to float rounding: the rotation's components are rounded (2⁻²⁴ relative each, √2·2⁻²⁴·|x|
    /// together) and each output component a·c − b·d takes ≤ 2.4·2⁻²⁴·|x|: |y − x·e^{jφ}| ≤ 4·2⁻²⁴·|x|.
    @Test(arguments: [0.0, 0.7, -1.9, 3.0, 100.0])
    func rotatesByThePhase(phase: Double) {
        let x = ToneSum(tones: 7, band: 0.3, seed: 6).samples(1000)
        let y = applied(PhaseOffset(phase: phase), to: x)
        let r = Complex(cos(phase), sin(phase))
        for n in x.indices {
            let expected = Complex(Double(x[n].real), Double(x[n].imaginary)) * r
            let e = (Complex(Double(y[n].real), Double(y[n].imaginary)) - expected).length
            #expect(e <= 4 * 0x1p-24 * Double(x[n].length), "sample \(n): \(e)")
        }
    }
}
