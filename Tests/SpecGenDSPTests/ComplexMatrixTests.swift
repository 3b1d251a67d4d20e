import Numerics
import SpecGenDSP
import Testing

@Suite struct ComplexMatrixTests {
    /// cblas_cgemm against a naive triple loop in double precision, with α and β not trivial.
    @Test(arguments: [(1, 1, 1), (3, 5, 4), (8, 33, 7)])
    func matchesNaiveProduct(m: Int, n: Int, k: Int) {
        var stream = RandomStream(seed: 99, example: UInt64(m * 100 + n), stream: .symbols)
        func random(_ count: Int) -> [Complex<Float>] {
            (0 ..< count).map { _ in Complex(Float(stream.nextUnitDouble() - 0.5), Float(stream.nextUnitDouble() - 0.5)) }
        }
        let a = random(m * k), b = random(k * n)
        var c = random(m * n)
        let c0 = c
        let alpha = Complex<Float>(0.5, -1.25), beta = Complex<Float>(2, 0.5)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    ComplexMatrix.multiply(m: m, n: n, k: k, alpha: alpha, a: ap, b: bp, beta: beta, c: cp)
                }
            }
        }
        func d(_ z: Complex<Float>) -> Complex<Double> { Complex(Double(z.real), Double(z.imaginary)) }
        for i in 0 ..< m {
            for j in 0 ..< n {
                var sum = Complex<Double>.zero
                for l in 0 ..< k { sum = sum + d(a[i * k + l]) * d(b[l * n + j]) }
                let expected = d(alpha) * sum + d(beta) * d(c0[i * n + j])
                #expect((d(c[i * n + j]) - expected).length < 1e-5 * Double(k + 1))
            }
        }
    }
}
