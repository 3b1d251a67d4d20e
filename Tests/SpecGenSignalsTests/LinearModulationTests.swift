import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// An ideal receiver for the tests: the RRC matched filter (the same taps), sampled at the symbol
/// centres n·sps and divided by Σh² = sps, then the nearest constellation point.
struct MatchedFilterReceiver {
    let modulation: LinearModulation
    let taps: [Float]

    init(_ modulation: LinearModulation) {
        self.modulation = modulation
        taps = RootRaisedCosine.taps(rolloff: modulation.rolloff, samplesPerSymbol: Int(modulation.samplesPerSymbol), spanSymbols: modulation.spanSymbols)
    }

    /// Symbol estimates for the symbols whose whole matched-filter window lies inside `x`.
    func symbolEstimates(_ x: [Complex<Float>]) -> [Complex<Double>] {
        let y = convolve(x, taps)  // y[k + c] is the filter centred on sample k
        let c = taps.count / 2, sps = Int(modulation.samplesPerSymbol)
        let first = (taps.count + sps - 1) / sps * sps  // symbol centres are the multiples of sps
        return stride(from: first, through: x.count - taps.count, by: sps).map { y[$0 + c].divided(by: Double(sps)) }
    }

    func decide(_ z: Complex<Double>) -> Complex<Float> {
        modulation.constellation.points.min { a, b in
            (Complex(Double(a.real), Double(a.imaginary)) - z).lengthSquared < (Complex(Double(b.real), Double(b.imaginary)) - z).lengthSquared
        }!
    }
}

@Suite struct LinearModulationTests {
    static let cases: [(String, Constellation, Int)] = [("BPSK", .bpsk, 2), ("QPSK", .qpsk, 4), ("8PSK", .psk8, 8), ("16QAM", .qam16, 16)]

    @Test(arguments: cases)
    func constellationHasUnitEnergyAndRightSize(name: String, constellation: Constellation, order: Int) {
        #expect(constellation.points.count == order)
        let energy = constellation.points.reduce(0.0) { $0 + Double($1.lengthSquared) } / Double(order)
        #expect(abs(energy - 1) < 1e-6)
        #expect(Set(constellation.points.map { "\($0.real),\($0.imaginary)" }).count == order)
    }

    static func render(_ m: LinearModulation, length: Int, seed: UInt64) -> [Complex<Float>] {
        var x = [Complex<Float>](repeating: .zero, count: length)
        let scratch = SynthesisScratch()
        var stream = RandomStream(seed: seed, example: 0, stream: .symbols)
        x.withUnsafeMutableBufferPointer { m.render(into: $0, stream: &stream, scratch: scratch) }
        return x
    }

    /// Noise-free: every symbol is recovered (nearest point is right; residual ISI from the 10-symbol
    /// truncation is far inside the decision distance) and the shaped signal has unit power within the
    /// spread of a 16,384-sample mean.
    @Test(arguments: cases)
    func matchedFilterRecoversEverySymbol(name: String, constellation: Constellation, order: Int) {
        let m = LinearModulation(constellation: constellation, samplesPerSymbol: 8, rolloff: 0.35, spanSymbols: 10)
        let x = Self.render(m, length: 1 << 16, seed: UInt64(order))
        let receiver = MatchedFilterReceiver(m)
        let estimates = receiver.symbolEstimates(x)
        #expect(estimates.count > 8000)
        let residual = estimates.map { z -> Double in
            let d = receiver.decide(z)
            return (z - Complex(Double(d.real), Double(d.imaginary))).lengthSquared
        }
        // Minimum distance between points: 16QAM 2/√10 ≈ 0.63; half of it squared ≈ 0.1. ISI must stay far below.
        #expect(residual.max()! < 0.005)
        let power = meanPower(x)
        #expect(abs(power - 1) < 0.05)
    }

    /// With AWGN at Es/N0 = 20 dB (σ² = sps/100), the matched-filter error vector has mean square
    /// N0/Es = 0.01 (noise after the filter: σ²·Σh²/sps² = σ²/sps). The mean of n exponential variables
    /// has relative spread 1/√n; the bound is 5 of those plus the noise-free ISI floor (≈ 1e-4).
    @Test(arguments: cases)
    func errorVectorMatchesSNR(name: String, constellation: Constellation, order: Int) {
        let sps = 4
        let m = LinearModulation(constellation: constellation, samplesPerSymbol: sps, rolloff: 0.25, spanSymbols: 12)
        var x = Self.render(m, length: 1 << 16, seed: 77)
        let clean = MatchedFilterReceiver(m).symbolEstimates(x)
        var stream = RandomStream(seed: 77, example: 0, stream: .noise)
        var scratch = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        let variance = Float(sps) / 100
        x.withUnsafeMutableBufferPointer { s in scratch.withUnsafeMutableBufferPointer { GaussianNoise.add(to: s, variance: variance, stream: &stream, scratch: $0) } }
        let noisy = MatchedFilterReceiver(m).symbolEstimates(x)
        let evm2 = zip(noisy, clean).reduce(0.0) { $0 + ($1.0 - $1.1).lengthSquared } / Double(noisy.count)
        #expect(abs(evm2 / 0.01 - 1) < 5 / Double(noisy.count).squareRoot())
    }

    /// The rendered window is steady state: power in the first and last 64 samples is like the middle.
    @Test func noFilterTransientAtTheEdges() {
        let m = LinearModulation(constellation: .qpsk, samplesPerSymbol: 8, rolloff: 0.35, spanSymbols: 10)
        var edge = 0.0, count = 0.0
        for seed in 0 ..< 200 {
            let x = Self.render(m, length: 256, seed: UInt64(seed))
            edge += meanPower(Array(x.prefix(16))) + meanPower(Array(x.suffix(16)))
            count += 2
        }
        // Each 16-sample mean has relative spread ≲ 0.5; 400 of them: ≲ 0.025. A transient would halve it.
        #expect(abs(edge / count - 1) < 0.1)
    }
}

@Suite struct ToneTests {
    /// A tone renders e^{j(2πfk + φ)} to single precision over a long run (phase kept in double).
    @Test func toneMatchesClosedForm() {
        let tone = Tone(frequency: 0.123456789, phase: 0.5)
        var x = [Complex<Float>](repeating: .zero, count: 100_000)
        var stream = RandomStream(seed: 0, example: 0, stream: .symbols)
        x.withUnsafeMutableBufferPointer { tone.render(into: $0, stream: &stream, scratch: SynthesisScratch()) }
        for k in stride(from: 0, to: x.count, by: 997) {
            let angle = 2 * Double.pi * (0.123456789 * Double(k)).truncatingRemainder(dividingBy: 1) + 0.5
            #expect(abs(Double(x[k].real) - cos(angle)) < 1e-5)
            #expect(abs(Double(x[k].imaginary) - sin(angle)) < 1e-5)
        }
    }
}

@Suite struct SNRDefinitionTests {
    @Test func esN0IsPerSampleTimesSamplesPerSymbol() {
        #expect(abs(SNRDefinition.esN0.noiseVariance(snrDB: 10, samplesPerSymbol: 8) - 0.8) < 1e-12)
        #expect(abs(SNRDefinition.perSample.noiseVariance(snrDB: 10, samplesPerSymbol: 8) - 0.1) < 1e-12)
        #expect(abs(SNRDefinition.esN0.perSampleDB(snrDB: 10, samplesPerSymbol: 10) - 0) < 1e-9)
    }
}

@Suite struct LinearModulationSpectrumTests {
    /// The PSD of an RRC-shaped signal is the raised-cosine spectrum: flat to (1 − α)/(2·sps), zero past
    /// (1 + α)/(2·sps). Its 99 % power band, computed from that closed form, is compared with the band
    /// measured by Welch's method over 2^18 samples; the tolerance is 5 %.
    @Test(arguments: [(0.35, 8), (0.2, 4), (0.5, 5)])
    func occupiedBandwidthMatchesRaisedCosine(rolloff: Double, sps: Int) {
        let m = LinearModulation(constellation: .qpsk, samplesPerSymbol: sps, rolloff: rolloff, spanSymbols: 16)
        let psd = welchPSD(render(m, length: 1 << 18), size: 1024)
        let measured = occupiedBand(psd, fraction: 0.99).width
        // Theory on a fine grid (cycles/sample): raised-cosine shape with symbol rate 1/sps.
        let grid = 200_000
        let theory = (0 ..< grid).map { i -> Double in
            let f = abs(Double(i) / Double(grid) - 0.5) * Double(sps)  // in symbol rates
            if f <= (1 - rolloff) / 2 { return 1 }
            if f >= (1 + rolloff) / 2 { return 0 }
            return 0.5 * (1 + cos(Double.pi / rolloff * (f - (1 - rolloff) / 2)))
        }
        let expected = occupiedBand(theory, fraction: 0.99).width
        #expect(abs(measured / expected - 1) < 0.05, "99 % bandwidth \(measured) vs \(expected)")
        // Stopband mask: beyond (1 + α)/(2·sps) + 2 bins the PSD is down by ≥ 30 dB from its peak (what a
        // 16-symbol truncation of the RRC leaves at small α; measured ≈ −33 dB at α = 0.2).
        let peak = psd.max()!
        let edge = (1 + rolloff) / (2 * Double(sps))
        for (f, p) in psd.enumerated() where abs(binFrequency(f, size: 1024)) > edge + 2.0 / 1024 {
            #expect(p < peak * 1e-3)
        }
    }

    /// `occupiedBand` is the spectrum's edge (1 + α)/(2·sps) for the rrc and rc pulses (the mask above checks
    /// that nothing but truncation leakage lies beyond it) and nil for pulses that are not band-limited.
    @Test func occupiedBandIsTheRaisedCosineEdge() {
        #expect(LinearModulation(constellation: .qpsk, samplesPerSymbol: 8, rolloff: 0.35, spanSymbols: 10).occupiedBand == 1.35 / 16)
        #expect(LinearModulation(keying: .offsetQuadrature, samplesPerSymbol: 2.5, pulse: .raisedCosine, shape: 0.5, spanSymbols: 8).occupiedBand == 0.3)
        #expect(LinearModulation(keying: .memoryless(.qpsk), samplesPerSymbol: 2, pulse: .rootRaisedCosine, shape: 1, spanSymbols: 8).occupiedBand == 0.5)
        for pulse in [PulseShape.gaussian, .rectangular, .halfSine] {
            #expect(LinearModulation(keying: .memoryless(.bpsk), samplesPerSymbol: 4, pulse: pulse, shape: 0.3, spanSymbols: 8).occupiedBand == nil)
        }
    }
}
