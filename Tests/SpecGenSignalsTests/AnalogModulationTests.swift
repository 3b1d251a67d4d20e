import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// A labelled analog emitter for parameterised tests.
struct AnalogCase: CustomTestStringConvertible, Sendable {
    let label: String
    let emitter: any Emitter
    var testDescription: String { label }
}

@Suite struct AnalogModulationTests {
    static let messages: [(String, AnalogMessage)] = [
        ("tone", .tone(frequency: 0.013)), ("3 tones", .tones(count: 3, bandwidth: 0.05)), ("noise", .noise(bandwidth: 0.05)),
    ]

    static let everyFamily: [AnalogCase] = messages.flatMap { name, message in
        [
            AnalogCase(label: "AM-DSB-WC m=0.8, \(name)", emitter: AmplitudeModulation(message: message, sideband: .double, carrier: true, depth: 0.8, phase: 0.4)),
            AnalogCase(label: "AM-DSB-SC, \(name)", emitter: AmplitudeModulation(message: message, sideband: .double, carrier: false, phase: 0.4)),
            AnalogCase(label: "AM-SSB-WC upper m=1, \(name)", emitter: AmplitudeModulation(message: message, sideband: .upper, carrier: true, depth: 1, phase: 0.4)),
            AnalogCase(label: "AM-SSB-SC lower, \(name)", emitter: AmplitudeModulation(message: message, sideband: .lower, carrier: false, phase: 0.4)),
            AnalogCase(label: "FM Δ=0.02, \(name)", emitter: FrequencyModulation(message: message, deviation: 0.02, phase: 0.4)),
        ]
    }

    /// Unit expected power: the mean of 64 per-example powers (examples 0 … 63, 2048 samples each) must
    /// be 1 within 4 standard errors of that mean (the per-example powers are independent, so by the
    /// central limit theorem the bound fails with probability ≈ 6e-5 for a right kernel). The noise
    /// message varies most: its realised power is a sum of ~400 exponential bin powers.
    @Test(arguments: everyFamily)
    func unitExpectedPower(_ c: AnalogCase) {
        let powers = (0 ..< 64).map { meanPower(render(c.emitter, length: 2048, seed: 31, example: UInt64($0))) }
        let (mean, std) = meanAndStd(powers)
        #expect(abs(mean - 1) <= 4 * std / 8 + 1e-6, "\(c.label): mean power \(mean) ± \(std / 8)")
    }

    /// The carrier holds 1/(1 + κ·m²·P) of the power (κ = 1 DSB, 2 SSB; P = ½ for a tone). With the tone
    /// on a DFT bin (64 cycles in 4096 samples) the window mean is the carrier alone, so the identity
    /// holds to float rounding.
    @Test(arguments: [(AmplitudeModulation.Sideband.double, 0.3), (.double, 1.0), (.upper, 0.5), (.lower, 1.0)])
    func carrierFractionOfToneAM(sideband: AmplitudeModulation.Sideband, depth: Double) {
        let am = AmplitudeModulation(message: .tone(frequency: 64.0 / 4096), sideband: sideband, carrier: true, depth: depth, phase: 1.1)
        let x = render(am, length: 4096, seed: 32)
        let mean = x.reduce(Complex<Double>.zero) { $0 + Complex(Double($1.real), Double($1.imaginary)) }.divided(by: 4096)
        let kappa = sideband == .double ? 1.0 : 2.0
        let expected = 1 / (1 + kappa * depth * depth * 0.5)
        #expect(abs(mean.lengthSquared / meanPower(x) - expected) < 1e-5)
        #expect(abs(am.carrierFraction - expected) < 1e-12)
    }

    /// Same closed form with the noise message (P = 1/9), where a window mean would not isolate the
    /// carrier: the suppressed-carrier emitter with the same seed draws the same message (both draw only
    /// its spectrum), so with θ = 0 the with-carrier signal must be g_wc·(1 + m·x_sc/g_sc) sample by
    /// sample, with g_wc = 1/√(1 + κm²P) and g_sc = 1/√(κP) from the closed form (float rounding:
    /// 1e-6). The carrier is then the constant g_wc of a signal of unit expected power (checked above),
    /// i.e. it holds the fraction g_wc² = 1/(1 + κm²P).
    @Test(arguments: [(AmplitudeModulation.Sideband.double, 1.0), (.upper, 0.7), (.lower, 0.3)])
    func carrierOfNoiseAMIsTheClosedForm(sideband: AmplitudeModulation.Sideband, depth: Double) {
        let message = AnalogMessage.noise(bandwidth: 0.02)
        let withCarrier = render(AmplitudeModulation(message: message, sideband: sideband, carrier: true, depth: depth, phase: 0), length: 4096, seed: 33)
        let suppressed = render(AmplitudeModulation(message: message, sideband: sideband, carrier: false, phase: 0), length: 4096, seed: 33)
        let kappa = sideband == .double ? 1.0 : 2.0, power = 1.0 / 9
        let gWC = 1 / (1 + kappa * depth * depth * power).squareRoot(), gSC = 1 / (kappa * power).squareRoot()
        var worst = 0.0
        for (x, y) in zip(withCarrier, suppressed) {
            let expected = (Complex(1, 0) + Complex(Double(y.real), Double(y.imaginary)).multiplied(by: depth / gSC)).multiplied(by: gWC)
            worst = max(worst, (Complex(Double(x.real), Double(x.imaginary)) - expected).length)
        }
        #expect(worst < 1e-6, "\(sideband): largest deviation \(worst)")
    }
}

@Suite struct AnalogSpectrumTests {
    /// DSB occupies twice the message bandwidth, SSB the message bandwidth on one side. With the noise
    /// message (flat on 0 < |f| ≤ B) the 99 % band is, in closed form, [−0.99B, 0.99B] for DSB and
    /// [0.005B, 0.995B] (upper) or its mirror (lower) for SSB. Welch with 1024 bins: one bin is 1 % of
    /// B = 0.1, so the edges are checked to 2 bins and the widths to 3 %.
    @Test func occupiedBandsOfDSBAndSSB() {
        let b = 0.1, bin = 1.0 / 1024
        func band(_ sideband: AmplitudeModulation.Sideband) -> (low: Double, high: Double, width: Double) {
            let am = AmplitudeModulation(message: .noise(bandwidth: b), sideband: sideband, carrier: false, phase: 0.7)
            return occupiedBand(welchPSD(render(am, length: 1 << 17, seed: 41), size: 1024), fraction: 0.99)
        }
        let dsb = band(.double), usb = band(.upper), lsb = band(.lower)
        #expect(abs(dsb.width / (2 * 0.99 * b) - 1) < 0.03, "DSB 99 % band \(dsb)")
        #expect(abs(dsb.low + 0.99 * b) <= 2 * bin && abs(dsb.high - 0.99 * b) <= 2 * bin)
        #expect(abs(usb.width / (0.99 * b) - 1) < 0.03, "USB 99 % band \(usb)")
        #expect(abs(usb.low - 0.005 * b) <= 2 * bin && abs(usb.high - 0.995 * b) <= 2 * bin)
        #expect(abs(lsb.low + 0.995 * b) <= 2 * bin && abs(lsb.high + 0.005 * b) <= 2 * bin)
        #expect(abs(dsb.width / usb.width - 2) < 0.06)
    }

    /// Sideband suppression from the measured PSD (Welch, 1024 bins, 2^17 samples): power in the
    /// unwanted sideband over power in the wanted one, both over [8 bins, B − 8 bins] (away from the
    /// carrier at 0 and the band edge, where the Hann window's own leakage would dominate). Issue 4
    /// asks for ≥ 30 dB. The analytic message is exact, so what is measured is the estimator's floor
    /// (Hann sidelobes ≥ 8 bins out are below −70 dB): ≥ 60 dB is required to catch any real leak.
    @Test(arguments: [("tones", AnalogMessage.tones(count: 5, bandwidth: 0.1)), ("noise", .noise(bandwidth: 0.1))],
          [AmplitudeModulation.Sideband.upper, .lower])
    func singleSidebandSuppression(_ message: (String, AnalogMessage), sideband: AmplitudeModulation.Sideband) {
        for carrier in [false, true] {
            let am = AmplitudeModulation(message: message.1, sideband: sideband, carrier: carrier, depth: 0.8, phase: 2)
            let psd = welchPSD(render(am, length: 1 << 17, seed: 42), size: 1024)
            let guardBand = 8.0 / 1024
            let upper = bandPower(psd, low: guardBand, high: 0.1 - guardBand), lower = bandPower(psd, low: -0.1 + guardBand, high: -guardBand)
            let suppression = decibels(sideband == .upper ? upper / lower : lower / upper)
            #expect(suppression >= 60, "\(message.0), \(sideband), carrier \(carrier): \(suppression) dB")
        }
    }

    /// The SSB signal is the analytic signal of the message: over one whole period of the noise message
    /// (131,072 samples, the transform size at that length) the DFT of upper-sideband x = g·(s + jŝ) is zero at DC and on
    /// every negative frequency — i.e. Im x is exactly the Hilbert transform of Re x — to single
    /// precision (relative power 1e-10, FFT rounding ~1e-14); mirrored for the lower sideband.
    @Test(arguments: [AmplitudeModulation.Sideband.upper, .lower])
    func singleSidebandIsAnalytic(sideband: AmplitudeModulation.Sideband) {
        let am = AmplitudeModulation(message: .noise(bandwidth: 0.2), sideband: sideband, carrier: false, phase: 0)
        let size = 1 << 17
        #expect(AnalogMessage.gridSize(length: size) == size)
        let spectrum = dft(render(am, length: size, seed: 43))
        let total = spectrum.reduce(0) { $0 + $1.lengthSquared }
        let unwanted = (0 ..< size).filter { k in k == 0 || (sideband == .upper ? k >= size / 2 : k <= size / 2) }.reduce(0) { $0 + spectrum[$1].lengthSquared }
        #expect(unwanted / total < 1e-10, "\(sideband): \(unwanted / total)")
    }

    /// FM by a tone is e^{jβ sin(2πf_m n + ψ)} = Σₙ Jₙ(β)·e^{jn(2πf_m n + ψ)} (Jacobi–Anger; Haykin,
    /// "Communication Systems" 4th ed., eq. 4.36): with f_m on a DFT bin (16 cycles in 4096 samples) the
    /// line at n·f_m holds exactly Jₙ(β)² of the power. Checked for narrow-band (β = 0.2), β = 1, the
    /// carrier null β = 2.405 and wide-band (β = 5), each line to 1e-5 (float rounding ~1e-7).
    @Test(arguments: [0.2, 1.0, 2.404825557695773, 5.0])
    func toneFMLinesAreBessel(beta: Double) {
        let fm = 16.0 / 4096
        let x = render(FrequencyModulation(message: .tone(frequency: fm), deviation: beta * fm, phase: 0.3), length: 4096, seed: 44)
        let spectrum = dft(x)
        for n in -12 ... 12 {
            let line = spectrum[(16 * n + 4096) % 4096].lengthSquared / (4096.0 * 4096.0)
            let bessel = jn(Int32(n), beta)
            #expect(abs(line - bessel * bessel) < 1e-5, "β = \(beta), line \(n): \(line) vs J² = \(bessel * bessel)")
        }
    }

    /// Carson's rule: 98 % of tone-FM power lies within 2(Δf + f_m) — exactly so for integer β = Δf/f_m,
    /// where the (β+1)-th Bessel line completes the 98 % (Carson 1922; Haykin eq. 4.43). Measured with
    /// Welch (4096 bins: a bin is < 1 % of the band) and required within 10 % (issue 4).
    @Test(arguments: [2.0, 5.0, 10.0])
    func toneFMOccupiesCarsonBandwidth(beta: Double) {
        let fm = 0.004
        let x = render(FrequencyModulation(message: .tone(frequency: fm), deviation: beta * fm, phase: 0), length: 1 << 18, seed: 45)
        let measured = occupiedBand(welchPSD(x, size: 4096), fraction: 0.98).width
        let carson = 2 * (beta * fm + fm)
        #expect(abs(measured / carson - 1) < 0.10, "β = \(beta): 98 % band \(measured) vs Carson \(carson)")
    }

    /// The FM integral of the noise message is exact: FM and DSB-SC built from the same seed share the
    /// message (both draw only its spectrum), DSB-SC gives s = x/3 (g = 1/√P = 3, phase 0), and the FM
    /// instantaneous frequency between samples n and n+1 is Δ·∫ₙⁿ⁺¹ s. The trapezoid rule
    /// Δ·(sₙ + sₙ₊₁)/2 differs from that integral by at most Δ·(2πB)²·max|s|/12; the bound adds the
    /// phase rounding of the kernel (1e-6 cycles).
    @Test func noiseFMFollowsTheMessage() {
        let deviation = 0.05, b = 0.02
        let fm = render(FrequencyModulation(message: .noise(bandwidth: b), deviation: deviation, phase: 0), length: 1 << 14, seed: 46)
        let dsb = render(AmplitudeModulation(message: .noise(bandwidth: b), sideband: .double, carrier: false, phase: 0), length: 1 << 14, seed: 46)
        let s = dsb.map { Double($0.real) / 3 }
        #expect(dsb.allSatisfy { abs($0.imaginary) < 1e-6 })
        let bound = deviation * pow(2 * Double.pi * b, 2) * s.map(abs).max()! / 12 + 1e-6
        var worst = 0.0
        for (n, f) in instantaneousFrequency(fm).enumerated() {
            worst = max(worst, abs(f - deviation * (s[n] + s[n + 1]) / 2))
        }
        #expect(worst <= bound, "worst \(worst) vs bound \(bound)")
        // And |x| = 1 everywhere (constant envelope, as for every FM message).
        #expect(fm.allSatisfy { abs($0.lengthSquared - 1) < 2e-6 })
    }
}
