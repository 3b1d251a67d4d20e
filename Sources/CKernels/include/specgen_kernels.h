// specgen's hot C kernels, each compiled twice from one body: for the x86-64 baseline (SSE2) and for
// AVX2, chosen at run time. The two builds execute the same IEEE operations in the same order (no FMA
// contraction, no reassociation; AVX2 only widens each operation from 4 to 8 lanes), so every kernel
// gives the same bits either way: a file does not depend on the machine that wrote it.
//
// SPECGEN_SIMD=baseline (environment, read once) forces the baseline build, for checks and for
// comparing speeds; SPECGEN_SIMD=avx2 or unset uses AVX2 where the CPU and OS support it.
#ifndef SPECGEN_KERNELS_H
#define SPECGEN_KERNELS_H

/// 0: baseline (SSE2); 1: AVX2.
enum { SPECGEN_SIMD_BASELINE = 0, SPECGEN_SIMD_AVX2 = 1 };

/// The level in use: the best the machine supports, unless SPECGEN_SIMD or `specgen_simd_set_level` lowered it.
int specgen_simd_level(void);
/// The best level the CPU and OS support.
int specgen_simd_supported(void);
/// Sets the level (clamped to what is supported); returns the level now in use. For tests.
int specgen_simd_set_level(int level);
/// "baseline" or "avx2".
const char *specgen_simd_name(int level);

#endif
