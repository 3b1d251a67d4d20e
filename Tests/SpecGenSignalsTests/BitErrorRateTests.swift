import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// BPSK and QPSK bit error rates in AWGN against theory, P_b = Q(√(2Eb/N0)), at Eb/N0 = 0…8 dB.
///
/// Chain: `LinearModulation` (Gray-labelled `Constellation.bpsk`/`.qpsk`, rectangular pulse, sps = 2,
/// unit power) + `AdditiveNoise` of variance σ² on the noise stream, then an ideal matched filter
/// (integrate-and-dump over the symbol's sps samples: the rectangular pulse is exactly ISI-free) and
/// nearest-point decisions. Conversion: with unit signal power per sample and complex noise of variance
/// σ² per sample (= N0 at a unit sample rate), Es = sps·1 and Eb = Es/k (k bits per symbol), so
/// Eb/N0 = sps/(k·σ²) and σ² = sps/(k·10^{Eb/N0[dB]/10}). The filter output zₙ = aₙ + w, w ~ CN(0, σ²/sps):
/// BPSK Q(1/√(σ²/2sps)) = Q(√(2Eb/N0)); QPSK per rail Q((1/√2)/√(σ²/2sps)) = Q(√(2Eb/N0)) too.
/// Bits are the Gray labels (indices into `points`) of the symbols the emitter drew, regenerated from the
/// same stream by `symbolSequence`. Bit errors are independent (white noise, no ISI, independent rails),
/// so the count is Binomial(n, P_b): it must lie in the exact two-sided 99.9 % acceptance interval.
@Suite struct BitErrorRateTests {
    static let samplesPerSymbol = 2
    /// Bits compared at Eb/N0 = e dB: enough for ≈ 400 expected errors, between 2·10⁴ and 2·10⁵ (the
    /// high-SNR points, 38 expected errors at 8 dB, set the run time; low-SNR points need far fewer bits
    /// for an interval of ±20 %).
    static func bits(ebN0: Int) -> Int {
        min(200_000, max(20_000, Int((400 / bpskBitErrorProbability(ebN0DB: Double(ebN0))).rounded(.up))))
    }

    /// The measured bit error counts and the numbers of bits compared at Eb/N0 = 0…8 dB (point e uses the
    /// first `bits(ebN0: e)` bits, or a few fewer where a symbol's window leaves the row).
    static func measure(_ constellation: Constellation, seed: UInt64) -> (errors: [Int], bits: [Int]) {
        let sps = samplesPerSymbol, k = constellation.bitsPerSymbol
        let m = LinearModulation(keying: .memoryless(constellation), samplesPerSymbol: Double(sps),
                                 pulse: .rectangular, shape: 0, spanSymbols: 1)
        let symbolCount = (0 ... 8).map { bits(ebN0: $0) }.max()! / k
        let length = symbolCount * sps
        let (x, first, symbols) = renderWithSymbols(m, length: length, seed: seed)
        let points = constellation.points
        let labels = symbols.map { s in points.firstIndex(of: s)! }
        // Symbol n is centred on sample n·sps; the rectangular pulse covers t ∈ [−½, ½) symbols:
        // samples n·sps − sps/2 … n·sps + sps/2 − 1.
        let usable = (0 ..< symbols.count).filter { s in
            let n = first + s
            return n * sps - sps / 2 >= 0 && n * sps + sps / 2 <= length
        }
        let scratch = SynthesisScratch()
        var errors: [Int] = [], compared: [Int] = []
        for (point, ebN0) in (0 ... 8).enumerated() {
            let variance = Double(sps) / (Double(k) * pow(10, Double(ebN0) / 10))
            var stream = RandomStream(seed: seed, example: UInt64(point), stream: .noise)
            let symbolsHere = bits(ebN0: ebN0) / k
            var y = Array(x[0 ..< symbolsHere * sps])
            y.withUnsafeMutableBufferPointer { AdditiveNoise(variance: variance).apply(to: $0, stream: &stream, scratch: scratch) }
            let here = usable.filter { (first + $0 + 1) * sps - sps / 2 <= y.count }
            compared.append(here.count * k)
            var count = 0
            y.withUnsafeBufferPointer { yb in
                points.withUnsafeBufferPointer { p in
                    for s in here {
                        let start = (first + s) * sps - sps / 2
                        var re: Float = 0, im: Float = 0
                        for j in 0 ..< sps { re += yb[start + j].real; im += yb[start + j].imaginary }
                        re /= Float(sps); im /= Float(sps)
                        var best = 0, bestDistance = Float.infinity
                        for i in 0 ..< p.count {
                            let dr = p[i].real - re, di = p[i].imaginary - im
                            let d = dr * dr + di * di
                            if d < bestDistance { bestDistance = d; best = i }
                        }
                        count += (best ^ labels[s]).nonzeroBitCount
                    }
                }
            }
            errors.append(count)
        }
        return (errors, compared)
    }

    /// The acceptance interval against hand-computed binomial tails: Binomial(20, ½) has P(K ≤ 5) = 0.0207,
    /// P(K ≤ 6) = 0.0577, so at 95 % (2.5 % per tail) the interval is 6…14.
    @Test func binomialIntervalMatchesHandComputedTails() {
        #expect(binomialAcceptanceInterval(trials: 20, probability: 0.5, confidence: 0.95) == 6 ... 14)
        // Binomial(10, 0.1) at 99 %: P(K = 0) = 0.349 > 0.005, so the lower end is 0; P(K ≥ 5) = 1.63e-3
        // ≤ 0.005 < P(K ≥ 4) = 0.0128, so the upper end is 4.
        #expect(binomialAcceptanceInterval(trials: 10, probability: 0.1, confidence: 0.99) == 0 ... 4)
        #expect(abs(qFunction(1) - 0.158_655_253_931_457) < 1e-12)
    }

    /// The receiver is exact without noise: every decision recovers the drawn label.
    @Test(arguments: [Constellation.bpsk, .qpsk])
    func noiselessReceiverRecoversEveryBit(_ constellation: Constellation) {
        let sps = Self.samplesPerSymbol
        let m = LinearModulation(keying: .memoryless(constellation), samplesPerSymbol: Double(sps),
                                 pulse: .rectangular, shape: 0, spanSymbols: 1)
        let (x, first, symbols) = renderWithSymbols(m, length: 4096, seed: 5)
        var checked = 0
        for (s, a) in symbols.enumerated() {
            let start = (first + s) * sps - sps / 2
            guard start >= 0, start + sps <= x.count else { continue }
            let z = x[start ..< start + sps].reduce(Complex<Float>.zero, +).divided(by: Float(sps))
            #expect((z - a).length < 1e-5)
            checked += 1
        }
        #expect(checked >= 2040)
    }

    @Test(arguments: [(Constellation.bpsk, UInt64(11)), (Constellation.qpsk, UInt64(12))])
    func bitErrorRateMatchesTheory(_ constellation: Constellation, seed: UInt64) {
        let (errors, compared) = Self.measure(constellation, seed: seed)
        #expect(compared[8] >= 199_990)
        for (ebN0, measured) in errors.enumerated() {
            let bits = compared[ebN0]
            #expect(bits >= Self.bits(ebN0: ebN0) - 10)
            let p = bpskBitErrorProbability(ebN0DB: Double(ebN0))
            let interval = binomialAcceptanceInterval(trials: bits, probability: p, confidence: 0.999)
            #expect(interval.contains(measured),
                    "M=\(constellation.points.count) Eb/N0 \(ebN0) dB: \(measured) errors in \(bits) bits, BER \(Double(measured) / Double(bits)), theory \(p), accept \(interval)")
        }
    }
}
