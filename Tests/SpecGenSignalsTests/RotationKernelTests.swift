import CKernels
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The carrier-offset, IQ-imbalance and phase-noise kernels (CKernels, `specgen_rotate.h`) against the
/// Swift code they replaced, bit for bit, at every kernel level.
/// Serialized: the kernel level is process-wide.
@Suite(.serialized) struct RotationKernelTests {
    /// Around the steps of eight (baseline, AVX2) and sixteen (AVX-512), the 512-sample blocks of the carrier
    /// offset and its pairs of blocks.
    static let lengths = [0, 1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 33, 255, 511, 512, 513, 520, 1000, 1024, 1031, 1032, 1040, 1536,
                          1543, 2053]

    static func samples(_ count: Int, _ generator: inout SplitMix64) -> [Complex<Float>] {
        (0 ..< count).map { _ in Complex(uniform(&generator) * 4 - 2, uniform(&generator) * 4 - 2) }
    }

    static func uniform(_ generator: inout SplitMix64) -> Float { Float(Double(generator.next() >> 11) * 0x1p-53) }

    /// The first sample whose bits differ (nil: identical).
    static func firstDifference(_ x: [Complex<Float>], _ y: [Complex<Float>]) -> Int? {
        guard x.count == y.count else { return min(x.count, y.count) }
        return x.indices.first { x[$0].real.bitPattern != y[$0].real.bitPattern || x[$0].imaginary.bitPattern != y[$0].imaginary.bitPattern }
    }

    static func apply(_ stage: any ChannelStage, to x: [Complex<Float>], seed: UInt64) -> [Complex<Float>] {
        var y = x
        var stream = RandomStream(seed: seed, example: 3, stream: StreamID(rawValue: 77))
        y.withUnsafeMutableBufferPointer { stage.apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
        return y
    }

    /// The carrier offset without drift as the Swift code and C shim computed it before CKernels: blocks
    /// of 512 samples, each anchored by libm at its first sample; runs of eight rotated by the float anchor
    /// times e^{j2πfk} (float); the anchor advanced in double precision; the last few by the double table.
    static func referenceCarrierOffset(_ x: inout [Complex<Float>], frequency: Double, phase: Double, origin: Int) {
        let first = 2 * Double.pi * UnitPhasor.wrap(frequency)
        let unit = (Double.cos(first), Double.sin(first))
        var powerRe = [Double](repeating: 0, count: 9), powerIm = [Double](repeating: 0, count: 9)
        powerRe[0] = 1
        for k in 1 ... 8 {
            let a = powerRe[k - 1], b = powerIm[k - 1]
            powerRe[k] = a * unit.0 - b * unit.1
            powerIm[k] = a * unit.1 + b * unit.0
        }
        let er = powerRe.prefix(8).map { Float($0) }, ei = powerIm.prefix(8).map { Float($0) }
        var start = 0
        while start < x.count {
            let angle = 2 * Double.pi * UnitPhasor.wrap(frequency * Double(start - origin)) + phase
            var ar = Double.cos(angle), ai = Double.sin(angle)
            let end = min(x.count, start + 512)
            var k = start
            while k + 8 <= end {
                let fr = Float(ar), fi = Float(ai)
                for j in 0 ..< 8 {
                    let pr = fr * er[j] - fi * ei[j], pi = fr * ei[j] + fi * er[j]
                    let xr = x[k + j].real, xi = x[k + j].imaginary
                    x[k + j] = Complex(xr * pr + xi * -pi, xi * pr + xr * pi)
                }
                let next = ar * powerRe[8] - ai * powerIm[8]
                ai = ar * powerIm[8] + ai * powerRe[8]
                ar = next
                k += 8
            }
            for j in 0 ..< end - k {
                let c = powerRe[j], s = powerIm[j]
                let pr = Float(ar * c - ai * s), pi = Float(ar * s + ai * c)
                let xr = x[k + j].real, xi = x[k + j].imaginary
                x[k + j] = Complex(xr * pr - xi * pi, xr * pi + xi * pr)
            }
            start = end
        }
    }

    /// `CarrierOffset` without drift (`specgen_carrier_rotate`) equals the former code bit for bit: rows
    /// around the eight-sample runs and the 512-sample blocks, seeded frequencies across (−½, ½), phases and
    /// origins.
    @Test(arguments: KernelLevel.available)
    func carrierOffsetMatchesTheSwiftCode(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_261_129)
        for count in Self.lengths {
            for trial in 0 ..< 3 {
                let frequency = Double(Self.uniform(&generator)) * 0.998 - 0.499
                let phase = Double(Self.uniform(&generator)) * 20 - 10
                let origin = trial == 0 ? 0 : Int(generator.next() % 40)
                let x = Self.samples(count, &generator)
                var expected = x
                Self.referenceCarrierOffset(&expected, frequency: frequency, phase: phase, origin: origin)
                let got = Self.apply(CarrierOffset(frequency: frequency, phase: phase, origin: origin), to: x, seed: 1)
                #expect(Self.firstDifference(got, expected) == nil, "count \(count), f \(frequency), level \(level)")
            }
        }
    }

    /// `specgen_carrier_rotate` with two blocks (their runs in lockstep) equals two calls with one block
    /// each, bit for bit, at every level: either block longer, lengths not a multiple of eight or sixteen.
    @Test(arguments: KernelLevel.available)
    func carrierBlockPairsEqualSingleBlocks(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_261_133)
        let sizes = [0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 33, 40, 512]
        for first in sizes {
            for second in sizes where first + second > 0 {
                let frequency = Double(Self.uniform(&generator)) * 0.998 - 0.499
                let unit = (Double.cos(2 * Double.pi * frequency), Double.sin(2 * Double.pi * frequency))
                var powerRe = [Double](repeating: 0, count: 9), powerIm = [Double](repeating: 0, count: 9)
                powerRe[0] = 1
                for k in 1 ... 8 {
                    powerRe[k] = powerRe[k - 1] * unit.0 - powerIm[k - 1] * unit.1
                    powerIm[k] = powerRe[k - 1] * unit.1 + powerIm[k - 1] * unit.0
                }
                let anchors = (0 ..< 4).map { _ in Double(Self.uniform(&generator)) * 2 - 1 }
                let x = Self.samples(first + second, &generator)
                var expected = x, got = x
                expected.withUnsafeMutableBytes { bytes in
                    let p = bytes.baseAddress!.assumingMemoryBound(to: Float.self)
                    specgen_carrier_rotate(p, first, first, powerRe, powerIm, anchors[0], anchors[1], 0, 0)
                    specgen_carrier_rotate(p + 2 * first, second, second, powerRe, powerIm, anchors[2], anchors[3], 0, 0)
                }
                got.withUnsafeMutableBytes { bytes in
                    specgen_carrier_rotate(bytes.baseAddress!.assumingMemoryBound(to: Float.self), first + second, first, powerRe, powerIm,
                                           anchors[0], anchors[1], anchors[2], anchors[3])
                }
                #expect(Self.firstDifference(got, expected) == nil, "blocks \(first) + \(second), level \(level)")
            }
        }
    }

    /// `IQImbalance` (`specgen_iq_imbalance`) equals the former scalar loop Q ← a·Q − b·I bit for bit.
    @Test(arguments: KernelLevel.available)
    func iqImbalanceMatchesTheSwiftCode(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_261_130)
        for count in Self.lengths {
            let stage = IQImbalance(gainDB: Double(Self.uniform(&generator)) * 12 - 6, phase: Double(Self.uniform(&generator)) * 1.5 - 0.75)
            let a = Float(stage.gain * Double.cos(stage.phase)), b = Float(stage.gain * Double.sin(stage.phase))
            let x = Self.samples(count, &generator)
            let expected = x.map { Complex($0.real, a * $0.imaginary - b * $0.real) }
            #expect(Self.firstDifference(Self.apply(stage, to: x, seed: 2), expected) == nil, "count \(count), level \(level)")
        }
    }

    /// `PhaseNoise` (folded spectrum, inverse FFT, `UnitPhasor.rotate`) gives the same bits at every level, for
    /// tiny phases (the short polynomials) and large ones (shift +40 dB: the full unit circle), rows not a
    /// multiple of eight included.
    @Test func phaseNoiseIsTheSameAtEveryLevel() {
        var generator = SplitMix64(seed: 20_261_132)
        for (count, shift) in [(1, 0.0), (9, -20), (17, 0), (33, 20), (64, 0), (1000, 0), (1001, 10), (1003, 40), (1024, 10), (2053, 30)] as [(Int, Double)] {
            let stage = PhaseNoise(offsets: [1e-3, 1e-2, 0.1], levelsDB: [-60, -80, -100], shiftDB: shift)
            let x = Self.samples(count, &generator)
            var results: [[Complex<Float>]] = []
            for level in KernelLevel.available {
                let hold = KernelLevelHold(level)
                defer { hold.release() }
                results.append(Self.apply(stage, to: x, seed: UInt64(count)))
            }
            #expect(results.allSatisfy { Self.firstDifference($0, results[0]) == nil }, "count \(count)")
        }
    }
}
