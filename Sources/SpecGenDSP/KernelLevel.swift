import CKernels

/// Which build of the C kernels (CKernels) runs: the x86-64 baseline (SSE2), AVX2 or AVX-512. All give the
/// same bits (specgen_kernels.h), so this changes speed only. `SPECGEN_SIMD=baseline` in the environment
/// forces the baseline, `SPECGEN_SIMD=avx2` caps the level at AVX2; tests switch levels with `set` to
/// compare the builds.
public enum KernelLevel: Int, Sendable, CaseIterable, CustomStringConvertible {
    case baseline = 0
    case avx2 = 1
    case avx512 = 2

    /// The level in use.
    public static var current: KernelLevel { KernelLevel(rawValue: Int(specgen_simd_level())) ?? .baseline }
    /// The best level this machine supports.
    public static var supported: KernelLevel { KernelLevel(rawValue: Int(specgen_simd_supported())) ?? .baseline }
    /// Every level this machine can run, lowest first.
    public static var available: [KernelLevel] { allCases.filter { $0.rawValue <= supported.rawValue } }

    /// Uses `level` (clamped to what is supported) from now on, process-wide; returns the level in use.
    @discardableResult
    public static func set(_ level: KernelLevel) -> KernelLevel {
        KernelLevel(rawValue: Int(specgen_simd_set_level(Int32(level.rawValue)))) ?? .baseline
    }

    public var description: String { String(cString: specgen_simd_name(Int32(rawValue))) }
}
