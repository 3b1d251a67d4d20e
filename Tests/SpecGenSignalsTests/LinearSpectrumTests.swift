import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The measured PSD follows the theoretical PSD of the pulse, S(f) = |P(f)|²/T for uncorrelated
/// zero-mean unit-energy symbols (Proakis 5th ed., eq. 3.4-15), and the 99 % power bandwidth matches.
///
/// The theory is computed independently of the kernel from the exact continuous pulse (truncated to its
/// span and sampled where the kernel samples it: `pulseTrainAutocorrelation`), and seen through the
/// Hann window exactly as Welch's estimator sees it (`expectedWelchPSD`), so the only remaining
/// difference is the estimator's spread: with K = 2047 half-overlapping Hann segments (2^20 samples) a
/// bin's relative standard deviation is √(1.056/K) = 0.0227 (Welch 1967, Table 1: Hann at 50 % overlap);
/// every bin must be within 5 of those, plus an absolute floor of 1e-6 of the peak bin for the error
/// power the polyphase interpolation may add (≤ −60 dB, FractionalOversamplingTests).
@Suite struct LinearSpectrumTests {
    static let cases: [(String, LinearModulation.Keying, PulseShape, Double, Double)] = [
        ("qpsk rrc 0.35 sps 8", .memoryless(.qpsk), .rootRaisedCosine, 0.35, 8),
        ("qpsk rrc 0.35 sps 5.3", .memoryless(.qpsk), .rootRaisedCosine, 0.35, 5.3),
        ("16qam rrc 0.2 sps 3.7", .memoryless(.qam16), .rootRaisedCosine, 0.2, 3.7),
        ("64apsk rc 0.5 sps 4", .memoryless(.apsk(order: 64)), .raisedCosine, 0.5, 4),
        ("8psk gaussian 0.3 sps 6.5", .memoryless(.psk8), .gaussian, 0.3, 6.5),
        ("bpsk rectangular sps 8", .memoryless(.bpsk), .rectangular, 0, 8),
        ("qpsk half_sine sps 4.6", .memoryless(.qpsk), .halfSine, 0, 4.6),
        ("oqpsk rrc 0.35 sps 8", .offsetQuadrature, .rootRaisedCosine, 0.35, 8),
        ("oqpsk half_sine sps 7", .offsetQuadrature, .halfSine, 0, 7),
        ("pi4dqpsk rrc 0.35 sps 4.5", .differentialPi4, .rootRaisedCosine, 0.35, 4.5),
    ]

    /// The autocorrelation of the modulation's pulse train, from the exact continuous pulse. The symbol
    /// phases are those of symbols n = 0 … 999 (all a window visits for these rational rates). The OQPSK
    /// rails are independent, each with half the energy: their phases (n·sps and n·sps + sps/2) are
    /// pooled, which matters when sps/2 is not an integer.
    static func theory(_ m: LinearModulation) -> [Double] {
        let p = ContinuousPulse(m), sps = m.samplesPerSymbol
        let delays = m.keying == .offsetQuadrature ? [0, sps / 2] : [0]
        let phases = delays.flatMap { d in (0 ..< 1000).map { n -> Double in let c = Double(n) * sps + d; return c - c.rounded(.down) } }
        let half = p.halfSymbols * sps
        return pulseTrainAutocorrelation(samplesPerSymbol: sps, support: -half ... half, phases: Array(Set(phases)).sorted()) {
            p.value($0 / sps)
        }
    }

    @Test(arguments: cases)
    func psdFollowsThePulseSpectrum(name: String, keying: LinearModulation.Keying, pulse: PulseShape, shape: Double, sps: Double) {
        let m = LinearModulation(keying: keying, samplesPerSymbol: sps, pulse: pulse, shape: shape, spanSymbols: 12)
        let size = 1024
        let measured = welchPSD(render(m, length: 1 << 20, seed: 5), size: size)
        let r = Self.theory(m)
        let expected = expectedWelchPSD(autocorrelation: r, size: size)
        let peak = expected.max()!
        let sigma = (1.056 / 2047).squareRoot()
        var worst = 0.0
        for f in 0 ..< size {
            let allowed = 5 * sigma * expected[f] + 1e-6 * peak
            worst = max(worst, abs(measured[f] - expected[f]) / allowed)
            #expect(abs(measured[f] - expected[f]) <= allowed, "\(name) bin \(f): \(measured[f]) vs \(expected[f])")
        }
        print("\(name): worst deviation \(worst) of the allowance")
        // 99 % power bandwidth: measured (Welch, one-bin resolution) against the theory on a 16× finer grid.
        let theoryBand = occupiedBand(spectrum(autocorrelation: r, points: 16 * size), fraction: 0.99).width
        let measuredBand = occupiedBand(measured, fraction: 0.99).width
        #expect(abs(measuredBand / theoryBand - 1) < 0.05, "\(name): 99 % bandwidth \(measuredBand) vs \(theoryBand)")
    }

    /// The closed form for RRC: the 99 % band of the raised-cosine spectrum with α = 0.35 is 1.169·Rs
    /// (each tail holds 0.5 %: π²v³/(12α²) = 0.005 beyond (1 + α)/2 − v), checked against the pulse
    /// theory above at a fractional rate (the pulse truncation moves it by < 1 %).
    @Test func rrcBandwidthClosedForm() {
        let sps = 5.3
        let m = LinearModulation(keying: .memoryless(.qpsk), samplesPerSymbol: sps, pulse: .rootRaisedCosine, shape: 0.35, spanSymbols: 12)
        let v = pow(12 * 0.35 * 0.35 * 0.005 / (Double.pi * Double.pi), 1.0 / 3)
        let closedForm = 2 * ((1 + 0.35) / 2 - v)
        #expect(abs(closedForm - 1.169) < 0.001)
        let band = occupiedBand(spectrum(autocorrelation: Self.theory(m), points: 16_384), fraction: 0.99).width * sps
        #expect(abs(band / closedForm - 1) < 0.01, "\(band) symbol rates")
    }
}
