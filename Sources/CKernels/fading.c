// The multipath fading stage (MultipathFading.swift, DopplerProcess.swift): the combined tapped-delay-line
// FIR, the per-tap filter and gain, and the Doppler gain grid; baseline (SSE2), AVX2 and AVX-512 builds
// from one body each. Plain IEEE operations in the order of the Swift code they replaced, never
// contracted (no FMA): every build, and that Swift code (kept in Tests/SpecGenSignalsTests/
// FadingKernelTests.swift as the reference), give the same bits. The lane-wise helpers are defined for
// eight and for sixteen float lanes (FADING_LANES); the AVX-512 builds take sixteen lanes at a time and
// the rest (a multiple of eight samples, or floats) by the eight-lane helpers, every lane doing the same
// operations at every width.
#pragma clang fp contract(off)
// The helpers below take and return vectors but are always inlined into the baseline, AVX2 and AVX-512
// functions alike: no call with any vector ABI exists.
#pragma clang diagnostic ignored "-Wpsabi"

#include "specgen_kernels.h"
#include "targets.h"
#include "specgen_fading.h"
#include "lanes.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef double d8 __attribute__((ext_vector_type(8)));
typedef double d4 __attribute__((ext_vector_type(4)));
typedef double d2 __attribute__((ext_vector_type(2)));
typedef float f2 __attribute__((ext_vector_type(2)));

#define BODY static inline __attribute__((always_inline))

// Unaligned loads and stores of a vector of type F.
#define LOAD(F, p) ({ F v_; memcpy(&v_, (p), sizeof v_); v_; })
#define STORE(p, v) do { __typeof__(v) v_ = (v); memcpy((p), &v_, sizeof v_); } while (0)

#define RAMP8 0, 1, 2, 3, 4, 5, 6, 7
#define RAMP16 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
/// Interleaving re (lanes 0 ..< N) and im (lanes N ..< 2N) into samples: the first and second halves.
#define INTERLEAVE_LO8 0, 8, 1, 9, 2, 10, 3, 11
#define INTERLEAVE_HI8 4, 12, 5, 13, 6, 14, 7, 15
#define INTERLEAVE_LO16 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23
#define INTERLEAVE_HI16 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31
/// Per interleaved sample pair: its index (the gain's t), the sign of the swapped term, the swap.
#define PAIR_RAMP8 0, 0, 1, 1, 2, 2, 3, 3
#define PAIR_RAMP16 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7
#define PAIR_SIGN8 -1, 1, -1, 1, -1, 1, -1, 1
#define PAIR_SIGN16 -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1
#define PAIR_SWAP8 1, 0, 3, 2, 5, 4, 7, 6
#define PAIR_SWAP16 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14

/// One lag of a combined block: c = A + t·B (the coefficient vectors: `splat`, N copies of each in
/// memory, or one float each, broadcast), then y += (cr·vr − ci·vi, cr·vi + ci·vr).
#define FADING_LAG(F, l) do { \
        F a_ = splat ? ((const F *)cf)[4 * (l)] : (F)cf[4 * (l)], b_ = splat ? ((const F *)cf)[4 * (l) + 1] : (F)cf[4 * (l) + 1]; \
        F c_ = splat ? ((const F *)cf)[4 * (l) + 2] : (F)cf[4 * (l) + 2], d_ = splat ? ((const F *)cf)[4 * (l) + 3] : (F)cf[4 * (l) + 3]; \
        F cr = a_ + t * b_, ci = c_ + t * d_; \
        F vr = LOAD(F, xr - (l)), vi = LOAD(F, xi - (l)); \
        yr += cr * vr - ci * vi; \
        yi += cr * vi + ci * vr; \
    } while (0)

/// The lane-wise helpers for N float lanes (F):
/// - combine_lagsN: lags c ..< c + N of the combined kernel at grid point j, re[ℓ] = Σᵢ gr_i·kᵢ[ℓ], im
///   likewise (taps in order, from zero), over the padded rows `rows` (`lp` floats per tap);
/// - blockN: samples n ..< n + N of segment `start` of the combined FIR, each over the lags in order,
///   written interleaved to `row` (only up to `count`); `unrolled`: the lag loop fully unrolled (a
///   constant `length`); `cf`: per lag A re, B re, A im, B im (`splat`: as vectors, else as floats). A
///   sample's t = ramp + (n − start) is a small whole number, exact in either width: a 16-lane block
///   computes what its two 8-lane blocks would;
/// - interpolate_quadN, interpolate_oneN: floats f ..< f + 4N (f + N) of the per-tap fractional-delay
///   FIR, out[f] = Σₘ c[m]·x[f − 2(m − H + 1)] (m in order, from zero), four vectors sharing each
///   coefficient's broadcast;
/// - gain_blockN: samples n ..< n + N/2 of the per-tap gain, segment from k: out + gr·x + (gi·(−1, 1, …))·swap(x).
#define FADING_LANES(N, F)                                                                                            \
    BODY void combine_lags##N(float *re, float *im, long c, long j, long lp, const float *rows, long taps,            \
                              const float *gains, long points) {                                                      \
        F r = 0, m = 0;                                                                                               \
        for (long i = 0; i < taps; i++) {                                                                             \
            F k = LOAD(F, rows + i * lp + c);                                                                         \
            r += (F)(gains[2 * (i * points + j)]) * k;                                                                \
            m += (F)(gains[2 * (i * points + j) + 1]) * k;                                                            \
        }                                                                                                             \
        STORE(re + c, r);                                                                                             \
        STORE(im + c, m);                                                                                             \
    }                                                                                                                 \
                                                                                                                      \
    BODY void block##N(float *row, long count, const float *re, const float *im, long n, long start, long low,        \
                       long length, const float *cf, const int splat, const int unrolled) {                           \
        const F ramp = {RAMP##N};                                                                                     \
        F t = ramp + (float)(n - start);                                                                              \
        F yr = 0, yi = 0;                                                                                             \
        const float *xr = re + n - low, *xi = im + n - low;                                                           \
        if (unrolled) {                                                                                               \
            _Pragma("clang loop unroll(full)") for (long l = 0; l < length; l++) FADING_LAG(F, l);                    \
        } else {                                                                                                      \
            _Pragma("clang loop unroll_count(2)") for (long l = 0; l < length; l++) FADING_LAG(F, l);                 \
        }                                                                                                             \
        F first = __builtin_shufflevector(yr, yi, INTERLEAVE_LO##N);                                                  \
        F second = __builtin_shufflevector(yr, yi, INTERLEAVE_HI##N);                                                 \
        if (n + N <= count) {                                                                                         \
            STORE(row + 2 * n, first);                                                                                \
            STORE(row + 2 * n + N, second);                                                                           \
        } else {                                                                                                      \
            float last[2 * N];                                                                                        \
            STORE(last, first);                                                                                       \
            STORE(last + N, second);                                                                                  \
            memcpy(row + 2 * n, last, sizeof(float) * 2 * (size_t)(count - n));                                      \
        }                                                                                                             \
    }                                                                                                                 \
                                                                                                                      \
    BODY void interpolate_quad##N(float *out, const float *x, long f, long h, const float *c) {                       \
        F a0 = 0, a1 = 0, a2 = 0, a3 = 0;                                                                             \
        for (long m = 0; m < 2 * h; m++) {                                                                            \
            F k = (F)(c[m]);                                                                                          \
            const float *v = x + f - 2 * (m - h + 1);                                                                 \
            a0 += k * LOAD(F, v);                                                                                     \
            a1 += k * LOAD(F, v + N);                                                                                 \
            a2 += k * LOAD(F, v + 2 * N);                                                                             \
            a3 += k * LOAD(F, v + 3 * N);                                                                             \
        }                                                                                                             \
        STORE(out + f, a0);                                                                                           \
        STORE(out + f + N, a1);                                                                                       \
        STORE(out + f + 2 * N, a2);                                                                                   \
        STORE(out + f + 3 * N, a3);                                                                                   \
    }                                                                                                                 \
                                                                                                                      \
    BODY void interpolate_one##N(float *out, const float *x, long f, long h, const float *c) {                        \
        F a = 0;                                                                                                      \
        for (long m = 0; m < 2 * h; m++) a += (F)(c[m]) * LOAD(F, x + f - 2 * (m - h + 1));                           \
        STORE(out + f, a);                                                                                            \
    }                                                                                                                 \
                                                                                                                      \
    BODY void gain_block##N(float *out, const float *x, long n, long k, float a, float b, float da, float db) {        \
        const F ramp = {PAIR_RAMP##N}, sign = {PAIR_SIGN##N};                                                         \
        F t = ramp + (float)(n - k);                                                                                  \
        F gr = (F)a + (F)da * t, gi = (F)b + (F)db * t;                                                               \
        F v = LOAD(F, x + 2 * n);                                                                                     \
        F swapped = __builtin_shufflevector(v, v, PAIR_SWAP##N);                                                      \
        STORE(out + 2 * n, LOAD(F, out + 2 * n) + gr * v + gi * sign * swapped);                                      \
    }

FADING_LANES(8, f8)
FADING_LANES(16, f16)

// MARK: - Combined evaluation

/// `length` rounded up to a multiple of 8: the combined kernels' rows, padded with zeros.
BODY long padded_length(long length) { return (length + 7) / 8 * 8; }

long specgen_fading_combined_planar_floats(long count, long low, long length) {
    long padded = (count + 7) / 8 * 8, high = low + length - 1;
    long front = high > 0 ? high : 0;
    return 2 * (front + (padded - low > count ? padded - low : count));
}

long specgen_fading_combined_work_floats(long length, long taps) { return 32 * length + (taps + 4) * padded_length(length) + 8; }

/// The combined kernel at grid point j over all `lp` lags (`wide`: sixteen lags per vector first).
BODY void combine(float *re, float *im, long j, long lp, const float *rows, long taps, const float *gains, long points,
                  const int wide) {
    long c = 0;
    if (wide)
        for (; c + 16 <= lp; c += 16) combine_lags16(re, im, c, j, lp, rows, taps, gains, points);
    for (; c < lp; c += 8) combine_lags8(re, im, c, j, lp, rows, taps, gains, points);
}

/// Samples start ..< end of a segment (a multiple of 8): eight at a time with the coefficient vectors
/// (`wide` 0), or sixteen at a time and a last eight with the coefficients broadcast from floats (`wide`).
BODY void segment(float *row, long count, const float *re, const float *im, long start, long end, long low, long length,
                  const float *cf, const int unrolled, const int wide) {
    long n = start;
    if (wide) {
        for (; n + 16 <= end; n += 16) block16(row, count, re, im, n, start, low, length, cf, 0, unrolled);
        if (n < end) block8(row, count, re, im, n, start, low, length, cf, 0, unrolled);
    } else {
        for (; n < end; n += 8) block8(row, count, re, im, n, start, low, length, cf, 1, unrolled);
    }
}

BODY void combined_body(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                        const float *gains, long points, float *planar, float *work, const int wide) {
    long padded = (count + 7) / 8 * 8, high = low + length - 1;
    long front = high > 0 ? high : 0;
    long span = front + (padded - low > count ? padded - low : count);
    // Planar input x[−front ..< span − front]: zeros before the row and after it.
    float *re = planar + front, *im = planar + span + front;
    memset(re - front, 0, sizeof(float) * (size_t)front);
    memset(re + count, 0, sizeof(float) * (size_t)(span - front - count));
    memset(im - front, 0, sizeof(float) * (size_t)front);
    memset(im + count, 0, sizeof(float) * (size_t)(span - front - count));
    long k = 0;
    if (wide) {
        for (; k + 16 <= count; k += 16) {
            f16 a = LOAD(f16, row + 2 * k), b = LOAD(f16, row + 2 * k + 16);
            STORE(re + k, __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30));
            STORE(im + k, __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31));
        }
    }
    for (; k + 8 <= count; k += 8) {
        f8 a = LOAD(f8, row + 2 * k), b = LOAD(f8, row + 2 * k + 8);
        STORE(re + k, __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14));
        STORE(im + k, __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15));
    }
    for (; k < count; k++) {
        re[k] = row[2 * k];
        im[k] = row[2 * k + 1];
    }

    // Work: per lag, A re, B re, A im, B im of the current segment (eight copies each, 32-byte aligned:
    // memory operands; `wide`: one float each, broadcast); the taps' kernels in rows of `lp` floats
    // (zero-padded); A at the segment's start and end.
    long lp = padded_length(length);
    float *cf = (float *)(((uintptr_t)work + 31) & ~(uintptr_t)31);
    float *rows = cf + 32 * length;
    float *startRe = rows + taps * lp, *startIm = startRe + lp, *endRe = startIm + lp, *endIm = endRe + lp;
    for (long i = 0; i < taps; i++) {
        memcpy(rows + i * lp, kernels + i * length, sizeof(float) * (size_t)length);
        memset(rows + i * lp + length, 0, sizeof(float) * (size_t)(lp - length));
    }
    combine(endRe, endIm, 0, lp, rows, taps, gains, points, wide);
    const float inverse = 1 / (float)step;
    long j = 0;
    for (long start = 0; start < count; start += step, j++) {
        float *swap = startRe;
        startRe = endRe, endRe = swap;
        swap = startIm;
        startIm = endIm, endIm = swap;
        combine(endRe, endIm, j + 1, lp, rows, taps, gains, points, wide);
        if (wide) {
            for (long l = 0; l < length; l++) {
                cf[4 * l] = startRe[l];
                cf[4 * l + 1] = (endRe[l] - startRe[l]) * inverse;
                cf[4 * l + 2] = startIm[l];
                cf[4 * l + 3] = (endIm[l] - startIm[l]) * inverse;
            }
        } else {
            f8 *coefficients = (f8 *)cf;
            for (long l = 0; l < length; l++) {
                coefficients[4 * l] = (f8)(startRe[l]);
                coefficients[4 * l + 1] = (f8)((endRe[l] - startRe[l]) * inverse);
                coefficients[4 * l + 2] = (f8)(startIm[l]);
                coefficients[4 * l + 3] = (f8)((endIm[l] - startIm[l]) * inverse);
            }
        }
        long end = start + step < padded ? start + step : padded;
        // Short kernels (a few taps crowding a few samples, the common case) with the lag loop unrolled.
        switch (length) {
#define SEGMENT(L) segment(row, count, re, im, start, end, low, L, cf, 1, wide)
        case 1: SEGMENT(1); break;
        case 2: SEGMENT(2); break;
        case 3: SEGMENT(3); break;
        case 4: SEGMENT(4); break;
        case 5: SEGMENT(5); break;
        case 6: SEGMENT(6); break;
        case 7: SEGMENT(7); break;
        case 8: SEGMENT(8); break;
        default: segment(row, count, re, im, start, end, low, length, cf, 0, wide);
#undef SEGMENT
        }
    }
}

static void combined_baseline(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                              const float *gains, long points, float *planar, float *work) {
    combined_body(row, count, step, low, length, kernels, taps, gains, points, planar, work, 0);
}

static AVX2 void combined_avx2(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                               const float *gains, long points, float *planar, float *work) {
    combined_body(row, count, step, low, length, kernels, taps, gains, points, planar, work, 0);
}

static AVX512 void combined_avx512(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                                   const float *gains, long points, float *planar, float *work) {
    combined_body(row, count, step, low, length, kernels, taps, gains, points, planar, work, 1);
}

void specgen_fading_combined(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                             const float *gains, long points, float *planar, float *work) {
    if (count <= 0) return;
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        combined_avx512(row, count, step, low, length, kernels, taps, gains, points, planar, work);
    else if (level == SPECGEN_SIMD_AVX2)
        combined_avx2(row, count, step, low, length, kernels, taps, gains, points, planar, work);
    else
        combined_baseline(row, count, step, low, length, kernels, taps, gains, points, planar, work);
}

// MARK: - Per-tap evaluation

/// out[f] = Σₘ c[m]·x[f − 2(m − H + 1)] (floats f = 0 ..< 2·count, m in order, from zero): the real
/// fractional-delay FIR on interleaved I/Q. Four vectors at a time sharing each coefficient's broadcast
/// (`wide`: of sixteen floats first), then single vectors, then the floats past the last whole vector one
/// by one: every float the same operations.
BODY void interpolate(float *out, const float *x, long count, long h, const float *c, const int wide) {
    long floats = 2 * count, f = 0;
    if (wide) {
        for (; f + 64 <= floats; f += 64) interpolate_quad16(out, x, f, h, c);
        for (; f + 16 <= floats; f += 16) interpolate_one16(out, x, f, h, c);
    } else {
        for (; f + 32 <= floats; f += 32) interpolate_quad8(out, x, f, h, c);
    }
    for (; f + 8 <= floats; f += 8) interpolate_one8(out, x, f, h, c);
    for (; f < floats; f++) {
        float a = 0;
        for (long m = 0; m < 2 * h; m++) a += c[m] * x[f - 2 * (m - h + 1)];
        out[f] = a;
    }
}

/// out[k] += g[k]·x[k] (interleaved), g linear between the grid points gains[j] at k = j·step: per
/// segment, four samples per vector (`wide`: eight first), (out + gr·x) + (gi·(−1, 1, …))·swap(x), then
/// the segment's last samples one by one, out + (gr·xr − gi·xi), out + (gr·xi + gi·xr).
BODY void accumulate(float *out, const float *x, long count, const float *gains, long step, const int wide) {
    const float inverse = 1 / (float)step;
    for (long k = 0, j = 0; k < count; j++) {
        const float *g = gains + 2 * j;
        float a = g[0], b = g[1];
        float da = (g[2] - a) * inverse, db = (g[3] - b) * inverse;
        long end = k + step < count ? k + step : count, n = k;
        if (wide)
            for (; n + 8 <= end; n += 8) gain_block16(out, x, n, k, a, b, da, db);
        for (; n + 4 <= end; n += 4) gain_block8(out, x, n, k, a, b, da, db);
        for (; n < end; n++) {
            float t = (float)(n - k);
            float gr = a + da * t, gi = b + db * t;
            float xr = x[2 * n], xi = x[2 * n + 1];
            out[2 * n] += gr * xr - gi * xi;
            out[2 * n + 1] += gr * xi + gi * xr;
        }
        k = end;
    }
}

BODY void tap_body(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                   float *delayed, const int wide) {
    for (long start = 0; start < count;) {
        long n = chunk < count - start ? chunk : count - start;
        const float *source = x + 2 * start;
        if (h > 0) {
            interpolate(delayed, source, n, h, c, wide);
            source = delayed;
        }
        accumulate(out + 2 * start, source, n, gains + 2 * (start / step), step, wide);
        start += n;
    }
}

static void tap_baseline(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                         float *delayed) {
    tap_body(out, x, count, chunk, h, c, gains, step, delayed, 0);
}

static AVX2 void tap_avx2(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                          float *delayed) {
    tap_body(out, x, count, chunk, h, c, gains, step, delayed, 0);
}

static AVX512 void tap_avx512(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains,
                              long step, float *delayed) {
    tap_body(out, x, count, chunk, h, c, gains, step, delayed, 1);
}

void specgen_fading_tap(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                        float *delayed) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        tap_avx512(out, x, count, chunk, h, c, gains, step, delayed);
    else if (level == SPECGEN_SIMD_AVX2)
        tap_avx2(out, x, count, chunk, h, c, gains, step, delayed);
    else
        tap_baseline(out, x, count, chunk, h, c, gains, step, delayed);
}

// MARK: - Doppler gain grid

/// (cos w, sin w) lane by lane by the Taylor series to w¹⁶/16! (Horner in x = w²), as
/// DopplerProcess.rotation: taylorN for N double lanes (D).
#define TAYLOR_LANES(N, D)                                                                                            \
    BODY void taylor##N(const D *angle, D *cosine, D *sine) {                                                         \
        D w = *angle, x = w * w;                                                                                      \
        D c = x * (1.0 / 20922789888000.0) - 1.0 / 87178291200.0;                                                     \
        c = c * x + 1.0 / 479001600.0;                                                                                \
        c = c * x - 1.0 / 3628800.0;                                                                                  \
        c = c * x + 1.0 / 40320.0;                                                                                    \
        c = c * x - 1.0 / 720.0;                                                                                      \
        c = c * x + 1.0 / 24.0;                                                                                       \
        c = c * x - 0.5;                                                                                              \
        c = c * x + 1;                                                                                                \
        D s = x * (1.0 / 355687428096000.0) - 1.0 / 1307674368000.0;                                                  \
        s = s * x + 1.0 / 6227020800.0;                                                                               \
        s = s * x - 1.0 / 39916800.0;                                                                                 \
        s = s * x + 1.0 / 362880.0;                                                                                   \
        s = s * x - 1.0 / 5040.0;                                                                                     \
        s = s * x + 1.0 / 120.0;                                                                                      \
        s = s * x - 1.0 / 6.0;                                                                                        \
        s = s * x + 1;                                                                                                \
        *cosine = c;                                                                                                  \
        *sine = w * s;                                                                                                \
    }

TAYLOR_LANES(4, d4)
TAYLOR_LANES(8, d8)

/// Whether every |w| of a group of four is ≤ ¼ (w² ≤ 1/16): the Taylor rotation, else libm's.
BODY int small_group(d4 w) {
    d4 x = w * w;
    return x[0] <= 0.0625 && x[1] <= 0.0625 && x[2] <= 0.0625 && x[3] <= 0.0625;
}

/// Point k of the grid from the sums of its sinusoids' phasors: ((re₀ + re₁) + (re₂ + re₃)) + los re, im
/// likewise, rounded to float.
BODY void grid_point(float *out, const d4 *re, const d4 *im, d2 los) {
    d4 pairs = __builtin_shufflevector(*re, *im, 0, 2, 4, 6) + __builtin_shufflevector(*re, *im, 1, 3, 5, 7);
    d2 sums = __builtin_shufflevector(pairs, pairs, 0, 2) + __builtin_shufflevector(pairs, pairs, 1, 3);
    f2 g = __builtin_convertvector(sums + los, f2);
    memcpy(out, &g, sizeof g);
}

/// The same from packed sums (re in lanes 0-3, im in 4-7).
BODY void packed_point(float *out, const d8 *sum, d2 los) {
    d4 pairs = __builtin_shufflevector(*sum, *sum, 0, 2, 4, 6) + __builtin_shufflevector(*sum, *sum, 1, 3, 5, 7);
    d2 sums = __builtin_shufflevector(pairs, pairs, 0, 2) + __builtin_shufflevector(pairs, pairs, 1, 3);
    f2 g = __builtin_convertvector(sums + los, f2);
    memcpy(out, &g, sizeof g);
}

/// One sinusoid group's step: its phasor added to the sums, then rotated.
#define GRID_STEP(re, im, pr, pi, rr, ri) do { \
        re += pr; \
        im += pi; \
        d4 next_ = pr * rr - pi * ri; \
        pi = pr * ri + pi * rr; \
        pr = next_; \
    } while (0)

/// The same step on a packed group p = (pr, pi) (one zmm), rr = (rr, rr), rs = (−ri, ri): the sums
/// s += p, then p = p·rr + swap(p)·rs, i.e. (pr·rr + pi·(−ri), pi·rr + pr·ri) — bit for bit GRID_STEP's
/// pr·rr − pi·ri and pr·ri + pi·rr (a − b is a + (−b); −(x·y) = x·(−y); addition commutes).
#define PACKED_STEP(s, p, rr, rs) do { \
        s += p; \
        d8 q_ = __builtin_shufflevector(p, p, 4, 5, 6, 7, 0, 1, 2, 3); \
        p = p * rr + q_ * rs; \
    } while (0)

/// The specular phasor (re, im) packed in one register: its value at the first point, and its rotation
/// per point, (re·cos + im·(−sin), im·cos + re·sin) — bit for bit re·cos − im·sin and re·sin + im·cos
/// (a − b is a + (−b), −(x·y) = x·(−y), addition commutes).
#define LOS_SETUP() \
    d2 los = {losRe, losIm}; \
    const d2 turnCos = {losCos, losCos}, turnSin = {-losSin, losSin}
#define LOS_TURN(v) ((v) * turnCos + __builtin_shufflevector(v, v, 1, 0) * turnSin)
#define LOS_STEP() (los = LOS_TURN(los))

/// The grid for M = 16 (four groups) with the phasors in registers (AVX2: eight ymm): per point the
/// groups in order, then `grid_point`, then the specular phasor's rotation. AVX2 only, and a function of its own: inlined into the set-up's loops, its phasors spilled to memory.
static AVX2 __attribute__((noinline)) void grid_registers(float *out, long points, const d4 *phasorRe, const d4 *phasorIm,
                                                          const d4 *rotationRe, const d4 *rotationIm, double losRe, double losIm,
                                                          double losCos, double losSin) {
    d4 pr0 = phasorRe[0], pr1 = phasorRe[1], pr2 = phasorRe[2], pr3 = phasorRe[3];
    d4 pi0 = phasorIm[0], pi1 = phasorIm[1], pi2 = phasorIm[2], pi3 = phasorIm[3];
    LOS_SETUP();
    for (long k = 0; k < points; k++) {
        d4 re = 0, im = 0;
        GRID_STEP(re, im, pr0, pi0, rotationRe[0], rotationIm[0]);
        GRID_STEP(re, im, pr1, pi1, rotationRe[1], rotationIm[1]);
        GRID_STEP(re, im, pr2, pi2, rotationRe[2], rotationIm[2]);
        GRID_STEP(re, im, pr3, pi3, rotationRe[3], rotationIm[3]);
        grid_point(out + 2 * k, &re, &im, los);
        LOS_STEP();
    }
}

/// `grid_registers` with each group packed in one zmm (AVX-512): the sums of re and im in one register,
/// each group's rotation two products and a sum.
BODY void grid_packed_registers(float *out, long points, const d4 *phasorRe, const d4 *phasorIm, const d4 *rotationRe,
                                const d4 *rotationIm, double losRe, double losIm, double losCos, double losSin) {
    LOS_SETUP();
#define PACK(a, b) __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7)
    d8 p0 = PACK(phasorRe[0], phasorIm[0]), p1 = PACK(phasorRe[1], phasorIm[1]);
    d8 p2 = PACK(phasorRe[2], phasorIm[2]), p3 = PACK(phasorRe[3], phasorIm[3]);
    d8 rr0 = PACK(rotationRe[0], rotationRe[0]), rr1 = PACK(rotationRe[1], rotationRe[1]);
    d8 rr2 = PACK(rotationRe[2], rotationRe[2]), rr3 = PACK(rotationRe[3], rotationRe[3]);
    d8 rs0 = PACK(-rotationIm[0], rotationIm[0]), rs1 = PACK(-rotationIm[1], rotationIm[1]);
    d8 rs2 = PACK(-rotationIm[2], rotationIm[2]), rs3 = PACK(-rotationIm[3], rotationIm[3]);
    for (long k = 0; k < points; k++) {
        d8 s = 0;
        PACKED_STEP(s, p0, rr0, rs0);
        PACKED_STEP(s, p1, rr1, rs1);
        PACKED_STEP(s, p2, rr2, rs2);
        PACKED_STEP(s, p3, rr3, rs3);
        packed_point(out + 2 * k, &s, los);
        LOS_STEP();
    }
}

/// `grid_packed_registers` for two taps at once (groups 0-3 of tap a, then 4-7 of tap b in the arrays;
/// outputs `outA`, `outB`): two independent chains per point, each tap's operations as on its own.
BODY void grid_packed_registers2(float *outA, float *outB, long points, const d4 *phasorRe, const d4 *phasorIm,
                                 const d4 *rotationRe, const d4 *rotationIm, double losRe, double losIm, double losReB,
                                 double losImB, double losCos, double losSin) {
    LOS_SETUP();
    d2 losB = {losReB, losImB};
    d8 p[8], rr[8], rs[8];
    for (int g = 0; g < 8; g++) {
        p[g] = PACK(phasorRe[g], phasorIm[g]);
        rr[g] = PACK(rotationRe[g], rotationRe[g]);
        rs[g] = PACK(-rotationIm[g], rotationIm[g]);
    }
    d8 p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4], p5 = p[5], p6 = p[6], p7 = p[7];
    for (long k = 0; k < points; k++) {
        d8 s = 0, t = 0;
        PACKED_STEP(s, p0, rr[0], rs[0]);
        PACKED_STEP(t, p4, rr[4], rs[4]);
        PACKED_STEP(s, p1, rr[1], rs[1]);
        PACKED_STEP(t, p5, rr[5], rs[5]);
        PACKED_STEP(s, p2, rr[2], rs[2]);
        PACKED_STEP(t, p6, rr[6], rs[6]);
        PACKED_STEP(s, p3, rr[3], rs[3]);
        PACKED_STEP(t, p7, rr[7], rs[7]);
        packed_point(outA + 2 * k, &s, los);
        packed_point(outB + 2 * k, &t, losB);
        LOS_STEP();
        losB = LOS_TURN(losB);
    }
}

/// The same grid for any number of groups, in runs of up to 32 points: per run, the groups two at a time
/// (their phasors in registers, SSE2: eight xmm) over the run's points, the sums kept per point in
/// between, then `grid_point` and the specular rotation per point. Each point's sums see the groups in
/// order, as in `grid_registers`.
BODY void grid_pairs(float *out, long points, d4 *phasorRe, d4 *phasorIm, const d4 *rotationRe, const d4 *rotationIm, long groups,
                     double losRe, double losIm, double losCos, double losSin) {
    LOS_SETUP();
    d4 sumRe[32], sumIm[32];
    for (long first = 0; first < points; first += 32) {
        long n = points - first < 32 ? points - first : 32;
        for (long k = 0; k < n; k++) sumRe[k] = 0, sumIm[k] = 0;
        for (long g = 0; g < groups; g += 2) {
            d4 pr0 = phasorRe[g], pi0 = phasorIm[g];
            if (g + 1 < groups) {
                d4 pr1 = phasorRe[g + 1], pi1 = phasorIm[g + 1];
                for (long k = 0; k < n; k++) {
                    d4 re = sumRe[k], im = sumIm[k];
                    GRID_STEP(re, im, pr0, pi0, rotationRe[g], rotationIm[g]);
                    GRID_STEP(re, im, pr1, pi1, rotationRe[g + 1], rotationIm[g + 1]);
                    sumRe[k] = re, sumIm[k] = im;
                }
                phasorRe[g + 1] = pr1, phasorIm[g + 1] = pi1;
            } else {
                for (long k = 0; k < n; k++) GRID_STEP(sumRe[k], sumIm[k], pr0, pi0, rotationRe[g], rotationIm[g]);
            }
            phasorRe[g] = pr0, phasorIm[g] = pi0;
        }
        for (long k = 0; k < n; k++) {
            grid_point(out + 2 * (first + k), &sumRe[k], &sumIm[k], los);
            LOS_STEP();
        }
    }
}

/// `grid_pairs` with packed groups (AVX-512): runs of up to 32 points, the groups four at a time.
BODY void grid_packed_pairs(float *out, long points, const d4 *phasorRe, const d4 *phasorIm, const d4 *rotationRe,
                            const d4 *rotationIm, long groups, double losRe, double losIm, double losCos, double losSin) {
    LOS_SETUP();
    d8 p[64], rr[64], rs[64], sum[32];
    for (long g = 0; g < groups; g++) {
        p[g] = PACK(phasorRe[g], phasorIm[g]);
        rr[g] = PACK(rotationRe[g], rotationRe[g]);
        rs[g] = PACK(-rotationIm[g], rotationIm[g]);
    }
    for (long first = 0; first < points; first += 32) {
        long n = points - first < 32 ? points - first : 32;
        for (long k = 0; k < n; k++) sum[k] = 0;
        long g = 0;
        for (; g + 4 <= groups; g += 4) {
            d8 p0 = p[g], p1 = p[g + 1], p2 = p[g + 2], p3 = p[g + 3];
            for (long k = 0; k < n; k++) {
                d8 s = sum[k];
                PACKED_STEP(s, p0, rr[g], rs[g]);
                PACKED_STEP(s, p1, rr[g + 1], rs[g + 1]);
                PACKED_STEP(s, p2, rr[g + 2], rs[g + 2]);
                PACKED_STEP(s, p3, rr[g + 3], rs[g + 3]);
                sum[k] = s;
            }
            p[g] = p0, p[g + 1] = p1, p[g + 2] = p2, p[g + 3] = p3;
        }
        for (; g < groups; g++) {
            d8 p0 = p[g];
            for (long k = 0; k < n; k++) PACKED_STEP(sum[k], p0, rr[g], rs[g]);
            p[g] = p0;
        }
        for (long k = 0; k < n; k++) {
            packed_point(out + 2 * (first + k), &sum[k], los);
            LOS_STEP();
        }
    }
#undef PACK
}

/// The grids of `taps` taps (see specgen_doppler_grids), in batches of up to eight taps whose groups fit
/// the arrays below: per batch, cos αₙ of all its taps at once (a tap per lane: each lane the operations
/// of one tap on its own), then every tap's phasors and rotations (independent chains the CPU overlaps),
/// then the grids tap by tap. level 0: baseline (grid_pairs); 1: AVX2 (grid_registers for four groups);
/// 2: AVX-512 (packed groups, the Taylor rotations of two groups per vector).
BODY void doppler_body(float *out, long points, long taps, const float *phasors, long m, const double *diffuse,
                       const double *specular, double turnCos, double turnSin, double scale, double losCos, double losSin,
                       const int level) {
    long groups = (m + 3) / 4, stride = 2 * (m + 2);
    long batch = 64 / groups < 8 ? 64 / groups : 8;
    // Per tap of the batch, its groups: planar phasors and rotations, four sinusoids per vector, padded
    // with zero phasors (rotation 1), and the angles w.
    d4 phasorRe[64], phasorIm[64], rotationRe[64], rotationIm[64], angle[64];
    // cos αₙ, n = 1 … M (lane t: tap t of the batch).
    d8 cosines[256];
    for (long t0 = 0; t0 < taps; t0 += batch) {
        long nt = taps - t0 < batch ? taps - t0 : batch;
        const float *first = phasors + t0 * stride;
        // e^{jα₀} normalised in double precision (the float phasor is unit to 4e-7), then rotated by
        // e^{j2π/M} per sinusoid. Lanes past the batch: 1.
        d8 ar = 1, ai = 0;
        for (long t = 0; t < nt; t++) {
            ar[t] = (double)first[t * stride + 2 * m];
            ai[t] = (double)first[t * stride + 2 * m + 1];
        }
        d8 norm = __builtin_elementwise_sqrt(ar * ar + ai * ai);
        ar = ar / norm, ai = ai / norm;
        for (long i = 0; i < m; i++) {
            d8 next = ar * turnCos - ai * turnSin;
            ai = ar * turnSin + ai * turnCos;
            ar = next;
            cosines[i] = ar;
        }
        for (long t = 0; t < nt; t++) {
            const float *p = first + t * stride;
            double d = diffuse[t0 + t];
            for (long g = 0; g < groups; g++) {
                long q = t * groups + g;
                d4 w = 0;
                if (4 * g + 4 <= m) {
                    f8 e = LOAD(f8, p + 8 * g);
                    phasorRe[q] = d * __builtin_convertvector(__builtin_shufflevector(e, e, 0, 2, 4, 6), d4);
                    phasorIm[q] = d * __builtin_convertvector(__builtin_shufflevector(e, e, 1, 3, 5, 7), d4);
                    for (int lane = 0; lane < 4; lane++) w[lane] = cosines[4 * g + lane][t];
                    w = scale * w;
                } else {
                    d4 re = 0, im = 0;
                    for (long i = 4 * g; i < m; i++) {
                        re[i - 4 * g] = d * (double)p[2 * i];
                        im[i - 4 * g] = d * (double)p[2 * i + 1];
                        w[i - 4 * g] = scale * cosines[i][t];
                    }
                    phasorRe[q] = re;
                    phasorIm[q] = im;
                }
                angle[q] = w;
            }
        }
        long all = nt * groups;
        for (long q = 0; q < all;) {
            int small = small_group(angle[q]);
            if (level == 2 && q + 1 < all) {
                // Two groups per vector; each group still takes the Taylor rotation only when all its |w| ≤ ¼.
                int next = small_group(angle[q + 1]);
                if (small || next) {
                    d8 w = __builtin_shufflevector(angle[q], angle[q + 1], 0, 1, 2, 3, 4, 5, 6, 7), c, s;
                    taylor8(&w, &c, &s);
                    if (small) {
                        rotationRe[q] = __builtin_shufflevector(c, c, 0, 1, 2, 3);
                        rotationIm[q] = __builtin_shufflevector(s, s, 0, 1, 2, 3);
                    }
                    if (next) {
                        rotationRe[q + 1] = __builtin_shufflevector(c, c, 4, 5, 6, 7);
                        rotationIm[q + 1] = __builtin_shufflevector(s, s, 4, 5, 6, 7);
                    }
                }
                for (long h = q; h < q + 2; h++) {
                    if (h == q ? small : next) continue;
                    for (int lane = 0; lane < 4; lane++) {
                        rotationRe[h][lane] = cos(angle[h][lane]);
                        rotationIm[h][lane] = sin(angle[h][lane]);
                    }
                }
                q += 2;
            } else {
                if (small) {
                    taylor4(&angle[q], &rotationRe[q], &rotationIm[q]);
                } else {
                    for (int lane = 0; lane < 4; lane++) {
                        rotationRe[q][lane] = cos(angle[q][lane]);
                        rotationIm[q][lane] = sin(angle[q][lane]);
                    }
                }
                q += 1;
            }
        }
        for (long t = 0; t < nt; t++) {
            const float *p = first + t * stride;
            float *o = out + 2 * points * (t0 + t);
            long q = t * groups;
            // The specular phasor beside the groups (zero for a Rayleigh tap).
            double losRe = specular[t0 + t] * (double)p[2 * m + 2], losIm = specular[t0 + t] * (double)p[2 * m + 3];
            if (level == 2 && groups == 4 && t + 1 < nt) {
                const float *pb = p + stride;
                double losReB = specular[t0 + t + 1] * (double)pb[2 * m + 2], losImB = specular[t0 + t + 1] * (double)pb[2 * m + 3];
                grid_packed_registers2(o, o + 2 * points, points, phasorRe + q, phasorIm + q, rotationRe + q, rotationIm + q, losRe,
                                       losIm, losReB, losImB, losCos, losSin);
                t++;
            } else if (level == 2 && groups == 4)
                grid_packed_registers(o, points, phasorRe + q, phasorIm + q, rotationRe + q, rotationIm + q, losRe, losIm, losCos,
                                      losSin);
            else if (level == 2)
                grid_packed_pairs(o, points, phasorRe + q, phasorIm + q, rotationRe + q, rotationIm + q, groups, losRe, losIm,
                                  losCos, losSin);
            else if (level == 1 && groups == 4)
                grid_registers(o, points, phasorRe + q, phasorIm + q, rotationRe + q, rotationIm + q, losRe, losIm, losCos, losSin);
            else
                grid_pairs(o, points, phasorRe + q, phasorIm + q, rotationRe + q, rotationIm + q, groups, losRe, losIm, losCos,
                           losSin);
        }
    }
}

#define DOPPLER_ARGS float *out, long points, long taps, const float *phasors, long m, const double *diffuse, const double *specular, \
                     double turnCos, double turnSin, double scale, double losCos, double losSin
#define DOPPLER_CALL out, points, taps, phasors, m, diffuse, specular, turnCos, turnSin, scale, losCos, losSin

static void doppler_baseline(DOPPLER_ARGS) { doppler_body(DOPPLER_CALL, 0); }
static AVX2 void doppler_avx2(DOPPLER_ARGS) { doppler_body(DOPPLER_CALL, 1); }
static AVX512 void doppler_avx512(DOPPLER_ARGS) { doppler_body(DOPPLER_CALL, 2); }

void specgen_doppler_grids(DOPPLER_ARGS) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        doppler_avx512(DOPPLER_CALL);
    else if (level == SPECGEN_SIMD_AVX2)
        doppler_avx2(DOPPLER_CALL);
    else
        doppler_baseline(DOPPLER_CALL);
}
