import CKernels
import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

/// The Box–Muller kernel behind `GaussianNoise` (`specgen_gaussian_chunk`, CKernels) against a scalar
/// Swift copy of the transform it replaced (FastMath.naturalLog / unitCircle, lane by lane), bit for bit,
/// once per build of the kernel this machine can run. The level is process-wide: the cases of this suite
/// run one after another.
@Suite(.serialized) struct GaussianKernelTests {
    /// ln x as FastMath.naturalLog computes each lane.
    static func naturalLog(_ x: Float) -> Float {
        let adjusted = x.bitPattern &+ (0x3F80_0000 &- 0x3F35_04F3)
        let exponent = Float(bitPattern: (adjusted >> 23) | 0x4B00_0000) - (0x1p23 + 127)
        let mantissa = Float(bitPattern: (adjusted & 0x007F_FFFF) &+ 0x3F35_04F3)
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        var series: Float = t2 * (2.0 / 9) + 2.0 / 7
        series = series * t2 + 2.0 / 5
        series = series * t2 + 2.0 / 3
        series = series * t2 + 2
        let ln2: Float = 0.693_147_180_559_945_3
        return series * t + exponent * ln2
    }

    /// (cos 2πu, sin 2πu) as FastMath.unitCircle computes each lane.
    static func unitCircle(_ u: Float) -> (Float, Float) {
        let r = u * 4
        let shifted = r + 0x1p23
        let quarterTurns = shifted.bitPattern
        let a = (r - (shifted - 0x1p23)) * (Float.pi / 2)
        let a2 = a * a
        var s: Float = a2 * (-1.0 / 5040) + 1.0 / 120
        s = s * a2 + -1.0 / 6
        s = s * a2 + 1
        s = s * a
        var c: Float = a2 * (1.0 / 40320) + -1.0 / 720
        c = c * a2 + 1.0 / 24
        c = c * a2 + -0.5
        c = c * a2 + 1
        let (x, y) = quarterTurns & 1 == 0 ? (c, s) : (-s, c)
        return quarterTurns & 2 == 0 ? (x, y) : (-x, -y)
    }

    /// The sample of the word pair (w1, w2), as GaussianNoise computed it.
    static func sample(_ w1: UInt32, _ w2: UInt32, scale: Float) -> (Float, Float) {
        let u1 = 2 - Float(bitPattern: (w1 >> 9) | 0x3F80_0000)
        let u2 = Float(bitPattern: (w2 >> 9) | 0x3F80_0000) - 1
        let radius = (-2 * naturalLog(u1)).squareRoot() * scale
        let (c, s) = unitCircle(u2)
        return (radius * c, radius * s)
    }

    /// `GaussianNoise.add` and `fill` on awkward lengths: sample k of the row comes from words k mod 256 and
    /// 256 + k mod 256 of its chunk's 512 stream words, added to (or replacing) seeded random samples; the
    /// stream ends past whole chunks. The last chunks' lengths cover the eight- and sixteen-lane edges
    /// (1, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 77, 232, 248, 255 samples, and whole chunks).
    @Test(arguments: KernelLevel.available)
    func addAndFillMatchTheScalarTransform(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        let chunk = GaussianNoise.chunk
        var generator = SplitMix64(seed: 20_260_513)
        var scratch = [UInt32](repeating: 0, count: 2 * chunk)
        for (trial, count) in [0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 248, 255, 256, 257, 263, 280, 333, 511, 1000, 1029].enumerated() {
            let variance = Float(generator.next() % 1000 + 1) / 97
            let scale = (variance / 2).squareRoot()
            let stream = RandomStream(seed: generator.next(), example: generator.next(), stream: .noise)
            let chunks = (count + chunk - 1) / chunk
            var reference = stream
            var words = [UInt32](repeating: 0, count: 2 * chunk * chunks)
            words.withUnsafeMutableBufferPointer { reference.fill($0) }
            let start = (0 ..< count).map { _ in
                Complex(Float(Int64(bitPattern: generator.next()) >> 40), Float(Int64(bitPattern: generator.next()) >> 40)) / 4096
            }
            for adding in [true, false] {
                var samples = adding ? start : [Complex<Float>](repeating: Complex(.nan, 7), count: count)
                var noise = stream
                samples.withUnsafeMutableBufferPointer { s in
                    scratch.withUnsafeMutableBufferPointer {
                        if adding {
                            GaussianNoise.add(to: s, variance: variance, stream: &noise, scratch: $0)
                        } else {
                            GaussianNoise.fill(s, variance: variance, stream: &noise, scratch: $0)
                        }
                    }
                }
                var mismatches = 0
                for k in 0 ..< count {
                    let base = 2 * chunk * (k / chunk), i = k % chunk
                    let (re, im) = Self.sample(words[base + i], words[base + chunk + i], scale: scale)
                    let expected = adding ? Complex(start[k].real + re, start[k].imaginary + im) : Complex(re, im)
                    if samples[k].real.bitPattern != expected.real.bitPattern
                        || samples[k].imaginary.bitPattern != expected.imaginary.bitPattern { mismatches += 1 }
                }
                #expect(mismatches == 0, "\(level) trial \(trial): \(count) samples, adding \(adding)")
                var after = reference
                #expect(noise.nextWord() == after.nextWord(), "\(level) trial \(trial): stream position")
            }
        }
    }

    /// Every u₁ and every u₂ (all 2^23 mantissas of each, paired by a bijection, random low bits), straight
    /// through the C entry point in whole chunks of 256 (the widest body of each level), against the scalar
    /// transform.
    @Test(arguments: KernelLevel.available)
    func everyMantissaMatchesTheScalarTransform(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        let chunk = 256, scale: Float = 0.7
        var generator = SplitMix64(seed: 99)
        var words = [UInt32](repeating: 0, count: 2 * chunk)
        var out = [Float](repeating: 0, count: 2 * chunk)
        var mismatches = 0
        for first in stride(from: 0, to: 1 << 23, by: chunk) {
            for i in 0 ..< chunk {
                let m = UInt32(first + i)
                let junk = generator.next()
                words[i] = m << 9 | UInt32(truncatingIfNeeded: junk) & 0x1FF
                words[chunk + i] = (m &* 0x2F_5A_C3) << 9 | UInt32(truncatingIfNeeded: junk >> 32) & 0x1FF
            }
            words.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { specgen_gaussian_chunk(w.baseAddress!, chunk, chunk, scale, $0.baseAddress!, 0) }
            }
            for i in 0 ..< chunk {
                let (re, im) = Self.sample(words[i], words[chunk + i], scale: scale)
                if out[2 * i].bitPattern != re.bitPattern || out[2 * i + 1].bitPattern != im.bitPattern { mismatches += 1 }
            }
        }
        #expect(mismatches == 0, "\(level)")
    }

    /// Every length of a partial chunk, 0 … 256, straight through the C entry point: each main loop (8 or 16
    /// lanes) with every remainder, adding and filling, against the scalar transform; the samples past n are
    /// left as they were.
    @Test(arguments: KernelLevel.available)
    func everyChunkLengthMatchesTheScalarTransform(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        let chunk = 256, scale: Float = 1.3
        var generator = SplitMix64(seed: 4_096)
        var mismatches = 0, overwritten = 0
        for n in 0 ... chunk {
            let words = (0 ..< 2 * chunk).map { _ in UInt32(truncatingIfNeeded: generator.next()) }
            let start = (0 ..< 2 * chunk).map { _ in Float(Int64(bitPattern: generator.next()) >> 40) / 4096 }
            for adding in [true, false] {
                var out = start
                words.withUnsafeBufferPointer { w in
                    out.withUnsafeMutableBufferPointer {
                        specgen_gaussian_chunk(w.baseAddress!, chunk, n, scale, $0.baseAddress!, adding ? 1 : 0)
                    }
                }
                for i in 0 ..< n {
                    let (re, im) = Self.sample(words[i], words[chunk + i], scale: scale)
                    let expected = adding ? (start[2 * i] + re, start[2 * i + 1] + im) : (re, im)
                    if out[2 * i].bitPattern != expected.0.bitPattern || out[2 * i + 1].bitPattern != expected.1.bitPattern {
                        mismatches += 1
                    }
                }
                for j in 2 * n ..< 2 * chunk where out[j].bitPattern != start[j].bitPattern { overwritten += 1 }
            }
        }
        #expect(mismatches == 0, "\(level)")
        #expect(overwritten == 0, "\(level)")
    }
}
