import SpecGenDSP
import SpecGenPlot
import Testing

/// The computations behind the panels: the spectrogram and Welch PSD of a tone, and the matched-filter
/// constellation of noiseless linearly modulated signals.
@Suite struct SignalPanelTests {
    /// e^{j2πfn}, interleaved.
    static func tone(frequency: Double, count: Int) -> [Float] {
        (0 ..< count).flatMap { n -> [Float] in
            let phase = 2 * Double.pi * frequency * Double(n)
            return [Float(cos(phase)), Float(sin(phase))]
        }
    }

    @Test func aTonesPowerIsInItsBin() {
        let spectrogram = Spectrogram(samples: Self.tone(frequency: 0.125, count: 1024), fftSize: 64, hop: 16)
        #expect(spectrogram.frames == (1024 - 64) / 16 + 1)
        let psd = spectrogram.welchDecibels
        let peak = psd.indices.max { psd[$0] < psd[$1] }!
        #expect(peak == 32 + 8)  // bin f is (f − F/2)/F: 0.125 · 64 = 8 above the centre
        // A bin-centred tone leaks only into its Hann neighbours: half a band away there is nothing but rounding.
        #expect(psd[peak] - psd[(peak + 32) % 64] > 60)
    }

    @Test func defaultFFTSizeFollowsTheSquareRoot() {
        #expect(Spectrogram.defaultFFTSize(samples: 1024) == 64)
        #expect(Spectrogram.defaultFFTSize(samples: 256) == 32)
        #expect(Spectrogram.defaultFFTSize(samples: 8) == 8)
        #expect(Spectrogram.defaultFFTSize(samples: 1 << 20) == 512)
    }

    /// Σ_m s_m·p(n/sps − m) for QPSK symbols from a fixed linear congruential sequence.
    static func qpsk(symbols count: Int, sps: Double, pulse: PulseShape, parameter: Double, span: Int) -> [Float] {
        var state: UInt64 = 12345
        let points: [(Double, Double)] = (0 ..< count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let k = Int(state >> 62)
            return ([1.0, -1, 1, -1][k] / 2.squareRoot(), [1.0, 1, -1, -1][k] / 2.squareRoot())
        }
        let length = Int(Double(count) * sps)
        var out = [Float](repeating: 0, count: 2 * length)
        for n in 0 ..< length {
            let t = Double(n) / sps
            var re = 0.0, im = 0.0
            for m in max(0, Int(t) - span) ... min(count - 1, Int(t) + span) {
                let h = pulse.evaluate(t - Double(m), shape: parameter)
                re += points[m].0 * h
                im += points[m].1 * h
            }
            out[2 * n] = Float(re)
            out[2 * n + 1] = Float(im)
        }
        return out
    }

    @Test(arguments: [(8.0, PulseShape.rootRaisedCosine), (4.5, .rootRaisedCosine), (6, .rectangular)])
    func noiselessQPSKGivesFourTightClusters(sps: Double, pulse: PulseShape) throws {
        let samples = Self.qpsk(symbols: 200, sps: sps, pulse: pulse, parameter: 0.35, span: 12)
        let c = try #require(Constellation(samples: samples, samplesPerSymbol: sps, pulse: pulse, pulseParameter: 0.35, spanSymbols: 12))
        #expect(c.points.count > 150)
        // Unit power, every point within 0.1 of a QPSK point (a 12-symbol rrc cascade leaves a little ISI).
        for p in c.points {
            let nearest = [(1.0, 1.0), (-1, 1), (1, -1), (-1, -1)].map { hypot(p.0 - $0.0 / 2.squareRoot(), p.1 - $0.1 / 2.squareRoot()) }.min()!
            #expect(nearest < 0.1, "point \(p)")
        }
    }

    @Test func tooShortASignalHasNoConstellation() {
        let samples = Self.qpsk(symbols: 6, sps: 8, pulse: .rootRaisedCosine, parameter: 0.35, span: 10)
        #expect(Constellation(samples: samples, samplesPerSymbol: 8, pulse: .rootRaisedCosine, pulseParameter: 0.35, spanSymbols: 10) == nil)
    }
}

#if canImport(Glibc)
import Glibc
#endif
