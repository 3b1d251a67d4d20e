import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The dechirp receiver (Vangelista 2017, §III): take the chip instants of one symbol, multiply by the
/// conjugate base up-chirp x₀[m] = e^{j2π(m²/(2M) − m/2)} (written out here, not taken from the
/// emitter) and take the M-point DFT: symbol s is a tone at bin s.
struct DechirpReceiver {
    let m: Int
    let conjugateBase: [Complex<Double>]
    let plan: FFTPlan
    let input: AlignedBuffer<Complex<Float>>, output: AlignedBuffer<Complex<Float>>

    init(spreadingFactor: Int) {
        let m = 1 << spreadingFactor
        self.m = m
        let size = Double(m)
        conjugateBase = (0 ..< m).map { k in
            let cycles = Double(k * k % (2 * m)) / (2 * size) - Double(k % 2) / 2
            return Complex(cos(2 * Double.pi * cycles), -sin(2 * Double.pi * cycles))
        }
        plan = FFTPlan.cached(size: m, direction: .forward)
        input = AlignedBuffer(count: m)
        output = AlignedBuffer(count: m)
    }

    /// The DFT magnitudes of the dechirped symbol whose chips are x[start + k·step], k = 0 ..< M.
    func spectrum(_ x: [Complex<Float>], start: Int, step: Int) -> [Double] {
        for k in 0 ..< m {
            let v = Complex(Double(x[start + k * step].real), Double(x[start + k * step].imaginary)) * conjugateBase[k]
            input.baseAddress[k] = Complex(Float(v.real), Float(v.imaginary))
        }
        plan.execute(input: input.baseAddress, output: output.baseAddress)
        return (0 ..< m).map { Double(output.baseAddress[$0].length) }
    }
}

@Suite struct ChirpSpreadSpectrumTests {
    /// SF 7 … 12 with the oversampling Fs/B used for each.
    static let cases: [(Int, Int)] = [(7, 8), (8, 4), (9, 2), (10, 1), (11, 2), (12, 1)]

    /// A test sequence of 300 symbols: the edges 0, 1, M/2 − 1, M/2, M − 1, then every value once for
    /// SF 7 and 8 (M ≤ 256), the rest uniform from a fixed Philox stream.
    static func testSymbols(spreadingFactor sf: Int) -> [UInt32] {
        let m = UInt32(1 << sf)
        var symbols: [UInt32] = [0, 1, m / 2 - 1, m / 2, m - 1]
        if m <= 256 { symbols += (0 ..< m).reversed() }
        var stream = RandomStream(seed: 7, example: UInt64(sf), stream: .symbols)
        while symbols.count < 300 { symbols.append(stream.nextInt(below: m)) }
        return symbols
    }

    /// Every symbol of the sequence gives exactly one DFT peak, at its value: the peak holds the whole
    /// symbol (|X[s]| = M to the Float rounding of M unit-magnitude products, relative 1e-5) and every
    /// other bin stays below 1e-4·M.
    @Test(arguments: cases)
    func dechirpFindsEverySymbol(spreadingFactor: Int, samplesPerChip: Int) {
        let symbols = Self.testSymbols(spreadingFactor: spreadingFactor)
        let css = ChirpSpreadSpectrum(spreadingFactor: spreadingFactor, bandwidth: 1 / Double(samplesPerChip), gridOffset: 0, phase: 0.77)
        let m = css.alphabetSize, symbolSamples = m * samplesPerChip
        #expect(css.symbolLength == Double(symbolSamples))
        var x = [Complex<Float>](repeating: .zero, count: symbols.count * symbolSamples)
        symbols.withUnsafeBufferPointer { s in x.withUnsafeMutableBufferPointer { css.render(symbols: s, into: $0) } }
        let receiver = DechirpReceiver(spreadingFactor: spreadingFactor)
        var decoded: [UInt32] = [], weakestPeak = Double.infinity, strongestOther = 0.0
        for i in 0 ..< symbols.count {
            let spectrum = receiver.spectrum(x, start: i * symbolSamples, step: samplesPerChip)
            let peak = spectrum.indices.max { spectrum[$0] < spectrum[$1] }!
            decoded.append(UInt32(peak))
            weakestPeak = min(weakestPeak, spectrum[peak] / Double(m))
            strongestOther = max(strongestOther, spectrum.enumerated().filter { $0.offset != peak }.map(\.element).max()! / Double(m))
        }
        #expect(decoded == symbols)
        #expect(abs(weakestPeak - 1) < 1e-5)
        #expect(strongestOther < 1e-4)
    }

    /// `render` draws one uniform symbol per symbol period from the stream, in order: decoding a
    /// rendered capture (SF 9, 2 samples per chip, sample 0 a quarter into a symbol) gives the values
    /// `drawSymbols` takes from an identical stream, for every symbol wholly inside the capture.
    @Test func renderDrawsItsSymbolsFromTheStream() {
        let css = ChirpSpreadSpectrum(spreadingFactor: 9, bandwidth: 0.5, gridOffset: 0.25, phase: 2)
        let length = 40 * 1024
        let x = render(css, length: length, seed: 99)
        var stream = RandomStream(seed: 99, example: 0, stream: .symbols)
        var expected = [UInt32](repeating: 0, count: (css.symbolCount(length: length) + 3) / 4 * 4)
        expected.withUnsafeMutableBufferPointer { css.drawSymbols(&stream, into: $0) }
        #expect(expected.allSatisfy { $0 < 512 })
        let receiver = DechirpReceiver(spreadingFactor: 9)
        var checked = 0
        for i in 1 ..< 40 {
            let start = i * 1024 - 256
            guard start + 1024 <= length else { break }
            let spectrum = receiver.spectrum(x, start: start, step: 2)
            #expect(UInt32(spectrum.indices.max { spectrum[$0] < spectrum[$1] }!) == expected[i])
            checked += 1
        }
        #expect(checked == 39)
        #expect(Set(expected.prefix(40)).count > 30)  // 40 draws from 512 values: a handful of repeats at most
    }

    /// At any timing the capture is the closed form sampled at the integers: with τ the chip time into
    /// symbol s, x = e^{j(φ + 2πg(τ))}, g(τ) = ((τ + s)² − s²)/(2M) − τ/2 − max(0, τ − (M − s)) (the
    /// frequency drops by B at the wrap). Every symbol starts at phase φ: g(M) = 0. Fs/B = 2.7 and a
    /// grid offset of 0.37 symbol put the chip and symbol boundaries between samples; tolerance 10 × the
    /// Float storage error (4.3e-8).
    @Test func matchesClosedFormAtFractionalTiming() {
        let sf = 8, m = 256.0, b = 1 / 2.7, u = 0.37, phi = 2.0
        let symbols = Self.testSymbols(spreadingFactor: sf).prefix(60).map { $0 }
        let css = ChirpSpreadSpectrum(spreadingFactor: sf, bandwidth: b, gridOffset: u, phase: phi)
        let length = Int(58 * css.symbolLength)
        var x = [Complex<Float>](repeating: .zero, count: length)
        symbols.withUnsafeBufferPointer { s in x.withUnsafeMutableBufferPointer { css.render(symbols: s, into: $0) } }
        var worst = 0.0
        for n in 0 ..< length {
            let t = Double(n) + u * css.symbolLength
            let i = Int((t / css.symbolLength).rounded(.down))
            let tau = (t - Double(i) * css.symbolLength) * b
            let s = Double(symbols[i])
            let g = ((tau + s) * (tau + s) - s * s) / (2 * m) - tau / 2 - max(0, tau - (m - s))
            let angle = phi + 2 * Double.pi * g
            worst = max(worst, hypot(Double(x[n].real) - cos(angle), Double(x[n].imaginary) - sin(angle)))
        }
        #expect(worst < 10 * 0x1p-24 * 2.0.squareRoot() / 2, "largest deviation from the closed form: \(worst)")
    }

    /// Constant envelope: |x|² = 1 for every sample (bound 2^-23, see the sweep test); Es/N0 counts one
    /// symbol of M·Fs/B samples.
    @Test func unitPowerAndSymbolLength() {
        let css = ChirpSpreadSpectrum(spreadingFactor: 7, bandwidth: 0.125, gridOffset: 0.5, phase: 0)
        let x = render(css, length: 100_000)
        #expect(x.allSatisfy { abs(Double($0.real) * Double($0.real) + Double($0.imaginary) * Double($0.imaginary) - 1) < 0x1p-23 })
        #expect(css.symbolLength == 1024)
    }
}
