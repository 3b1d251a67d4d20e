import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct FractionalDelayTests {
    /// A band-limited signal (40 tones within |f| ≤ 0.4) delayed by d matches the analytic x(n − d − L)
    /// within the interpolator's documented error. The Kaiser design for 2L taps and a 0.2 cycles/sample
    /// transition centred on ½ has a ripple of 10^(−A/20), A = 14.36·0.2·2L + 7.95 dB (Kaiser 1974); the
    /// formula is good to about ±1 dB for A ≥ 50 dB (L ≥ 8), so its part is 10^(−(A − 2)/20); the taps come
    /// from a table of P = 1024 rows linearly interpolated, which adds ≤ (π·0.4/P)²/2 = 7.5e-7 relative. Bound:
    /// the sum in dB (−97.5 dB at L = 16, −52 dB at L = 8), floored at −130 dB (single-precision rounding).
    @Test(arguments: [8, 16, 32], [0.0, 0.25, 0.5, 0.731, 3.3, 40.9])
    func matchesTheAnalyticDelayedSignal(halfLength: Int, delay: Double) {
        let signal = ToneSum(tones: 40, band: 0.4, seed: 31)
        let stage = FractionalDelay(delay: delay, halfLength: halfLength)
        let y = applied(stage, to: signal.samples(2048))
        let error = relativeErrorDB(y, reference: { signal.value(at: Double($0) - delay - Double(stage.latency)) },
                                    range: stage.history ..< 2048)
        let attenuation = 14.36 * 0.2 * Double(2 * halfLength) + 7.95
        let bound = 20 * log10(pow(10, -(attenuation - 2) / 20) + pow(Double.pi * 0.4 / 1024, 2) / 2)
        #expect(error < max(bound, -130), "L \(halfLength), delay \(delay): error \(error) dB")
    }

    /// The impulse response's group delay −dΦ/dω equals d + L across the band |f| ≤ 0.4. Its phase
    /// differs from the ideal −2πf(d + L) by at most ε ≈ |H − H_ideal| ≤ 1.26e-5 + 7.5e-7 = 1.34e-5 rad (the
    /// documented error at L = 16), so a central difference over ±Δf = ±0.005 is within
    /// 2ε/(2π·2Δf) = 4.3e-4 samples of d + L.
    @Test(arguments: [0.0, 0.3, 0.5, 0.9, 12.25])
    func groupDelayIsTheDelay(delay: Double) {
        let stage = FractionalDelay(delay: delay)
        var x = [Complex<Float>](repeating: .zero, count: 256)
        let start = stage.history
        x[start] = Complex(1, 0)
        let h = applied(stage, to: x)
        func phase(_ f: Double) -> Double {
            var sum = Complex<Double>.zero
            for (n, v) in h.enumerated() where v != .zero {
                let angle = -2 * Double.pi * f * Double(n - start)
                sum = sum + Complex(Double(v.real), Double(v.imaginary)) * Complex(cos(angle), sin(angle))
            }
            return atan2(sum.imaginary, sum.real)
        }
        let step = 0.005
        for f in stride(from: -0.395, through: 0.395, by: 0.02) {
            var difference = phase(f + step) - phase(f - step)
            difference -= 2 * Double.pi * (difference / (2 * Double.pi)).rounded()
            let groupDelay = -difference / (2 * Double.pi * 2 * step)
            #expect(abs(groupDelay - (delay + Double(stage.latency))) < 4.3e-4, "f \(f): group delay \(groupDelay)")
        }
    }

    /// Integer delays use table row 0 exactly (a unit impulse at the centre): samples move unchanged.
    @Test func integerDelayIsAShift() {
        let x = ToneSum(tones: 5, band: 0.45, seed: 33).samples(300)
        let stage = FractionalDelay(delay: 7)
        let y = applied(stage, to: x)
        for n in stage.history ..< 300 { #expect(y[n] == x[n - 7 - stage.latency], "sample \(n)") }
    }
}
