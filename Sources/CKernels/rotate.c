// Phasor kernels (specgen_rotate.h), baseline (SSE2), AVX2 and AVX-512 builds.
//
// Eight interleaved samples (16 floats, two registers x0, x1) are split into their real and imaginary
// parts and merged back after the arithmetic. The lane order of the parts is chosen per level (`wide`,
// a constant in each build) so that each shuffle is one instruction: sample order in the baseline
// (shufps/unpcklps across the two SSE halves of a vector), (0, 1, 4, 5, 2, 3, 6, 7) at AVX2 (whose
// shuffles stay within 128-bit halves), where per-sample inputs (phases, gains) are brought into that
// order by one permutation of 64-bit pairs. Every operation is element-wise, so lane order changes no bits.
//
// The AVX-512 builds take sixteen samples per step (two zmm of interleaved floats) with the same lane-wise
// operations in the same order (the 16-lane helpers below are the 8-lane ones widened), in the part order
// (0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15) (again one in-lane shuffle per split or merge).
// Where the 8-lane body's grouping matters (the rotation's choice of polynomials per group of eight, the
// carrier offset's runs of eight), a 16-lane step holds two whole groups and decides for each as the 8-lane
// body does; the last count mod 16 samples go to the 8-lane body (compiled for AVX-512) starting at a
// multiple of sixteen, so the groups, and the bits, are those of the 8-lane builds.
//
// Tails: `fill` writes its last count mod 8 (mod 16) samples by computing the last whole vector again
// (lanes are independent: the samples before get the same bits again); `rotate` multiplies its last few
// samples by the phasors of `fill`, which it takes from that last whole vector of phases.
//
// The formulas are those of the Swift code they replaced, operation for operation, with two exact
// rewrites: a + b·(−c) is a − b·c (IEEE subtraction is addition of the negation), and (a, b) in an
// addition may swap (commutative). No FMA contraction.
#pragma clang fp contract(off)
// The 8- and 16-lane helpers are always inlined into the baseline, AVX2 and AVX-512 functions: no vector
// crosses a call.
#pragma clang diagnostic ignored "-Wpsabi"

#include "specgen_kernels.h"
#include "targets.h"
#include "specgen_rotate.h"
#include "lanes.h"

typedef int i8 __attribute__((ext_vector_type(8)));
typedef int i16 __attribute__((ext_vector_type(16)));
typedef _Bool b16 __attribute__((ext_vector_type(16)));

#define INLINE static inline __attribute__((always_inline))

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

/// The lane-wise functions for N lanes of float (F) and unsigned int (U):
/// - turnN (UnitPhasor.turn): the fraction of a turn in [0, 1] of u (cycles, |u| < 2²²): u minus the
///   nearest integer, plus 1 where the sign bit is set;
/// - smallCircleN (UnitPhasor.smallCircle): (cos 2πu, sin 2πu) for |u| ≤ 1/64 by the Taylor polynomials
///   to θ⁴ and θ⁵.
#define ROTATE_LANES(N, F, U)                                                                                        \
    INLINE F turn##N(F u) {                                                                                           \
        F fraction = u - ((u + 0x1.8p23f) - 0x1.8p23f);                                                               \
        U negative = (U)fraction >> 31;                                                                               \
        return fraction + (F)(negative * 0x3F800000u);                                                                \
    }                                                                                                                 \
                                                                                                                      \
    INLINE void smallCircle##N(F u, F *cosine, F *sine) {                                                             \
        F t = u * (2 * SWIFT_FLOAT_PI), t2 = t * t;                                                                   \
        *cosine = 1.0f - t2 * (0.5f - t2 * (1.0f / 24));                                                              \
        *sine = t * (1.0f - t2 * (1.0f / 6 - t2 * (1.0f / 120)));                                                     \
    }

ROTATE_LANES(8, f8, u8)
ROTATE_LANES(16, f16, u16)

// MARK: - Sixteen lanes (AVX-512 builds)

/// Per-sample values (samples 0 … 15) in the order of `split16`'s parts.
INLINE f16 partOrder16(f16 v) { return __builtin_shufflevector(v, v, 0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15); }

/// Real and imaginary parts of the sixteen samples at `x`, in `partOrder16` (128-bit lane l of the parts
/// holds samples 2l, 2l + 1 of the first register and the same of the second).
INLINE void split16(const float *x, f16 *re, f16 *im) {
    f16 x0 = load16(x), x1 = load16(x + 16);
    *re = __builtin_shufflevector(x0, x1, 0, 2, 16, 18, 4, 6, 20, 22, 8, 10, 24, 26, 12, 14, 28, 30);
    *im = __builtin_shufflevector(x0, x1, 1, 3, 17, 19, 5, 7, 21, 23, 9, 11, 25, 27, 13, 15, 29, 31);
}

/// Stores parts in `partOrder16` as sixteen interleaved samples at `x`.
INLINE void merge16(float *x, f16 re, f16 im) {
    store16(x, __builtin_shufflevector(re, im, 0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29));
    store16(x + 16, __builtin_shufflevector(re, im, 2, 18, 3, 19, 6, 22, 7, 23, 10, 26, 11, 27, 14, 30, 15, 31));
}

// MARK: - UnitPhasor.fill

/// The phasors of samples k ..< k + 8, unscaled, in `partOrder`.
INLINE void phasors8(const float *cycles, long k, f8 *c, f8 *s, const int wide) {
    specgen_unit_circle8(turn8(partOrder(load8(cycles + k), wide)), c, s);
}

/// Samples `from` ..< `count` (`from` a multiple of eight), eight at a time; the last count mod 8 by
/// computing the last eight samples again when there are eight (lanes are independent, so the ones before
/// get the same bits again; `out` must not overlap `cycles`), else in a zero-padded vector.
INLINE void phasorFill(float *out, const float *cycles, long from, long count, float scale, const int wide) {
    long k = from, whole = count - (count - from) % 8;
    for (; k < whole; k += 8) {
        f8 c, s;
        phasors8(cycles, k, &c, &s, wide);
        merge(out + 2 * k, c * scale, s * scale, wide);
    }
    if (k < count && count >= 8) {
        f8 c, s;
        phasors8(cycles, count - 8, &c, &s, wide);
        merge(out + 2 * (count - 8), c * scale, s * scale, wide);
    } else if (k < count) {
        // The last lanes of a zero-padded vector (lanes are independent).
        float u[8] = {0};
        for (long j = 0; j < count - k; j++) u[j] = cycles[k + j];
        f8 c, s;
        specgen_unit_circle8(turn8(load8(u)), &c, &s);
        f8 re = c * scale, im = s * scale;
        for (long j = 0; j < count - k; j++) {
            out[2 * (k + j)] = re[j];
            out[2 * (k + j) + 1] = im[j];
        }
    }
}

/// Sixteen samples per step; the last count mod 16 by computing the last sixteen again when there are
/// sixteen, else by the eight-lane body (lanes are independent).
INLINE void phasorFill16(float *out, const float *cycles, long count, float scale) {
    long k = 0, whole = count - count % 16;
    for (; k < whole; k += 16) {
        f16 c, s;
        specgen_unit_circle16(turn16(partOrder16(load16(cycles + k))), &c, &s);
        merge16(out + 2 * k, c * scale, s * scale);
    }
    if (k < count && count >= 16) {
        f16 c, s;
        specgen_unit_circle16(turn16(partOrder16(load16(cycles + count - 16))), &c, &s);
        merge16(out + 2 * (count - 16), c * scale, s * scale);
    } else if (k < count) {
        phasorFill(out, cycles, k, count, scale, 1);
    }
}

static void phasorFill_baseline(float *out, const float *cycles, long count, float scale) {
    phasorFill(out, cycles, 0, count, scale, 0);
}
static AVX2 void phasorFill_avx2(float *out, const float *cycles, long count, float scale) {
    phasorFill(out, cycles, 0, count, scale, 1);
}
static AVX512 void phasorFill_avx512(float *out, const float *cycles, long count, float scale) {
    phasorFill16(out, cycles, count, scale);
}

void specgen_unit_phasor_fill(float *out, const float *cycles, long count, float scale) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        phasorFill_avx512(out, cycles, count, scale);
    else if (level == SPECGEN_SIMD_AVX2)
        phasorFill_avx2(out, cycles, count, scale);
    else
        phasorFill_baseline(out, cycles, count, scale);
}

// MARK: - UnitPhasor.rotate

/// Samples `from` ..< `count` (`from` a multiple of eight).
INLINE void phasorRotate(float *x, const float *cycles, long from, long count, const int wide) {
    const float smallPhase = 1.0f / 64;
    long k = from, whole = count - (count - from) % 8;
    for (; k < whole; k += 8) {
        f8 u = partOrder(load8(cycles + k), wide);
        i8 small = (u <= smallPhase) & (u >= -smallPhase);
        f8 c, s;
        // Phase noise: nearly always small (the hint keeps its constants in registers).
        if (__builtin_expect(__builtin_reduce_and(small) != 0, 1))
            smallCircle8(u, &c, &s);
        else
            specgen_unit_circle8(turn8(u), &c, &s);
        // Swift: x·(c, s) as (xr·c + xi·(−s), xi·c + xr·s).
        f8 xr, xi;
        split(x + 2 * k, &xr, &xi, wide);
        merge(x + 2 * k, xr * c - xi * s, xi * c + xr * s, wide);
    }
    if (k < count) {
        // The phasors of `fill` (never the short polynomials: those of the last eight samples when there
        // are eight), then a complex multiply.
        float p[16];
        long first = count >= 8 ? count - 8 : k;
        if (count >= 8) {
            f8 c, s;
            phasors8(cycles, first, &c, &s, wide);
            merge(p, c, s, wide);
        } else {
            phasorFill(p, cycles + k, 0, count - k, 1.0f, wide);
        }
        for (long j = 0; j < count - k; j++) {
            float xr = x[2 * (k + j)], xi = x[2 * (k + j) + 1], pr = p[2 * (k - first + j)], pi = p[2 * (k - first + j) + 1];
            x[2 * (k + j)] = xr * pr - xi * pi;
            x[2 * (k + j) + 1] = xr * pi + xi * pr;
        }
    }
}

/// Sixteen samples per step, each group of eight (samples 0 … 7 and 8 … 15: part lanes 4l + j with j < 2
/// and j ≥ 2) taking the short polynomials when its own eight phases are all small, as in the eight-lane
/// body; the rest by the eight-lane body, whose groups of eight start at a multiple of sixteen.
INLINE void phasorRotate16(float *x, const float *cycles, long count) {
    const float smallPhase = 1.0f / 64;
    // The part lanes of samples 0 … 7 (as a vector, and as bits of a lane mask: 0x3333).
    const i16 firstGroup = {-1, -1, 0, 0, -1, -1, 0, 0, -1, -1, 0, 0, -1, -1, 0, 0};
    long k = 0, whole = count - count % 16;
    for (; k < whole; k += 16) {
        f16 u = partOrder16(load16(cycles + k));
        // One bit per lane (a mask register at AVX-512): all small in each group.
        unsigned short small = __builtin_bit_cast(unsigned short, __builtin_convertvector((u <= smallPhase) & (u >= -smallPhase), b16));
        int smallFirst = (small & 0x3333) == 0x3333, smallSecond = (small & 0xCCCC) == 0xCCCC;
        f16 c, s;
        if (__builtin_expect(smallFirst & smallSecond, 1)) {
            smallCircle16(u, &c, &s);
        } else {
            specgen_unit_circle16(turn16(u), &c, &s);
            if (smallFirst | smallSecond) {
                // One group small, the other not: its lanes take the short polynomials.
                i16 take = smallFirst ? firstGroup : ~firstGroup;
                f16 sc, ss;
                smallCircle16(u, &sc, &ss);
                c = (f16)(((i16)sc & take) | ((i16)c & ~take));
                s = (f16)(((i16)ss & take) | ((i16)s & ~take));
            }
        }
        f16 xr, xi;
        split16(x + 2 * k, &xr, &xi);
        merge16(x + 2 * k, xr * c - xi * s, xi * c + xr * s);
    }
    if (k < count) phasorRotate(x, cycles, k, count, 1);
}

static void phasorRotate_baseline(float *x, const float *cycles, long count) { phasorRotate(x, cycles, 0, count, 0); }
static AVX2 void phasorRotate_avx2(float *x, const float *cycles, long count) { phasorRotate(x, cycles, 0, count, 1); }
static AVX512 void phasorRotate_avx512(float *x, const float *cycles, long count) { phasorRotate16(x, cycles, count); }

void specgen_unit_phasor_rotate(float *x, const float *cycles, long count) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        phasorRotate_avx512(x, cycles, count);
    else if (level == SPECGEN_SIMD_AVX2)
        phasorRotate_avx2(x, cycles, count);
    else
        phasorRotate_baseline(x, cycles, count);
}

// MARK: - CarrierOffset

/// The float of e^{j2πfk} = `power[k]`, k < 8: in sample order into `e` (real parts, then imaginary).
INLINE void carrierTable(const double *powerRe, const double *powerIm, float e[16]) {
    for (int k = 0; k < 8; k++) {
        e[k] = (float)powerRe[k];
        e[8 + k] = (float)powerIm[k];
    }
}

/// One run of eight samples at `x`, rotated by p_k = A·e_k (A = the anchor rounded to float; `er`, `ei`
/// in `partOrder`); then A ← A·step in double precision.
INLINE void carrierRun8(float *x, f8 er, f8 ei, double *ar, double *ai, double stepRe, double stepIm, const int wide) {
    float fr = (float)*ar, fi = (float)*ai;
    f8 pr = fr * er - fi * ei, pi = fr * ei + fi * er;
    // The former shim: x·p as (xr·pr + xi·(−pi), xi·pr + xr·pi).
    f8 xr, xi;
    split(x, &xr, &xi, wide);
    merge(x, xr * pr - xi * pi, xi * pr + xr * pi, wide);
    double next = *ar * stepRe - *ai * stepIm;
    *ai = *ar * stepIm + *ai * stepRe;
    *ar = next;
}

/// The last `count` < 8 samples at `x`: sample j by the float of A·`power[j]` (double).
INLINE void carrierTail(float *x, long count, const double *powerRe, const double *powerIm, double ar, double ai) {
    for (long j = 0; j < count; j++) {
        double c = powerRe[j], s = powerIm[j];
        float pr = (float)(ar * c - ai * s), pi = (float)(ar * s + ai * c);
        float xr = x[2 * j], xi = x[2 * j + 1];
        x[2 * j] = xr * pr - xi * pi;
        x[2 * j + 1] = xr * pi + xi * pr;
    }
}

/// Rotates the two blocks of `specgen_carrier_rotate`: a (`countA` samples at `a`, anchor (ar, ai)) and b
/// (`countB` at `b`, anchor (br, bi)), their runs of eight in lockstep while both have one (two independent
/// anchor recursions, whose latency then overlaps), then the longer block's other runs, then each tail.
INLINE void carrierBlocks(float *a, long countA, float *b, long countB, const double *powerRe, const double *powerIm,
                          double ar, double ai, double br, double bi, const int wide) {
    float e[16];
    carrierTable(powerRe, powerIm, e);
    f8 er = partOrder(load8(e), wide), ei = partOrder(load8(e + 8), wide);
    const double stepRe = powerRe[8], stepIm = powerIm[8];
    long runsA = countA / 8, runsB = countB / 8, both = runsA < runsB ? runsA : runsB, r = 0;
    for (; r < both; r++) {
        carrierRun8(a + 16 * r, er, ei, &ar, &ai, stepRe, stepIm, wide);
        carrierRun8(b + 16 * r, er, ei, &br, &bi, stepRe, stepIm, wide);
    }
    for (long q = r; q < runsA; q++) carrierRun8(a + 16 * q, er, ei, &ar, &ai, stepRe, stepIm, wide);
    for (long q = r; q < runsB; q++) carrierRun8(b + 16 * q, er, ei, &br, &bi, stepRe, stepIm, wide);
    carrierTail(a + 16 * runsA, countA - 8 * runsA, powerRe, powerIm, ar, ai);
    carrierTail(b + 16 * runsB, countB - 8 * runsB, powerRe, powerIm, br, bi);
}

/// Sixteen samples per step, two runs of eight: the one at `p` (part lanes 4l + j, j < 2) rotated by the
/// anchor (fr0, fi0), the one at `q` by (fr1, fi1), each lane by the operations of `carrierRun8` (`er`, `ei`:
/// e_k at part lane 4l + j, k = 2l + j mod 2).
INLINE void carrierRun16(float *p, float *q, f16 er, f16 ei, float fr0, float fi0, float fr1, float fi1) {
    f16 fr = {fr0, fr0, fr1, fr1, fr0, fr0, fr1, fr1, fr0, fr0, fr1, fr1, fr0, fr0, fr1, fr1};
    f16 fi = {fi0, fi0, fi1, fi1, fi0, fi0, fi1, fi1, fi0, fi0, fi1, fi1, fi0, fi0, fi1, fi1};
    f16 pr = fr * er - fi * ei, pi = fr * ei + fi * er;
    f16 x0 = load16(p), x1 = load16(q);
    f16 xr = __builtin_shufflevector(x0, x1, 0, 2, 16, 18, 4, 6, 20, 22, 8, 10, 24, 26, 12, 14, 28, 30);
    f16 xi = __builtin_shufflevector(x0, x1, 1, 3, 17, 19, 5, 7, 21, 23, 9, 11, 25, 27, 13, 15, 29, 31);
    f16 yr = xr * pr - xi * pi, yi = xi * pr + xr * pi;
    store16(p, __builtin_shufflevector(yr, yi, 0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29));
    store16(q, __builtin_shufflevector(yr, yi, 2, 18, 3, 19, 6, 22, 7, 23, 10, 26, 11, 27, 14, 30, 15, 31));
}

/// The anchor (rounded to float) for the run at hand, then A ← A·step (the recursion of `carrierRun8`).
INLINE void carrierAdvance(double *ar, double *ai, double stepRe, double stepIm, float *fr, float *fi) {
    *fr = (float)*ar;
    *fi = (float)*ai;
    double next = *ar * stepRe - *ai * stepIm;
    *ai = *ar * stepIm + *ai * stepRe;
    *ar = next;
}

/// `carrierBlocks` sixteen samples per step: run r of both blocks while both have one, then the longer
/// block's runs two at a time (r and r + 1), an odd last run and the tails as in the eight-lane body.
INLINE void carrierBlocks16(float *a, long countA, float *b, long countB, const double *powerRe,
                            const double *powerIm, double ar, double ai, double br, double bi) {
    float e[16];
    carrierTable(powerRe, powerIm, e);
    f8 er8 = partOrder(load8(e), 1), ei8 = partOrder(load8(e + 8), 1);
    f8 re = load8(e), im = load8(e + 8);
    f16 er = __builtin_shufflevector(re, re, 0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7);
    f16 ei = __builtin_shufflevector(im, im, 0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7);
    const double stepRe = powerRe[8], stepIm = powerIm[8];
    long runsA = countA / 8, runsB = countB / 8, both = runsA < runsB ? runsA : runsB, r = 0;
    float fr0, fi0, fr1, fi1;
    for (; r < both; r++) {
        carrierAdvance(&ar, &ai, stepRe, stepIm, &fr0, &fi0);
        carrierAdvance(&br, &bi, stepRe, stepIm, &fr1, &fi1);
        carrierRun16(a + 16 * r, b + 16 * r, er, ei, fr0, fi0, fr1, fi1);
    }
    // The longer block's other runs (the other has none left).
    const int longerA = runsA > r;
    float *x = longerA ? a : b;
    long runs = longerA ? runsA : runsB;
    double *xr = longerA ? &ar : &br, *xi = longerA ? &ai : &bi;
    for (; r + 2 <= runs; r += 2) {
        carrierAdvance(xr, xi, stepRe, stepIm, &fr0, &fi0);
        carrierAdvance(xr, xi, stepRe, stepIm, &fr1, &fi1);
        carrierRun16(x + 16 * r, x + 16 * r + 16, er, ei, fr0, fi0, fr1, fi1);
    }
    if (r < runs) carrierRun8(x + 16 * r, er8, ei8, xr, xi, stepRe, stepIm, 1);
    carrierTail(a + 16 * runsA, countA - 8 * runsA, powerRe, powerIm, ar, ai);
    carrierTail(b + 16 * runsB, countB - 8 * runsB, powerRe, powerIm, br, bi);
}

static void carrierBlocks_baseline(float *a, long countA, float *b, long countB, const double *powerRe, const double *powerIm,
                                   double ar, double ai, double br, double bi) {
    carrierBlocks(a, countA, b, countB, powerRe, powerIm, ar, ai, br, bi, 0);
}
static AVX2 void carrierBlocks_avx2(float *a, long countA, float *b, long countB, const double *powerRe, const double *powerIm,
                                   double ar, double ai, double br, double bi) {
    carrierBlocks(a, countA, b, countB, powerRe, powerIm, ar, ai, br, bi, 1);
}
static AVX512 void carrierBlocks_avx512(float *a, long countA, float *b, long countB, const double *powerRe,
                                        const double *powerIm, double ar, double ai, double br, double bi) {
    carrierBlocks16(a, countA, b, countB, powerRe, powerIm, ar, ai, br, bi);
}

void specgen_carrier_rotate(float *x, long count, long split, const double *powerRe, const double *powerIm,
                            double anchorRe, double anchorIm, double secondRe, double secondIm) {
    float *b = x + 2 * split;
    long countB = count - split;
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        carrierBlocks_avx512(x, split, b, countB, powerRe, powerIm, anchorRe, anchorIm, secondRe, secondIm);
    else if (level == SPECGEN_SIMD_AVX2)
        carrierBlocks_avx2(x, split, b, countB, powerRe, powerIm, anchorRe, anchorIm, secondRe, secondIm);
    else
        carrierBlocks_baseline(x, split, b, countB, powerRe, powerIm, anchorRe, anchorIm, secondRe, secondIm);
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

INLINE void iqImbalance16(float *x, long count, float a, float b) {
    long k = 0, whole = count - count % 16;
    for (; k < whole; k += 16) {
        f16 re, im;
        split16(x + 2 * k, &re, &im);
        merge16(x + 2 * k, re, a * im - b * re);
    }
    if (k < count) iqImbalance(x + 2 * k, count - k, a, b, 1);
}

static void iqImbalance_baseline(float *x, long count, float a, float b) { iqImbalance(x, count, a, b, 0); }
static AVX2 void iqImbalance_avx2(float *x, long count, float a, float b) { iqImbalance(x, count, a, b, 1); }
static AVX512 void iqImbalance_avx512(float *x, long count, float a, float b) { iqImbalance16(x, count, a, b); }

void specgen_iq_imbalance(float *x, long count, float a, float b) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        iqImbalance_avx512(x, count, a, b);
    else if (level == SPECGEN_SIMD_AVX2)
        iqImbalance_avx2(x, count, a, b);
    else
        iqImbalance_baseline(x, count, a, b);
}
