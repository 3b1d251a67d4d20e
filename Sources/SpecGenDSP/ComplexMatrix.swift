import CBLAS
import Numerics

/// Complex single-precision matrix product through the reference CBLAS `cblas_cgemm`:
/// C ← α·A·B + β·C with A (m × k), B (k × n), C (m × n), all row-major and dense.
///
/// BLAS stays single-threaded inside specgen's workers; parallelism comes from examples. Results can
/// differ in the last bits between BLAS builds (OpenBLAS replaces `libblas.so.3`), so determinism holds
/// per software stack.
public enum ComplexMatrix {
    /// - Precondition: the buffers hold m·k, k·n and m·n elements.
    public static func multiply(
        m: Int, n: Int, k: Int,
        alpha: Complex<Float> = .one, a: UnsafeBufferPointer<Complex<Float>>, b: UnsafeBufferPointer<Complex<Float>>,
        beta: Complex<Float> = .zero, c: UnsafeMutableBufferPointer<Complex<Float>>
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0)
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "cgemm buffer too small")
        if m == 0 || n == 0 { return }
        var alpha = alpha, beta = beta
        withUnsafePointer(to: &alpha) { alphaPtr in
            withUnsafePointer(to: &beta) { betaPtr in
                cblas_cgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    Int32(m), Int32(n), Int32(k),
                    alphaPtr, a.baseAddress, Int32(k),
                    b.baseAddress, Int32(n),
                    betaPtr, c.baseAddress, Int32(n))
            }
        }
    }
}
