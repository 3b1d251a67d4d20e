// Phasor kernels (specgen_rotate.h), baseline (SSE2) and AVX2 builds of one body each.
//
// Eight interleaved samples (16 floats, two registers x0, x1) are split into their real and imaginary
// parts and merged back after the arithmetic. The lane order of the parts is chosen per level (`wide`,
// a constant in each build) so that each shuffle is one instruction: sample order in the baseline
// (shufps/unpcklps across the two SSE halves of a vector), (0, 1, 4, 5, 2, 3, 6, 7) at AVX2 (whose
// shuffles stay within 128-bit halves), where per-sample inputs (phases, gains) are brought into that
// order by one permutation of 64-bit pairs. Every operation is element-wise, so lane order changes no bits.
//
// The formulas are those of the Swift code they replaced, operation for operation, with two exact
// rewrites: a + b·(−c) is a − b·c (IEEE subtraction is addition of the negation), and (a, b) in an
// addition may swap (commutative). No FMA contraction.
#pragma clang fp contract(off)
// The 8-lane helpers are always inlined into the baseline and AVX2 functions: no vector crosses a call.
#pragma clang diagnostic ignored "-Wpsabi"

#include "specgen_kernels.h"
#include "specgen_rotate.h"
#include "lanes.h"

#include <string.h>

typedef int i8 __attribute__((ext_vector_type(8)));

#define INLINE static inline __attribute__((always_inline))
#define AVX2 __attribute__((target("avx2")))


INLINE f8 load8(const float *p) {
    f8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE void store8(float *p, f8 v) { memcpy(p, &v, sizeof v); }

/// Per-sample values in the order of `split`'s parts: (0, 1, 4, 5, 2, 3, 6, 7) when `wide`, else as they are.
INLINE f8 partOrder(f8 v, const int wide) {
    return wide ? __builtin_shufflevector(v, v, 0, 1, 4, 5, 2, 3, 6, 7) : v;
}

/// Real and imaginary parts of the eight samples at `x`, in `partOrder`.
INLINE void split(const float *x, f8 *re, f8 *im, const int wide) {
    f8 x0 = load8(x), x1 = load8(x + 8);
    if (wide) {
        *re = __builtin_shufflevector(x0, x1, 0, 2, 8, 10, 4, 6, 12, 14);
        *im = __builtin_shufflevector(x0, x1, 1, 3, 9, 11, 5, 7, 13, 15);
    } else {
        *re = __builtin_shufflevector(x0, x1, 0, 2, 4, 6, 8, 10, 12, 14);
        *im = __builtin_shufflevector(x0, x1, 1, 3, 5, 7, 9, 11, 13, 15);
    }
}

/// Stores parts in `partOrder` as eight interleaved samples at `x`.
INLINE void merge(float *x, f8 re, f8 im, const int wide) {
    if (wide) {
        store8(x, __builtin_shufflevector(re, im, 0, 8, 1, 9, 4, 12, 5, 13));
        store8(x + 8, __builtin_shufflevector(re, im, 2, 10, 3, 11, 6, 14, 7, 15));
    } else {
        store8(x, __builtin_shufflevector(re, im, 0, 8, 1, 9, 2, 10, 3, 11));
        store8(x + 8, __builtin_shufflevector(re, im, 4, 12, 5, 13, 6, 14, 7, 15));
    }
}

/// UnitPhasor.turn: the fraction of a turn in [0, 1] of u (cycles, |u| < 2²²): u minus the nearest
/// integer, plus 1 where the sign bit is set.
INLINE f8 turn(f8 u) {
    f8 fraction = u - ((u + 0x1.8p23f) - 0x1.8p23f);
    u8 negative = (u8)fraction >> 31;
    return fraction + (f8)(negative * 0x3F800000u);
}

/// UnitPhasor.smallCircle: (cos 2πu, sin 2πu) for |u| ≤ 1/64 by the Taylor polynomials to θ⁴ and θ⁵.
INLINE void smallCircle(f8 u, f8 *cosine, f8 *sine) {
    f8 t = u * (2 * SWIFT_FLOAT_PI), t2 = t * t;
    *cosine = 1.0f - t2 * (0.5f - t2 * (1.0f / 24));
    *sine = t * (1.0f - t2 * (1.0f / 6 - t2 * (1.0f / 120)));
}

// MARK: - UnitPhasor.fill

INLINE void phasorFill(float *out, const float *cycles, long count, float scale, const int wide) {
    long k = 0, whole = count - count % 8;
    for (; k < whole; k += 8) {
        f8 c, s;
        specgen_unit_circle8(turn(partOrder(load8(cycles + k), wide)), &c, &s);
        merge(out + 2 * k, c * scale, s * scale, wide);
    }
    if (k < count) {
        // The last lanes of a zero-padded vector (lanes are independent).
        float u[8] = {0};
        for (long j = 0; j < count - k; j++) u[j] = cycles[k + j];
        f8 c, s;
        specgen_unit_circle8(turn(load8(u)), &c, &s);
        f8 re = c * scale, im = s * scale;
        for (long j = 0; j < count - k; j++) {
            out[2 * (k + j)] = re[j];
            out[2 * (k + j) + 1] = im[j];
        }
    }
}

static void phasorFill_baseline(float *out, const float *cycles, long count, float scale) {
    phasorFill(out, cycles, count, scale, 0);
}
static AVX2 void phasorFill_avx2(float *out, const float *cycles, long count, float scale) {
    phasorFill(out, cycles, count, scale, 1);
}

void specgen_unit_phasor_fill(float *out, const float *cycles, long count, float scale) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        phasorFill_avx2(out, cycles, count, scale);
    else
        phasorFill_baseline(out, cycles, count, scale);
}

// MARK: - UnitPhasor.rotate

INLINE void phasorRotate(float *x, const float *cycles, long count, const int wide) {
    const float smallPhase = 1.0f / 64;
    long k = 0, whole = count - count % 8;
    for (; k < whole; k += 8) {
        f8 u = partOrder(load8(cycles + k), wide);
        i8 small = (u <= smallPhase) & (u >= -smallPhase);
        f8 c, s;
        // Phase noise: nearly always small (the hint keeps its constants in registers).
        if (__builtin_expect(__builtin_reduce_and(small) != 0, 1))
            smallCircle(u, &c, &s);
        else
            specgen_unit_circle8(turn(u), &c, &s);
        // Swift: x·(c, s) as (xr·c + xi·(−s), xi·c + xr·s).
        f8 xr, xi;
        split(x + 2 * k, &xr, &xi, wide);
        merge(x + 2 * k, xr * c - xi * s, xi * c + xr * s, wide);
    }
    if (k < count) {
        // The phasors of `fill` (never the short polynomials), then a complex multiply.
        float p[16];
        phasorFill(p, cycles + k, count - k, 1.0f, wide);
        for (long j = 0; j < count - k; j++) {
            float xr = x[2 * (k + j)], xi = x[2 * (k + j) + 1], pr = p[2 * j], pi = p[2 * j + 1];
            x[2 * (k + j)] = xr * pr - xi * pi;
            x[2 * (k + j) + 1] = xr * pi + xi * pr;
        }
    }
}

static void phasorRotate_baseline(float *x, const float *cycles, long count) { phasorRotate(x, cycles, count, 0); }
static AVX2 void phasorRotate_avx2(float *x, const float *cycles, long count) { phasorRotate(x, cycles, count, 1); }

void specgen_unit_phasor_rotate(float *x, const float *cycles, long count) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        phasorRotate_avx2(x, cycles, count);
    else
        phasorRotate_baseline(x, cycles, count);
}

// MARK: - CarrierOffset

INLINE void carrierRotate(float *x, long count, const double *powerRe, const double *powerIm, double ar, double ai,
                          const int wide) {
    float e[16];
    for (int k = 0; k < 8; k++) {
        e[k] = (float)powerRe[k];
        e[8 + k] = (float)powerIm[k];
    }
    f8 er = partOrder(load8(e), wide), ei = partOrder(load8(e + 8), wide);
    const double stepRe = powerRe[8], stepIm = powerIm[8];
    long runs = count / 8;
    for (long r = 0; r < runs; r++) {
        float fr = (float)ar, fi = (float)ai;
        f8 pr = fr * er - fi * ei, pi = fr * ei + fi * er;
        // The former shim: x·p as (xr·pr + xi·(−pi), xi·pr + xr·pi).
        f8 xr, xi;
        split(x + 16 * r, &xr, &xi, wide);
        merge(x + 16 * r, xr * pr - xi * pi, xi * pr + xr * pi, wide);
        double next = ar * stepRe - ai * stepIm;
        ai = ar * stepIm + ai * stepRe;
        ar = next;
    }
    for (long k = 8 * runs, j = 0; k < count; k++, j++) {
        double c = powerRe[j], s = powerIm[j];
        float pr = (float)(ar * c - ai * s), pi = (float)(ar * s + ai * c);
        float xr = x[2 * k], xi = x[2 * k + 1];
        x[2 * k] = xr * pr - xi * pi;
        x[2 * k + 1] = xr * pi + xi * pr;
    }
}

static void carrierRotate_baseline(float *x, long count, const double *powerRe, const double *powerIm, double ar, double ai) {
    carrierRotate(x, count, powerRe, powerIm, ar, ai, 0);
}
static AVX2 void carrierRotate_avx2(float *x, long count, const double *powerRe, const double *powerIm, double ar, double ai) {
    carrierRotate(x, count, powerRe, powerIm, ar, ai, 1);
}

void specgen_carrier_rotate(float *x, long count, const double *powerRe, const double *powerIm, double anchorRe,
                            double anchorIm) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        carrierRotate_avx2(x, count, powerRe, powerIm, anchorRe, anchorIm);
    else
        carrierRotate_baseline(x, count, powerRe, powerIm, anchorRe, anchorIm);
}

// MARK: - IQImbalance

INLINE void iqImbalance(float *x, long count, float a, float b, const int wide) {
    long k = 0, whole = count - count % 8;
    for (; k < whole; k += 8) {
        f8 re, im;
        split(x + 2 * k, &re, &im, wide);
        merge(x + 2 * k, re, a * im - b * re, wide);
    }
    for (; k < count; k++) x[2 * k + 1] = a * x[2 * k + 1] - b * x[2 * k];
}

static void iqImbalance_baseline(float *x, long count, float a, float b) { iqImbalance(x, count, a, b, 0); }
static AVX2 void iqImbalance_avx2(float *x, long count, float a, float b) { iqImbalance(x, count, a, b, 1); }

void specgen_iq_imbalance(float *x, long count, float a, float b) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        iqImbalance_avx2(x, count, a, b);
    else
        iqImbalance_baseline(x, count, a, b);
}

// MARK: - PhaseNoise bins

INLINE void scalePairs(float *x, const float *gain, long count, float scale, const int wide) {
    long k = 0, whole = count - count % 8;
    for (; k < whole; k += 8) {
        f8 g = partOrder(load8(gain + k), wide) * scale, low, high;
        if (wide) {
            low = __builtin_shufflevector(g, g, 0, 0, 1, 1, 4, 4, 5, 5);
            high = __builtin_shufflevector(g, g, 2, 2, 3, 3, 6, 6, 7, 7);
        } else {
            low = __builtin_shufflevector(g, g, 0, 0, 1, 1, 2, 2, 3, 3);
            high = __builtin_shufflevector(g, g, 4, 4, 5, 5, 6, 6, 7, 7);
        }
        store8(x + 2 * k, load8(x + 2 * k) * low);
        store8(x + 2 * k + 8, load8(x + 2 * k + 8) * high);
    }
    for (; k < count; k++) {
        float g = gain[k] * scale;
        x[2 * k] *= g;
        x[2 * k + 1] *= g;
    }
}

static void scalePairs_baseline(float *x, const float *gain, long count, float scale) { scalePairs(x, gain, count, scale, 0); }
static AVX2 void scalePairs_avx2(float *x, const float *gain, long count, float scale) { scalePairs(x, gain, count, scale, 1); }

void specgen_scale_pairs(float *x, const float *gain, long count, float scale) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        scalePairs_avx2(x, gain, count, scale);
    else
        scalePairs_baseline(x, gain, count, scale);
}
