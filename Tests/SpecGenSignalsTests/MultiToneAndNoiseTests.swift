import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct MultiToneTests {
    /// The complex amplitude of x at frequency f: (1/L)·Σ x[n]·e^{−j2πfn} (double precision).
    static func amplitude(_ x: [Complex<Float>], at f: Double) -> Complex<Double> {
        var sum = Complex<Double>.zero
        for (n, v) in x.enumerated() {
            let angle = -2 * Double.pi * (f * Double(n)).truncatingRemainder(dividingBy: 1)
            sum += Complex(Double(v.real), Double(v.imaginary)) * Complex(cos(angle), sin(angle))
        }
        return sum.divided(by: Double(x.count))
    }

    /// A comb of K tones: the frequencies are f_c − B/2 + kB/(K − 1), each tone's amplitude measured by
    /// projection equals √(pₖ/Σp) (powers spread over 20 dB), and the Welch PSD peaks within one bin of
    /// each tone. Projection error: the other tones leak at most Σ aⱼ/(2L·|Δf|) (Dirichlet kernel
    /// bound) — 8 tones 0.05 apart over 2^14 samples: < 1e-2.
    @Test func combTonesSitAtTheirFrequencies() {
        let tones = MultiTone(count: 8, centre: 0.05, bandwidth: 0.35, placement: .comb, powerSpreadDB: 20)
        let length = 1 << 14
        let x = render(tones, length: length, seed: 17)
        var stream = RandomStream(seed: 17, example: 0, stream: .symbols)
        let drawn = (0 ..< 8).map { tones.drawTone($0, stream: &stream) }
        let total = drawn.reduce(0) { $0 + $1.power }
        let psd = welchPSD(x, size: 1024)
        for (k, tone) in drawn.enumerated() {
            #expect(abs(tone.frequency - (0.05 - 0.175 + 0.35 * Double(k) / 7)) < 1e-15)
            #expect(tone.power <= 1 && tone.power >= 0.01)
            let a = Self.amplitude(x, at: tone.frequency)
            #expect(abs(a.length - (tone.power / total).squareRoot()) < 1e-2, "tone \(k)")
            let bin = Int((tone.frequency * 1024).rounded()) + 512
            let peak = (bin - 1 ... bin + 1).max { psd[$0] < psd[$1] }!
            #expect(psd[peak] == psd[max(0, bin - 4) ... min(1023, bin + 4)].max()!)
        }
        // Away from the tones the Hann-windowed PSD is far below the weakest tone.
        let weakest = drawn.map { $0.power / total }.min()!
        for (f, p) in psd.enumerated() where drawn.allSatisfy({ abs(binFrequency(f, size: 1024) - $0.frequency) > 4.0 / 1024 }) {
            #expect(p < 1e-3 * weakest)
        }
    }

    /// Random placement: frequencies uniform on the band (KS at 1 % over 3000 draws) and the powers'
    /// dB values uniform on [−s, 0].
    @Test func randomTonesAreUniformOnTheBand() {
        let tones = MultiTone(count: 6, centre: -0.1, bandwidth: 0.4, placement: .random, powerSpreadDB: 30)
        var frequencies: [Double] = [], levels: [Double] = []
        for example in 0 ..< 500 {
            var stream = RandomStream(seed: 2, example: UInt64(example), stream: .symbols)
            for k in 0 ..< 6 {
                let tone = tones.drawTone(k, stream: &stream)
                frequencies.append(tone.frequency)
                levels.append(10 * log10(tone.power))
            }
        }
        let critical = kolmogorovSmirnovCritical1Percent(n: frequencies.count)
        #expect(kolmogorovSmirnov(frequencies) { min(1, max(0, ($0 + 0.3) / 0.4)) } < critical)
        #expect(kolmogorovSmirnov(levels) { min(1, max(0, ($0 + 30) / 30)) } < critical)
    }

    /// Unit expected power at every sample: with independent uniform phases E|x[n]|² = Σaₖ² = 1. The
    /// variance of |x[0]|² is below 1 for equal tones (1 − 1/K), so the mean of 4000 examples is within
    /// 4.5/√4000 ≈ 0.07; a window's power differs from 1 only by cross terms of order 1/(L·Δf).
    @Test(arguments: [MultiTone.Placement.comb, .random])
    func powerIsOneInExpectation(placement: MultiTone.Placement) {
        let tones = MultiTone(count: 5, centre: 0, bandwidth: 0.8, placement: placement, powerSpreadDB: 0)
        var first = 0.0, window = 0.0
        for example in 0 ..< 4000 {
            let x = render(tones, length: 64, seed: 6, example: UInt64(example))
            first += Double(x[0].lengthSquared)
            window += meanPower(x)
        }
        #expect(abs(first / 4000 - 1) < 4.5 / 4000.0.squareRoot())
        #expect(abs(window / 4000 - 1) < 4.5 / 4000.0.squareRoot())
        if placement == .comb {
            #expect(abs(meanPower(render(tones, length: 1 << 16, seed: 1)) - 1) < 1e-3)
        }
    }

    /// The long-run phase stays exact: the recursion is re-anchored, so late samples equal the closed
    /// form to single precision.
    @Test func singleToneMatchesClosedFormFarIntoTheWindow() {
        let tone = MultiTone(count: 1, centre: 0.123456789, bandwidth: 0, placement: .comb, powerSpreadDB: 0)
        let x = render(tone, length: 300_000, seed: 4)
        var stream = RandomStream(seed: 4, example: 0, stream: .symbols)
        let phase = tone.drawTone(0, stream: &stream).phase
        for n in stride(from: 0, to: x.count, by: 9973) {
            let angle = 2 * Double.pi * (0.123456789 * Double(n)).truncatingRemainder(dividingBy: 1) + phase
            #expect(abs(Double(x[n].real) - cos(angle)) < 1e-5 && abs(Double(x[n].imaginary) - sin(angle)) < 1e-5)
        }
    }
}

@Suite struct BandLimitedNoiseTests {
    /// The 99 % power band (Welch, 1024 bins, 2^16 samples) is within 5 % of 0.99·B — a flat band holds
    /// 99 % of its power in 99 % of its width — and centred on f_c within one bin plus the Welch
    /// estimator's leakage.
    @Test(arguments: [(0.0, 0.5), (0.1, 0.3), (-0.3, 0.2), (0.25, 0.5), (0.0, 1.0)])
    func occupiedBandwidthMatchesTheRequest(centre: Double, bandwidth: Double) {
        let noise = BandLimitedNoise(centre: centre, bandwidth: bandwidth)
        let x = render(noise, length: 1 << 16, seed: 8)
        let band = occupiedBand(welchPSD(x, size: 1024), fraction: 0.99)
        #expect(abs(band.width / (0.99 * bandwidth) - 1) < 0.05, "99 % band \(band.width) vs \(0.99 * bandwidth)")
        #expect(abs((band.low + band.high) / 2 - centre) < 2.0 / 1024)
    }

    /// Gaussian marginals: the real and imaginary parts of one sample over 4000 independent examples are
    /// 8000 independent N(0, ½) draws (proper complex Gaussian): KS at the 1 % level. The power of that
    /// sample, exponential with mean 1, averages to 1 within 4.5/√4000.
    @Test(arguments: [(0.0, 0.25), (0.2, 0.05)])
    func samplesAreGaussianWithUnitPower(centre: Double, bandwidth: Double) {
        let noise = BandLimitedNoise(centre: centre, bandwidth: bandwidth)
        var parts: [Double] = [], power = 0.0
        for example in 0 ..< 4000 {
            let x = render(noise, length: 128, seed: 10, example: UInt64(example))
            parts.append(Double(x[37].real))
            parts.append(Double(x[37].imaginary))
            power += Double(x[37].lengthSquared)
        }
        let d = kolmogorovSmirnov(parts) { normalCDF($0 / 0.5.squareRoot()) }
        #expect(d < kolmogorovSmirnovCritical1Percent(n: parts.count), "KS D = \(d)")
        #expect(abs(power / 4000 - 1) < 4.5 / 4000.0.squareRoot())
    }

    /// The grid: 2·2^⌈log₂ L⌉ bins, and a band narrower than a bin still gets the one nearest f_c.
    @Test func gridAndNarrowBands() {
        #expect(BandLimitedNoise.gridSize(length: 1024) == 2048 && BandLimitedNoise.gridSize(length: 1000) == 2048)
        #expect(BandLimitedNoise(centre: 0.1, bandwidth: 1e-6).bins(gridSize: 2048) == (205, 1))
        #expect(BandLimitedNoise(centre: 0, bandwidth: 0.5).bins(gridSize: 2048) == (-512, 1024))
        let x = render(BandLimitedNoise(centre: 0.1, bandwidth: 1e-6), length: 1024, seed: 1)
        // One bin: a pure tone at 205/2048 of random complex amplitude.
        let ratio = Complex(Double(x[1].real), Double(x[1].imaginary)) / Complex(Double(x[0].real), Double(x[0].imaginary))
        #expect(abs(atan2(ratio.imaginary, ratio.real) - 2 * Double.pi * 205 / 2048) < 1e-5)
    }
}
