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

    /// Evaluated (once) before any plan of either class is made.
    static let enableThreadSafePlanner: Void = { fftwf_make_planner_thread_safe() }()

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

/// One FFTW plan for a real-data transform of `size` points, out of place: `.forward` is r2c (N reals
/// → the N/2 + 1 bins X[0 … N/2] of the forward DFT), `.inverse` is c2r (N/2 + 1 bins of a Hermitian
/// spectrum → the N reals Σₖ X[k]·e^(+2πi·kn/N) over all N bins, X[N − k] = X[k]*, unnormalised; the
/// imaginary parts of X[0] and X[N/2] are ignored). c2r overwrites its input (FFTW's default).
/// Same caching, thread-safety and alignment rules as `FFTPlan`.
public final class RealFFTPlan: @unchecked Sendable {
    public let size: Int
    public let direction: FFTDirection
    private let plan: fftwf_plan

    private struct Key: Hashable { let size: Int, direction: FFTDirection }
    private static let cache = Mutex<[Key: RealFFTPlan]>([:])

    /// The plan for an even `size` ≥ 2, made on first use and shared by every thread afterwards.
    public static func cached(size: Int, direction: FFTDirection) -> RealFFTPlan {
        precondition(size >= 2 && size % 2 == 0, "real FFT size must be even and at least 2")
        let key = Key(size: size, direction: direction)
        return cache.withLock { plans in
            if let plan = plans[key] { return plan }
            let plan = RealFFTPlan(key)
            plans[key] = plan
            return plan
        }
    }

    private init(_ key: Key) {
        FFTPlan.enableThreadSafePlanner
        size = key.size
        direction = key.direction
        let real = AlignedBuffer<Float>(count: key.size)
        let bins = AlignedBuffer<Complex<Float>>(count: key.size / 2 + 1)
        let made = key.direction == .forward
            ? fftwf_plan_dft_r2c_1d(Int32(key.size), real.baseAddress, fftwComplex(bins.baseAddress), UInt32(FFTW_ESTIMATE))
            : fftwf_plan_dft_c2r_1d(Int32(key.size), fftwComplex(bins.baseAddress), real.baseAddress, UInt32(FFTW_ESTIMATE))
        guard let made else { fatalError("FFTW real plan failed for size \(key.size)") }
        plan = made
    }

    deinit { fftwf_destroy_plan(plan) }

    /// c2r: `size/2 + 1` bins (overwritten) → `size` reals. Both FFTW-aligned; misuse traps.
    public func inverse(bins: UnsafeMutablePointer<Complex<Float>>, into real: UnsafeMutablePointer<Float>) {
        precondition(direction == .inverse, "not a c2r plan")
        precondition(fftwf_alignment_of(UnsafeMutableRawPointer(bins).assumingMemoryBound(to: Float.self)) == 0
                     && fftwf_alignment_of(real) == 0, "FFT buffers must have FFTW's alignment (use AlignedBuffer)")
        fftwf_execute_dft_c2r(plan, fftwComplex(bins), real)
    }

    /// r2c: `size` reals → `size/2 + 1` bins. Both FFTW-aligned; misuse traps.
    public func forward(real: UnsafeMutablePointer<Float>, into bins: UnsafeMutablePointer<Complex<Float>>) {
        precondition(direction == .forward, "not an r2c plan")
        precondition(fftwf_alignment_of(real) == 0
                     && fftwf_alignment_of(UnsafeMutableRawPointer(bins).assumingMemoryBound(to: Float.self)) == 0,
                     "FFT buffers must have FFTW's alignment (use AlignedBuffer)")
        fftwf_execute_dft_r2c(plan, real, fftwComplex(bins))
    }
}

/// FFT sizes FFTW transforms fast: products of 2, 3, 5 and 7 only.
public enum FFTSize {
    /// The smallest even 7-smooth number ≥ `n` (and ≥ 2): within about 3 % of n above a few hundred
    /// (the next power of two can be twice n).
    public static func evenSmooth(atLeast n: Int) -> Int {
        var size = max(2, n + (n & 1))
        while true {
            var m = size
            for p in [2, 3, 5, 7] { while m % p == 0 { m /= p } }
            if m == 1 { return size }
            size += 2
        }
    }
}
