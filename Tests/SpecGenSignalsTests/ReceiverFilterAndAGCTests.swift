import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct ReceiverFilterTests {
    /// The stage is centred: an impulse at n₀ comes out as the taps from n₀ − D to n₀ + D (no delay).
    /// The taps' response on a 16384-point grid meets the design mask: stopband ≤ −70 dB beyond B/2 + Δf/2,
    /// passband within ±0.02 dB inside B/2 − Δf/2, Δf = 5.5/(L − 1) (Oppenheim and Schafer Table 7.2 gives
    /// the Blackman windowed sinc a peak approximation error of "approximately" −74 dB over that transition;
    /// the exact peak is −73.5 dB for L ≥ 63 and −70.1 dB at L = 31, so the mask promised in the docs for
    /// L ≥ 31 is −70 dB).
    @Test(arguments: [(0.2, 101), (0.5, 63), (0.8, 31), (0.3, 201)])
    func impulseResponseMeetsMask(bandwidth: Double, length: Int) {
        let stage = ReceiverFilter(bandwidth: bandwidth, length: length)
        let d = stage.history, n0 = 2 * length
        var x = [Complex<Float>](repeating: .zero, count: 4 * length)
        x[n0] = Complex(1, 0)
        let y = applied(stage, to: x)
        for k in 0 ..< length { #expect(y[n0 - d + k] == Complex(stage.taps[k], 0)) }
        let points = 16384
        var spectrum = [Complex<Double>](repeating: .zero, count: points)
        for k in 0 ..< length { spectrum[k] = Complex(Double(stage.taps[k]), 0) }
        let response = naiveFFTMagnitudes(spectrum)
        let transition = 5.5 / Double(length - 1)
        for (k, magnitude) in response.enumerated() {
            let f = abs(Double(k <= points / 2 ? k : k - points) / Double(points))
            let db = 20 * log10(max(magnitude, 1e-30))
            if f >= bandwidth / 2 + transition / 2 { #expect(db <= -70, "stopband \(f): \(db) dB") }
            if f <= bandwidth / 2 - transition / 2 { #expect(abs(db) <= 0.02, "passband \(f): \(db) dB") }
        }
    }

    /// Whole rows (lengths not a multiple of four samples) match a double-precision direct convolution
    /// y[n] = Σ_k h[k]·x[n + D − k], zeros outside the row.
    @Test(arguments: [1, 7, 500, 1001])
    func matchesDirectConvolution(count: Int) {
        let stage = ReceiverFilter(bandwidth: 0.3, length: 21)
        var stream = RandomStream(seed: 3, example: 0, stream: .noise)
        let x = (0 ..< count).map { _ in Complex(Float(stream.nextNormal()), Float(stream.nextNormal())) }
        let y = applied(stage, to: x)
        let reference = convolve(x, stage.taps)
        for n in 0 ..< count {
            let r = reference[n + stage.history]
            #expect(abs(Double(y[n].real) - r.real) < 1e-5 && abs(Double(y[n].imaginary) - r.imaginary) < 1e-5)
        }
    }

    /// |H(e^{j2πk/N})| for k = 0 … N−1 by FFTW in single precision (enough for −74 dB against 1).
    func naiveFFTMagnitudes(_ x: [Complex<Double>]) -> [Double] {
        let n = x.count
        let input = AlignedBuffer<Complex<Float>>(count: n), output = AlignedBuffer<Complex<Float>>(count: n)
        for k in 0 ..< n { input.baseAddress[k] = Complex(Float(x[k].real), Float(x[k].imaginary)) }
        FFTPlan.cached(size: n, direction: .forward).execute(input: input.baseAddress, output: output.baseAddress)
        return (0 ..< n).map { Double(output.baseAddress[$0].length) }
    }
}

@Suite struct AutomaticGainControlTests {
    /// Block mode: every block's RMS is the target (up to float rounding), whatever the input level.
    @Test(arguments: [0, 100, 333])
    func blocksHitTheTarget(block: Int) {
        var stream = RandomStream(seed: 4, example: 0, stream: .noise)
        let x = (0 ..< 1000).map { k in Complex(Float(stream.nextNormal()), Float(stream.nextNormal())).multiplied(by: k < 500 ? 3 : 0.1) }
        let y = applied(AutomaticGainControl(mode: .block(length: block), targetRMS: 0.5), to: x)
        let length = block == 0 ? 1000 : block
        for start in stride(from: 0, to: 1000, by: length) {
            let slice = Array(y[start ..< min(1000, start + length)])
            #expect(abs(meanPower(slice).squareRoot() - 0.5) < 1e-5)
        }
    }

    /// Tracking mode on complex Gaussian noise whose power steps by +20 dB mid-row: 5 time constants after
    /// the step (and after the start) the output power is the target². The estimator p is an EWMA with
    /// α = 1/100 of |x|² (exponential, relative variance 1): var(p)/P² ≈ α/2 and p contains α·|x|², so
    /// E[|x|²/p] = 1 − O(α): |bias| ≲ 2α = 2 %; the mean over 4500 samples (correlation ≈ 100 samples)
    /// adds ≈ 0.1·√(100/4500) ≈ 1.5 %. Tolerance 5 %.
    @Test func trackingSettlesAtTheTarget() {
        let stage = AutomaticGainControl(mode: .tracking(attack: 100, decay: 100), targetRMS: 2)
        #expect(stage.history == 500)
        var stream = RandomStream(seed: 8, example: 0, stream: .noise)
        let x = (0 ..< 10_000).map { k in Complex(Float(stream.nextNormal()), Float(stream.nextNormal())).multiplied(by: k < 5000 ? 0.3 : 3) }
        let y = applied(stage, to: x)
        for range in [500 ..< 5000, 5500 ..< 10_000] {
            let power = meanPower(Array(y[range]))
            #expect(abs(power / 4 - 1) < 0.05, "output power \(power) in \(range)")
        }
    }
}
