import Foundation
import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

@Suite struct FFTTests {
    static func randomSignal(_ n: Int, seed: UInt64) -> [Complex<Double>] {
        var stream = RandomStream(seed: seed, example: 0, stream: .symbols)
        return (0 ..< n).map { _ in Complex(stream.nextUnitDouble() - 0.5, stream.nextUnitDouble() - 0.5) }
    }

    /// The FFTW wrapper against the O(N²) DFT oracle, for powers of two and awkward sizes, both
    /// directions; single-precision error bound ~ 1e-5·√N·max|X|.
    @Test(arguments: [1, 2, 8, 60, 64, 97, 256, 1000])
    func matchesNaiveDFT(size: Int) {
        let x = Self.randomSignal(size, seed: UInt64(size))
        for direction in [FFTDirection.forward, .inverse] {
            let expected = naiveDFT(x, inverse: direction == .inverse)
            let input = AlignedBuffer<Complex<Float>>(count: size)
            let output = AlignedBuffer<Complex<Float>>(count: size)
            for i in 0 ..< size { input.baseAddress[i] = Complex(Float(x[i].real), Float(x[i].imaginary)) }
            FFTPlan.cached(size: size, direction: direction).execute(input: input.baseAddress, output: output.baseAddress)
            let scale = expected.map { $0.length }.max()! + 1
            for k in 0 ..< size {
                let got = output.baseAddress[k]
                #expect(abs(Double(got.real) - expected[k].real) < 1e-5 * Double(size).squareRoot() * scale)
                #expect(abs(Double(got.imaginary) - expected[k].imaginary) < 1e-5 * Double(size).squareRoot() * scale)
            }
        }
    }

    /// A batched in-place plan gives each block the transform of that block.
    @Test func batchedPlanTransformsEachBlock() {
        let size = 32, batch = 5
        let x = Self.randomSignal(size * batch, seed: 11)
        let buffer = AlignedBuffer<Complex<Float>>(count: size * batch)
        for i in x.indices { buffer.baseAddress[i] = Complex(Float(x[i].real), Float(x[i].imaginary)) }
        FFTPlan.cached(size: size, batch: batch, direction: .forward, inPlace: true)
            .execute(input: buffer.baseAddress, output: buffer.baseAddress)
        for b in 0 ..< batch {
            let expected = naiveDFT(Array(x[b * size ..< (b + 1) * size]))
            for k in 0 ..< size {
                let got = buffer.baseAddress[b * size + k]
                #expect(abs(Double(got.real) - expected[k].real) < 1e-4)
                #expect(abs(Double(got.imaginary) - expected[k].imaginary) < 1e-4)
            }
        }
    }

    /// Plans are shared: the cache returns the same object, also when asked from many threads at once.
    @Test func planCacheIsSharedAcrossThreads() async {
        let plans = await withTaskGroup(of: ObjectIdentifier.self) { group in
            for _ in 0 ..< 16 { group.addTask { ObjectIdentifier(FFTPlan.cached(size: 512, direction: .forward)) } }
            var ids = Set<ObjectIdentifier>()
            for await id in group { ids.insert(id) }
            return ids
        }
        #expect(plans.count == 1)
    }

    /// Forward then inverse is N times the identity.
    @Test func roundTripScalesBySize() {
        let size = 128
        let x = Self.randomSignal(size, seed: 5)
        let a = AlignedBuffer<Complex<Float>>(count: size), b = AlignedBuffer<Complex<Float>>(count: size)
        for i in 0 ..< size { a.baseAddress[i] = Complex(Float(x[i].real), Float(x[i].imaginary)) }
        FFTPlan.cached(size: size, direction: .forward).execute(input: a.baseAddress, output: b.baseAddress)
        FFTPlan.cached(size: size, direction: .inverse).execute(input: b.baseAddress, output: a.baseAddress)
        for i in 0 ..< size {
            #expect(abs(Double(a.baseAddress[i].real) / Double(size) - x[i].real) < 1e-5)
            #expect(abs(Double(a.baseAddress[i].imaginary) / Double(size) - x[i].imaginary) < 1e-5)
        }
    }
}

@Suite struct RealFFTTests {
    /// r2c against the naive DFT of a real signal (bins 0 … N/2), and c2r of those bins back to N·x (the
    /// unnormalised inverse over the Hermitian spectrum), for even sizes including non-powers of two.
    @Test(arguments: [2, 8, 60, 64, 1000, 1024])
    func realTransformsMatchNaiveDFT(size: Int) {
        let x = FFTTests.randomSignal(size, seed: UInt64(size) + 7).map { Complex($0.real, 0) }
        let expected = naiveDFT(x, inverse: false)
        let real = AlignedBuffer<Float>(count: size), bins = AlignedBuffer<Complex<Float>>(count: size / 2 + 1)
        for i in 0 ..< size { real.baseAddress[i] = Float(x[i].real) }
        RealFFTPlan.cached(size: size, direction: .forward).forward(real: real.baseAddress, into: bins.baseAddress)
        let scale = expected.map { $0.length }.max()! + 1, bound = 1e-5 * Double(size).squareRoot() * scale
        for k in 0 ... size / 2 {
            #expect(abs(Double(bins.baseAddress[k].real) - expected[k].real) < bound)
            #expect(abs(Double(bins.baseAddress[k].imaginary) - expected[k].imaginary) < bound)
        }
        let back = AlignedBuffer<Float>(count: size)
        RealFFTPlan.cached(size: size, direction: .inverse).inverse(bins: bins.baseAddress, into: back.baseAddress)
        for i in 0 ..< size { #expect(abs(Double(back.baseAddress[i]) - Double(size) * x[i].real) < bound) }
    }
}

@Suite struct UnitPhasorTests {
    /// `rotate` is `fill` then a complex multiply, for lengths around the 8-lane blocks (tails included),
    /// phases of any sign and size, and small phases (|u| ≤ 1/64 cycle, the short-polynomial path; the
    /// last run mixes both in its blocks): equal to float rounding (|Δ| ≤ 1e-6 for |x| ≤ 1).
    @Test(arguments: [(1, 4.0), (7, 4), (8, 4), (9, 4), (64, 4), (1003, 4), (64, 1.0 / 64), (1003, 1e-5), (1003, 0.02)] as [(Int, Double)])
    func rotateIsFillTimesSamples(count: Int, largest: Double) {
        var stream = RandomStream(seed: 9, example: UInt64(count), stream: .symbols)
        let cycles = (0 ..< count).map { _ in Float(largest * (2 * stream.nextUnitDouble() - 1)) }
        let x = (0 ..< count).map { _ in Complex(Float(stream.nextUnitDouble() - 0.5), Float(stream.nextUnitDouble() - 0.5)) }
        var phasors = [Complex<Float>](repeating: .zero, count: count), rotated = x
        cycles.withUnsafeBufferPointer { u in
            phasors.withUnsafeMutableBufferPointer { UnitPhasor.fill($0, cycles: u.baseAddress!) }
            rotated.withUnsafeMutableBufferPointer { UnitPhasor.rotate($0, cycles: u.baseAddress!) }
        }
        for k in 0 ..< count {
            let expected = x[k] * phasors[k]
            #expect((rotated[k] - expected).length < 1e-6, "sample \(k): \(rotated[k]) vs \(expected)")
            let exact = Complex(cos(2 * Double.pi * Double(cycles[k])), sin(2 * Double.pi * Double(cycles[k])))
            let reference = Complex(Double(x[k].real), Double(x[k].imaginary)) * exact
            #expect(abs(Double(rotated[k].real) - reference.real) < 2e-6 && abs(Double(rotated[k].imaginary) - reference.imaginary) < 2e-6)
        }
    }
}

@Suite struct FFTSizeTests {
    /// The smallest even 7-smooth size at or above n: brute force over every n up to 5000 (a size is
    /// 7-smooth when dividing out 2, 3, 5 and 7 leaves 1), and the row length of the realistic scenario.
    @Test func evenSmoothIsTheSmallest() {
        func smooth(_ x: Int) -> Bool { var m = x; for p in [2, 3, 5, 7] { while m % p == 0 { m /= p } }; return m == 1 }
        for n in 1 ... 5000 {
            let size = FFTSize.evenSmooth(atLeast: n)
            #expect(size >= n && size % 2 == 0 && smooth(size))
            #expect(!stride(from: max(2, n), to: size, by: 1).contains { $0 % 2 == 0 && smooth($0) })
        }
        #expect(FFTSize.evenSmooth(atLeast: 1039) == 1050 && FFTSize.evenSmooth(atLeast: 1024) == 1024)
    }
}
