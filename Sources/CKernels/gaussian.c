// Box–Muller noise for GaussianNoise.swift, baseline (two SSE2 registers per eight lanes) and AVX2 (one).
// The body reproduces FastMath.naturalLog (Sources/SpecGenDSP/FastMath.swift) and the unit circle of lanes.h
// operation by operation: the same float constants (Swift evaluates `2.0 / 9` as a Float division, as
// `2.0f / 9.0f` is here; Float.pi is π rounded toward zero, 0x1.921fb4p1), the same order, no contraction.
#pragma clang fp contract(off)
// The helpers below take and return eight-lane vectors but are always inlined, into the baseline and into
// the AVX2 function alike: no call with either vector ABI exists.
#pragma clang diagnostic ignored "-Wpsabi"

#include "specgen_kernels.h"
#include "specgen_gaussian.h"
#include "lanes.h"

#include <string.h>


#define SPLAT(x) ((f8){(x), (x), (x), (x), (x), (x), (x), (x)})

static inline __attribute__((always_inline)) f8 as_f8(u8 x) { return (f8)x; }
static inline __attribute__((always_inline)) u8 as_u8(f8 x) { return (u8)x; }

/// FastMath.naturalLog: ln x for finite x > 0.
static inline __attribute__((always_inline)) f8 natural_log(f8 x) {
    u8 bits = as_u8(x);
    u8 adjusted = bits + (0x3F800000u - 0x3F3504F3u);
    f8 exponent = as_f8((adjusted >> 23) | 0x4B000000u) - SPLAT(0x1p23f + 127.0f);
    f8 mantissa = as_f8((adjusted & 0x007FFFFFu) + 0x3F3504F3u);
    f8 t = (mantissa - 1.0f) / (mantissa + 1.0f);
    f8 t2 = t * t;
    f8 series = t2 * SPLAT(2.0f / 9.0f) + SPLAT(2.0f / 7.0f);
    series = series * t2 + SPLAT(2.0f / 5.0f);
    series = series * t2 + SPLAT(2.0f / 3.0f);
    series = series * t2 + SPLAT(2.0f);
    const float ln2 = 0.6931471805599453f;
    return series * t + exponent * ln2;
}

/// Samples i ..< i + 8: real parts to `re`, imaginary parts to `im`.
static inline __attribute__((always_inline)) void box_muller(const unsigned int *words, long chunk, long i, float scale, f8 *re,
                                                             f8 *im) {
    u8 w1, w2;
    memcpy(&w1, words + i, sizeof w1);
    memcpy(&w2, words + chunk + i, sizeof w2);
    const u8 one = 0x3F800000u;
    f8 u1 = 2.0f - as_f8((w1 >> 9) | one);
    f8 u2 = as_f8((w2 >> 9) | one) - 1.0f;
    f8 radius = __builtin_elementwise_sqrt(-2.0f * natural_log(u1)) * scale;
    f8 c, s;
    specgen_unit_circle8(u2, &c, &s);
    *re = radius * c;
    *im = radius * s;
}

/// The chunk; `adding` is a constant in each instantiation below.
static inline __attribute__((always_inline)) void chunk_body(const unsigned int *words, long chunk, long n, float scale, float *out,
                                                             int adding) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        f8 re, im;
        box_muller(words, chunk, i, scale, &re, &im);
        f8 lo = __builtin_shufflevector(re, im, 0, 8, 1, 9, 2, 10, 3, 11);
        f8 hi = __builtin_shufflevector(re, im, 4, 12, 5, 13, 6, 14, 7, 15);
        float *o = out + 2 * i;
        if (adding) {
            f8 x0, x1;
            memcpy(&x0, o, sizeof x0);
            memcpy(&x1, o + 8, sizeof x1);
            lo = x0 + lo;
            hi = x1 + hi;
        }
        memcpy(o, &lo, sizeof lo);
        memcpy(o + 8, &hi, sizeof hi);
    }
    if (i < n) {
        // The last 1…7 samples: the whole group of eight, then the samples one by one.
        f8 re, im;
        box_muller(words, chunk, i, scale, &re, &im);
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

static void chunk_baseline(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    if (adding)
        chunk_body(words, chunk, n, scale, out, 1);
    else
        chunk_body(words, chunk, n, scale, out, 0);
}

static __attribute__((target("avx2"))) void chunk_avx2(const unsigned int *words, long chunk, long n, float scale, float *out,
                                                      int adding) {
    if (adding)
        chunk_body(words, chunk, n, scale, out, 1);
    else
        chunk_body(words, chunk, n, scale, out, 0);
}

void specgen_gaussian_chunk(const unsigned int *words, long chunk, long n, float scale, float *out, int adding) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        chunk_avx2(words, chunk, n, scale, out, adding);
    else
        chunk_baseline(words, chunk, n, scale, out, adding);
}
