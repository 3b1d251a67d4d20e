// Box–Muller noise for GaussianNoise.swift, baseline (two SSE2 registers per eight lanes), AVX2 (one) and
// AVX-512 (sixteen lanes per register).
// The body reproduces FastMath.naturalLog (Sources/SpecGenDSP/FastMath.swift) and the unit circle of lanes.h
// operation by operation: the same float constants (Swift evaluates `2.0 / 9` as a Float division, as
// `2.0f / 9.0f` is here; Float.pi is π rounded toward zero, 0x1.921fb4p1), the same order, no contraction.
// The lane-wise functions are written once and defined for eight and for sixteen lanes (GAUSSIAN_LANES):
// every lane does the same operations at every level, so all three builds give the same bits.
#pragma clang fp contract(off)
// The helpers below take and return eight- or sixteen-lane vectors but are always inlined, into the
// baseline, AVX2 and AVX-512 functions alike: no call with any vector ABI exists.
#pragma clang diagnostic ignored "-Wpsabi"

#include "specgen_kernels.h"
#include "targets.h"
#include "specgen_gaussian.h"
#include "lanes.h"

#include <string.h>

#define INLINE static inline __attribute__((always_inline))

/// Interleaving re (lanes 0 ..< N) and im (lanes N ..< 2N) into samples: the first and second halves.
#define INTERLEAVE_LO8 0, 8, 1, 9, 2, 10, 3, 11
#define INTERLEAVE_HI8 4, 12, 5, 13, 6, 14, 7, 15
#define INTERLEAVE_LO16 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23
#define INTERLEAVE_HI16 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31

/// The lane-wise functions for N lanes of float (F) and of unsigned int (U):
/// - natural_logN: FastMath.naturalLog, ln x for finite x > 0;
/// - box_mullerN: samples i ..< i + N, real parts to `re`, imaginary parts to `im`;
/// - groupN: samples i ..< i + N interleaved and added to (`adding`, a constant at each use) or written
///   over out[2i ..< 2(i + N)].
#define GAUSSIAN_LANES(N, F, U)                                                                                      \
    INLINE F natural_log##N(F x) {                                                                                    \
        U adjusted = (U)x + (0x3F800000u - 0x3F3504F3u);                                                              \
        F exponent = (F)((adjusted >> 23) | 0x4B000000u) - (0x1p23f + 127.0f);                                       \
        F mantissa = (F)((adjusted & 0x007FFFFFu) + 0x3F3504F3u);                                                     \
        F t = (mantissa - 1.0f) / (mantissa + 1.0f);                                                                  \
        F t2 = t * t;                                                                                                 \
        F series = t2 * (2.0f / 9.0f) + (2.0f / 7.0f);                                                                \
        series = series * t2 + (2.0f / 5.0f);                                                                         \
        series = series * t2 + (2.0f / 3.0f);                                                                         \
        series = series * t2 + 2.0f;                                                                                  \
        const float ln2 = 0.6931471805599453f;                                                                        \
        return series * t + exponent * ln2;                                                                           \
    }                                                                                                                 \
                                                                                                                      \
    INLINE void box_muller##N(const unsigned int *words, long chunk, long i, float scale, F *re, F *im) {             \
        U w1, w2;                                                                                                     \
        memcpy(&w1, words + i, sizeof w1);                                                                            \
        memcpy(&w2, words + chunk + i, sizeof w2);                                                                    \
        const U one = 0x3F800000u;                                                                                    \
        F u1 = 2.0f - (F)((w1 >> 9) | one);                                                                           \
        F u2 = (F)((w2 >> 9) | one) - 1.0f;                                                                           \
        F radius = __builtin_elementwise_sqrt(-2.0f * natural_log##N(u1)) * scale;                                    \
        F c, s;                                                                                                       \
        specgen_unit_circle##N(u2, &c, &s);                                                                           \
        *re = radius * c;                                                                                             \
        *im = radius * s;                                                                                             \
    }                                                                                                                 \
                                                                                                                      \
    INLINE void group##N(const unsigned int *words, long chunk, long i, float scale, float *out, int adding) {       \
        F re, im;                                                                                                     \
        box_muller##N(words, chunk, i, scale, &re, &im);                                                              \
        F lo = __builtin_shufflevector(re, im, INTERLEAVE_LO##N);                                                     \
        F hi = __builtin_shufflevector(re, im, INTERLEAVE_HI##N);                                                     \
        float *o = out + 2 * i;                                                                                       \
        if (adding) {                                                                                                 \
            F x0, x1;                                                                                                 \
            memcpy(&x0, o, sizeof x0);                                                                                \
            memcpy(&x1, o + N, sizeof x1);                                                                            \
            lo = x0 + lo;                                                                                             \
            hi = x1 + hi;                                                                                             \
        }                                                                                                             \
        memcpy(o, &lo, sizeof lo);                                                                                    \
        memcpy(o + N, &hi, sizeof hi);                                                                                \
    }

GAUSSIAN_LANES(8, f8, u8)
GAUSSIAN_LANES(16, f16, u16)

/// The chunk, eight lanes at a time; `adding` is a constant in each instantiation below.
INLINE void chunk_body8(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    long i = 0;
    for (; i + 8 <= n; i += 8) group8(words, chunk, i, scale, out, adding);
    if (i < n) {
        // The last 1…7 samples: the whole group of eight, then the samples one by one.
        f8 re, im;
        box_muller8(words, chunk, i, scale, &re, &im);
        float r[8], m[8];
        memcpy(r, &re, sizeof re);
        memcpy(m, &im, sizeof im);
        for (long k = 0; k < n - i; k++) {
            float *o = out + 2 * (i + k);
            if (adding) {
                o[0] += r[k];
                o[1] += m[k];
            } else {
                o[0] = r[k];
                o[1] = m[k];
            }
        }
    }
}

/// Sixteen lanes at a time, then the last 1…15 samples by the eight-lane body (whose words are valid only
/// up to n rounded up to eight).
INLINE void chunk_body16(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    long i = 0;
    for (; i + 16 <= n; i += 16) group16(words, chunk, i, scale, out, adding);
    if (i < n) chunk_body8(words + i, chunk, n - i, scale, out + 2 * i, adding);
}

static void chunk_baseline(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    if (adding)
        chunk_body8(words, chunk, n, scale, out, 1);
    else
        chunk_body8(words, chunk, n, scale, out, 0);
}

static AVX2 void chunk_avx2(const unsigned int *words, long chunk, long n, float scale, float *out,
                            int adding) {
    if (adding)
        chunk_body8(words, chunk, n, scale, out, 1);
    else
        chunk_body8(words, chunk, n, scale, out, 0);
}

static AVX512 void chunk_avx512(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    if (adding)
        chunk_body16(words, chunk, n, scale, out, 1);
    else
        chunk_body16(words, chunk, n, scale, out, 0);
}

void specgen_gaussian_chunk(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        chunk_avx512(words, chunk, n, scale, out, adding);
    else if (level == SPECGEN_SIMD_AVX2)
        chunk_avx2(words, chunk, n, scale, out, adding);
    else
        chunk_baseline(words, chunk, n, scale, out, adding);
}
