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
