import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct DirectSequenceSpreadSpectrumTests {
    typealias DSSS = DirectSequenceSpreadSpectrum

    static let cases: [(String, DSSS)] = [
        ("m-sequence n=5, rectangular, 4 sps", DSSS(code: .mSequence, degree: 5, samplesPerChip: 4, chipShape: .rectangular)),
        ("m-sequence n=7, rectangular, 2 sps", DSSS(code: .mSequence, degree: 7, samplesPerChip: 2, chipShape: .rectangular)),
        ("Gold n=6, rectangular, 3 sps", DSSS(code: .gold, degree: 6, samplesPerChip: 3, chipShape: .rectangular)),
        ("m-sequence n=5, RRC 0.35, 4 sps", DSSS(code: .mSequence, degree: 5, samplesPerChip: 4, chipShape: .rootRaisedCosine(rolloff: 0.35, spanChips: 8))),
    ]

    /// Despreading gain. In AWGN (σ² = 1 per sample) the chip matched filter (sum over the chip for
    /// rectangular chips, the RRC for shaped ones) gives a chip statistic; correlating N = 2^n − 1 chip
    /// statistics of one data symbol with the code gives the symbol statistic. The signal adds
    /// coherently (N²) and the independent chip noises add in power (N), so SNR_symbol / SNR_chip = N:
    /// 10·log10 N dB. Each SNR is the clean part's mean square over the noise part's mean square (the
    /// clean render and the noise are kept apart); a noise mean square over K Gaussian terms has
    /// relative spread √(2/K), so the ratio is within 4·√(2/K_chips + 2/K_symbols) of N.
    @Test(arguments: cases)
    func despreadingGainIsTheCodeLength(name: String, dsss: DSSS) {
        let length = 1 << 19, seed: UInt64 = 31
        let clean = render(dsss, length: length, seed: seed)
        var noise = [Complex<Float>](repeating: .zero, count: length)
        var noiseStream = RandomStream(seed: seed, example: 0, stream: .noise)
        var words = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        noise.withUnsafeMutableBufferPointer { n in words.withUnsafeMutableBufferPointer { GaussianNoise.add(to: n, variance: 1, stream: &noiseStream, scratch: $0) } }

        var stream = RandomStream(seed: seed, example: 0, stream: .symbols)
        let (member, phase) = dsss.drawCode(stream: &stream)
        let code = dsss.code == .gold ? GoldCode.chips(degree: dsss.degree, member: member) : MaximalLengthSequence.chips(degree: dsss.degree)
        let n = code.count
        let sps = Int(dsss.samplesPerChip)
        // The chip matched filter: taps over sample offsets.
        let taps: [Float], lead: Int
        switch dsss.chipShape {
        case .rectangular:
            taps = [Float](repeating: 1, count: sps)
            lead = sps / 2  // chip c covers [c·sps − sps/2, c·sps + sps/2) (rounded up)
        case .rootRaisedCosine(let rolloff, let span):
            taps = RootRaisedCosine.taps(rolloff: rolloff, samplesPerSymbol: sps, spanSymbols: span)
            lead = taps.count / 2
        }
        func statistic(_ x: [Complex<Float>], chip c: Int) -> Double {
            var sum = 0.0
            for (k, h) in taps.enumerated() { sum += Double(h) * Double(x[c * sps - lead + k].real) }
            return sum
        }
        let (first, count, _) = dsss.chipRange(length: length)
        var chipSignal: [Double] = [], chipNoise: [Double] = []
        var symbolSignal: [Double] = [], symbolNoise: [Double] = []
        var accumulated = (signal: 0.0, noise: 0.0, chips: 0)
        for j in 0 ..< count {
            let c = first + j
            let position = (j + phase) % n
            if position == 0 { accumulated = (0, 0, 0) }
            guard c * sps - lead >= 0, c * sps - lead + taps.count <= length else { continue }
            let s = statistic(clean, chip: c), w = statistic(noise, chip: c)
            chipSignal.append(s)
            chipNoise.append(w)
            accumulated.signal += Double(code[position]) * s
            accumulated.noise += Double(code[position]) * w
            accumulated.chips += 1
            if position == n - 1, accumulated.chips == n {
                symbolSignal.append(accumulated.signal)
                symbolNoise.append(accumulated.noise)
            }
        }
        func meanSquare(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } / Double(v.count) }
        let chipSNR = meanSquare(chipSignal) / meanSquare(chipNoise)
        let symbolSNR = meanSquare(symbolSignal) / meanSquare(symbolNoise)
        let gain = symbolSNR / chipSNR
        let tolerance = 4 * (2 / Double(chipNoise.count) + 2 / Double(symbolNoise.count)).squareRoot()
        #expect(symbolNoise.count > 1000)
        #expect(abs(gain / Double(n) - 1) < tolerance, "\(name): gain \(decibels(gain)) dB vs \(decibels(Double(n))) dB (±\(tolerance))")
        // Every data symbol despreads to ±N·(chip energy): the clean symbol statistics have one magnitude.
        let magnitude = symbolSignal.map { abs($0) }
        #expect(magnitude.max()! - magnitude.min()! < 0.02 * magnitude.max()!)
    }

    /// Rectangular chips: every sample is ±1 (real), so the power is exactly 1.
    @Test func rectangularChipsHaveUnitPower() {
        let x = render(DSSS(code: .gold, degree: 5, samplesPerChip: 2.7, chipShape: .rectangular), length: 10_000, seed: 3)
        #expect(x.allSatisfy { ($0.real == 1 || $0.real == -1) && $0.imaginary == 0 })
    }

    /// RRC chips at a fractional rate: the power spectrum is the raised-cosine shape of the chip rate
    /// Fs/sps (the data makes the chip stream white at that resolution), so the 99 % band matches the
    /// closed form within the 5 %, and the power is 1: the RRC is orthogonal to its chip shifts,
    /// so the window power is (1/L)·Σ a_c²·sps up to truncation ISI (< 1 % of the peak at span 10),
    /// table interpolation (< 1e-3) and edges (span·sps/L < 1e-3): within 2 %.
    @Test(arguments: [(3.3, 0.35), (5.7, 0.5), (2.5, 0.2)])
    func fractionalRateRRCSpectrumAndPower(sps: Double, rolloff: Double) {
        let dsss = DSSS(code: .mSequence, degree: 7, samplesPerChip: sps, chipShape: .rootRaisedCosine(rolloff: rolloff, spanChips: 10))
        let x = render(dsss, length: 1 << 18, seed: 12)
        #expect(abs(meanPower(x) - 1) < 0.02, "power \(meanPower(x))")
        let psd = welchPSD(x, size: 1024)
        let measured = occupiedBand(psd, fraction: 0.99).width
        let grid = 200_000
        let theory = (0 ..< grid).map { i -> Double in
            let f = abs(Double(i) / Double(grid) - 0.5) * sps  // in chip rates
            if f <= (1 - rolloff) / 2 { return 1 }
            if f >= (1 + rolloff) / 2 { return 0 }
            return 0.5 * (1 + cos(Double.pi / rolloff * (f - (1 - rolloff) / 2)))
        }
        let expected = occupiedBand(theory, fraction: 0.99).width
        #expect(abs(measured / expected - 1) < 0.05, "99 % band \(measured) vs \(expected)")
    }

    /// The recurrence-built RRC table equals the closed-form design (`RootRaisedCosine.taps`, one libm
    /// call per point) to single precision, singular points t = ±1/(4α) included (α = 0.25, 0.5 put them
    /// on the 1/64 grid).
    @Test(arguments: [(0.35, 8), (0.25, 10), (0.5, 6), (1.0, 4), (0.0, 8)])
    func rootRaisedCosineTableMatchesTheDesign(rolloff: Double, span: Int) {
        let reference = RootRaisedCosine.taps(rolloff: rolloff, samplesPerSymbol: 64, spanSymbols: span)
        var table = [Float](repeating: 0, count: reference.count)
        table.withUnsafeMutableBufferPointer { DSSS.rootRaisedCosineTable(rolloff: rolloff, resolution: 64, span: span, into: $0) }
        for (a, b) in zip(table, reference) { #expect(abs(a - b) < 2e-6, "\(a) vs \(b)") }
    }

    /// Es/N0 counts one data symbol: N chips of sps samples.
    @Test func symbolLengthIsOneCodePeriod() {
        #expect(DSSS(code: .mSequence, degree: 6, samplesPerChip: 2.5, chipShape: .rectangular).symbolLength == 63 * 2.5)
    }
}
