import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Runs `stage` over `input` (a copy) with the stream of (seed, example).
func fade(_ stage: MultipathFading, _ input: [Complex<Float>], seed: UInt64 = 31, example: Int, scratch: SynthesisScratch) -> [Complex<Float>] {
    var row = input
    var stream = RandomStream(seed: seed, example: UInt64(example), stream: StreamID(rawValue: 77))
    row.withUnsafeMutableBufferPointer { stage.apply(to: $0, stream: &stream, scratch: scratch) }
    return row
}

/// The gain process of a one-tap stage at delay 0: the response to a row of ones.
func gains(_ stage: MultipathFading, length: Int, seed: UInt64 = 31, example: Int, scratch: SynthesisScratch) -> [Complex<Float>] {
    fade(stage, [Complex<Float>](repeating: Complex(1, 0), count: length), seed: seed, example: example, scratch: scratch)
}

@Suite struct FlatFadingTests {
    /// One tap, Rayleigh: |g| at one time of 4,000 independent examples follows 1 − e^{−r²} (unit power).
    /// KS at 1 %: D < 1.628/√n. (The finite-M sum of sinusoids departs from the Gaussian by O(1/M) in
    /// the fourth moment, E|g|⁴ = 2 − 1/16; its CDF error is a few 1e-3, well inside the 0.026 bound.)
    @Test func rayleighEnvelope() {
        let stage = MultipathFading(taps: [.init(delay: 0, power: 1)], maximumDoppler: 0.01)
        let scratch = SynthesisScratch()
        let n = 4000
        let envelope = (0 ..< n).map { Double(gains(stage, length: 24, example: $0, scratch: scratch)[20].length) }
        let d = kolmogorovSmirnov(envelope, cdf: { rayleighCDF($0) })
        #expect(d < kolmogorovSmirnovCritical1Percent(n: n), "KS distance \(d)")
    }

    /// One tap, Rician K ∈ {1, 4, 20}: |g| follows the Rice law with ν² = K/(K+1), 2s² = 1/(K+1)
    /// (`RiceCDF`); KS at 1 % over 4,000 examples.
    @Test(arguments: [1.0, 4.0, 20.0])
    func riceEnvelope(k: Double) {
        let stage = MultipathFading(taps: [.init(delay: 0, power: 1, kFactor: k)], maximumDoppler: 0.01)
        let scratch = SynthesisScratch()
        let cdf = RiceCDF(kFactor: k)
        let n = 4000
        let envelope = (0 ..< n).map { Double(gains(stage, length: 24, example: $0, scratch: scratch)[20].length) }
        let d = kolmogorovSmirnov(envelope, cdf: { cdf($0) })
        #expect(d < kolmogorovSmirnovCritical1Percent(n: n), "KS distance \(d) at K = \(k)")
    }

    /// Coherent BPSK with perfect channel knowledge (decide on Re(g*·y)) over flat Rayleigh fading:
    /// BER = ½(1 − √(γ/(1+γ))) (Proakis eq. 14.3-7). Bits 64 samples apart at f_D = 0.05 (|J₀(2π·0.05·64)|²
    /// ≈ 0.03: nearly independent fades), 1,000 examples × 32 bits; the error count must fall within the
    /// 99.9 % binomial interval N·p ± 3.29·√(N·p(1−p)).
    @Test(arguments: [0.0, 10.0])
    func bpskBitErrorRate(snrDB: Double) {
        let stage = MultipathFading(taps: [.init(delay: 0, power: 1)], maximumDoppler: 0.05)
        let scratch = SynthesisScratch()
        let gamma = pow(10, snrDB / 10), sigma = (1 / gamma / 2).squareRoot()  // per real dimension
        let spacing = 64, bitsPerExample = 32, length = spacing * (bitsPerExample + 1)
        var noise = RandomStream(seed: 5, example: 0, stream: StreamID(rawValue: 78))
        var errors = 0, bits = 0
        for example in 0 ..< 1000 {
            var data = RandomStream(seed: 6, example: UInt64(example), stream: StreamID(rawValue: 79))
            let symbols = (0 ..< length).map { _ in Complex<Float>(data.nextWord() & 1 == 0 ? 1 : -1, 0) }
            let y = fade(stage, symbols, example: example, scratch: scratch)
            let g = gains(stage, length: length, example: example, scratch: scratch)
            for b in 1 ... bitsPerExample {
                let k = b * spacing
                #expect((y[k] - g[k] * symbols[k]).length < 1e-5, "flat fading is g·x")
                let received = Complex(Double(y[k].real) + sigma * noise.nextNormal(), Double(y[k].imaginary) + sigma * noise.nextNormal())
                let decision = (Complex(Double(g[k].real), -Double(g[k].imaginary)) * received).real
                if (decision < 0) != (symbols[k].real < 0) { errors += 1 }
                bits += 1
            }
        }
        let p = rayleighBPSKBitErrorRate(averageSNR: gamma)
        let expected = Double(bits) * p, spread = 3.29 * (Double(bits) * p * (1 - p)).squareRoot()
        #expect(abs(Double(errors) - expected) < spread, "\(errors) errors in \(bits) bits, expected \(expected) ± \(spread)")
    }
}

@Suite struct DopplerTests {
    /// The tap autocorrelation is J₀(2π f_D τ) (Clarke 1968; exact in expectation for this model):
    /// R̂(τ) = mean of g(t+τ)g*(t) over 300 examples and all t; its first zero (linear interpolation
    /// between lags) within 5 % of 2.405/(2π f_D). At every lag checked, |R̂ − J₀| stays below 4 standard
    /// errors of the mean of the per-example estimates. f_D = 0.01 evaluates gains every sample;
    /// f_D = 0.001 on a grid of 7 with linear interpolation.
    @Test(arguments: [0.01, 0.001])
    func autocorrelationIsBesselJ0(doppler: Double) {
        let stage = MultipathFading(taps: [.init(delay: 0, power: 1)], maximumDoppler: doppler)
        let scratch = SynthesisScratch()
        let zero = 2.404825557695773 / (2 * Double.pi * doppler)
        let lags = Array(stride(from: Int(0.8 * zero), through: Int(1.2 * zero) + 1, by: max(1, Int(zero / 40))))
        let length = Int(zero * 8), examples = 300
        var perExample = [[Double]](repeating: [], count: lags.count)
        for example in 0 ..< examples {
            let g = gains(stage, length: length, example: example, scratch: scratch).map { Complex(Double($0.real), Double($0.imaginary)) }
            for (i, lag) in lags.enumerated() {
                var sum = 0.0
                for t in 0 ..< length - lag { sum += (g[t + lag] * g[t].conjugate).real }
                perExample[i].append(sum / Double(length - lag))
            }
        }
        let stats = perExample.map { meanAndStd($0) }
        for (i, lag) in lags.enumerated() {
            let theory = besselJ0(2 * Double.pi * doppler * Double(lag))
            let tolerance = 4 * stats[i].std / Double(examples).squareRoot()
            #expect(abs(stats[i].mean - theory) < tolerance, "lag \(lag): \(stats[i].mean) vs J0 \(theory) ± \(tolerance)")
        }
        let crossing = (1 ..< lags.count).first { stats[$0 - 1].mean > 0 && stats[$0].mean <= 0 }
        #expect(crossing != nil)
        if let i = crossing {
            let a = stats[i - 1].mean, b = stats[i].mean
            let estimate = Double(lags[i - 1]) + Double(lags[i] - lags[i - 1]) * a / (a - b)
            #expect(abs(estimate - zero) < 0.05 * zero, "first zero at \(estimate), expected \(zero)")
        }
    }

    /// Gains on the automatic grid (f_D = 0.002 → step 3; 0.0002 → 39) against exact per-sample
    /// evaluation (step 1) with the same draws: each of the M + 1 lines of amplitude aₙ errs by at most
    /// aₙ(πf_D·L)²/2, so |Δg| ≤ (Σ aₙ)(π f_D L)²/2 (+ float rounding).
    @Test(arguments: [0.002, 0.0002])
    func gainGridIsExactEnough(doppler: Double) {
        let k = 2.0, m = 16
        let coarse = MultipathFading(taps: [.init(delay: 0, power: 1, kFactor: k)], maximumDoppler: doppler)
        let fine = MultipathFading(taps: [.init(delay: 0, power: 1, kFactor: k)], maximumDoppler: doppler, gainGridStep: 1)
        #expect(coarse.gridStep > 1)
        let scratch = SynthesisScratch()
        let amplitudes = Double(m) * (1 / (k + 1) / Double(m)).squareRoot() + (k / (k + 1)).squareRoot()
        let pl = Double.pi * doppler * Double(coarse.gridStep)
        let bound = amplitudes * pl * pl / 2 + 1e-5
        for example in 0 ..< 5 {
            let a = gains(coarse, length: 5000, example: example, scratch: scratch)
            let b = gains(fine, length: 5000, example: example, scratch: scratch)
            let worst = zip(a, b).map { Double(($0 - $1).length) }.max()!
            #expect(worst < bound, "grid error \(worst) above \(bound)")
        }
    }
}

@Suite struct DelayProfileTests {
    /// The mean |gᵢ|² of each tap over `examples` examples, read off the response to an impulse (every tap
    /// on a whole sample, so each output sample holds one tap), and whether anything leaked between taps.
    static func averageTapPowers(_ taps: [MultipathFading.Tap], examples: Int) -> (stage: MultipathFading, power: [Double]) {
        let stage = MultipathFading(taps: taps, maximumDoppler: 0.005)
        let scratch = SynthesisScratch()
        let start = stage.history
        var input = [Complex<Float>](repeating: .zero, count: start + Int(taps.map(\.delay).max()!.rounded()) + 8)
        input[start] = Complex(1, 0)
        var power = [Double](repeating: 0, count: taps.count)
        for example in 0 ..< examples {
            let y = fade(stage, input, example: example, scratch: scratch)
            for (i, tap) in stage.taps.enumerated() { power[i] += Double(y[start + Int(tap.delay.rounded())].lengthSquared) / Double(examples) }
        }
        // Between the taps nothing: integer delays are exact shifts.
        for example in 0 ..< 3 {
            let y = fade(stage, input, example: example, scratch: scratch)
            let occupied = Set(stage.taps.map { start + Int($0.delay.rounded()) })
            for k in 0 ..< y.count where !occupied.contains(k) { #expect(y[k] == .zero) }
        }
        return (stage, power)
    }

    /// EPA at 100 MHz puts its 7 taps on whole samples (0, 3, 7, 9, 11, 19, 41): an impulse comes out as
    /// gᵢ at each delay. Over 2,000 examples the mean |gᵢ|² estimates Pᵢ/ΣP with relative standard error
    /// 1/√2000 = 2.2 % (|g|² is exponential) ≈ 0.1 dB; the profile must hold within 0.5 dB (> 4σ).
    @Test func averageTapPowersFollowEPA() {
        let taps = FadingProfile.epa.taps(delaySpread: 0, sampleRate: 100e6)
        #expect(taps.map(\.delay).map { ($0 * 1e6).rounded() / 1e6 } == [0, 3, 7, 9, 11, 19, 41])
        let (stage, power) = Self.averageTapPowers(taps, examples: 2000)
        for (i, tap) in stage.taps.enumerated() {
            #expect(abs(decibels(power[i] / tap.power)) < 0.5, "tap \(i): \(decibels(power[i])) dB vs \(decibels(tap.power)) dB")
        }
    }

    /// TU6 (TS 45.005 / COST 207) at 10 MHz puts its 6 taps on whole samples (0, 2, 5, 16, 23, 50). The
    /// same statistic as for EPA: 2,000 examples, standard error 0.1 dB per tap, bound 0.5 dB; and the
    /// normalised powers are the table's −3, 0, −2, −6, −8, −10 dB over their sum.
    @Test func averageTapPowersFollowTU6() {
        let taps = FadingProfile.tu6.taps(delaySpread: 0, sampleRate: 10e6)
        #expect(taps.map(\.delay).map { ($0 * 1e6).rounded() / 1e6 } == [0, 2, 5, 16, 23, 50])
        let table = [-3.0, 0, -2, -6, -8, -10].map { pow(10, $0 / 10) }
        let (stage, power) = Self.averageTapPowers(taps, examples: 2000)
        let total = table.reduce(0, +)
        for (i, tap) in stage.taps.enumerated() {
            #expect(abs(tap.power - table[i] / total) < 1e-12)
            #expect(abs(decibels(power[i] / tap.power)) < 0.5, "tap \(i): \(decibels(power[i])) dB vs \(decibels(tap.power)) dB")
        }
    }

    /// A unit-power input band-limited to |f| ≤ 0.35 (64 random tones of amplitude 1/8) through TDL-C
    /// (fractional, overlapping taps) keeps unit power on average: 400 examples of 512 samples; the mean
    /// must be 1 within 4 standard errors of the per-example powers plus the interpolator's gain error
    /// (||H(f)|² − 1| ≤ 2ε + ε², ε = 10^(−59/20), for |f| ≤ 0.35).
    @Test func unitPowerIsKept() {
        let stage = MultipathFading(taps: FadingProfile.tdlC.taps(delaySpread: 300e-9, sampleRate: 10e6), maximumDoppler: 0.001)
        let scratch = SynthesisScratch()
        let length = stage.history + 512
        var powers: [Double] = []
        for example in 0 ..< 400 {
            var draw = RandomStream(seed: 3, example: UInt64(example), stream: StreamID(rawValue: 80))
            var x = [Complex<Float>](repeating: .zero, count: length)
            for _ in 0 ..< 64 {
                let f = 0.7 * draw.nextUnitDouble() - 0.35, phase = 2 * Double.pi * draw.nextUnitDouble()
                for k in 0 ..< length {
                    let angle = 2 * Double.pi * f * Double(k) + phase
                    x[k] += Complex(Float(cos(angle) / 8), Float(sin(angle) / 8))
                }
            }
            let y = fade(stage, x, example: example, scratch: scratch)
            powers.append(meanPower(Array(y[stage.history ..< length - stage.halfLength])))
        }
        let (mean, std) = meanAndStd(powers)
        let epsilon = pow(10, -59.0 / 20)
        #expect(abs(mean - 1) < 4 * std / 20 + 2 * epsilon + epsilon * epsilon, "mean power \(mean), per-example spread \(std)")
    }

    /// The two evaluation orders compute the same sum: EPA at 1 MHz (seven taps inside 0.41 samples, six
    /// fractional) and TDL-A at 10 MHz (23 taps over 30 samples), with Doppler, on a random input: the
    /// combined kernel and the per-tap filters agree to float rounding (relative 1e-5 of the row's RMS),
    /// the automatic choice is the combined one for both, and the random draws are the same.
    @Test(arguments: [(FadingProfile.epa, 0.0, 1e6), (FadingProfile.tdlA, 300e-9, 10e6)])
    func evaluationOrdersAgree(profile: FadingProfile, delaySpread: Double, sampleRate: Double) {
        let taps = profile.taps(delaySpread: delaySpread, sampleRate: sampleRate)
        let automatic = MultipathFading(taps: taps, maximumDoppler: 3e-4)
        let perTap = MultipathFading(taps: taps, maximumDoppler: 3e-4, evaluation: .perTap)
        #expect(automatic.usesCombinedKernel && !perTap.usesCombinedKernel && automatic.gridStep % 8 == 0)
        let scratch = SynthesisScratch()
        for (example, length) in [(0, 1000), (1, 1024), (2, 37), (3, 4099)] {
            var draw = RandomStream(seed: 5, example: UInt64(example), stream: StreamID(rawValue: 81))
            let x = (0 ..< length).map { _ in Complex(Float(draw.nextUnitDouble() - 0.5), Float(draw.nextUnitDouble() - 0.5)) }
            let a = fade(automatic, x, example: example, scratch: scratch)
            let b = fade(perTap, x, example: example, scratch: scratch)
            let rms = meanPower(b).squareRoot()
            let worst = zip(a, b).map { Double(($0 - $1).length) }.max()!
            #expect(worst < 1e-5 * rms, "length \(length): combined and per-tap differ by \(worst) (RMS \(rms))")
        }
    }

    /// The table conversions: TDL-D/E merge their LOS row into one Rician first tap with the TR's
    /// K-factor (13.3 dB, 22 dB); TDL delays scale with the delay spread; tap counts as in the tables.
    @Test func presetConversion() {
        let d = FadingProfile.tdlD.taps(delaySpread: 100e-9, sampleRate: 1e8)
        #expect(d.count == 13 && abs(10 * log10(d[0].kFactor) - 13.3) < 1e-9 && d.dropFirst().allSatisfy { $0.kFactor == 0 })
        let e = FadingProfile.tdlE.taps(delaySpread: 100e-9, sampleRate: 1e8)
        #expect(e.count == 14 && abs(10 * log10(e[0].kFactor) - 22) < 1e-9)
        let a = FadingProfile.tdlA.taps(delaySpread: 100e-9, sampleRate: 30.72e6)
        #expect(a.count == 23 && abs(a[22].delay - 9.6586e-7 * 30.72e6) < 1e-9)
        #expect(FadingProfile.tdlB.taps(delaySpread: 1e-7, sampleRate: 1e6).count == 23)
        #expect(FadingProfile.tdlC.taps(delaySpread: 1e-7, sampleRate: 1e6).count == 24)
        #expect(FadingProfile.eva.taps(delaySpread: 0, sampleRate: 1e9).map(\.delay).last! == 2510)
        #expect(FadingProfile.etu.taps(delaySpread: 0, sampleRate: 1e9).count == 9)
        // COST 207 / TS 45.005: delays in µs; RA6's first tap carries the RICE K = (0.91/0.41)² (6.9 dB).
        #expect(FadingProfile.ht6.taps(delaySpread: 0, sampleRate: 1e6).map(\.delay) == [0, 0.1, 0.3, 0.5, 15, 17.2].map { $0 * 1e-6 * 1e6 })
        #expect(FadingProfile.bu6.taps(delaySpread: 0, sampleRate: 1e7).map(\.delay).last! == 66)
        let ra = FadingProfile.ra6.taps(delaySpread: 0, sampleRate: 1e7)
        #expect(ra.count == 6 && abs(10 * log10(ra[0].kFactor) - 6.925) < 1e-3 && ra.dropFirst().allSatisfy { $0.kFactor == 0 })
        #expect(abs(10 * log10(ra[5].power / ra[0].power) + 20) < 1e-9)
        for profile in [FadingProfile.tu6, .ht6, .bu6] {
            #expect(profile.taps(delaySpread: 0, sampleRate: 1e6).count == 6 && profile.taps(delaySpread: 0, sampleRate: 1e6).allSatisfy { $0.kFactor == 0 })
        }
    }
}

@Suite struct FadingInterpolatorTests {
    /// A tap at d = 5.3 (almost pure LOS, static) delays tones by d: the phase of Σ y·x* at f against
    /// f_ref is −2π(f − f_ref)d. The interpolator's response error ε moves each phase by ≤ ε rad, so
    /// |d̂ − d| ≤ 2ε/(2π|f − f_ref|); magnitudes agree within 2ε. Full band (no input band): ε = 10^(−59/20)
    /// = 1.1e-3 for |f| ≤ 0.35, f_ref = 0.05. Band-limited input (|f| ≤ B = 0.084, QPSK at 8 samples per
    /// symbol and roll-off 0.35; B = 0.2): the Lagrange design, ε = `bandLimitedError` for |f| ≤ B,
    /// f_ref = B/4.
    @Test(arguments: [(5.3, nil), (0.75, nil), (12.5, nil), (5.3, 0.084375), (0.3, 0.084375), (12.5, 0.2)] as [(Double, Double?)])
    func toneGroupDelay(delay: Double, band: Double?) {
        let stage = MultipathFading(taps: [.init(delay: delay, power: 1, kFactor: 1e9)], maximumDoppler: 0, inputBand: band)
        #expect(stage.halfLength == FadingInterpolator.halfLength(forBand: band))
        let scratch = SynthesisScratch()
        let length = 2048
        func response(_ f: Double) -> Complex<Double> {
            let x = (0 ..< length).map { Complex(Float(cos(2 * Double.pi * f * Double($0))), Float(sin(2 * Double.pi * f * Double($0)))) }
            let y = fade(stage, x, example: 0, scratch: scratch)
            var sum = Complex<Double>.zero
            for k in stage.history ..< length - stage.halfLength {
                sum += Complex(Double(y[k].real), Double(y[k].imaginary)) * Complex(Double(x[k].real), -Double(x[k].imaginary))
            }
            return sum  // the ratio of two responses cancels the common length
        }
        let epsilon = band == nil ? pow(10, -59.0 / 20) : FadingInterpolator.bandLimitedError
        let edge = band ?? 0.35, reference = band.map { $0 / 4 } ?? 0.05
        let r0 = response(reference)
        for f in [-1, -0.6, -0.3, 0.45, 0.85, 1].map({ $0 * edge }) {
            let ratio = response(f) / r0
            let estimate = -atan2(ratio.imaginary, ratio.real) / (2 * Double.pi * (f - reference))
            // Resolve the 2π ambiguity: the true delay is known to within 1/(2|Δf|).
            let period = 1 / abs(f - reference)
            let wrapped = estimate + ((delay - estimate) / period).rounded() * period
            #expect(abs(wrapped - delay) < 2 * epsilon / (2 * Double.pi * abs(f - reference)), "f \(f): delay \(wrapped)")
            #expect(abs(ratio.length - 1) < 2 * epsilon, "f \(f): gain \(ratio.length)")
        }
    }

    /// The band-limited (Lagrange) designs against their bound, on a grid of 65 fractions μ and 65
    /// frequencies in [0, B]: worst |H(f) − e^{−j2πfμ}| ≤ `bandLimitedError` (plus 1e-6 for the float
    /// coefficients); |H(f)| ≤ 1 + 1e-6 over the whole band [0, ½] (nothing beyond B is amplified); μ = 0
    /// is the identity; each design is shorter than the full-band one. An unknown or wide band gets the
    /// full-band design.
    @Test(arguments: [0.01, 0.04, 0.084375, 0.12, 0.2])
    func bandLimitedDesignMeetsItsBound(band: Double) {
        let h = FadingInterpolator.halfLength(forBand: band)
        #expect(h < FadingInterpolator.halfLength)
        #expect(FadingInterpolator.coefficients(fraction: 0, halfLength: h) == (0 ..< 2 * h).map { $0 == h - 1 ? 1 : 0 })
        func response(_ c: [Float], at f: Double) -> Complex<Double> {
            (0 ..< 2 * h).reduce(Complex<Double>.zero) { sum, m in
                let angle = -2 * Double.pi * f * Double(m - h + 1)
                return sum + Complex(cos(angle), sin(angle)) * Complex(Double(c[m]), 0)
            }
        }
        var worst = 0.0, largest = 0.0
        for step in 0 ..< 65 {
            let mu = Double(step) / 64 * 0.999
            let c = FadingInterpolator.coefficients(fraction: mu, halfLength: h)
            for i in 0 ... 64 {
                let f = band * Double(i) / 64
                worst = max(worst, (response(c, at: f) - Complex(cos(2 * Double.pi * f * mu), -sin(2 * Double.pi * f * mu))).length)
                largest = max(largest, response(c, at: 0.5 * Double(i) / 64).length)
            }
        }
        #expect(worst <= FadingInterpolator.bandLimitedError + 1e-6, "H \(h): worst error \(worst) within |f| ≤ \(band)")
        #expect(largest <= 1 + 1e-6, "H \(h): largest gain \(largest)")
        #expect(FadingInterpolator.halfLength(forBand: nil) == FadingInterpolator.halfLength)
        #expect(FadingInterpolator.halfLength(forBand: 0.3) == FadingInterpolator.halfLength)
    }

    /// On the signal it is meant for — QPSK, RRC at 8 samples per symbol, roll-off 0.35, 10-symbol span
    /// (band 0.084) — through RA6 at 1 MHz with Doppler, the band-limited stage (H = 3) gives the full-band
    /// one's output (same draws) to −55 dB relative error power over 200 examples of 1,024 samples. The
    /// bound: against an exact delay, this signal's worst-case error power over μ (its spectrum weighted by
    /// |H(f) − e^{−j2πfμ}|², computed from the pulse) is −61.5 dB with the Lagrange design and −63 dB with
    /// the Kaiser one, both set by the truncated pulse's leakage beyond the band (−41 dB of its power); the
    /// two amplitudes add to −56 dB. Measured: −72 dB.
    @Test func bandLimitedStageMatchesTheFullBandOne() {
        let qpsk = LinearModulation(constellation: .qpsk, samplesPerSymbol: 8, rolloff: 0.35, spanSymbols: 10)
        let taps = FadingProfile.ra6.taps(delaySpread: 0, sampleRate: 1e6)
        let short = MultipathFading(taps: taps, maximumDoppler: 2e-4, inputBand: qpsk.occupiedBand)
        let full = MultipathFading(taps: taps, maximumDoppler: 2e-4)
        #expect(short.halfLength == 3 && full.halfLength == FadingInterpolator.halfLength)
        let scratch = SynthesisScratch()
        var error = 0.0, power = 0.0
        for example in 0 ..< 200 {
            let x = render(qpsk, length: 1024 + 2 * FadingInterpolator.halfLength, example: UInt64(example))
            let a = fade(short, x, example: example, scratch: scratch), b = fade(full, x, example: example, scratch: scratch)
            for k in full.history ..< x.count - FadingInterpolator.halfLength {
                error += Double((a[k] - b[k]).lengthSquared)
                power += Double(b[k].lengthSquared)
            }
        }
        let relative = 10 * log10(error / power)
        #expect(relative < -55, "relative error \(relative) dB")
    }

    /// Impulses: an integer delay moves the impulse exactly; a delay of 2.5 gives a response symmetric
    /// about n₀ + 2.5 (the windowed sinc at μ = ½ is symmetric) with its two largest samples at n₀ + 2, n₀ + 3.
    @Test func impulsePosition() {
        let scratch = SynthesisScratch()
        let integer = MultipathFading(taps: [.init(delay: 7, power: 1)], maximumDoppler: 0)
        var x = [Complex<Float>](repeating: .zero, count: 64)
        x[30] = Complex(1, 0)
        let y = fade(integer, x, example: 3, scratch: scratch)
        for k in 0 ..< 64 where k != 37 { #expect(y[k] == .zero) }
        #expect(y[37].length > 0)
        let half = MultipathFading(taps: [.init(delay: 2.5, power: 1)], maximumDoppler: 0)
        let z = fade(half, x, example: 3, scratch: scratch).map { Double($0.length) }
        for k in 0 ..< 8 { #expect(abs(z[32 - k] - z[33 + k]) < 1e-6 * z[32], "asymmetric at ±\(k)") }
        let order = z.indices.sorted { z[$0] > z[$1] }
        #expect(Set(order.prefix(2)) == [32, 33])
    }
}
