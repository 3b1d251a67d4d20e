import CKernels
import Numerics

/// Phase to unit phasor in bulk: the last step of every constant-envelope kernel (continuous-phase
/// modulations, FM), eight samples at a time (sixteen at AVX-512) in CKernels (`specgen_rotate.h`) by
/// `specgen_unit_circle8` (Sources/CKernels/lanes.h: absolute error < 4e-7, so |x| = 1 to single precision).
public enum UnitPhasor {
    /// Writes `output[k] = scale · (cos 2πu_k, sin 2πu_k)` for the phases `u_k = cycles[k]`, in cycles
    /// (`specgen_unit_phasor_fill`, CKernels).
    ///
    /// - Parameters:
    ///   - output: the samples to overwrite (not overlapping `cycles`).
    ///   - cycles: `output.count` phases in cycles, any sign, |u| < 2²²; they are reduced modulo 1 here,
    ///     but keep |u| within a few units (reduce in double precision first, e.g. with `wrap`) or single
    ///     precision eats the phase.
    ///   - scale: the amplitude of every phasor.
    public static func fill(_ output: UnsafeMutableBufferPointer<Complex<Float>>, cycles: UnsafePointer<Float>, scale: Float = 1) {
        guard let base = output.baseAddress, output.count > 0 else { return }
        specgen_unit_phasor_fill(UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self), cycles, output.count, scale)
    }

    /// Rotates `samples[k]` by e^{j2πu_k} in place, u_k = `cycles[k]` (the phasors of `fill` with scale 1,
    /// multiplied in without storing them; `specgen_unit_phasor_rotate`, CKernels). Eight samples whose
    /// phases are all within ±1/64 cycle take the Taylor polynomials of cos and sin to θ⁴ and θ⁵ (θ = 2πu,
    /// truncation below θ⁶/720 = 1.3e-9: phase noise, whose phases are tiny, rotates at the cost of the
    /// multiply alone); the last `count` mod 8 samples always take the phasors of `fill`.
    public static func rotate(_ samples: UnsafeMutableBufferPointer<Complex<Float>>, cycles: UnsafePointer<Float>) {
        guard let base = samples.baseAddress, samples.count > 0 else { return }
        specgen_unit_phasor_rotate(UnsafeMutableRawPointer(base).assumingMemoryBound(to: Float.self), cycles, samples.count)
    }

    /// x minus the nearest integer, in [−½, ½] (for |x| < 2^51): a phase in cycles reduced without a
    /// call to libm's floor, which the baseline x86-64 target (no SSE4.1 rounding) would make.
    @inlinable @inline(__always)
    public static func wrap(_ x: Double) -> Double {
        x - ((x + 0x1.8p52) - 0x1.8p52)
    }
}
