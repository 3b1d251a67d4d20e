// The multipath fading stage (MultipathFading.swift, DopplerProcess.swift): the combined tapped-delay-line
// FIR, the per-tap filter and gain, and the Doppler gain grid, baseline (SSE2) and AVX2 builds from one
// body each. Plain IEEE operations in the order of the Swift code they replaced, never contracted (no
// FMA): both builds, and that Swift code (kept in Tests/SpecGenSignalsTests/FadingKernelTests.swift as
// the reference), give the same bits.
#pragma clang fp contract(off)

#include "specgen_kernels.h"
#include "specgen_fading.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef float f8 __attribute__((ext_vector_type(8)));
typedef double d4 __attribute__((ext_vector_type(4)));
typedef double d2 __attribute__((ext_vector_type(2)));
typedef float f2 __attribute__((ext_vector_type(2)));

#define BODY static inline __attribute__((always_inline))
#define AVX2 __attribute__((target("avx2")))

// Unaligned loads and stores of eight floats, and a broadcast (macros, not functions: vector arguments
// would differ in ABI between the two builds).
#define LOAD8(p) ({ f8 v_; memcpy(&v_, (p), sizeof v_); v_; })
#define STORE8(p, v) do { f8 v_ = (v); memcpy((p), &v_, sizeof v_); } while (0)
#define SPLAT8(x) ((f8)(x))

// MARK: - Combined evaluation

/// `length` rounded up to a multiple of 8: the combined kernels' rows, padded with zeros.
BODY long padded_length(long length) { return (length + 7) / 8 * 8; }

long specgen_fading_combined_planar_floats(long count, long low, long length) {
    long padded = (count + 7) / 8 * 8, high = low + length - 1;
    long front = high > 0 ? high : 0;
    return 2 * (front + (padded - low > count ? padded - low : count));
}

long specgen_fading_combined_work_floats(long length, long taps) { return 32 * length + (taps + 4) * padded_length(length) + 8; }

/// re[ℓ] = Σᵢ gr_i·kᵢ[ℓ], im likewise (taps in order, from zero): the combined kernel at grid point j,
/// eight lags per vector over the padded rows `rows` (`lp` floats per tap).
BODY void combine(float *re, float *im, long j, long lp, const float *rows, long taps, const float *gains, long points) {
    for (long c = 0; c < lp; c += 8) {
        f8 r = 0, m = 0;
        for (long i = 0; i < taps; i++) {
            f8 k = LOAD8(rows + i * lp + c);
            r += SPLAT8(gains[2 * (i * points + j)]) * k;
            m += SPLAT8(gains[2 * (i * points + j) + 1]) * k;
        }
        STORE8(re + c, r);
        STORE8(im + c, m);
    }
}

/// Samples start ..< end (a segment, eight at a time) of the complex FIR, each over the lags in order:
/// y += (cr·vr − ci·vi, cr·vi + ci·vr), c = A + t·B from `coefficients`; written interleaved to `row`
/// (the last block only up to `count`). `unrolled`: the lag loop fully unrolled (a constant `length`).
BODY void segment(float *row, long count, const float *re, const float *im, long start, long end, long low, long length,
                  const f8 *coefficients, int unrolled) {
    const f8 ramp = {0, 1, 2, 3, 4, 5, 6, 7};
    for (long n = start; n < end; n += 8) {
        f8 t = ramp + (float)(n - start);
        f8 yr = 0, yi = 0;
        const float *xr = re + n - low, *xi = im + n - low;
        const f8 *c = coefficients;
#define LAG(l) do { \
            f8 cr = c[4 * (l)] + t * c[4 * (l) + 1], ci = c[4 * (l) + 2] + t * c[4 * (l) + 3]; \
            f8 vr = LOAD8(xr - (l)), vi = LOAD8(xi - (l)); \
            yr += cr * vr - ci * vi; \
            yi += cr * vi + ci * vr; \
        } while (0)
        if (unrolled) {
#pragma clang loop unroll(full)
            for (long l = 0; l < length; l++) LAG(l);
        } else {
#pragma clang loop unroll_count(2)
            for (long l = 0; l < length; l++) LAG(l);
        }
#undef LAG
        f8 first = __builtin_shufflevector(yr, yi, 0, 8, 1, 9, 2, 10, 3, 11);
        f8 second = __builtin_shufflevector(yr, yi, 4, 12, 5, 13, 6, 14, 7, 15);
        if (n + 8 <= count) {
            STORE8(row + 2 * n, first);
            STORE8(row + 2 * n + 8, second);
        } else {
            float last[16];
            STORE8(last, first);
            STORE8(last + 8, second);
            memcpy(row + 2 * n, last, sizeof(float) * 2 * (size_t)(count - n));
        }
    }
}

BODY void combined_body(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                        const float *gains, long points, float *planar, float *work) {
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
    for (; k + 8 <= count; k += 8) {
        f8 a = LOAD8(row + 2 * k), b = LOAD8(row + 2 * k + 8);
        STORE8(re + k, __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14));
        STORE8(im + k, __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15));
    }
    for (; k < count; k++) {
        re[k] = row[2 * k];
        im[k] = row[2 * k + 1];
    }

    // Work: per lag, broadcast, A re, B re, A im, B im of the current segment (32-byte aligned: memory
    // operands); the taps' kernels in rows of `lp` floats (zero-padded); A at the segment's start and end.
    long lp = padded_length(length);
    f8 *coefficients = (f8 *)(((uintptr_t)work + 31) & ~(uintptr_t)31);
    float *rows = (float *)(coefficients + 4 * length);
    float *startRe = rows + taps * lp, *startIm = startRe + lp, *endRe = startIm + lp, *endIm = endRe + lp;
    for (long i = 0; i < taps; i++) {
        memcpy(rows + i * lp, kernels + i * length, sizeof(float) * (size_t)length);
        memset(rows + i * lp + length, 0, sizeof(float) * (size_t)(lp - length));
    }
    combine(endRe, endIm, 0, lp, rows, taps, gains, points);
    const float inverse = 1 / (float)step;
    long j = 0;
    for (long start = 0; start < count; start += step, j++) {
        float *swap = startRe;
        startRe = endRe, endRe = swap;
        swap = startIm;
        startIm = endIm, endIm = swap;
        combine(endRe, endIm, j + 1, lp, rows, taps, gains, points);
        for (long l = 0; l < length; l++) {
            coefficients[4 * l] = SPLAT8(startRe[l]);
            coefficients[4 * l + 1] = SPLAT8((endRe[l] - startRe[l]) * inverse);
            coefficients[4 * l + 2] = SPLAT8(startIm[l]);
            coefficients[4 * l + 3] = SPLAT8((endIm[l] - startIm[l]) * inverse);
        }
        long end = start + step < padded ? start + step : padded;
        // Short kernels (a few taps crowding a few samples, the common case) with the lag loop unrolled.
        switch (length) {
#define SEGMENT(L) segment(row, count, re, im, start, end, low, L, coefficients, 1)
        case 1: SEGMENT(1); break;
        case 2: SEGMENT(2); break;
        case 3: SEGMENT(3); break;
        case 4: SEGMENT(4); break;
        case 5: SEGMENT(5); break;
        case 6: SEGMENT(6); break;
        case 7: SEGMENT(7); break;
        case 8: SEGMENT(8); break;
        default: segment(row, count, re, im, start, end, low, length, coefficients, 0);
#undef SEGMENT
        }
    }
}

static void combined_baseline(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                              const float *gains, long points, float *planar, float *work) {
    combined_body(row, count, step, low, length, kernels, taps, gains, points, planar, work);
}

static AVX2 void combined_avx2(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                               const float *gains, long points, float *planar, float *work) {
    combined_body(row, count, step, low, length, kernels, taps, gains, points, planar, work);
}

void specgen_fading_combined(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                             const float *gains, long points, float *planar, float *work) {
    if (count <= 0) return;
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        combined_avx2(row, count, step, low, length, kernels, taps, gains, points, planar, work);
    else
        combined_baseline(row, count, step, low, length, kernels, taps, gains, points, planar, work);
}

// MARK: - Per-tap evaluation

/// out[f] = Σₘ c[m]·x[f − 2(m − H + 1)] (floats f = 0 ..< 2·count, m in order, from zero): the real
/// fractional-delay FIR on interleaved I/Q. Eight floats per vector, four vectors at a time sharing each
/// coefficient's broadcast; the floats past the last whole vector one by one.
BODY void interpolate(float *out, const float *x, long count, long h, const float *c) {
    long floats = 2 * count, f = 0;
    for (; f + 32 <= floats; f += 32) {
        f8 a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (long m = 0; m < 2 * h; m++) {
            f8 k = SPLAT8(c[m]);
            const float *v = x + f - 2 * (m - h + 1);
            a0 += k * LOAD8(v);
            a1 += k * LOAD8(v + 8);
            a2 += k * LOAD8(v + 16);
            a3 += k * LOAD8(v + 24);
        }
        STORE8(out + f, a0);
        STORE8(out + f + 8, a1);
        STORE8(out + f + 16, a2);
        STORE8(out + f + 24, a3);
    }
    for (; f + 8 <= floats; f += 8) {
        f8 a = 0;
        for (long m = 0; m < 2 * h; m++) a += SPLAT8(c[m]) * LOAD8(x + f - 2 * (m - h + 1));
        STORE8(out + f, a);
    }
    for (; f < floats; f++) {
        float a = 0;
        for (long m = 0; m < 2 * h; m++) a += c[m] * x[f - 2 * (m - h + 1)];
        out[f] = a;
    }
}

/// out[k] += g[k]·x[k] (interleaved), g linear between the grid points gains[j] at k = j·step: per
/// segment, four samples per vector, (out + gr·x) + (gi·(−1, 1, …))·swap(x), then the segment's last
/// samples one by one, out + (gr·xr − gi·xi), out + (gr·xi + gi·xr).
BODY void accumulate(float *out, const float *x, long count, const float *gains, long step) {
    const float inverse = 1 / (float)step;
    const f8 ramp = {0, 0, 1, 1, 2, 2, 3, 3}, sign = {-1, 1, -1, 1, -1, 1, -1, 1};
    for (long k = 0, j = 0; k < count; j++) {
        const float *g = gains + 2 * j;
        float a = g[0], b = g[1];
        float da = (g[2] - a) * inverse, db = (g[3] - b) * inverse;
        long end = k + step < count ? k + step : count, n = k;
        f8 va = SPLAT8(a), vb = SPLAT8(b), vda = SPLAT8(da), vdb = SPLAT8(db);
        for (; n + 4 <= end; n += 4) {
            f8 t = ramp + (float)(n - k);
            f8 gr = va + vda * t, gi = vb + vdb * t;
            f8 v = LOAD8(x + 2 * n);
            f8 swapped = __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6);
            STORE8(out + 2 * n, LOAD8(out + 2 * n) + gr * v + gi * sign * swapped);
        }
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
                   float *delayed) {
    for (long start = 0; start < count;) {
        long n = chunk < count - start ? chunk : count - start;
        const float *source = x + 2 * start;
        if (h > 0) {
            interpolate(delayed, source, n, h, c);
            source = delayed;
        }
        accumulate(out + 2 * start, source, n, gains + 2 * (start / step), step);
        start += n;
    }
}

static void tap_baseline(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                         float *delayed) {
    tap_body(out, x, count, chunk, h, c, gains, step, delayed);
}

static AVX2 void tap_avx2(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                          float *delayed) {
    tap_body(out, x, count, chunk, h, c, gains, step, delayed);
}

void specgen_fading_tap(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                        float *delayed) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        tap_avx2(out, x, count, chunk, h, c, gains, step, delayed);
    else
        tap_baseline(out, x, count, chunk, h, c, gains, step, delayed);
}

// MARK: - Doppler gain grid

/// (cos w, sin w) by the Taylor series to w¹⁶/16! (Horner in x = w²), as DopplerProcess.rotation.
BODY void taylor(const d4 *angle, d4 *cosine, d4 *sine) {
    d4 w = *angle, x = w * w;
    d4 c = x * (1.0 / 20922789888000.0) - 1.0 / 87178291200.0;
    c = c * x + 1.0 / 479001600.0;
    c = c * x - 1.0 / 3628800.0;
    c = c * x + 1.0 / 40320.0;
    c = c * x - 1.0 / 720.0;
    c = c * x + 1.0 / 24.0;
    c = c * x - 0.5;
    c = c * x + 1;
    d4 s = x * (1.0 / 355687428096000.0) - 1.0 / 1307674368000.0;
    s = s * x + 1.0 / 6227020800.0;
    s = s * x - 1.0 / 39916800.0;
    s = s * x + 1.0 / 362880.0;
    s = s * x - 1.0 / 5040.0;
    s = s * x + 1.0 / 120.0;
    s = s * x - 1.0 / 6.0;
    s = s * x + 1;
    *cosine = c;
    *sine = w * s;
}

/// Point k of the grid from the sums of its sinusoids' phasors: ((re₀ + re₁) + (re₂ + re₃)) + losRe, im
/// likewise, rounded to float.
BODY void grid_point(float *out, const d4 *re, const d4 *im, double losRe, double losIm) {
    d4 pairs = __builtin_shufflevector(*re, *im, 0, 2, 4, 6) + __builtin_shufflevector(*re, *im, 1, 3, 5, 7);
    d2 sums = __builtin_shufflevector(pairs, pairs, 0, 2) + __builtin_shufflevector(pairs, pairs, 1, 3);
    f2 g = __builtin_convertvector(sums + (d2){losRe, losIm}, f2);
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

/// The grid for M = 16 (four groups) with the phasors in registers (AVX2: eight ymm): per point the
/// groups in order, then `grid_point`, then the specular phasor's rotation.
BODY void grid_registers(float *out, long points, const d4 *phasorRe, const d4 *phasorIm, const d4 *rotationRe,
                         const d4 *rotationIm, double losRe, double losIm, double losCos, double losSin) {
    d4 pr0 = phasorRe[0], pr1 = phasorRe[1], pr2 = phasorRe[2], pr3 = phasorRe[3];
    d4 pi0 = phasorIm[0], pi1 = phasorIm[1], pi2 = phasorIm[2], pi3 = phasorIm[3];
    for (long k = 0; k < points; k++) {
        d4 re = 0, im = 0;
        GRID_STEP(re, im, pr0, pi0, rotationRe[0], rotationIm[0]);
        GRID_STEP(re, im, pr1, pi1, rotationRe[1], rotationIm[1]);
        GRID_STEP(re, im, pr2, pi2, rotationRe[2], rotationIm[2]);
        GRID_STEP(re, im, pr3, pi3, rotationRe[3], rotationIm[3]);
        grid_point(out + 2 * k, &re, &im, losRe, losIm);
        double next = losRe * losCos - losIm * losSin;
        losIm = losRe * losSin + losIm * losCos;
        losRe = next;
    }
}

/// The same grid for any number of groups, in runs of up to 32 points: per run, the groups two at a time
/// (their phasors in registers, SSE2: eight xmm) over the run's points, the sums kept per point in
/// between, then `grid_point` and the specular rotation per point. Each point's sums see the groups in
/// order, as in `grid_registers`.
BODY void grid_pairs(float *out, long points, d4 *phasorRe, d4 *phasorIm, const d4 *rotationRe, const d4 *rotationIm, long groups,
                     double losRe, double losIm, double losCos, double losSin) {
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
            grid_point(out + 2 * (first + k), &sumRe[k], &sumIm[k], losRe, losIm);
            double next = losRe * losCos - losIm * losSin;
            losIm = losRe * losSin + losIm * losCos;
            losRe = next;
        }
    }
}

BODY void doppler_body(float *out, long points, const float *phasors, long m, double diffuse, double specular, double turnCos,
                       double turnSin, double scale, double losCos, double losSin, int registers) {
    long groups = (m + 3) / 4;
    // Planar phasors and rotations, four sinusoids per vector, padded with zero phasors (rotation 1).
    d4 phasorRe[64], phasorIm[64], rotationRe[64], rotationIm[64];
    // cos αₙ, n = 1 … M (zero beyond): e^{jα₀} normalised in double precision (the float phasor is unit
    // to 4e-7), then rotated by e^{j2π/M} per sinusoid.
    double cosines[256];
    double ar = (double)phasors[2 * m], ai = (double)phasors[2 * m + 1];
    double norm = __builtin_sqrt(ar * ar + ai * ai);
    ar = ar / norm, ai = ai / norm;
    for (long i = 0; i < m; i++) {
        double next = ar * turnCos - ai * turnSin;
        ai = ar * turnSin + ai * turnCos;
        ar = next;
        cosines[i] = ar;
    }
    for (long g = 0; g < groups; g++) {
        d4 w;
        if (4 * g + 4 <= m) {
            f8 e = LOAD8(phasors + 8 * g);
            phasorRe[g] = diffuse * __builtin_convertvector(__builtin_shufflevector(e, e, 0, 2, 4, 6), d4);
            phasorIm[g] = diffuse * __builtin_convertvector(__builtin_shufflevector(e, e, 1, 3, 5, 7), d4);
            d4 c;
            memcpy(&c, cosines + 4 * g, sizeof c);
            w = scale * c;
        } else {
            d4 re = 0, im = 0;
            w = 0;
            for (long i = 4 * g; i < m; i++) {
                re[i - 4 * g] = diffuse * (double)phasors[2 * i];
                im[i - 4 * g] = diffuse * (double)phasors[2 * i + 1];
                w[i - 4 * g] = scale * cosines[i];
            }
            phasorRe[g] = re;
            phasorIm[g] = im;
        }
        d4 x = w * w;
        if (x[0] <= 0.0625 && x[1] <= 0.0625 && x[2] <= 0.0625 && x[3] <= 0.0625) {
            taylor(&w, &rotationRe[g], &rotationIm[g]);
        } else {
            for (int lane = 0; lane < 4; lane++) {
                rotationRe[g][lane] = cos(w[lane]);
                rotationIm[g][lane] = sin(w[lane]);
            }
        }
    }
    // The specular phasor beside the groups (zero for a Rayleigh tap).
    double losRe = specular * (double)phasors[2 * m + 2], losIm = specular * (double)phasors[2 * m + 3];
    if (registers && groups == 4)
        grid_registers(out, points, phasorRe, phasorIm, rotationRe, rotationIm, losRe, losIm, losCos, losSin);
    else
        grid_pairs(out, points, phasorRe, phasorIm, rotationRe, rotationIm, groups, losRe, losIm, losCos, losSin);
}

static void doppler_baseline(float *out, long points, const float *phasors, long m, double diffuse, double specular,
                             double turnCos, double turnSin, double scale, double losCos, double losSin) {
    doppler_body(out, points, phasors, m, diffuse, specular, turnCos, turnSin, scale, losCos, losSin, 0);
}

static AVX2 void doppler_avx2(float *out, long points, const float *phasors, long m, double diffuse, double specular,
                              double turnCos, double turnSin, double scale, double losCos, double losSin) {
    doppler_body(out, points, phasors, m, diffuse, specular, turnCos, turnSin, scale, losCos, losSin, 1);
}

void specgen_doppler_grid(float *out, long points, const float *phasors, long m, double diffuse, double specular,
                          double turnCos, double turnSin, double scale, double losCos, double losSin) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        doppler_avx2(out, points, phasors, m, diffuse, specular, turnCos, turnSin, scale, losCos, losSin);
    else
        doppler_baseline(out, points, phasors, m, diffuse, specular, turnCos, turnSin, scale, losCos, losSin);
}
