import Foundation
import Numerics

/// Eigenvalues and eigenvectors of a complex Hermitian matrix by the cyclic Jacobi method (for the small
/// covariance matrices of direction finding; LAPACK is not linked).
///
/// Each rotation zeroes one off-diagonal pair (p, q): a diagonal phase D (D_qq = e^{−iα}, α = arg a_pq)
/// makes a_pq real, then the real Jacobi rotation R (c, s from θ = (a_qq − a_pp)/2|a_pq|,
/// t = sgn θ/(|θ| + √(θ² + 1)); W. H. Press et al., *Numerical Recipes*, 3rd ed., §11.1) zeroes it:
/// A ← JᴴAJ, V ← VJ with J = DR. Sweeps repeat until the off-diagonal Frobenius norm is below
/// `tolerance`·‖A‖_F; Jacobi converges quadratically, a few sweeps for 8 × 8.
///
/// - Parameters:
///   - matrix: n × n, row-major, Hermitian (only used as such: the lower triangle must be the conjugate
///     of the upper).
/// - Returns: eigenvalues in ascending order, and the matching unit eigenvectors (each an n-vector).
public func hermitianEigen(_ matrix: [Complex<Double>], n: Int, tolerance: Double = 1e-15) -> (values: [Double], vectors: [[Complex<Double>]]) {
    precondition(matrix.count == n * n && n >= 1)
    var a = matrix
    var v = [Complex<Double>](repeating: .zero, count: n * n)
    for i in 0 ..< n { v[i * n + i] = Complex(1, 0) }
    let norm = a.reduce(0.0) { $0 + $1.lengthSquared }.squareRoot()
    for _ in 0 ..< 100 {
        var off = 0.0
        for p in 0 ..< n { for q in 0 ..< n where q != p { off += a[p * n + q].lengthSquared } }
        if off.squareRoot() <= tolerance * max(norm, .leastNormalMagnitude) { break }
        for p in 0 ..< n - 1 {
            for q in p + 1 ..< n {
                let apq = a[p * n + q], g = apq.length
                if g == 0 { continue }
                let e = apq.divided(by: g)  // e^{iα}
                let theta = (a[q * n + q].real - a[p * n + p].real) / (2 * g)
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                let sTurn = e.conjugate.multiplied(by: s), cTurn = e.conjugate.multiplied(by: c)  // s·e^{−iα}, c·e^{−iα}
                let sPhase = e.multiplied(by: s), cPhase = e.multiplied(by: c)
                // A ← A·J and V ← V·J (columns p, q): J_pp = c, J_pq = s, J_qp = −s·e^{−iα}, J_qq = c·e^{−iα}.
                func rotateColumns(_ m: inout [Complex<Double>], row k: Int) {
                    let xp = m[k * n + p], xq = m[k * n + q]
                    m[k * n + p] = xp.multiplied(by: c) - xq * sTurn
                    m[k * n + q] = xp.multiplied(by: s) + xq * cTurn
                }
                for k in 0 ..< n {
                    rotateColumns(&a, row: k)
                    rotateColumns(&v, row: k)
                }
                // A ← Jᴴ·A (rows p, q): Jᴴ_pp = c, Jᴴ_pq = −s·e^{iα}, Jᴴ_qp = s, Jᴴ_qq = c·e^{iα}.
                for k in 0 ..< n {
                    let xp = a[p * n + k], xq = a[q * n + k]
                    a[p * n + k] = xp.multiplied(by: c) - xq * sPhase
                    a[q * n + k] = xp.multiplied(by: s) + xq * cPhase
                }
                a[p * n + q] = .zero
                a[q * n + p] = .zero
                a[p * n + p] = Complex(a[p * n + p].real, 0)
                a[q * n + q] = Complex(a[q * n + q].real, 0)
            }
        }
    }
    let order = (0 ..< n).sorted { a[$0 * n + $0].real < a[$1 * n + $1].real }
    return (order.map { a[$0 * n + $0].real }, order.map { k in (0 ..< n).map { v[$0 * n + k] } })
}
