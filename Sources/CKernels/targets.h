// Private to CKernels (not in include/): the function attributes of the kernels' AVX2 and AVX-512 builds,
// defined once. The AVX-512 set is the one `specgen_simd_level` (dispatch.c) checks the CPU for: F, DQ,
// BW and VL; a build may use no more than that.
#ifndef SPECGEN_TARGETS_H
#define SPECGEN_TARGETS_H

#define AVX2 __attribute__((target("avx2")))
#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

#endif
