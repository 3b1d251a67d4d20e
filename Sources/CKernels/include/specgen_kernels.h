// specgen's hot C kernels, each compiled from one body for the x86-64 baseline (SSE2) and for AVX2, the
// hottest also for AVX-512, chosen at run time. The builds execute the same IEEE operations in the same
// order (no FMA contraction, no reassociation; a wider level only widens each operation, from 4 lanes to
// 8 or 16), so every kernel gives the same bits at every level: a file does not depend on the machine
// that wrote it. A kernel without an AVX-512 build runs its AVX2 build at that level.
//
// SPECGEN_SIMD (environment, read once): `baseline` forces the baseline builds, `avx2` caps the level at
// AVX2 (for checks and for comparing speeds); unset, the best level the CPU and OS support.
#ifndef SPECGEN_KERNELS_H
#define SPECGEN_KERNELS_H

/// 0: baseline (SSE2); 1: AVX2; 2: AVX-512 (F, DQ, BW, VL).
enum { SPECGEN_SIMD_BASELINE = 0, SPECGEN_SIMD_AVX2 = 1, SPECGEN_SIMD_AVX512 = 2 };

/// The level in use: the best the machine supports, unless SPECGEN_SIMD or `specgen_simd_set_level` lowered it.
int specgen_simd_level(void);
/// The best level the CPU and OS support.
int specgen_simd_supported(void);
/// Sets the level (clamped to what is supported); returns the level now in use. For tests.
int specgen_simd_set_level(int level);
/// "baseline", "avx2" or "avx512".
const char *specgen_simd_name(int level);

#endif
