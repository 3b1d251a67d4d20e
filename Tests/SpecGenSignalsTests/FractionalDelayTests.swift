import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct FractionalDelayTests {
    /// A band-limited signal (40 tones within |f| ≤ 0.4) delayed by d matches the analytic x(n − d) (no
    /// latency) within the interpolator's documented error. The Kaiser design for 2L taps and a 0.2 cycles/sample
    /// transition centred on ½ has a ripple of 10^(−A/20), A = 14.36·0.2·2L + 7.95 dB (Kaiser 1974); the
    /// formula is good to about ±1 dB for A ≥ 50 dB (L ≥ 8), so its part is 10^(−(A − 2)/20); the taps come
    /// from a table of P = 1024 rows linearly interpolated, which adds ≤ (π·0.4/P)²/2 = 7.5e-7 relative. Bound:
    /// the sum in dB (−97.5 dB at L = 16, −52 dB at L = 8), floored at −130 dB (single-precision rounding).
    @Test(arguments: [8, 16, 32], [0.0, 0.25, 0.5, 0.731, 3.3, 40.9])
    func matchesTheAnalyticDelayedSignal(halfLength: Int, delay: Double) {
        let signal = ToneSum(tones: 40, band: 0.4, seed: 31)
        let stage = FractionalDelay(delay: delay, halfLength: halfLength)
        let y = applied(stage, to: signal.samples(2048))
        let error = relativeErrorDB(y, reference: { signal.value(at: Double($0) - delay) },
                                    range: stage.history ..< 2048 - stage.lookahead)
        let attenuation = 14.36 * 0.2 * Double(2 * halfLength) + 7.95
        let bound = 20 * log10(pow(10, -(attenuation - 2) / 20) + pow(Double.pi * 0.4 / 1024, 2) / 2)
        #expect(error < max(bound, -130), "L \(halfLength), delay \(delay): error \(error) dB")
    }

    /// The impulse response's group delay −dΦ/dω equals d across the band |f| ≤ 0.4. Its phase
    /// differs from the ideal −2πfd by at most ε ≈ |H − H_ideal| ≤ 1.26e-5 + 7.5e-7 = 1.34e-5 rad (the
    /// documented error at L = 16), so a central difference over ±Δf = ±0.005 is within
    /// 2ε/(2π·2Δf) = 4.3e-4 samples of d.
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
            #expect(abs(groupDelay - delay) < 4.3e-4, "f \(f): group delay \(groupDelay)")
        }
    }

    /// Integer delays use table row 0 exactly (a unit impulse at the centre): samples move by exactly d,
    /// whether d is below L (the filter runs ahead and its output is moved back) or not.
    @Test(arguments: [0, 7, 16, 40])
    func integerDelayIsAShift(delay: Int) {
        let x = ToneSum(tones: 5, band: 0.45, seed: 33).samples(300)
        let stage = FractionalDelay(delay: Double(delay))
        #expect(stage.lookahead == max(0, 16 - delay))
        let y = applied(stage, to: x)
        for n in stage.history ..< 300 - stage.lookahead { #expect(y[n] == x[n - delay], "sample \(n)") }
        for n in 300 - stage.lookahead ..< 300 { #expect(y[n] == .zero, "tail sample \(n)") }
    }

    /// A pulse moves by exactly d: an impulse at n₀ delayed by d = k + ½ comes out symmetric about n₀ + d
    /// (the windowed sinc at μ = ½ is symmetric; to float rounding) with its two largest samples at
    /// n₀ + k and n₀ + k + 1.
    @Test(arguments: [0.5, 2.5, 11.5, 30.5])
    func pulseIsCentredOnTheDelay(delay: Double) {
        let stage = FractionalDelay(delay: delay)
        var x = [Complex<Float>](repeating: .zero, count: 160)
        let n0 = 60
        x[n0] = Complex(1, 0)
        let z = applied(stage, to: x).map { Double($0.length) }
        let k = Int(delay.rounded(.down))
        for j in 0 ..< 16 { #expect(abs(z[n0 + k - j] - z[n0 + k + 1 + j]) < 1e-6 * z[n0 + k], "asymmetric at ±\(j)") }
        let order = z.indices.sorted { z[$0] > z[$1] }
        #expect(Set(order.prefix(2)) == [n0 + k, n0 + k + 1])
    }

    /// Cross-correlation of a band-limited periodic signal (40 tones on the grid of N = 1024, |f| ≤ 0.4)
    /// with its delayed copy peaks at lag d: over one whole period the tones are orthogonal, so
    /// |r(τ)|² = |Σₙ y[n]·x*(n − τ)|² of the exact delay peaks at τ = d exactly, and an error e (‖e‖ ≤ ε‖x‖,
    /// ε the interpolator's documented error, 1.3e-5 at L = 16) moves the peak by at most
    /// ε(|f̄| + f_rms)/(2π σ_f²) (first-order perturbation of the peak: f̄, f_rms and σ_f² the power-weighted
    /// mean, RMS and variance of the tone frequencies). The peak is located by golden-section search.
    @Test(arguments: [0.0, 0.37, 1.5, 6.81, 23.2])
    func crossCorrelationPeaksAtTheDelay(delay: Double) {
        let period = 1024
        var stream = RandomStream(seed: 44, example: 0, stream: .parameter("test.periodic_tones"))
        var bins = Set<Int>()
        while bins.count < 40 { bins.insert(Int(stream.nextInt(below: 819)) - 409) }
        let tones = bins.sorted().map { (frequency: Double($0) / Double(period), amplitude: 0.5 + stream.nextUnitDouble(),
                                         phase: 2 * Double.pi * stream.nextUnitDouble()) }
        func x(_ t: Double) -> Complex<Double> {
            tones.reduce(Complex<Double>.zero) { sum, tone in
                let angle = 2 * Double.pi * (tone.frequency * t).truncatingRemainder(dividingBy: 1) + tone.phase
                return sum + Complex(tone.amplitude * cos(angle), tone.amplitude * sin(angle))
            }
        }
        let stage = FractionalDelay(delay: delay)
        let count = stage.history + period + stage.lookahead
        let y = applied(stage, to: (0 ..< count).map { let v = x(Double($0)); return Complex(Float(v.real), Float(v.imaginary)) })
        let window = stage.history ..< stage.history + period
        func power(_ tau: Double) -> Double {
            var r = Complex<Double>.zero
            for n in window { r = r + Complex(Double(y[n].real), Double(y[n].imaginary)) * x(Double(n) - tau).conjugate }
            return r.lengthSquared
        }
        // Golden-section search for the maximum within ±1 sample of the best whole lag.
        let start = (Int(delay) - 2 ... Int(delay) + 2).max { power(Double($0)) < power(Double($1)) }!
        var (a, b) = (Double(start) - 1, Double(start) + 1)
        let ratio = (5.0.squareRoot() - 1) / 2
        var (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
        var (pc, pd) = (power(c), power(d))
        while b - a > 1e-8 {
            if pc > pd { (b, d, pd) = (d, c, pc); c = b - ratio * (b - a); pc = power(c) }
            else { (a, c, pc) = (c, d, pd); d = a + ratio * (b - a); pd = power(d) }
        }
        let peak = (a + b) / 2
        let weight = tones.reduce(0.0) { $0 + $1.amplitude * $1.amplitude }
        let mean = tones.reduce(0.0) { $0 + $1.amplitude * $1.amplitude * $1.frequency } / weight
        let square = tones.reduce(0.0) { $0 + $1.amplitude * $1.amplitude * $1.frequency * $1.frequency } / weight
        let epsilon = pow(10, -(14.36 * 0.2 * 32 + 7.95 - 2) / 20) + pow(Double.pi * 0.4 / 1024, 2) / 2 + 0x1p-23  // + float rounding of y
        let bound = epsilon * (abs(mean) + square.squareRoot()) / (2 * Double.pi * (square - mean * mean)) + 1e-8
        #expect(abs(peak - delay) < bound, "peak at \(peak), delay \(delay), bound \(bound)")
    }
}
