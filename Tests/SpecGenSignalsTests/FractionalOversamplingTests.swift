import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The polyphase path (samples per symbol not an integer) against the exact continuous pulse sum
/// x[k] = Σₙ aₙ·p̃((k − n·sps)/sps), evaluated directly in double precision (`LinearReference`).
///
/// Bound: PolyphasePulse interpolates linearly between table phases 1/P samples apart with P·sps ≥ 128,
/// so the error of a tap is ≤ max|p''|/(8·128²) ≈ 4e-4 of the pulse peak for α = 1 (Lagrange remainder;
/// see PolyphasePulse), and the error power relative to the signal is below (4e-4)² ≈ −68 dB. The test
/// asserts ≤ −60 dB, leaving room for single-precision accumulation (≈ −130 dB) and the one sample per
/// symbol whose interpolation straddles the truncation edge at ±span/2.
@Suite struct FractionalOversamplingTests {
    static func errorDB(_ m: LinearModulation, length: Int = 4096, seed: UInt64 = 3) -> Double {
        let (x, first, symbols) = renderWithSymbols(m, length: length, seed: seed)
        let exact = LinearReference(m).exactSignal(length: length, first: first, symbols: symbols)
        var error = 0.0, power = 0.0
        for k in 0 ..< length {
            error += (Complex(Double(x[k].real), Double(x[k].imaginary)) - exact[k]).lengthSquared
            power += exact[k].lengthSquared
        }
        return 10 * log10(error / power)
    }

    @Test(arguments: [(PulseShape.rootRaisedCosine, 0.35), (.rootRaisedCosine, 1.0), (.rootRaisedCosine, 0.05),
                      (.raisedCosine, 0.5), (.gaussian, 0.3), (.gaussian, 1.0)])
    func polyphaseMatchesTheExactPulseSum(pulse: PulseShape, shape: Double) {
        for sps in [2.0001, 2.3, 3.7, 7.77, 16.5, 33.3] {
            let m = LinearModulation(keying: .memoryless(.qpsk), samplesPerSymbol: sps, pulse: pulse, shape: shape, spanSymbols: 10)
            let db = Self.errorDB(m)
            #expect(db < -60, "\(pulse) \(shape) sps \(sps): error \(db) dB")
        }
    }

    /// The exact paths: rectangular and half-sine at fractional rates (no table), OQPSK at an odd
    /// integer rate (quadrature rail on the half-sample phase), and the integer-tap path, all within
    /// single precision of the exact sum (≤ −100 dB; the integer taps differ from the continuous pulse
    /// only by their discrete Σh² = sps normalisation, which is exact for these band-limited pulses to
    /// the truncation). The rectangular rates are chosen so that no symbol boundary falls on a sample
    /// within the window: there the reference's p((k − c)/sps) at exactly ±½ depends on rounding.
    @Test func exactPathsMatchTheExactPulseSum() {
        let cases: [(LinearModulation.Keying, PulseShape, Double, Double, Double)] = [
            (.memoryless(.qam16), .rectangular, 0, 3.317, -100), (.memoryless(.qam16), .halfSine, 0, 2.6, -100),
            (.offsetQuadrature, .halfSine, 0, 5.55, -100), (.offsetQuadrature, .rectangular, 0, 4.217, -100),
            (.offsetQuadrature, .rootRaisedCosine, 0.35, 7, -60), (.memoryless(.qpsk), .rootRaisedCosine, 0.35, 8, -60),
            (.memoryless(.qpsk), .halfSine, 0, 8, -100), (.memoryless(.qpsk), .rectangular, 0, 5, -100),
        ]
        for (keying, pulse, shape, sps, bound) in cases {
            let m = LinearModulation(keying: keying, samplesPerSymbol: sps, pulse: pulse, shape: shape, spanSymbols: 10)
            let db = Self.errorDB(m)
            #expect(db < bound, "\(keying) \(pulse) sps \(sps): error \(db) dB")
        }
    }
}
