import Foundation
import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

@Suite struct GaussianNoiseTests {
    /// 2^18 complex samples of variance 2 (1 per dimension). Each part is checked with a KS test against
    /// Φ at the 1 % level; the variance estimate's standard error is √(2/n)·σ² per part (χ² spread), and
    /// the bound is 5 of those.
    @Test func componentsAreStandardNormalAndIndependent() {
        let n = 1 << 18
        var samples = [Complex<Float>](repeating: .zero, count: n)
        var scratch = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        var stream = RandomStream(seed: 42, example: 9, stream: .noise)
        samples.withUnsafeMutableBufferPointer { s in
            scratch.withUnsafeMutableBufferPointer { GaussianNoise.add(to: s, variance: 2, stream: &stream, scratch: $0) }
        }
        let re = samples.map { Double($0.real) }, im = samples.map { Double($0.imaginary) }
        let critical = kolmogorovSmirnovCritical1Percent(n: n)
        #expect(kolmogorovSmirnov(re, cdf: normalCDF) < critical)
        #expect(kolmogorovSmirnov(im, cdf: normalCDF) < critical)
        let (mr, sr) = meanAndStd(re), (mi, si) = meanAndStd(im)
        let meanBound = 5 / Double(n).squareRoot()
        #expect(abs(mr) < meanBound && abs(mi) < meanBound)
        let varianceBound = 5 * (2 / Double(n)).squareRoot()
        #expect(abs(sr * sr - 1) < varianceBound && abs(si * si - 1) < varianceBound)
        // Correlation of the parts, and of consecutive samples: standard error 1/√n.
        let cross = zip(re, im).reduce(0.0) { $0 + $1.0 * $1.1 } / Double(n)
        let lag1 = zip(re.dropLast(), re.dropFirst()).reduce(0.0) { $0 + $1.0 * $1.1 } / Double(n - 1)
        #expect(abs(cross) < meanBound && abs(lag1) < meanBound)
    }

    /// The noise of sample k does not depend on how the buffer was split, as long as the splits are whole chunks.
    @Test func chunkedCallsGiveTheSameSamples() {
        let n = 4 * GaussianNoise.chunk
        var whole = [Complex<Float>](repeating: .zero, count: n)
        var parts = whole
        var scratch = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        var a = RandomStream(seed: 3, example: 1, stream: .noise)
        var b = a
        scratch.withUnsafeMutableBufferPointer { sc in
            whole.withUnsafeMutableBufferPointer { GaussianNoise.add(to: $0, variance: 1, stream: &a, scratch: sc) }
            parts.withUnsafeMutableBufferPointer { p in
                let half = n / 2
                GaussianNoise.add(to: UnsafeMutableBufferPointer(rebasing: p[0 ..< half]), variance: 1, stream: &b, scratch: sc)
                GaussianNoise.add(to: UnsafeMutableBufferPointer(rebasing: p[half ..< n]), variance: 1, stream: &b, scratch: sc)
            }
        }
        #expect(whole == parts)
    }
}

@Suite struct PartialChunkTests {
    /// A row that ends inside a chunk draws only its samples' words, yet every sample is the one a whole
    /// chunk gives it, and the stream ends where a whole chunk would leave it (the next draw agrees).
    @Test(arguments: [1, 7, 8, 9, 255, 300, 513])
    func partialChunkKeepsTheLayout(count: Int) {
        let whole = (count + GaussianNoise.chunk - 1) / GaussianNoise.chunk * GaussianNoise.chunk
        var a = RandomStream(seed: 8, example: 2, stream: .noise), b = a
        var full = [Complex<Float>](repeating: .zero, count: whole), part = [Complex<Float>](repeating: .zero, count: count)
        var scratch = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        scratch.withUnsafeMutableBufferPointer { sc in
            full.withUnsafeMutableBufferPointer { GaussianNoise.add(to: $0, variance: 1, stream: &a, scratch: sc) }
            part.withUnsafeMutableBufferPointer { GaussianNoise.add(to: $0, variance: 1, stream: &b, scratch: sc) }
        }
        #expect(Array(full[0 ..< count]) == part)
        #expect(a.nextWord() == b.nextWord())
    }
}
