// Philox4x32-10 fill, baseline (two blocks per SSE2 register), AVX2 (four per register) and AVX-512
// (eight per register).
//
// Block j of a group lives in 64-bit lane j with its 32-bit word in the low half (the high half is never
// read), so each round's `(c & 0xFFFFFFFF) * multiplier` is one pmuludq giving both halves of the product
// at once, where blocks packed one per 32-bit lane would need shifts and recombination around every
// multiply. Integer arithmetic only: both builds give the same words.
#include "specgen_kernels.h"
#include "targets.h"
#include "specgen_philox.h"

#include <string.h>

typedef unsigned int u32x4 __attribute__((ext_vector_type(4)));
typedef unsigned long long u64x2 __attribute__((ext_vector_type(2)));
typedef unsigned int u32x8 __attribute__((ext_vector_type(8)));
typedef unsigned long long u64x4 __attribute__((ext_vector_type(4)));
typedef unsigned int u32x16 __attribute__((ext_vector_type(16)));
typedef unsigned long long u64x8 __attribute__((ext_vector_type(8)));

#define PHILOX_M0 0xD2511F53ull
#define PHILOX_M1 0xCD9E8D57ull
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

/// One round on a pair of blocks: words `c[0..3]`, round keys `k0`, `k1` (all lanes).
static inline __attribute__((always_inline)) void round2(u64x2 c[4], u64x2 k0, u64x2 k1) {
    u64x2 p0 = (c[0] & 0xFFFFFFFFull) * PHILOX_M0, p1 = (c[2] & 0xFFFFFFFFull) * PHILOX_M1;
    u32x4 hi0 = __builtin_shufflevector((u32x4)p0, (u32x4)p0, 1, 1, 3, 3);
    u32x4 hi1 = __builtin_shufflevector((u32x4)p1, (u32x4)p1, 1, 1, 3, 3);
    c[0] = (u64x2)hi1 ^ c[1] ^ k0;
    c[1] = p1;
    c[2] = (u64x2)hi0 ^ c[3] ^ k1;
    c[3] = p0;
}

/// The pair of blocks whose first counter word is `first` (the second's is `first + 1`, mod 2^32): all
/// ten rounds, then `out[0..3]` = the first block and `out[4..7]` = the second when `both`.
static inline __attribute__((always_inline)) void pair(unsigned int *out, unsigned int first, u64x2 c1, u64x2 c2, u64x2 c3,
                                                       const u64x2 k0[10], const u64x2 k1[10], int both) {
    u64x2 c[4] = {{first, first + 1u}, c1, c2, c3};
#pragma clang loop unroll(full)
    for (int r = 0; r < 10; r++) round2(c, k0[r], k1[r]);
    // Low halves of the four words, then block by block: one shufps each.
    u32x4 w01 = __builtin_shufflevector((u32x4)c[0], (u32x4)c[1], 0, 2, 4, 6);
    u32x4 w23 = __builtin_shufflevector((u32x4)c[2], (u32x4)c[3], 0, 2, 4, 6);
    u32x4 b0 = __builtin_shufflevector(w01, w23, 0, 2, 4, 6), b1 = __builtin_shufflevector(w01, w23, 1, 3, 5, 7);
    memcpy(out, &b0, sizeof b0);
    if (both) memcpy(out + 4, &b1, sizeof b1);
}

static void fill_baseline(unsigned int *out, long blocks, unsigned int c0, unsigned int c1, unsigned int c2, unsigned int c3,
                          unsigned int k0, unsigned int k1) {
    u64x2 roundKey0[10], roundKey1[10];
    for (int r = 0; r < 10; r++) {
        unsigned int a = k0 + (unsigned int)r * PHILOX_W0, b = k1 + (unsigned int)r * PHILOX_W1;
        roundKey0[r] = (u64x2){a, a};
        roundKey1[r] = (u64x2){b, b};
    }
    u64x2 v1 = {c1, c1}, v2 = {c2, c2}, v3 = {c3, c3};
    long b = 0;
    // Two pairs per step (both multiplier chains busy), then one pair; an odd last block computes a pair and stores one.
    for (; b + 4 <= blocks; b += 4) {
        pair(out + 4 * b, c0 + (unsigned int)b, v1, v2, v3, roundKey0, roundKey1, 1);
        pair(out + 4 * b + 8, c0 + (unsigned int)b + 2u, v1, v2, v3, roundKey0, roundKey1, 1);
    }
    for (; b < blocks; b += 2) pair(out + 4 * b, c0 + (unsigned int)b, v1, v2, v3, roundKey0, roundKey1, b + 1 < blocks);
}

/// One round on four blocks (one per 64-bit lane).
static inline __attribute__((always_inline)) AVX2 void round4(u64x4 c[4], u64x4 k0, u64x4 k1) {
    u64x4 p0 = (c[0] & 0xFFFFFFFFull) * PHILOX_M0, p1 = (c[2] & 0xFFFFFFFFull) * PHILOX_M1;
    u32x8 hi0 = __builtin_shufflevector((u32x8)p0, (u32x8)p0, 1, 1, 3, 3, 5, 5, 7, 7);
    u32x8 hi1 = __builtin_shufflevector((u32x8)p1, (u32x8)p1, 1, 1, 3, 3, 5, 5, 7, 7);
    c[0] = (u64x4)hi1 ^ c[1] ^ k0;
    c[1] = p1;
    c[2] = (u64x4)hi0 ^ c[3] ^ k1;
    c[3] = p0;
}

/// Blocks `first` … `first + 3`, in block order to `out[0..15]`.
static inline __attribute__((always_inline)) AVX2 void store4(unsigned int *out, const u64x4 c[4]) {
    // Low halves: w01 = word 0 of blocks 0-3, word 1 of blocks 0-3; w23 likewise; then block-major.
    u32x8 w01 = __builtin_shufflevector((u32x8)c[0], (u32x8)c[1], 0, 2, 4, 6, 8, 10, 12, 14);
    u32x8 w23 = __builtin_shufflevector((u32x8)c[2], (u32x8)c[3], 0, 2, 4, 6, 8, 10, 12, 14);
    u32x8 o0 = __builtin_shufflevector(w01, w23, 0, 4, 8, 12, 1, 5, 9, 13);
    u32x8 o1 = __builtin_shufflevector(w01, w23, 2, 6, 10, 14, 3, 7, 11, 15);
    memcpy(out, &o0, sizeof o0);
    memcpy(out + 8, &o1, sizeof o1);
}

static AVX2 void fill_avx2(unsigned int *out, long blocks, unsigned int c0, unsigned int c1, unsigned int c2, unsigned int c3,
                           unsigned int k0, unsigned int k1) {
    u64x4 roundKey0[10], roundKey1[10];
    for (int r = 0; r < 10; r++) {
        unsigned int a = k0 + (unsigned int)r * PHILOX_W0, b = k1 + (unsigned int)r * PHILOX_W1;
        roundKey0[r] = (u64x4){a, a, a, a};
        roundKey1[r] = (u64x4){b, b, b, b};
    }
    u64x4 v1 = {c1, c1, c1, c1}, v2 = {c2, c2, c2, c2}, v3 = {c3, c3, c3, c3};
    long b = 0;
    // Two groups of four per step (both multiplier chains busy); the rest (< 8 blocks) by the baseline pairs.
    for (; b + 8 <= blocks; b += 8) {
        unsigned int f = c0 + (unsigned int)b;
        u64x4 x[4] = {{f, f + 1u, f + 2u, f + 3u}, v1, v2, v3};
        u64x4 y[4] = {{f + 4u, f + 5u, f + 6u, f + 7u}, v1, v2, v3};
#pragma clang loop unroll(full)
        for (int r = 0; r < 10; r++) {
            round4(x, roundKey0[r], roundKey1[r]);
            round4(y, roundKey0[r], roundKey1[r]);
        }
        store4(out + 4 * b, x);
        store4(out + 4 * b + 16, y);
    }
    if (b < blocks) fill_baseline(out + 4 * b, blocks - b, c0 + (unsigned int)b, c1, c2, c3, k0, k1);
}

/// One round on eight blocks (one per 64-bit lane; the high halves of c[0] and c[2] are zero, so the
/// high product words are the shifts).
static inline __attribute__((always_inline)) AVX512 void round8(u64x8 c[4], u64x8 k0, u64x8 k1) {
    u64x8 p0 = c[0] * PHILOX_M0, p1 = c[2] * PHILOX_M1;
    c[0] = ((p1 >> 32) ^ c[1] ^ k0) & 0xFFFFFFFFull;
    c[1] = p1;
    c[2] = ((p0 >> 32) ^ c[3] ^ k1) & 0xFFFFFFFFull;
    c[3] = p0;
}

/// Blocks `first` … `first + 7`, in block order to `out[0..31]`.
static inline __attribute__((always_inline)) AVX512 void store8(unsigned int *out, const u64x8 c[4]) {
    u32x16 w01 = __builtin_shufflevector((u32x16)c[0], (u32x16)c[1], 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    u32x16 w23 = __builtin_shufflevector((u32x16)c[2], (u32x16)c[3], 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    u32x16 o0 = __builtin_shufflevector(w01, w23, 0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
    u32x16 o1 = __builtin_shufflevector(w01, w23, 4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
    memcpy(out, &o0, sizeof o0);
    memcpy(out + 16, &o1, sizeof o1);
}

static AVX512 void fill_avx512(unsigned int *out, long blocks, unsigned int c0, unsigned int c1, unsigned int c2,
                               unsigned int c3, unsigned int k0, unsigned int k1) {
    u64x8 roundKey0[10], roundKey1[10];
    for (int r = 0; r < 10; r++) {
        unsigned long long a = k0 + (unsigned int)r * PHILOX_W0, b = k1 + (unsigned int)r * PHILOX_W1;
        roundKey0[r] = (u64x8){a, a, a, a, a, a, a, a};
        roundKey1[r] = (u64x8){b, b, b, b, b, b, b, b};
    }
    u64x8 v1 = {c1, c1, c1, c1, c1, c1, c1, c1}, v2 = {c2, c2, c2, c2, c2, c2, c2, c2}, v3 = {c3, c3, c3, c3, c3, c3, c3, c3};
    long b = 0;
    // Two groups of eight per step (both multiplier chains busy); the rest (< 16 blocks) by the AVX2 build.
    for (; b + 16 <= blocks; b += 16) {
        unsigned int f = c0 + (unsigned int)b;
        u64x8 x[4] = {{f, f + 1u, f + 2u, f + 3u, f + 4u, f + 5u, f + 6u, f + 7u}, v1, v2, v3};
        u64x8 y[4] = {{f + 8u, f + 9u, f + 10u, f + 11u, f + 12u, f + 13u, f + 14u, f + 15u}, v1, v2, v3};
#pragma clang loop unroll(full)
        for (int r = 0; r < 10; r++) {
            round8(x, roundKey0[r], roundKey1[r]);
            round8(y, roundKey0[r], roundKey1[r]);
        }
        store8(out + 4 * b, x);
        store8(out + 4 * b + 32, y);
    }
    if (b < blocks) fill_avx2(out + 4 * b, blocks - b, c0 + (unsigned int)b, c1, c2, c3, k0, k1);
}

void specgen_philox4x32_fill(unsigned int *out, long blocks, unsigned int c0, unsigned int c1, unsigned int c2,
                             unsigned int c3, unsigned int k0, unsigned int k1) {
    int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        fill_avx512(out, blocks, c0, c1, c2, c3, k0, k1);
    else if (level == SPECGEN_SIMD_AVX2)
        fill_avx2(out, blocks, c0, c1, c2, c3, k0, k1);
    else
        fill_baseline(out, blocks, c0, c1, c2, c3, k0, k1);
}
