// Vector operations Swift cannot express without a libm call per lane: Swift's Float.squareRoot keeps C's
// errno contract and compiles to a call of sqrtf for every lane of a SIMD vector, which stops the noise
// kernel's vectorisation. The clang element-wise builtin is the plain IEEE square root (sqrtps).
typedef float specgen_float8 __attribute__((ext_vector_type(8)));

static inline specgen_float8 specgen_sqrt8(specgen_float8 x) { return __builtin_elementwise_sqrt(x); }

// The same trap for SIMD8<Float>.clamped / pointwiseMin / pointwiseMax: the standard library's generic
// versions are called out of line, lane by lane (measured: 70 instructions per sample in the phase-noise
// and quantiser kernels). Lanes holding NaN give the other operand (IEEE minNum/maxNum).
static inline specgen_float8 specgen_min8(specgen_float8 x, specgen_float8 y) { return __builtin_elementwise_min(x, y); }
static inline specgen_float8 specgen_max8(specgen_float8 x, specgen_float8 y) { return __builtin_elementwise_max(x, y); }
static inline specgen_float8 specgen_clamp8(specgen_float8 x, specgen_float8 low, specgen_float8 high) {
    return __builtin_elementwise_min(__builtin_elementwise_max(x, low), high);
}

// An interleaved complex kernel whose lane shuffles Swift's SIMD initialisers from extracted lanes did
// not turn into single shuffles (measured: 14 instructions per sample in Swift, 10 here). Plain IEEE float
// operations in the order the comments give, never contracted to FMA: the same bits on every machine.

/// Rotates `runs` runs of eight interleaved samples: sample k of a run by p_k = A·e_k (float), e_k given
/// planar (`er`, `ei`), A the run's anchor rounded to float; the anchor (double, in/out) advances by
/// `step` per run. p_k = (Ar·er − Ai·ei, Ar·ei + Ai·er); x·p = (xr·pr + xi·(−pi), xi·pr + xr·pi).
static inline void specgen_rotate_runs(float *x, long runs, specgen_float8 er, specgen_float8 ei,
                                       double *anchorRe, double *anchorIm, double stepRe, double stepIm) {
#pragma clang fp contract(off)
    double ar = *anchorRe, ai = *anchorIm;
    for (long r = 0; r < runs; r++, x += 16) {
        float fr = (float)ar, fi = (float)ai;
        specgen_float8 a = {fr, fr, fr, fr, fr, fr, fr, fr}, b = {fi, fi, fi, fi, fi, fi, fi, fi};
        specgen_float8 pr = a * er - b * ei, pi = a * ei + b * er, npi = -pi;
        specgen_float8 x0, x1;
        __builtin_memcpy(&x0, x, sizeof x0);
        __builtin_memcpy(&x1, x + 8, sizeof x1);
        specgen_float8 r0 = __builtin_shufflevector(pr, pr, 0, 0, 1, 1, 2, 2, 3, 3);
        specgen_float8 r1 = __builtin_shufflevector(pr, pr, 4, 4, 5, 5, 6, 6, 7, 7);
        specgen_float8 i0 = __builtin_shufflevector(npi, pi, 0, 8, 1, 9, 2, 10, 3, 11);
        specgen_float8 i1 = __builtin_shufflevector(npi, pi, 4, 12, 5, 13, 6, 14, 7, 15);
        specgen_float8 w0 = __builtin_shufflevector(x0, x0, 1, 0, 3, 2, 5, 4, 7, 6);
        specgen_float8 w1 = __builtin_shufflevector(x1, x1, 1, 0, 3, 2, 5, 4, 7, 6);
        x0 = x0 * r0 + w0 * i0;
        x1 = x1 * r1 + w1 * i1;
        __builtin_memcpy(x, &x0, sizeof x0);
        __builtin_memcpy(x + 8, &x1, sizeof x1);
        double next = ar * stepRe - ai * stepIm;
        ai = ar * stepIm + ai * stepRe;
        ar = next;
    }
    *anchorRe = ar;
    *anchorIm = ai;
}

// Philox4x32-10 (see Philox.swift) on two blocks per SSE2 register: block j of a pair lives in 64-bit
// lane j with its 32-bit word in the low half (the high half is never read), so each round's
// `(c & 0xFFFFFFFF) * multiplier` is one pmuludq giving both halves of the product at once, where four
// blocks packed one per 32-bit lane would need shifts and recombination around every multiply.
typedef unsigned int specgen_u32x4 __attribute__((ext_vector_type(4)));
typedef unsigned long long specgen_u64x2 __attribute__((ext_vector_type(2)));

/// One round of Philox4x32 on a pair of blocks: words `c[0..3]`, round keys `k0`, `k1` (all lanes).
static inline void specgen_philox_round2(specgen_u64x2 c[4], specgen_u64x2 k0, specgen_u64x2 k1) {
    specgen_u64x2 p0 = (c[0] & 0xFFFFFFFFull) * 0xD2511F53ull, p1 = (c[2] & 0xFFFFFFFFull) * 0xCD9E8D57ull;
    specgen_u32x4 hi0 = __builtin_shufflevector((specgen_u32x4)p0, (specgen_u32x4)p0, 1, 1, 3, 3);
    specgen_u32x4 hi1 = __builtin_shufflevector((specgen_u32x4)p1, (specgen_u32x4)p1, 1, 1, 3, 3);
    c[0] = (specgen_u64x2)hi1 ^ c[1] ^ k0;
    c[1] = p1;
    c[2] = (specgen_u64x2)hi0 ^ c[3] ^ k1;
    c[3] = p0;
}

/// The pair of blocks whose first counter word is `first` (the second's is `first + 1`, mod 2^32): all
/// ten rounds, then `out[0..3]` = the first block and `out[4..7]` = the second when `both` (else only
/// the first is stored).
static inline void specgen_philox_pair(unsigned int *out, unsigned int first, specgen_u64x2 c1, specgen_u64x2 c2,
                                       specgen_u64x2 c3, const specgen_u64x2 k0[10], const specgen_u64x2 k1[10],
                                       int both) {
    specgen_u64x2 c[4] = {{first, first + 1u}, c1, c2, c3};
#pragma clang loop unroll(full)
    for (int r = 0; r < 10; r++) specgen_philox_round2(c, k0[r], k1[r]);
    // Low halves of the four words, then block by block: one shufps each.
    specgen_u32x4 w01 = __builtin_shufflevector((specgen_u32x4)c[0], (specgen_u32x4)c[1], 0, 2, 4, 6);
    specgen_u32x4 w23 = __builtin_shufflevector((specgen_u32x4)c[2], (specgen_u32x4)c[3], 0, 2, 4, 6);
    specgen_u32x4 b0 = __builtin_shufflevector(w01, w23, 0, 2, 4, 6), b1 = __builtin_shufflevector(w01, w23, 1, 3, 5, 7);
    __builtin_memcpy(out, &b0, sizeof b0);
    if (both) __builtin_memcpy(out + 4, &b1, sizeof b1);
}

/// Philox4x32-10 of the `blocks` counters (c0 + b mod 2^32, c1, c2, c3), b = 0 ..< blocks, under the
/// key (k0, k1), written block after block (four words each) to `out`: the same words as
/// `Philox4x32.block` of each counter. Two pairs per step (both multiplier chains busy), then one pair;
/// an odd last block computes a pair and stores one.
static inline void specgen_philox4x32_fill(unsigned int *out, long blocks, unsigned int c0, unsigned int c1,
                                           unsigned int c2, unsigned int c3, unsigned int k0, unsigned int k1) {
    specgen_u64x2 roundKey0[10], roundKey1[10];
    for (int r = 0; r < 10; r++) {
        unsigned int a = k0 + (unsigned int)r * 0x9E3779B9u, b = k1 + (unsigned int)r * 0xBB67AE85u;
        roundKey0[r] = (specgen_u64x2){a, a};
        roundKey1[r] = (specgen_u64x2){b, b};
    }
    specgen_u64x2 v1 = {c1, c1}, v2 = {c2, c2}, v3 = {c3, c3};
    long b = 0;
    for (; b + 4 <= blocks; b += 4) {
        specgen_philox_pair(out + 4 * b, c0 + (unsigned int)b, v1, v2, v3, roundKey0, roundKey1, 1);
        specgen_philox_pair(out + 4 * b + 8, c0 + (unsigned int)b + 2u, v1, v2, v3, roundKey0, roundKey1, 1);
    }
    for (; b < blocks; b += 2)
        specgen_philox_pair(out + 4 * b, c0 + (unsigned int)b, v1, v2, v3, roundKey0, roundKey1, b + 1 < blocks);
}
