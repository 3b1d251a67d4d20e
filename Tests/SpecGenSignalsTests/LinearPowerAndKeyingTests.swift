import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Unit expected power for every keying and pulse, OQPSK's envelope, π/4-DQPSK's phase steps.
@Suite struct LinearPowerAndKeyingTests {
    static let keyings: [(String, LinearModulation.Keying)] = [
        ("ook", .memoryless(.onOff)), ("8ask", .memoryless(.pam(8))), ("qpsk", .memoryless(.qpsk)),
        ("32qam", .memoryless(.qam(32))), ("128apsk", .memoryless(.apsk(order: 128))),
        ("oqpsk", .offsetQuadrature), ("pi4dqpsk", .differentialPi4),
    ]
    static let pulses: [(PulseShape, Double)] = [(.rootRaisedCosine, 0.35), (.raisedCosine, 0.5), (.gaussian, 0.3),
                                                 (.gaussian, 1.0), (.rectangular, 0), (.halfSine, 0)]

    /// The mean power of 400 independent examples is 1: |mean − 1| ≤ 5·s/√400 with s the examples'
    /// sample standard deviation (the standard error of a mean of independent draws), plus 1e-6 for
    /// single precision (constant-envelope cases have s ≈ 0), at an integer and a fractional rate. On
    /// the polyphase path (fractional rate, rrc/rc/gaussian) the bound adds the power error the
    /// documented tap error ε ≤ 5e-4 allows, 2ε = 1e-3 (PolyphasePulse: max|p''|/(8·128²) for α ≤ 1 and
    /// BT ≤ 1).
    /// Symbols sit at fixed positions n·sps, so the expected power is periodic in k with mean 1 over a
    /// period of the symbol phases: each example is a whole number of periods (1024 samples at sps 4;
    /// 1035 = 15 × 69 at sps 3.45 = 69/20). OOK exercises the mean-component correction (G ≠ 1 for rc
    /// and the Gaussian pulses, e.g. G = 1/(1 − α/4) for an untruncated rc).
    @Test(arguments: keyings)
    func unitExpectedPower(name: String, keying: LinearModulation.Keying) {
        for (pulse, shape) in Self.pulses {
            for (sps, length) in [(4.0, 1024), (3.45, 1035)] {
                let m = LinearModulation(keying: keying, samplesPerSymbol: sps, pulse: pulse, shape: shape, spanSymbols: 10)
                let powers = (0 ..< 400).map { meanPower(render(m, length: length, seed: 9, example: UInt64($0))) }
                let (mean, std) = meanAndStd(powers)
                let interpolation = sps != sps.rounded() && pulse.usesSpan ? 1e-3 : 0
                #expect(abs(mean - 1) <= 5 * std / 20 + 1e-6 + interpolation, "\(name) \(pulse) \(shape) sps \(sps): power \(mean) ± \(std / 20)")
            }
        }
    }

    /// OQPSK with half-sine pulses is MSK: I² + Q² = 2·(½)(cos²(πt/T) + sin²(πt/T)) = 1 at every sample,
    /// at integer, odd and fractional rates; with rectangular pulses both rails are ±1/√2 everywhere.
    @Test(arguments: [(PulseShape.halfSine, 8.0), (.halfSine, 7.0), (.halfSine, 4.37), (.rectangular, 6.0), (.rectangular, 5.123)])
    func offsetQPSKConstantEnvelope(pulse: PulseShape, sps: Double) {
        let m = LinearModulation(keying: .offsetQuadrature, samplesPerSymbol: sps, pulse: pulse, shape: 0, spanSymbols: 10)
        let x = render(m, length: 20_000, seed: 4)
        let worst = x.map { abs(Double($0.lengthSquared) - 1) }.max()!
        #expect(worst < 1e-5, "\(pulse) sps \(sps): envelope deviates by \(worst)")
    }

    /// OQPSK with RRC: only one rail changes sign at a time, so the envelope never nears zero the way
    /// QPSK's does. Measured over 2^16 samples: the minimum of |s|² for OQPSK stays above 0.05
    /// (−13 dB; a rail crossing zero while the other sits near 1/√2 gives ½ (−3 dB) minus the
    /// RRC's own ringing), while QPSK reaches below 0.01 — the contrast is the property, not a tuned value.
    @Test func offsetQPSKAvoidsEnvelopeNulls() {
        let oq = LinearModulation(keying: .offsetQuadrature, samplesPerSymbol: 8, pulse: .rootRaisedCosine, shape: 0.35, spanSymbols: 10)
        let q = LinearModulation(keying: .memoryless(.qpsk), samplesPerSymbol: 8, pulse: .rootRaisedCosine, shape: 0.35, spanSymbols: 10)
        let oqMin = render(oq, length: 1 << 16, seed: 6).map { Double($0.lengthSquared) }.min()!
        let qMin = render(q, length: 1 << 16, seed: 6).map { Double($0.lengthSquared) }.min()!
        #expect(oqMin > 0.05, "OQPSK min |s|² \(oqMin)")
        #expect(qMin < 0.01, "QPSK min |s|² \(qMin)")
    }

    /// π/4-DQPSK: every step between consecutive symbols is an odd multiple of π/4 — exactly in the
    /// drawn symbols, and in the matched-filter estimates of the rendered signal (RRC, fractional rate)
    /// within 0.05 rad (ISI-free receiver: the estimates sit within a small fraction of π/8 of their
    /// points). The four steps are equally likely: χ² with 3 degrees of freedom below 11.34 (1 %).
    @Test func pi4DQPSKStepsAreOddMultiplesOfQuarterPi() {
        let m = LinearModulation(keying: .differentialPi4, samplesPerSymbol: 3.3, pulse: .rootRaisedCosine, shape: 0.35, spanSymbols: 16)
        let (x, first, symbols) = renderWithSymbols(m, length: 40_000, seed: 8)
        var counts = [0, 0, 0, 0]
        for s in 1 ..< symbols.count {
            let step = atan2(Double((symbols[s] * symbols[s - 1].conjugate).imaginary), Double((symbols[s] * symbols[s - 1].conjugate).real))
            let k = Int((step / (Double.pi / 4)).rounded())
            #expect(abs(step - Double(k) * Double.pi / 4) < 1e-5 && abs(k) % 2 == 1)
            counts[((k + 8) % 8) / 2] += 1
        }
        let n = Double(counts.reduce(0, +))
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - n / 4, 2) / (n / 4) }
        #expect(chi2 < 11.34, "step counts \(counts)")
        let reference = LinearReference(m)
        var previous: Complex<Double>?
        var checked = 0
        for s in symbols.indices {
            guard let z = reference.matchedFilter(x, symbol: first + s) else { previous = nil; continue }
            if let p = previous {
                let d = z * p.conjugate
                let step = atan2(d.imaginary, d.real)
                let k = Int((step / (Double.pi / 4)).rounded())
                #expect(abs(k) % 2 == 1 && abs(step - Double(k) * Double.pi / 4) < 0.05)
                checked += 1
            }
            previous = z
        }
        #expect(checked > 10_000)
    }
}
