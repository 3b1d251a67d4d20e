import CFFTW
import Numerics
import Synchronization

/// The direction of a discrete Fourier transform: forward is X[k] = Σ x[n]·e^(−2πi·kn/N),
/// inverse is unnormalised (Σ X[k]·e^(+2πi·kn/N), N times the inverse DFT).
public enum FFTDirection: Sendable, Hashable {
    case forward, inverse
    var fftwSign: Int32 { self == .forward ? FFTW_FORWARD : FFTW_BACKWARD }
}

/// One FFTW plan for `batch` contiguous complex transforms of `size` points each (out of place or in
/// place), made once and executed from any thread on any pair of aligned buffers.
///
/// FFTW facts that shape this type (verified on Debian's 3.3.10): planning is not thread-safe, so plans
/// are only made through `FFTPlan.cached` under a lock (and the planner is made thread-safe as well);
/// `fftwf_execute_dft` on new arrays is thread-safe but needs the alignment the plan was made with, so
/// execution checks it; `FFTW_MEASURE` changes output bits between runs, so plans use `FFTW_ESTIMATE`.
public final class FFTPlan: @unchecked Sendable {
    public let size: Int
    public let batch: Int
    public let direction: FFTDirection
    public let inPlace: Bool
    private let plan: fftwf_plan

    private struct Key: Hashable { let size: Int, batch: Int, direction: FFTDirection, inPlace: Bool }
    private static let cache = Mutex<[Key: FFTPlan]>([:])

    /// The plan for these parameters, made on first use and shared by every thread afterwards.
    /// - Parameters:
    ///   - size: points per transform, ≥ 1.
    ///   - batch: transforms per call (consecutive, `size` apart), ≥ 1.
    public static func cached(size: Int, batch: Int = 1, direction: FFTDirection, inPlace: Bool = false) -> FFTPlan {
        precondition(size >= 1 && batch >= 1, "FFT size and batch must be positive")
        let key = Key(size: size, batch: batch, direction: direction, inPlace: inPlace)
        return cache.withLock { plans in
            if let plan = plans[key] { return plan }
            let plan = FFTPlan(key)
            plans[key] = plan
            return plan
        }
    }

    /// Makes the plan with `fftwf_plan_many_dft` (called only with the cache lock held).
    private init(_ key: Key) {
        FFTPlan.enableThreadSafePlanner
        size = key.size
        batch = key.batch
        direction = key.direction
        inPlace = key.inPlace
        let total = size * batch
        let input = AlignedBuffer<Complex<Float>>(count: total)
        let output = AlignedBuffer<Complex<Float>>(count: inPlace ? 0 : total)
        var n = Int32(key.size)
        let batch = Int32(key.batch), size = Int32(key.size), sign = key.direction.fftwSign
        let made = withUnsafeMutablePointer(to: &n) { dims in
            fftwf_plan_many_dft(
                1, dims, batch,
                fftwComplex(input.baseAddress), nil, 1, size,
                fftwComplex(key.inPlace ? input.baseAddress : output.baseAddress), nil, 1, size,
                sign, UInt32(FFTW_ESTIMATE))
        }
        guard let made else { fatalError("fftwf_plan_many_dft failed for size \(key.size), batch \(key.batch)") }
        plan = made
    }

    deinit { fftwf_destroy_plan(plan) }

    private static let enableThreadSafePlanner: Void = { fftwf_make_planner_thread_safe() }()

    /// Transforms `size * batch` samples from `input` into `output` (`fftwf_execute_dft`).
    /// Both must be FFTW-aligned (an `AlignedBuffer` and offsets that are multiples of 4 samples);
    /// misuse traps. For an in-place plan pass the same pointer twice.
    @inlinable
    public func execute(input: UnsafeMutablePointer<Complex<Float>>, output: UnsafeMutablePointer<Complex<Float>>) {
        executeChecked(input, output)
    }

    @usableFromInline
    func executeChecked(_ input: UnsafeMutablePointer<Complex<Float>>, _ output: UnsafeMutablePointer<Complex<Float>>) {
        precondition(inPlace == (input == output), "in-place plan needs input == output and vice versa")
        let inPtr = UnsafeMutableRawPointer(input).assumingMemoryBound(to: Float.self)
        let outPtr = UnsafeMutableRawPointer(output).assumingMemoryBound(to: Float.self)
        precondition(fftwf_alignment_of(inPtr) == 0 && fftwf_alignment_of(outPtr) == 0,
                     "FFT buffers must have FFTW's alignment (use AlignedBuffer)")
        fftwf_execute_dft(plan, fftwComplex(input), fftwComplex(output))
    }
}

/// `Complex<Float>` is layout-compatible with C's `float[2]` (swift-numerics guarantees it).
@inline(__always)
func fftwComplex(_ pointer: UnsafeMutablePointer<Complex<Float>>) -> UnsafeMutablePointer<fftwf_complex> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: fftwf_complex.self)
}
