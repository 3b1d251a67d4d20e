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
        taps = RootRaisedCosine.taps(rolloff: modulation.rolloff, samplesPerSymbol: modulation.samplesPerSymbol, spanSymbols: modulation.spanSymbols)
    }

    /// Symbol estimates for the symbols whose whole matched-filter window lies inside `x`.
    func symbolEstimates(_ x: [Complex<Float>]) -> [Complex<Double>] {
        let y = convolve(x, taps)  // y[k + c] is the filter centred on sample k
        let c = taps.count / 2, sps = modulation.samplesPerSymbol
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
