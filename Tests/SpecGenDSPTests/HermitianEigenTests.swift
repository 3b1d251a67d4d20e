import Foundation
import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

/// The test-support eigen-solver (the MUSIC oracle) against matrices with known eigen-decompositions.
@Suite struct HermitianEigenTests {
    /// A = U·Λ·Uᴴ with U a Householder reflection I − 2wwᴴ/|w|² of a random complex w (unitary) and
    /// known Λ (two of them equal): the solver returns Λ sorted to 1e-12 relative, unit orthogonal
    /// vectors (|VᴴV − I| < 1e-12) and A·v = λv for each (residual < 1e-12·‖A‖).
    @Test(arguments: [3, 8, 12])
    func knownSpectrumIsRecovered(n: Int) {
        var stream = RandomStream(seed: 7, example: UInt64(n), stream: .parameter("test.eigen"))
        let w = (0 ..< n).map { _ in Complex(stream.nextNormal(), stream.nextNormal()) }
        let w2 = w.reduce(0.0) { $0 + $1.lengthSquared }
        var u = [Complex<Double>](repeating: .zero, count: n * n)
        for i in 0 ..< n {
            for k in 0 ..< n {
                let outer = (w[i] * w[k].conjugate).multiplied(by: 2 / w2)
                u[i * n + k] = (i == k ? Complex(1, 0) : .zero) - outer
            }
        }
        let lambda = (0 ..< n).map { Double($0 == 1 ? 0 : $0) * 1.5 - 2 }  // −2, −2, 1, 2.5, …: a repeated value
        var a = [Complex<Double>](repeating: .zero, count: n * n)
        for i in 0 ..< n {
            for k in 0 ..< n {
                for j in 0 ..< n { a[i * n + k] += u[i * n + j].multiplied(by: lambda[j]) * u[k * n + j].conjugate }
            }
        }
        let (values, vectors) = hermitianEigen(a, n: n)
        let norm = a.reduce(0.0) { $0 + $1.lengthSquared }.squareRoot()
        for (got, want) in zip(values, lambda.sorted()) { #expect(abs(got - want) < 1e-12 * norm, "λ \(got) vs \(want)") }
        for i in 0 ..< n {
            for k in 0 ..< n {
                var dot = Complex<Double>.zero
                for (x, y) in zip(vectors[i], vectors[k]) { dot += x.conjugate * y }
                #expect((dot - (i == k ? Complex(1, 0) : .zero)).length < 1e-12)
            }
            for r in 0 ..< n {
                var av = Complex<Double>.zero
                for c in 0 ..< n { av += a[r * n + c] * vectors[i][c] }
                #expect((av - vectors[i][r].multiplied(by: values[i])).length < 1e-12 * norm)
            }
        }
    }

    /// 2 × 2 in closed form: [[2, 1 − i], [1 + i, 3]] has λ = (5 ± √(1 + 8))/2 = 1 and 4.
    @Test func twoByTwo() {
        let (values, _) = hermitianEigen([Complex(2, 0), Complex(1, -1), Complex(1, 1), Complex(3, 0)], n: 2)
        #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 4) < 1e-14)
    }
}
