import Foundation
import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

@Suite struct RootRaisedCosineTests {
    /// Two RRC filters in cascade form a raised cosine: at the symbol instants the cascade is zero
    /// except at the centre (Nyquist criterion). With a 16-symbol span the truncation leaves ISI
    /// below 1 % of the peak.
    @Test(arguments: [(0.2, 4), (0.35, 8), (0.5, 5), (1.0, 2)])
    func cascadeIsNyquist(rolloff: Double, sps: Int) {
        let h = RootRaisedCosine.taps(rolloff: rolloff, samplesPerSymbol: sps, spanSymbols: 16)
        #expect(h.count % 2 == 1)
        let cascade = convolve(h.map { Complex($0, 0) }, h).map(\.real)
        let centre = h.count - 1
        for m in 1 ... 6 {
            #expect(abs(cascade[centre + m * sps]) < 0.01 * cascade[centre])
            #expect(abs(cascade[centre - m * sps]) < 0.01 * cascade[centre])
        }
    }

    @Test func energyIsSamplesPerSymbol() {
        let h = RootRaisedCosine.taps(rolloff: 0.35, samplesPerSymbol: 8, spanSymbols: 10)
        #expect(abs(h.reduce(0) { $0 + Double($1 * $1) } - 8) < 1e-4)
        #expect(h.count == 81)
    }

    /// The closed form is continuous through its removable singularity at t = ±1/(4α).
    @Test func singularPointIsContinuous() {
        let sps = 8, a = 0.25  // 1/(4α) = 1 symbol = 8 samples: tap centre ± 8 hits the special case
        let h = RootRaisedCosine.taps(rolloff: a, samplesPerSymbol: sps, spanSymbols: 4)
        let c = h.count / 2
        let neighbours = (Double(h[c + 7]) + Double(h[c + 9])) / 2
        #expect(abs(Double(h[c + 8]) - neighbours) < 0.05 * abs(Double(h[c])))
    }
}

@Suite struct STFTTests {
    /// A tone at bin b (frequency (b − F/2)/F cycles/sample after centring) puts its peak in that row of
    /// every frame; with unit amplitude and a Hann window the peak is (Σw)²/Σw² = 2F/3 in linear scale.
    @Test(arguments: [(64, 40), (64, 5), (128, 64), (32, 16)])
    func toneLandsOnItsBin(fftSize: Int, bin: Int) {
        let length = 1024
        let frequency = Double(bin - fftSize / 2) / Double(fftSize)
        let x = (0 ..< length).map { k in
            Complex(Float(cos(2 * .pi * frequency * Double(k))), Float(sin(2 * .pi * frequency * Double(k))))
        }
        let stft = ShortTimeFourierTransform(fftSize: fftSize, hop: fftSize / 2, window: .hann, inputLength: length, decibels: false)
        var out = [Float](repeating: 0, count: stft.outputCount)
        x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { stft.compute(xp, into: $0) } }
        let frames = stft.frames
        #expect(frames == (length - fftSize) / (fftSize / 2) + 1)
        for t in 0 ..< frames {
            let column = (0 ..< fftSize).map { out[$0 * frames + t] }
            #expect(column.indices.max(by: { column[$0] < column[$1] }) == bin)
            #expect(abs(Double(column[bin]) - 2 * Double(fftSize) / 3) < 1e-3 * Double(fftSize))
        }
    }

    /// White noise of variance σ² reads σ² per cell on average (the |X|²/Σw² normalisation).
    @Test func whiteNoiseLevelIsItsVariance() {
        let length = 1 << 16
        var x = [Complex<Float>](repeating: .zero, count: length)
        var scratch = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        var stream = RandomStream(seed: 4, example: 0, stream: .noise)
        x.withUnsafeMutableBufferPointer { s in scratch.withUnsafeMutableBufferPointer { GaussianNoise.add(to: s, variance: 0.5, stream: &stream, scratch: $0) } }
        let stft = ShortTimeFourierTransform(fftSize: 64, hop: 64, window: .blackman, inputLength: length, decibels: false)
        var out = [Float](repeating: 0, count: stft.outputCount)
        x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { stft.compute(xp, into: $0) } }
        // Each cell is σ²·χ²(2)/2 (exponential, relative spread 1) for non-overlapping frames: the mean of
        // n = 65,536 cells has relative standard error 1/√n ≈ 0.4 %; allow 5 of those.
        let mean = out.reduce(0.0) { $0 + Double($1) } / Double(out.count)
        #expect(abs(mean / 0.5 - 1) < 5 / Double(out.count).squareRoot())
    }
}

/// One-sided rows and per-example normalisation of the spectrogram (issue 8, "Spectrogram products").
@Suite struct SpectrogramProductTests {
    /// A tone at +k/F cycles/sample lands on row k one-sided and on row F/2 + k two-sided; the one-sided
    /// rows are exactly the upper half of the two-sided ones.
    @Test(arguments: [3, 17, 31]) func oneSidedRowsAreTheUpperHalf(bin: Int) {
        let f = 64, length = 1024
        let tone = (0 ..< length).map { n in Complex<Float>(.cos(2 * .pi * Float(bin * n) / Float(f)), .sin(2 * .pi * Float(bin * n) / Float(f))) }
        let two = ShortTimeFourierTransform(fftSize: f, hop: 32, window: .hann, inputLength: length, decibels: false)
        let one = ShortTimeFourierTransform(fftSize: f, hop: 32, window: .hann, inputLength: length, decibels: false, oneSided: true)
        #expect(one.rows == f / 2 + 1 && one.outputCount == (f / 2 + 1) * one.frames)
        var a = [Float](repeating: 0, count: two.outputCount), b = [Float](repeating: 0, count: one.outputCount)
        tone.withUnsafeBufferPointer { x in
            a.withUnsafeMutableBufferPointer { two.compute(x, into: $0) }
            b.withUnsafeMutableBufferPointer { one.compute(x, into: $0) }
        }
        let frames = one.frames
        #expect(Array(a[(f / 2) * frames ..< (f + 1) * frames - frames]) == Array(b[0 ..< (f / 2) * frames]))
        let brightest = (0 ..< one.rows).max { b[$0 * frames] < b[$1 * frames] }!
        #expect(brightest == bin)
    }

    @Test func normalizationsDoWhatTheySay() {
        var generator = SplitMix64(seed: 8)
        let cells = (0 ..< 4096).map { _ in Float(Double(generator.next() % 1_000_000) / 1e4 + 0.01) }
        func normalized(_ mode: SpectrogramNormalization, decibels: Bool) -> [Float] {
            var values = decibels ? cells.map { 10 * log10($0) } : cells
            values.withUnsafeMutableBufferPointer { mode.apply(to: $0, decibels: decibels) }
            return values
        }
        #expect(normalized(.none, decibels: false) == cells)
        #expect(abs(normalized(.peak, decibels: false).max()! - 1) < 1e-6)
        #expect(abs(normalized(.peak, decibels: true).max()!) < 1e-4)
        let mean = normalized(.mean, decibels: false).reduce(0.0) { $0 + Double($1) } / Double(cells.count)
        #expect(abs(mean - 1) < 1e-5)
        // Mean in dB: the linear mean of the normalised cells is 1.
        let meanDB = normalized(.mean, decibels: true).reduce(0.0) { $0 + pow(10, Double($1) / 10) } / Double(cells.count)
        #expect(abs(meanDB - 1) < 1e-4)
        for decibels in [false, true] {
            let z = normalized(.standardize, decibels: decibels).map(Double.init)
            let m = z.reduce(0, +) / Double(z.count), s = (z.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(z.count)).squareRoot()
            #expect(abs(m) < 1e-5 && abs(s - 1) < 1e-4)
        }
    }
}
