// Pulse shaping (specgen_shape.h), baseline and AVX2 builds of one body: the same products and sums, in
// the same order, for every output; the AVX2 build only holds wider blocks of outputs in registers.
#pragma clang fp contract(off)
#include "specgen_kernels.h"
#include "specgen_shape.h"

#include <string.h>

typedef float f8 __attribute__((ext_vector_type(8)));

#define INLINE static inline __attribute__((always_inline))

// Unaligned loads and stores (macros: an f8 passed to or returned from a function outside an AVX
// function is an ABI question even when inlined).
#define load8(p) ({ f8 v_; memcpy(&v_, (p), sizeof v_); v_; })
#define store8(p, x) do { f8 v_ = (x); memcpy((p), &v_, sizeof v_); } while (0)

/// ⌊x / n⌋ for n > 0.
INLINE long floor_div(long x, long n) { return x >= 0 ? x / n : -((-x + n - 1) / n); }

/// The symbols whose pulse (positions s·sps + shift ..< + tap_count) meets positions a ..< a + width,
/// clamped to 0 ..< count: `*low` ... `*high` (empty when low > high).
INLINE void symbol_range(long a, long width, long shift, long sps, long tap_count, long count, long *low, long *high) {
    long lo = -floor_div(-(a - shift - tap_count + 1), sps), hi = floor_div(a - shift + width - 1, sps);
    *low = lo < 0 ? 0 : lo;
    *high = hi > count - 1 ? count - 1 : hi;
}

/// Outputs k ..< k + width (`vectors` × 8 of them) interleaved into `out`, or as many as are left
/// before `length`.
INLINE void store_block(float *out, long k, long width, long length, const f8 *accRe, const f8 *accIm, int vectors) {
    float block[2 * 32];
    float *o = k + width <= length ? out + 2 * k : block;
    for (int v = 0; v < vectors; v++) {
        store8(o + 16 * v, __builtin_shufflevector(accRe[v], accIm[v], 0, 8, 1, 9, 2, 10, 3, 11));
        store8(o + 16 * v + 8, __builtin_shufflevector(accRe[v], accIm[v], 4, 12, 5, 13, 6, 14, 7, 15));
    }
    if (o == block) memcpy(out + 2 * k, block, (size_t)(length - k) * 2 * sizeof(float));
}

/// One rail's products for the block at position `a`: `acc[v] += x[s] · h[a − s·sps − shift + 8v ...]`.
INLINE void rail(f8 *acc, int vectors, long a, long shift, const float *x, long count, long sps, const float *h,
                 long tap_count) {
    long low, high;
    symbol_range(a, 8 * vectors, shift, sps, tap_count, count, &low, &high);
    for (long s = low; s <= high; s++) {
        const float *t = h + (a - s * sps - shift);
        f8 p = x[s];
        for (int v = 0; v < vectors; v++) acc[v] += p * load8(t + 8 * v);
    }
}

/// `vectors` × 8 outputs per block (≤ 4).
INLINE void integer_body(int vectors, float *out, long length, long offset, const float *re, const float *im, long count,
                         long sps, long delay, const float *taps, long tap_count, float *work) {
    memset(work, 0, SPECGEN_PULSE_PAD * sizeof(float));
    memcpy(work + SPECGEN_PULSE_PAD, taps, (size_t)tap_count * sizeof(float));
    memset(work + SPECGEN_PULSE_PAD + tap_count, 0, SPECGEN_PULSE_PAD * sizeof(float));
    const float *h = work + SPECGEN_PULSE_PAD;
    const long width = 8 * vectors;
    for (long k = 0; k < length; k += width) {
        f8 accRe[4], accIm[4];
        for (int v = 0; v < vectors; v++) accRe[v] = accIm[v] = 0;
        long a = k + offset;
        if (delay == 0) {
            long low, high;
            symbol_range(a, width, 0, sps, tap_count, count, &low, &high);
            for (long s = low; s <= high; s++) {
                const float *t = h + (a - s * sps);
                f8 pr = re[s], pi = im[s];
                for (int v = 0; v < vectors; v++) {
                    f8 tv = load8(t + 8 * v);
                    accRe[v] += pr * tv;
                    accIm[v] += pi * tv;
                }
            }
        } else {
            rail(accRe, vectors, a, 0, re, count, sps, h, tap_count);
            rail(accIm, vectors, a, delay, im, count, sps, h, tap_count);
        }
        store_block(out, k, width, length, accRe, accIm, vectors);
    }
}

static void integer_baseline(float *out, long length, long offset, const float *re, const float *im, long count, long sps,
                             long delay, const float *taps, long tap_count, float *work) {
    integer_body(2, out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

static __attribute__((target("avx2"))) void integer_avx2(float *out, long length, long offset, const float *re,
                                                          const float *im, long count, long sps, long delay,
                                                          const float *taps, long tap_count, float *work) {
    integer_body(4, out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

void specgen_pulse_train_integer(float *out, long length, long offset, const float *re, const float *im, long count,
                                 long sps, long delay, const float *taps, long tap_count, float *work) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        integer_avx2(out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
    else
        integer_baseline(out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

// ---- Polyphase table, real samples per symbol ----

/// Where one symbol's pulse goes on one rail: first sample, offset of its first table row in the padded
/// table, and the two row weights times the symbol.
typedef struct { long sample, row; float a, b; } Place;
/// Both rails sharing the rows (no quadrature delay).
typedef struct { long sample, row; float ar, br, ai, bi; } Place2;
_Static_assert(sizeof(Place2) <= SPECGEN_PULSE_POLYPHASE_WORK * sizeof(float) &&
               2 * sizeof(Place) <= SPECGEN_PULSE_POLYPHASE_WORK * sizeof(float), "work per symbol");

/// The row pair and weight of a pulse starting at real sample position `start` (LinearModulation.phase).
INLINE void locate(double start, long phases, long stride, long *sample, long *row, float *w) {
    double n = __builtin_ceil(start);
    double position = (n - start) * (double)phases;  // [0, P)
    long i = (long)position;
    if (i > phases - 1) i = phases - 1;
    *sample = (long)n;
    *row = SPECGEN_PULSE_PAD + i * stride;
    *w = (float)(position - (double)i);
}

/// One rail's products for the block at sample k: symbols `*low` ... `*high` (advanced for this block).
INLINE void polyphase_rail(f8 *acc, int vectors, long k, const Place *p, long count, long *low, long *high,
                           const float *table, long stride, long row_length) {
    long width = 8 * vectors;
    while (*low < count && p[*low].sample + row_length <= k) ++*low;
    while (*high + 1 < count && p[*high + 1].sample <= k + width - 1) ++*high;
    for (long s = *low; s <= *high; s++) {
        const float *a = table + p[s].row + (k - p[s].sample), *b = a + stride;
        f8 wa = p[s].a, wb = p[s].b;
        for (int v = 0; v < vectors; v++) acc[v] += wa * load8(a + 8 * v) + wb * load8(b + 8 * v);
    }
}

INLINE void polyphase_body(int vectors, float *out, long length, const float *re, const float *im, long count, long first,
                           double sps, double delay, double half, long phases, long row_length, const float *table,
                           float *work) {
    const long stride = row_length + SPECGEN_PULSE_PAD, width = 8 * vectors;
    Place2 *both = (Place2 *)work;
    Place *real = (Place *)work, *imag = (Place *)work + count;
    for (long s = 0; s < count; s++) {
        long sample, row;
        float w;
        if (delay == 0) {
            locate((double)(first + s) * sps - half, phases, stride, &sample, &row, &w);
            both[s] = (Place2){sample, row, re[s] * (1.0f - w), re[s] * w, im[s] * (1.0f - w), im[s] * w};
        } else {
            locate((double)(first + s) * sps + 0.0 - half, phases, stride, &sample, &row, &w);
            real[s] = (Place){sample, row, re[s] * (1.0f - w), re[s] * w};
            locate((double)(first + s) * sps + delay - half, phases, stride, &sample, &row, &w);
            imag[s] = (Place){sample, row, im[s] * (1.0f - w), im[s] * w};
        }
    }
    long low = 0, high = -1, lowIm = 0, highIm = -1;
    for (long k = 0; k < length; k += width) {
        f8 accRe[4], accIm[4];
        for (int v = 0; v < vectors; v++) accRe[v] = accIm[v] = 0;
        if (delay == 0) {
            while (low < count && both[low].sample + row_length <= k) low++;
            while (high + 1 < count && both[high + 1].sample <= k + width - 1) high++;
            for (long s = low; s <= high; s++) {
                const float *a = table + both[s].row + (k - both[s].sample), *b = a + stride;
                f8 ar = both[s].ar, br = both[s].br, ai = both[s].ai, bi = both[s].bi;
                for (int v = 0; v < vectors; v++) {
                    f8 av = load8(a + 8 * v), bv = load8(b + 8 * v);
                    accRe[v] += ar * av + br * bv;
                    accIm[v] += ai * av + bi * bv;
                }
            }
        } else {
            polyphase_rail(accRe, vectors, k, real, count, &low, &high, table, stride, row_length);
            polyphase_rail(accIm, vectors, k, imag, count, &lowIm, &highIm, table, stride, row_length);
        }
        store_block(out, k, width, length, accRe, accIm, vectors);
    }
}

static void polyphase_baseline(float *out, long length, const float *re, const float *im, long count, long first, double sps,
                               double delay, double half, long phases, long row_length, const float *table, float *work) {
    polyphase_body(2, out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
}

static __attribute__((target("avx2"))) void polyphase_avx2(float *out, long length, const float *re, const float *im,
                                                            long count, long first, double sps, double delay, double half,
                                                            long phases, long row_length, const float *table,
                                                            float *work) {
    polyphase_body(4, out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
}

void specgen_pulse_train_polyphase(float *out, long length, const float *re, const float *im, long count, long first,
                                   double sps, double delay, double half, long phases, long row_length,
                                   const float *table, float *work) {
    if (specgen_simd_level() >= SPECGEN_SIMD_AVX2)
        polyphase_avx2(out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
    else
        polyphase_baseline(out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
}
