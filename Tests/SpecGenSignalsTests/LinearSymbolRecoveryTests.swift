import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Noise-free, an ideal receiver recovers every symbol (zero errors over ≥ 10,000 symbols) for every
/// keying and order. The receiver is `LinearReference.matchedFilter`: the least-squares matched filter of
/// the exact continuous pulse at each symbol centre n·sps (+ sps/2 on the OQPSK quadrature rail), then
/// the nearest point. That is ISI-free for rrc (its autocorrelation is the raised cosine: residual ISI
/// only from the truncation to the span) and for the non-overlapping rectangular and half-sine pulses;
/// rc is Nyquist itself, so it is sampled directly (integer sps). The gaussian pulse has ISI by design
/// (a GMSK-style pre-filter) and is not tested here: its spectrum is (LinearSpectrumTests).
@Suite struct LinearSymbolRecoveryTests {
    static let keyings: [(String, LinearModulation.Keying)] =
        [("ook", .memoryless(.onOff)), ("oqpsk", .offsetQuadrature), ("pi4dqpsk", .differentialPi4)]
        + [1, 2, 3].map { ("\(1 << $0)ask", .memoryless(.pam(1 << $0))) }
        + (1 ... 6).map { ("\(1 << $0)psk", .memoryless(.phaseShiftKeying(1 << $0))) }
        + (4 ... 10).map { ("\(1 << $0)qam", .memoryless(.qam(1 << $0))) }
        + (4 ... 7).map { ("\(1 << $0)apsk", .memoryless(.apsk(order: 1 << $0))) }

    /// Renders 10,000+ symbols and counts decision errors. A decision is counted right only when the
    /// estimate lies within half the minimum distance of the sent point (then the sent point is the
    /// unique nearest one: every other point is ≥ d_min from it) — stricter than a nearest-point search,
    /// and O(1) per symbol. Also returns the worst |z − a|/(d_min/2), the margin.
    static func symbolErrors(_ m: LinearModulation, symbols wanted: Int = 10_050, seed: UInt64) -> (errors: Int, checked: Int, margin: Double) {
        let length = Int((Double(wanted) * m.samplesPerSymbol).rounded(.up)) + Int(Double(m.spanSymbols + 2) * m.samplesPerSymbol)
        let (x, first, symbols) = renderWithSymbols(m, length: length, seed: seed)
        let reference = LinearReference(m)
        let points = m.constellation.points
        var dmin = Double.infinity
        for i in points.indices { for j in points.indices where j > i { dmin = min(dmin, Double((points[i] - points[j]).length)) } }
        var errors = 0, checked = 0, margin = 0.0
        for (s, sent) in symbols.enumerated() {
            guard let z = reference.matchedFilter(x, symbol: first + s) else { continue }
            let distance = (z - Complex(Double(sent.real), Double(sent.imaginary))).length / (dmin / 2)
            if distance >= 1 { errors += 1 }
            margin = max(margin, distance)
            checked += 1
        }
        return (errors, checked, margin)
    }

    /// RRC α = 0.35 over 24 symbols at a fractional 2.5 samples per symbol (the polyphase path), every
    /// keying. The 24-symbol span keeps the truncation ISI far inside 1024-QAM's half distance (0.038).
    @Test(arguments: keyings)
    func everyKeyingFractionalRRC(name: String, keying: LinearModulation.Keying) {
        let m = LinearModulation(keying: keying, samplesPerSymbol: 2.5, pulse: .rootRaisedCosine, shape: 0.35, spanSymbols: 24)
        let r = Self.symbolErrors(m, seed: 11)
        #expect(r.checked >= 10_000)
        #expect(r.errors == 0, "\(name): \(r.errors) symbol errors of \(r.checked)")
        #expect(r.margin < 1)
    }

    /// Integer oversampling (the exact-tap path) and the one-symbol pulses at fractional rates, on a
    /// representative set: the densest of each family and the special keyings.
    @Test(arguments: [("rrc", PulseShape.rootRaisedCosine, 4.0, 0.35), ("rrc", .rootRaisedCosine, 3.0, 0.2),
                      ("rectangular", .rectangular, 3.3, 0), ("rectangular", .rectangular, 4.0, 0),
                      ("half_sine", .halfSine, 2.75, 0), ("half_sine", .halfSine, 5.0, 0)])
    func otherPulsesAndRates(name: String, pulse: PulseShape, sps: Double, rolloff: Double) {
        let subset: [LinearModulation.Keying] = [.memoryless(.onOff), .offsetQuadrature, .differentialPi4, .memoryless(.pam(8)),
                                                 .memoryless(.psk(64)), .memoryless(.qam(1024)), .memoryless(.qam(128)), .memoryless(.apsk(order: 128))]
        for keying in subset {
            let m = LinearModulation(keying: keying, samplesPerSymbol: sps, pulse: pulse, shape: rolloff, spanSymbols: 24)
            let r = Self.symbolErrors(m, seed: 12)
            #expect(r.checked >= 10_000 && r.errors == 0, "\(name) sps \(sps) \(keying): \(r.errors) errors of \(r.checked)")
        }
    }

    /// RC is Nyquist at the transmitter: the sample at each symbol centre is the symbol (times p̃(0)).
    @Test func raisedCosineSampledAtSymbolCentres() {
        for keying: LinearModulation.Keying in [.memoryless(.qam(1024)), .memoryless(.apsk(order: 128)), .differentialPi4] {
            let m = LinearModulation(keying: keying, samplesPerSymbol: 4, pulse: .raisedCosine, shape: 0.5, spanSymbols: 24)
            let length = 10_050 * 4 + 30 * 4
            let (x, first, symbols) = renderWithSymbols(m, length: length, seed: 13)
            let peak = ContinuousPulse(m).value(0)
            let points = m.constellation.points
            var dmin = Double.infinity
            for i in points.indices { for j in points.indices where j > i { dmin = min(dmin, Double((points[i] - points[j]).length)) } }
            var errors = 0, checked = 0
            for (s, sent) in symbols.enumerated() {
                let k = (first + s) * 4
                guard k >= 48, k < length - 48 else { continue }
                let z = Complex(Double(x[k].real) / peak, Double(x[k].imaginary) / peak)
                if (z - Complex(Double(sent.real), Double(sent.imaginary))).length >= dmin / 2 { errors += 1 }  // as symbolErrors
                checked += 1
            }
            #expect(checked >= 10_000 && errors == 0, "rc \(keying): \(errors) errors of \(checked)")
        }
    }
}
