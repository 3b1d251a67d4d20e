import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The demodulator of the tests: the forward N-point FFT of one symbol's useful part, scaled back to
/// the transmitted points (the emitter scales by 1/√K and the unnormalised IFFT by N: X̂ = FFT·√K/N).
struct OFDMReceiver {
    let numerology: OFDMNumerology

    func points(_ x: [Complex<Float>], usefulStart: Int) -> [Complex<Double>] {
        let n = numerology.fftSize
        let input = AlignedBuffer<Complex<Float>>(count: n), output = AlignedBuffer<Complex<Float>>(count: n)
        for i in 0 ..< n { input.baseAddress[i] = x[usefulStart + i] }
        FFTPlan.cached(size: n, direction: .forward).execute(input: input.baseAddress, output: output.baseAddress)
        let scale = Double(numerology.occupied).squareRoot() / Double(n)
        return (0 ..< n).map { Complex(Double(output.baseAddress[$0].real), Double(output.baseAddress[$0].imaginary)).multiplied(by: scale) }
    }
}

func distance(_ a: Complex<Double>, _ b: Complex<Float>) -> Double {
    (a - Complex(Double(b.real), Double(b.imaginary))).length
}

/// A test configuration, shown by its name in the test log.
struct OFDMCase: Sendable, CustomTestStringConvertible {
    let name: String
    let numerology: OFDMNumerology
    let constellation: Constellation
    init(_ name: String, _ numerology: OFDMNumerology, _ constellation: Constellation) {
        self.name = name
        self.numerology = numerology
        self.constellation = constellation
    }
    var testDescription: String { name }
}

@Suite struct OFDMTests {
    static let configurations: [OFDMCase] = [
        OFDMCase("custom N 256, K 180, CP 32, pilots every 12, 16QAM", .custom(fftSize: 256, occupied: 180, cyclicPrefix: 32, pilotSpacing: 12), .qam16),
        OFDMCase("custom N 4096, odd K 3001, no CP, no pilots, QPSK", .custom(fftSize: 4096, occupied: 3001, cyclicPrefix: 0, pilotSpacing: 0), .qpsk),
        OFDMCase("802.11a/g, 64QAM", .wlan(oversampling: 1), .squareQAM(64)),
        OFDMCase("802.11a/g ×2, BPSK", .wlan(oversampling: 2), .bpsk),
        OFDMCase("LTE 1.4 MHz, QPSK", .lte(.mhz1_4, oversampling: 1), .qpsk),
        OFDMCase("LTE 5 MHz ×2, 256QAM", .lte(.mhz5, oversampling: 2), .squareQAM(256)),
    ]

    /// The presets carry the standards' numbers: 802.11a/g (IEEE 802.11-2016 §17.3.2.5: 64-point FFT at
    /// 20 MHz, 52 subcarriers, 0.8 µs guard of a 4 µs symbol) and LTE (TS 36.211 Table 6.12-1 and
    /// TS 36.104 Table 5.6-1: 15 kHz spacing, slot 0.5 ms, prefixes 160 and 144 at 30.72 MHz, 12·N_RB subcarriers).
    @Test func presetsFollowTheStandards() {
        let wlan = OFDMNumerology.wlan(oversampling: 1)
        #expect(wlan.fftSize == 64 && wlan.occupied == 52 && wlan.cyclicPrefixes == [16])
        #expect(Double(wlan.symbolLength(0)) / 20e6 == 4e-6)
        #expect(wlan.pilots(symbol: 0).map { wlan.subcarrier(occupiedIndex: $0.index) } == [-21, -7, 7, 21])
        let rates: [(OFDMNumerology.LTEBandwidth, Double, Int)] = [
            (.mhz1_4, 1.92e6, 72), (.mhz3, 3.84e6, 180), (.mhz5, 7.68e6, 300), (.mhz10, 15.36e6, 600), (.mhz15, 23.04e6, 900), (.mhz20, 30.72e6, 1200),
        ]
        for (bandwidth, rate, subcarriers) in rates {
            for oversampling in [1, 2] {
                let lte = OFDMNumerology.lte(bandwidth, oversampling: oversampling)
                let fs = rate * Double(oversampling)
                #expect(fs / Double(lte.fftSize) == 15e3)
                #expect(lte.occupied == subcarriers)
                #expect(Double(lte.prefixCycleLength) / fs == 0.5e-3)
                #expect(abs(Double(lte.cyclicPrefixes[0]) / fs - 160 / 30.72e6) < 1e-12)
                #expect(abs(Double(lte.cyclicPrefixes[1]) / fs - 144 / 30.72e6) < 1e-12)
                #expect(lte.periodLength == 20 * lte.prefixCycleLength)  // one 10 ms frame
            }
        }
    }

    /// IEEE 802.11-2016 eq. 17-25, p₀ … p₁₂₆, as printed in the standard.
    @Test func pilotPolarityIsTheStandardSequence() {
        let printed: [Float] = [
            1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, -1, 1, 1, -1, 1, -1, -1, 1, 1, -1, 1, 1, -1, 1, 1, 1, 1, 1, 1, -1, 1,
            1, 1, -1, 1, 1, -1, -1, 1, 1, 1, -1, 1, -1, -1, -1, 1, -1, 1, -1, -1, 1, -1, -1, 1, 1, 1, 1, 1, -1, -1, 1, 1,
            -1, -1, 1, -1, 1, -1, 1, 1, -1, -1, -1, 1, 1, -1, -1, -1, -1, 1, -1, -1, 1, -1, 1, 1, 1, 1, -1, 1, -1, 1, -1, 1,
            -1, -1, -1, -1, -1, 1, -1, 1, 1, -1, 1, -1, 1, 1, 1, -1, -1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1,
        ]
        #expect(WLANPilotPolarity.values == printed)
    }

    /// TS 36.211 §7.2 written out a second way (31-bit registers as integers, bit i = x(n + i)) as the
    /// oracle of the table's Gold sequence.
    @Test func lteGoldSequenceMatchesSpecification() {
        for cInit: UInt32 in [1, 1025, 7169, 0x7FFF_FFFF, 20_481] {
            var x1: UInt32 = 1, x2 = cInit
            var expected: [UInt8] = []
            for n in 0 ..< 1600 + 440 {
                if n >= 1600 { expected.append(UInt8((x1 ^ x2) & 1)) }
                let b1 = ((x1 >> 3) ^ x1) & 1, b2 = ((x2 >> 3) ^ (x2 >> 2) ^ (x2 >> 1) ^ x2) & 1
                x1 = (x1 >> 1) | (b1 << 30)
                x2 = (x2 >> 1) | (b2 << 30)
            }
            #expect(LTECellReference.goldSequence(cInit: cInit, count: 440) == expected)
        }
    }

    /// The pilots each symbol must carry, from the standards (not from the numerology's tables):
    /// (subcarrier, value) pairs.
    static func expectedPilots(_ numerology: OFDMNumerology, symbol l: Int) -> [(Int, Complex<Float>)] {
        let p = WLANPilotPolarity.values[l % 127]
        switch numerology.pilots {
        case .none:
            return []
        case .wlan:
            return [(-21, Complex(p, 0)), (-7, Complex(p, 0)), (7, Complex(p, 0)), (21, Complex(-p, 0))]
        case .comb(let spacing):
            return stride(from: spacing / 2, to: numerology.occupied, by: spacing).map { (numerology.subcarrier(occupiedIndex: $0), Complex(p, 0)) }
        case .lteCellReference(let rb):
            let inSlot = l % 7, slot = (l / 7) % 20
            guard inSlot == 0 || inSlot == 4 else { return [] }
            let cInit = UInt32(1024 * (7 * (slot + 1) + inSlot + 1) + 1)
            let c = LTECellReference.goldSequence(cInit: cInit, count: 440)
            let a = Float(0.5).squareRoot()
            return (0 ..< 2 * rb).map { m in
                let mm = m + 110 - rb
                let value = Complex(a * (1 - 2 * Float(c[2 * mm])), a * (1 - 2 * Float(c[2 * mm + 1])))
                return (numerology.subcarrier(occupiedIndex: 6 * m + (inSlot == 0 ? 0 : 3)), value)
            }
        }
    }

    /// The FFT of each symbol's useful part holds energy only on the occupied subcarriers of an
    /// N-point grid (spacing Fs/N): guard bins and DC are empty to float precision (|X̂|² < 1e-9 against
    /// unit-energy points), data bins are constellation points and pilot bins carry the standard's
    /// values, both to 1e-4 (a single-precision IFFT/FFT round trip errs by O(ε·log₂N) ≈ 1e-6 relative;
    /// half the closest spacing of 256QAM is 0.077). Fourteen consecutive symbols (two LTE slots),
    /// the grid starting at a period boundary, and again from symbol 60 (pilot pattern bookkeeping).
    @Test(arguments: configurations)
    func symbolsOccupyExactlyTheirSubcarriers(_ c: OFDMCase) {
        let (name, numerology, constellation) = (c.name, c.numerology, c.constellation)
        let n = numerology.fftSize
        for firstSymbol in [0, 60] {
            let offset = Double(numerology.symbolStart(firstSymbol)) / Double(numerology.periodLength)
            let ofdm = OFDM(numerology: numerology, constellation: constellation, gridOffset: offset)
            #expect(ofdm.firstSymbol.symbol == firstSymbol && ofdm.firstSymbol.start == 0)
            let symbols = 14
            var starts: [Int] = [0]
            for l in 0 ..< symbols { starts.append(starts[l] + numerology.symbolLength(firstSymbol + l)) }
            let x = render(ofdm, length: starts[symbols], seed: 5)
            let receiver = OFDMReceiver(numerology: numerology)
            var worstGuard = 0.0, worstData = 0.0, worstPilot = 0.0, pilotCount = 0
            var occupiedBins = Set<Int>()
            for j in 0 ..< numerology.occupied { occupiedBins.insert(numerology.bin(subcarrier: numerology.subcarrier(occupiedIndex: j))) }
            #expect(occupiedBins.count == numerology.occupied && !occupiedBins.contains(0))
            for l in 0 ..< symbols {
                let symbol = firstSymbol + l
                let cp = numerology.cyclicPrefixes[symbol % numerology.cyclicPrefixes.count]
                let z = receiver.points(x, usefulStart: starts[l] + cp)
                let pilots = Self.expectedPilots(numerology, symbol: symbol)
                var pilotBins = Set<Int>()
                for (k, value) in pilots {
                    let bin = k < 0 ? n + k : k
                    pilotBins.insert(bin)
                    worstPilot = max(worstPilot, distance(z[bin], value))
                }
                pilotCount += pilots.count
                for bin in 0 ..< n {
                    if !occupiedBins.contains(bin) {
                        worstGuard = max(worstGuard, z[bin].lengthSquared)
                    } else if !pilotBins.contains(bin) {
                        worstData = max(worstData, constellation.points.map { distance(z[bin], $0) }.min()!)
                    }
                }
            }
            #expect(worstGuard < 1e-9, "\(name): power on an empty subcarrier \(worstGuard)")
            #expect(worstData < 1e-4, "\(name): data point off the constellation by \(worstData)")
            #expect(worstPilot < 1e-4, "\(name): pilot off by \(worstPilot)")
            if numerology.pilots != .none { #expect(pilotCount > 0) }
        }
    }

    /// The cyclic prefix repeats the last CP samples of each symbol N samples later, so the normalised
    /// autocorrelation at lag N has expectation ρ = (mean CP)/(N + mean CP) (van de Beek, Sandell &
    /// Börjesson, IEEE Trans. Signal Process. 45(7), 1997, eq. 8 without noise) and lags N ± m only
    /// ρ·|r(m)| with |r(m)| < 1 (the correlation of the band-limited useful part). Estimated over 48
    /// examples of 8192 samples at random grid offsets; tolerance 5 standard errors of the mean of the
    /// per-example estimates.
    @Test(arguments: [0, 2, 4])
    func cyclicPrefixGivesAutocorrelationPeakAtFFTSize(configuration: Int) {
        let c = Self.configurations[configuration]
        let (name, numerology, constellation) = (c.name, c.numerology, c.constellation)
        let n = numerology.fftSize
        let meanPrefix = Double(numerology.cyclicPrefixes.reduce(0, +)) / Double(numerology.cyclicPrefixes.count)
        let expected = meanPrefix / (Double(n) + meanPrefix)
        let lags = [n / 2, n - 3, n - 2, n - 1, n, n + 1, n + 2, n + 3, 3 * n / 2]
        var estimates = [[Complex<Double>]](repeating: [], count: lags.count)
        var offsets = RandomStream(seed: 11, example: 0, stream: .symbols)
        for e in 0 ..< 48 {
            let ofdm = OFDM(numerology: numerology, constellation: constellation, gridOffset: offsets.nextUnitDouble())
            let x = render(ofdm, length: 8192, seed: 11, example: UInt64(e))
            for (i, lag) in lags.enumerated() { estimates[i].append(normalisedAutocorrelation(x, lag: lag)) }
        }
        let atN = estimates[lags.firstIndex(of: n)!]
        let (re, reStd) = meanAndStd(atN.map(\.real)), (im, imStd) = meanAndStd(atN.map(\.imaginary))
        let standardError = max(reStd, imStd) / Double(atN.count).squareRoot()
        #expect(standardError < expected / 10, "\(name): estimate too noisy to test (SE \(standardError))")
        #expect(abs(re - expected) < 5 * standardError, "\(name): ρ(N) = \(re), expected \(expected) ± \(5 * standardError)")
        #expect(abs(im) < 5 * standardError)
        let magnitudes = estimates.map { column in column.reduce(Complex<Double>.zero, +).divided(by: Double(column.count)).length }
        #expect(lags[magnitudes.indices.max { magnitudes[$0] < magnitudes[$1] }!] == n, "\(name): |ρ| at \(lags): \(magnitudes)")
    }

    /// Unit expected power (averaged over the grid offset) and a steady-state window: the mean power of
    /// 300 examples (random offsets) is 1, and so is the power of their first and last 32 samples.
    /// Tolerance: 5 standard errors of the per-example means.
    @Test(arguments: configurations)
    func unitPowerAndNoEdgeTransient(_ c: OFDMCase) {
        let (name, numerology, constellation) = (c.name, c.numerology, c.constellation)
        var whole: [Double] = [], edges: [Double] = []
        var offsets = RandomStream(seed: 21, example: 0, stream: .symbols)
        for e in 0 ..< 300 {
            let ofdm = OFDM(numerology: numerology, constellation: constellation, gridOffset: offsets.nextUnitDouble())
            let x = render(ofdm, length: 1024, seed: 21, example: UInt64(e))
            whole.append(meanPower(x))
            edges.append((meanPower(Array(x.prefix(32))) + meanPower(Array(x.suffix(32)))) / 2)
        }
        for (what, values) in [("whole", whole), ("edges", edges)] {
            let (mean, std) = meanAndStd(values)
            let standardError = std / Double(values.count).squareRoot()
            #expect(abs(mean - 1) < 5 * standardError + 1e-6, "\(name) \(what): power \(mean) ± \(standardError)")
            #expect(standardError < 0.05)
        }
    }

    /// Es/N0 counts one subcarrier symbol: samples per symbol = (N + mean CP)/K.
    @Test func symbolLengthIsSamplesPerSubcarrierSymbol() {
        #expect(OFDM(numerology: .wlan(oversampling: 1), constellation: .qpsk, gridOffset: 0).symbolLength == 80.0 / 52)
        #expect(OFDM(numerology: .lte(.mhz1_4, oversampling: 1), constellation: .qpsk, gridOffset: 0).symbolLength == 960.0 / (7 * 72))
    }
}
