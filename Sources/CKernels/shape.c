// Pulse shaping (specgen_shape.h), baseline, AVX2 and AVX-512 builds of one body: the same products and
// sums, in the same order, for every output; a wider build only holds wider blocks of outputs in registers.
//
// The body is written once for vectors of LANES floats and instantiated for 8 lanes (baseline: pairs of
// xmm; AVX2: ymm) and 16 lanes (AVX-512: zmm) by including this file into itself with LANES defined: the
// first pass (LANES undefined) holds the shared helpers, the two instantiations and the builds.
#pragma clang fp contract(off)
#ifndef LANES
#include "specgen_kernels.h"
#include "targets.h"
#include "specgen_shape.h"

#include <string.h>

typedef float f8 __attribute__((ext_vector_type(8)));
typedef float f16 __attribute__((ext_vector_type(16)));

#define INLINE static inline __attribute__((always_inline))

/// Vectors per block and rail at each level: 16 outputs at the baseline (two 8-float vectors), 32 at AVX2
/// (four), and at AVX-512, of 16 floats, 64 outputs on the integer path and 32 on the polyphase path.
/// Measured at AVX-512 (kernel alone, bench-qpsk's 81 taps at 8 sps; QPSK at 4.3 sps, rows of 44): a wider
/// block spends more zero products at the pulse edges ((width − 1)/taps), a narrower one more loop
/// overhead per output; integer 0.45 / 0.40 / 0.39 ns per output at 32 / 48 / 64, polyphase (two rows per
/// product, shorter rows) 1.22 / 1.20 / 1.30 / 1.38 at 16 / 32 / 48 / 64.
#define BASELINE_VECTORS 2
#define AVX2_VECTORS 4
#ifndef INTEGER_AVX512_VECTORS
#define INTEGER_AVX512_VECTORS 4
#endif
#ifndef POLYPHASE_AVX512_VECTORS
#define POLYPHASE_AVX512_VECTORS 2
#endif
/// The widest block, in floats.
#define MAX_WIDTH 64
_Static_assert(8 * BASELINE_VECTORS <= MAX_WIDTH && 8 * AVX2_VECTORS <= MAX_WIDTH &&
                   16 * INTEGER_AVX512_VECTORS <= MAX_WIDTH && 16 * POLYPHASE_AVX512_VECTORS <= MAX_WIDTH &&
                   MAX_WIDTH - 1 <= SPECGEN_PULSE_PAD,
               "the padding covers the widest block");

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

/// ⌊x / n⌋ for n > 0.
INLINE long floor_div(long x, long n) { return x >= 0 ? x / n : -((-x + n - 1) / n); }

/// The symbols whose pulse (positions s·sps + shift ..< + tap_count) meets positions a ..< a + width,
/// clamped to 0 ..< count: `*low` ... `*high` (empty when low > high).
INLINE void symbol_range(long a, long width, long shift, long sps, long tap_count, long count, long *low, long *high) {
    long lo = -floor_div(-(a - shift - tap_count + 1), sps), hi = floor_div(a - shift + width - 1, sps);
    *low = lo < 0 ? 0 : lo;
    *high = hi > count - 1 ? count - 1 : hi;
}

/// Where one symbol's pulse goes on one rail (polyphase table): its first sample, the offset in the padded
/// table of its first row less that sample (`table + shift + k` is the first row's tap on output sample
/// k), and the two row weights times the symbol.
typedef struct { long sample, shift; float a, b; } Place;
/// Both rails sharing the rows (no quadrature delay).
typedef struct { long sample, shift; float ar, br, ai, bi; } Place2;
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

/// Where symbols `from` ..< `count` go (polyphase table), one at a time: `both[s]` when `delay` is 0, else
/// `real[s]` and `imag[s]` (`work` as `Place2[count]` or `Place[2 * count]`).
INLINE void place_symbols(float *work, long from, const float *re, const float *im, long count, long first, double sps,
                          double delay, double half, long phases, long stride) {
    Place2 *both = (Place2 *)work;
    Place *real = (Place *)work, *imag = (Place *)work + count;
    for (long s = from; s < count; s++) {
        long sample, row;
        float w;
        if (delay == 0) {
            locate((double)(first + s) * sps - half, phases, stride, &sample, &row, &w);
            both[s] = (Place2){sample, row - sample, re[s] * (1.0f - w), re[s] * w, im[s] * (1.0f - w), im[s] * w};
        } else {
            locate((double)(first + s) * sps + 0.0 - half, phases, stride, &sample, &row, &w);
            real[s] = (Place){sample, row - sample, re[s] * (1.0f - w), re[s] * w};
            locate((double)(first + s) * sps + delay - half, phases, stride, &sample, &row, &w);
            imag[s] = (Place){sample, row - sample, im[s] * (1.0f - w), im[s] * w};
        }
    }
}

/// Whether `place_both` may hold the symbols' samples and table offsets in 32-bit lanes and count symbols
/// exactly in doubles: every pulse start (increasing in s) and row offset well inside ±2³⁰ (NaN fails).
INLINE int lanes_fit(long count, long first, double sps, double half, long phases, long stride) {
    double low = (double)first * sps - half, high = (double)(first + count) * sps - half;
    return sps > 0 && first > -(1L << 40) && first + count < (1L << 40) && low > -0x1p30 && high < 0x1p30 &&
           (double)(phases + 1) * (double)stride < 0x1p30;
}

typedef double d4 __attribute__((ext_vector_type(4)));
typedef double d8 __attribute__((ext_vector_type(8)));
typedef float f4 __attribute__((ext_vector_type(4)));
typedef int i4 __attribute__((ext_vector_type(4)));
typedef int i8 __attribute__((ext_vector_type(8)));
typedef long l4 __attribute__((ext_vector_type(4)));
typedef long l8 __attribute__((ext_vector_type(8)));
typedef long l16 __attribute__((ext_vector_type(16)));
typedef long l32 __attribute__((ext_vector_type(32)));

#define LANES 8
#include "shape.c"
#undef LANES
#define LANES 16
#include "shape.c"
#undef LANES

// ---- The builds ----

static void integer_baseline(float *out, long length, long offset, const float *re, const float *im, long count, long sps,
                             long delay, const float *taps, long tap_count, float *work) {
    integer_body8(BASELINE_VECTORS, out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

static AVX2 void integer_avx2(float *out, long length, long offset, const float *re,
                              const float *im, long count, long sps, long delay,
                              const float *taps, long tap_count, float *work) {
    integer_body8(AVX2_VECTORS, out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

static AVX512 void integer_avx512(float *out, long length, long offset, const float *re, const float *im, long count,
                                  long sps, long delay, const float *taps, long tap_count, float *work) {
    integer_body16(INTEGER_AVX512_VECTORS, out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

void specgen_pulse_train_integer(float *out, long length, long offset, const float *re, const float *im, long count,
                                 long sps, long delay, const float *taps, long tap_count, float *work) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        integer_avx512(out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
    else if (level == SPECGEN_SIMD_AVX2)
        integer_avx2(out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
    else
        integer_baseline(out, length, offset, re, im, count, sps, delay, taps, tap_count, work);
}

static void polyphase_baseline(float *out, long length, const float *re, const float *im, long count, long first,
                               double sps, double delay, double half, long phases, long row_length, const float *table,
                               float *work) {
    polyphase_body8(BASELINE_VECTORS, 0, out, length, re, im, count, first, sps, delay, half, phases, row_length, table,
                    work);
}

static AVX2 void polyphase_avx2(float *out, long length, const float *re, const float *im,
                                long count, long first, double sps, double delay, double half,
                                long phases, long row_length, const float *table,
                                float *work) {
    polyphase_body8(AVX2_VECTORS, 1, out, length, re, im, count, first, sps, delay, half, phases, row_length, table,
                    work);
}

static AVX512 void polyphase_avx512(float *out, long length, const float *re, const float *im, long count, long first,
                                    double sps, double delay, double half, long phases, long row_length,
                                    const float *table, float *work) {
    polyphase_body16(POLYPHASE_AVX512_VECTORS, 1, out, length, re, im, count, first, sps, delay, half, phases, row_length,
                     table, work);
}

/// The AVX2 or AVX-512 build (kept out of the dispatcher, where the baseline build is inlined).
static __attribute__((noinline)) void polyphase_wide(int level, float *out, long length, const float *re, const float *im,
                                                     long count, long first, double sps, double delay, double half,
                                                     long phases, long row_length, const float *table, float *work) {
    if (level >= SPECGEN_SIMD_AVX512)
        polyphase_avx512(out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
    else
        polyphase_avx2(out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
}

void specgen_pulse_train_polyphase(float *out, long length, const float *re, const float *im, long count, long first,
                                   double sps, double delay, double half, long phases, long row_length,
                                   const float *table, float *work) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX2)
        polyphase_wide(level, out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
    else
        polyphase_baseline(out, length, re, im, count, first, sps, delay, half, phases, row_length, table, work);
}

#else
// ---- The body for vectors of LANES floats (included twice by the first pass) ----

#define vec CAT(f, LANES)
#define FN(name) CAT(name, LANES)

// Unaligned loads and stores (macros: a vector passed to or returned from a function outside an AVX
// function is an ABI question even when inlined).
#define loadv(p) ({ vec v_; memcpy(&v_, (p), sizeof v_); v_; })
#define storev(p, x) do { vec v_ = (x); memcpy((p), &v_, sizeof v_); } while (0)

/// Outputs k ..< k + width (`vectors` × LANES of them) interleaved into `out`, or as many as are left
/// before `length`.
INLINE void FN(store_block)(float *out, long k, long width, long length, const vec *accRe, const vec *accIm,
                            int vectors) {
    float block[2 * MAX_WIDTH];
    float *o = k + width <= length ? out + 2 * k : block;
    for (int v = 0; v < vectors; v++) {
#if LANES == 8
        storev(o + 16 * v, __builtin_shufflevector(accRe[v], accIm[v], 0, 8, 1, 9, 2, 10, 3, 11));
        storev(o + 16 * v + 8, __builtin_shufflevector(accRe[v], accIm[v], 4, 12, 5, 13, 6, 14, 7, 15));
#else
        storev(o + 32 * v,
               __builtin_shufflevector(accRe[v], accIm[v], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
        storev(o + 32 * v + 16,
               __builtin_shufflevector(accRe[v], accIm[v], 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31));
#endif
    }
    if (o == block) memcpy(out + 2 * k, block, (size_t)(length - k) * 2 * sizeof(float));
}

/// One rail's products for the block at position `a`: `acc[v] += x[s] · h[a − s·sps − shift + LANES·v ...]`.
INLINE void FN(rail)(vec *acc, int vectors, long a, long shift, const float *x, long count, long sps, const float *h,
                     long tap_count) {
    long low, high;
    symbol_range(a, LANES * vectors, shift, sps, tap_count, count, &low, &high);
    for (long s = low; s <= high; s++) {
        const float *t = h + (a - s * sps - shift);
        vec p = x[s];
        for (int v = 0; v < vectors; v++) acc[v] += p * loadv(t + LANES * v);
    }
}

/// `vectors` × LANES outputs per block (≤ MAX_WIDTH).
INLINE void FN(integer_body)(int vectors, float *out, long length, long offset, const float *re, const float *im,
                             long count, long sps, long delay, const float *taps, long tap_count, float *work) {
    memset(work, 0, SPECGEN_PULSE_PAD * sizeof(float));
    memcpy(work + SPECGEN_PULSE_PAD, taps, (size_t)tap_count * sizeof(float));
    memset(work + SPECGEN_PULSE_PAD + tap_count, 0, SPECGEN_PULSE_PAD * sizeof(float));
    const float *h = work + SPECGEN_PULSE_PAD;
    const long width = LANES * vectors;
    for (long k = 0; k < length; k += width) {
        vec accRe[MAX_WIDTH / LANES], accIm[MAX_WIDTH / LANES];
        for (int v = 0; v < vectors; v++) accRe[v] = accIm[v] = 0;
        long a = k + offset;
        if (delay == 0) {
            long low, high;
            symbol_range(a, width, 0, sps, tap_count, count, &low, &high);
            for (long s = low; s <= high; s++) {
                const float *t = h + (a - s * sps);
                vec pr = re[s], pi = im[s];
                for (int v = 0; v < vectors; v++) {
                    vec tv = loadv(t + LANES * v);
                    accRe[v] += pr * tv;
                    accIm[v] += pi * tv;
                }
            }
        } else {
            FN(rail)(accRe, vectors, a, 0, re, count, sps, h, tap_count);
            FN(rail)(accIm, vectors, a, delay, im, count, sps, h, tap_count);
        }
        FN(store_block)(out, k, width, length, accRe, accIm, vectors);
    }
}

/// One rail's products for the block at sample k: symbols `*low` ... `*high` (advanced for this block).
INLINE void FN(polyphase_rail)(vec *acc, int vectors, long k, const Place *p, long count, long *low, long *high,
                               const float *table, long stride, long row_length) {
    long width = LANES * vectors;
    while (*low < count && p[*low].sample + row_length <= k) ++*low;
    while (*high + 1 < count && p[*high + 1].sample <= k + width - 1) ++*high;
    for (long s = *low; s <= *high; s++) {
        const float *a = table + p[s].shift + k, *b = a + stride;
        vec wa = p[s].a, wb = p[s].b;
        for (int v = 0; v < vectors; v++) acc[v] += wa * loadv(a + LANES * v) + wb * loadv(b + LANES * v);
    }
}

/// `place_symbols` for the symbols sharing rows (delay 0), LANES / 2 at a time (doubles), each lane doing
/// the same operations; returns the first symbol left for `place_symbols` (0 unless `lanes_fit`).
INLINE long FN(place_both)(Place2 *both, const float *re, const float *im, long count, long first, double sps,
                           double half, long phases, long stride) {
#if LANES == 8
    typedef d4 dh;
    typedef f4 fh;
    typedef i4 ih;
    typedef l4 lh;
    const dh iota = {0, 1, 2, 3};
#else
    typedef d8 dh;
    typedef f8 fh;
    typedef i8 ih;
    typedef l8 lh;
    const dh iota = {0, 1, 2, 3, 4, 5, 6, 7};
#endif
    enum { H = LANES / 2 };
    if (!lanes_fit(count, first, sps, half, phases, stride)) return 0;
    const double p = (double)phases;
    const ih lastRow = (int)phases - 1;
    long s = 0;
    for (; s + H <= count; s += H) {
        dh start = ((double)(first + s) + iota) * sps - half;
        dh n = __builtin_elementwise_ceil(start);
        dh position = (n - start) * p;  // [0, P)
        ih i = __builtin_elementwise_min(__builtin_convertvector(position, ih), lastRow);
        ih sample32 = __builtin_convertvector(n, ih);
        lh sample = __builtin_convertvector(sample32, lh);
        lh shift = __builtin_convertvector(SPECGEN_PULSE_PAD + i * (int)stride - sample32, lh);
        fh w = __builtin_convertvector(position - __builtin_convertvector(i, dh), fh);
        fh x, y;
        memcpy(&x, re + s, sizeof x);
        memcpy(&y, im + s, sizeof y);
        fh ar = x * (1.0f - w), br = x * w, ai = y * (1.0f - w), bi = y * w;
        // Records {sample, shift, ar, br, ai, bi}: 64-bit words sample, shift, (ar, br), (ai, bi) per symbol.
#if LANES == 8
        l8 sr = __builtin_shufflevector(sample, shift, 0, 4, 1, 5, 2, 6, 3, 7);
        l4 abr = (l4)__builtin_shufflevector(ar, br, 0, 4, 1, 5, 2, 6, 3, 7);
        l4 abi = (l4)__builtin_shufflevector(ai, bi, 0, 4, 1, 5, 2, 6, 3, 7);
        l8 q = __builtin_shufflevector(abr, abi, 0, 4, 1, 5, 2, 6, 3, 7);
        l16 records = __builtin_shufflevector(sr, q, 0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);
#else
        l16 sr = __builtin_shufflevector(sample, shift, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        l8 abr = (l8)__builtin_shufflevector(ar, br, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        l8 abi = (l8)__builtin_shufflevector(ai, bi, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        l16 q = __builtin_shufflevector(abr, abi, 0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        l32 records = __builtin_shufflevector(sr, q, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23, 8, 9, 24, 25,
                                              10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
#endif
        memcpy(both + s, &records, sizeof records);
    }
    return s;
}

/// `vectors` × LANES outputs per block (≤ MAX_WIDTH); `vector_place`: place the symbols LANES / 2 at a
/// time when they share rows (needs SSE4.1's rounding).
INLINE void FN(polyphase_body)(int vectors, int vector_place, float *out, long length, const float *re, const float *im,
                               long count, long first, double sps, double delay, double half, long phases,
                               long row_length, const float *table, float *work) {
    const long stride = row_length + SPECGEN_PULSE_PAD, width = LANES * vectors;
    long placed = 0;
    if (delay == 0 && vector_place)
        placed = FN(place_both)((Place2 *)work, re, im, count, first, sps, half, phases, stride);
    place_symbols(work, placed, re, im, count, first, sps, delay, half, phases, stride);
    const Place2 *both = (const Place2 *)work;
    const Place *real = (const Place *)work, *imag = (const Place *)work + count;
    long low = 0, high = -1, lowIm = 0, highIm = -1;
    for (long k = 0; k < length; k += width) {
        vec accRe[MAX_WIDTH / LANES], accIm[MAX_WIDTH / LANES];
        for (int v = 0; v < vectors; v++) accRe[v] = accIm[v] = 0;
        if (delay == 0) {
            while (low < count && both[low].sample + row_length <= k) low++;
            while (high + 1 < count && both[high + 1].sample <= k + width - 1) high++;
            for (long s = low; s <= high; s++) {
                const float *a = table + both[s].shift + k, *b = a + stride;
                vec ar = both[s].ar, br = both[s].br, ai = both[s].ai, bi = both[s].bi;
                for (int v = 0; v < vectors; v++) {
                    vec av = loadv(a + LANES * v), bv = loadv(b + LANES * v);
                    accRe[v] += ar * av + br * bv;
                    accIm[v] += ai * av + bi * bv;
                }
            }
        } else {
            FN(polyphase_rail)(accRe, vectors, k, real, count, &low, &high, table, stride, row_length);
            FN(polyphase_rail)(accIm, vectors, k, imag, count, &lowIm, &highIm, table, stride, row_length);
        }
        FN(store_block)(out, k, width, length, accRe, accIm, vectors);
    }
}

#undef vec
#undef FN
#undef loadv
#undef storev
#endif
