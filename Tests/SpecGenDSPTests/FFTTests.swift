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
