import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

/// The Swift code `UnitPhasor.fill` and `rotate` ran before they moved to CKernels (`specgen_rotate.h`),
/// kept here operation for operation as the reference the C kernels must match bit for bit.
private enum SwiftUnitPhasor {
    typealias Lanes = SIMD8<Float>
    typealias Words = SIMD8<UInt32>

    static func unitCircle(_ u: Lanes) -> (cos: Lanes, sin: Lanes) {
        let r = u * 4
        let shifted = r + Lanes(repeating: 0x1p23)
        let quarterTurns = unsafeBitCast(shifted, to: Words.self)
        let a = (r - (shifted - Lanes(repeating: 0x1p23))) * (Float.pi / 2)
        let a2 = a * a
        var s: Lanes = a2 * Lanes(repeating: -1.0 / 5040) + Lanes(repeating: 1.0 / 120)
        s = s * a2 + Lanes(repeating: -1.0 / 6)
        s = s * a2 + Lanes(repeating: 1)
        s = s * a
        var c: Lanes = a2 * Lanes(repeating: 1.0 / 40320) + Lanes(repeating: -1.0 / 720)
        c = c * a2 + Lanes(repeating: 1.0 / 24)
        c = c * a2 + Lanes(repeating: -0.5)
        c = c * a2 + Lanes(repeating: 1)
        let sign = Words(repeating: 0x8000_0000)
        let cBits = unsafeBitCast(c, to: Words.self), sBits = unsafeBitCast(s, to: Words.self)
        let swap = Words.zero &- (quarterTurns & 1)
        let negate = (quarterTurns & 2) &<< 30
        let x = ((cBits & ~swap) | ((sBits ^ sign) & swap)) ^ negate
        let y = ((sBits & ~swap) | (cBits & swap)) ^ negate
        return (unsafeBitCast(x, to: Lanes.self), unsafeBitCast(y, to: Lanes.self))
    }

    static func smallCircle(_ u: Lanes) -> (cos: Lanes, sin: Lanes) {
        let t = u * (2 * Float.pi), t2 = t * t
        let c = 1 - t2 * (0.5 - t2 * (1.0 / 24))
        let s = t * (1 - t2 * (1.0 / 6 - t2 * (1.0 / 120)))
        return (c, s)
    }

    static func turn(_ u: Lanes) -> Lanes {
        var fraction = u - ((u + 0x1.8p23) - 0x1.8p23)
        let negative = unsafeBitCast(fraction, to: Words.self) &>> 31
        fraction += unsafeBitCast(negative &* 0x3F80_0000, to: Lanes.self)
        return fraction
    }

    static func fill(_ output: inout [Complex<Float>], cycles: [Float], scale: Float) {
        var k = 0
        while k < cycles.count {
            var u = Lanes.zero
            for lane in 0 ..< min(8, cycles.count - k) { u[lane] = cycles[k + lane] }
            let (c, s) = unitCircle(turn(u))
            let re = c * scale, im = s * scale
            for lane in 0 ..< min(8, cycles.count - k) { output[k + lane] = Complex(re[lane], im[lane]) }
            k += 8
        }
    }

    static func rotate(_ x: inout [Complex<Float>], cycles: [Float]) {
        let count = x.count
        var k = 0
        while k + 8 <= count {
            var u = Lanes.zero
            for lane in 0 ..< 8 { u[lane] = cycles[k + lane] }
            let small: Float = 1.0 / 64
            let (c, s) = all((u .<= small) .& (u .>= -small)) ? smallCircle(u) : unitCircle(turn(u))
            for lane in 0 ..< 8 {
                let xr = x[k + lane].real, xi = x[k + lane].imaginary
                x[k + lane] = Complex(xr * c[lane] + xi * -s[lane], xi * c[lane] + xr * s[lane])
            }
            k += 8
        }
        if k < count {
            var phasors = [Complex<Float>](repeating: .zero, count: count - k)
            fill(&phasors, cycles: Array(cycles[k...]), scale: 1)
            for j in 0 ..< count - k {
                let xr = x[k + j].real, xi = x[k + j].imaginary, pr = phasors[j].real, pi = phasors[j].imaginary
                x[k + j] = Complex(xr * pr - xi * pi, xr * pi + xi * pr)
            }
        }
    }
}

/// The first sample whose bits differ (nil: identical).
private func firstDifference(_ x: [Complex<Float>], _ y: [Complex<Float>]) -> Int? {
    guard x.count == y.count else { return min(x.count, y.count) }
    return x.indices.first { x[$0].real.bitPattern != y[$0].real.bitPattern || x[$0].imaginary.bitPattern != y[$0].imaginary.bitPattern }
}

/// Phases that exercise every path: large of either sign, all within ±1/64 (the short polynomials),
/// mixed, exact boundaries (±1/64, ±0, integers, half and quarter turns), tiny negatives (turn gives 1),
/// and groups of eight samples each all small or all large at random (so that the two groups of a
/// sixteen-lane step take different polynomials).
private func phases(_ count: Int, kind: Int, generator: inout SplitMix64) -> [Float] {
    let special: [Float] = [0, -0.0, 1.0 / 64, -1.0 / 64, 0.25, 0.5, -0.5, 1, -1, 3, -1e-30, 0.125, 0.375, 1.0 / 64 + 1e-7]
    let groupSmall = (0 ..< (count + 7) / 8).map { _ in generator.next() % 2 == 0 }
    return (0 ..< count).map { k in
        let r = Double(generator.next() >> 11) * 0x1p-53
        switch kind {
        case 0: return Float(8 * r - 4)
        case 1: return Float((2 * r - 1) / 64)
        case 2: return generator.next() % 9 == 0 ? Float(2 * r - 1) : Float((2 * r - 1) / 70)
        case 3: return special[Int(generator.next() % UInt64(special.count))]
        default: return groupSmall[k / 8] ? Float((2 * r - 1) / 64) : Float(4 * r - 2)
        }
    }
}

/// Serialized: the kernel level is process-wide.
@Suite(.serialized) struct UnitPhasorKernelTests {
    /// Around the steps of eight (baseline, AVX2) and of sixteen (AVX-512), the tails included.
    static let lengths = [0, 1, 2, 7, 8, 9, 15, 16, 17, 18, 23, 24, 25, 31, 32, 33, 40, 47, 63, 255, 1000, 1003, 1024]
    static let kinds = 5

    /// `fill` (any scale) equals the former Swift code bit for bit at every kernel level, for lengths
    /// around the eight- and sixteen-sample steps and phases of every kind.
    @Test(arguments: KernelLevel.available)
    func fillMatchesTheSwiftCode(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_261_127)
        for count in Self.lengths {
            for kind in 0 ..< Self.kinds {
                let cycles = phases(count, kind: kind, generator: &generator)
                let scale: Float = kind == 0 ? 1 : Float(Double(generator.next() >> 40) * 0x1p-20)
                var expected = [Complex<Float>](repeating: .zero, count: count)
                SwiftUnitPhasor.fill(&expected, cycles: cycles, scale: scale)
                // Sixteen guard samples after the row: nothing is written past it.
                var got = [Complex<Float>](repeating: Complex(7, 7), count: count + 16)
                cycles.withUnsafeBufferPointer { u in
                    got.withUnsafeMutableBufferPointer {
                        UnitPhasor.fill(UnsafeMutableBufferPointer(rebasing: $0[..<count]), cycles: u.baseAddress ?? UnsafePointer(bitPattern: 16)!, scale: scale)
                    }
                }
                #expect(firstDifference(Array(got[..<count]), expected) == nil, "count \(count), kind \(kind), level \(level)")
                #expect(got[count...].allSatisfy { $0 == Complex(7, 7) }, "count \(count), kind \(kind), level \(level)")
            }
        }
    }

    /// `rotate` equals the former Swift code bit for bit at every kernel level (the short-polynomial and
    /// full paths, groups of eight taking different ones within a sixteen-lane step, the tail through
    /// `fill`).
    @Test(arguments: KernelLevel.available)
    func rotateMatchesTheSwiftCode(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var generator = SplitMix64(seed: 20_261_128)
        for count in Self.lengths {
            for kind in 0 ..< Self.kinds {
                let cycles = phases(count, kind: kind, generator: &generator)
                let x = (0 ..< count).map { _ in
                    Complex(Float(Double(generator.next() >> 11) * 0x1p-53 - 0.5) * 3, Float(Double(generator.next() >> 11) * 0x1p-53 - 0.5) * 3)
                }
                var expected = x
                SwiftUnitPhasor.rotate(&expected, cycles: cycles)
                var got = x + [Complex<Float>](repeating: Complex(7, 7), count: 16)
                cycles.withUnsafeBufferPointer { u in
                    got.withUnsafeMutableBufferPointer {
                        UnitPhasor.rotate(UnsafeMutableBufferPointer(rebasing: $0[..<count]), cycles: u.baseAddress ?? UnsafePointer(bitPattern: 16)!)
                    }
                }
                #expect(firstDifference(Array(got[..<count]), expected) == nil, "count \(count), kind \(kind), level \(level)")
                #expect(got[count...].allSatisfy { $0 == Complex(7, 7) }, "count \(count), kind \(kind), level \(level)")
            }
        }
    }
}
