// Folding CRC-32 by carry-less multiplication: Gopal et al., "Fast CRC Computation for Generic
// Polynomials Using PCLMULQDQ Instruction" (Intel, 2009), in the bit-reflected form of the Linux
// kernel's crc32-pclmul (the constants below are x^k mod P for the reflected polynomial 0xEDB88320,
// and the Barrett constants P' and u). Checked against zlib's crc32 by ChunkReplayTests.
#include "specgen_crc32.h"

#if defined(__x86_64__)
#include <immintrin.h>

int specgen_crc32_clmul_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}

__attribute__((target("pclmul,sse4.1")))
static inline __m128i fold(__m128i x, __m128i k, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(x, k, 0x00), high = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

__attribute__((target("pclmul,sse4.1")))
uint32_t specgen_crc32_clmul(uint32_t crc, const void *buffer, size_t *length) {
    size_t n = *length & ~(size_t)15;
    if (n < 64) { *length = 0; return crc; }
    *length = n;
    const uint8_t *p = (const uint8_t *)buffer;
    const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);   // hi, lo: fold by 512 bits
    const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);   // fold by 128 bits
    const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124);               // 64 → 32 bits
    const __m128i pu = _mm_set_epi64x(0x1f7011641, 0x1db710641);     // Barrett: u, P'
    const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);

    __m128i x0 = _mm_xor_si128(_mm_loadu_si128((const __m128i *)p), _mm_cvtsi32_si128((int)~crc));
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    p += 64;
    n -= 64;
    for (; n >= 64; p += 64, n -= 64) {
        x0 = fold(x0, k1k2, _mm_loadu_si128((const __m128i *)p));
        x1 = fold(x1, k1k2, _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = fold(x2, k1k2, _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = fold(x3, k1k2, _mm_loadu_si128((const __m128i *)(p + 48)));
    }
    x0 = fold(x0, k3k4, x1);
    x0 = fold(x0, k3k4, x2);
    x0 = fold(x0, k3k4, x3);
    for (; n >= 16; p += 16, n -= 16) x0 = fold(x0, k3k4, _mm_loadu_si128((const __m128i *)p));

    // 128 → 64 bits: low half × x^(128-32) folded into the high half.
    __m128i t = _mm_xor_si128(_mm_clmulepi64_si128(x0, k3k4, 0x10), _mm_srli_si128(x0, 8));
    // 64 → 32 bits.
    t = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(t, mask32), k5, 0x00), _mm_srli_si128(t, 4));
    // Barrett reduction to the 32-bit remainder.
    __m128i b = _mm_and_si128(_mm_clmulepi64_si128(_mm_and_si128(t, mask32), pu, 0x10), mask32);
    b = _mm_clmulepi64_si128(b, pu, 0x00);
    return ~(uint32_t)_mm_extract_epi32(_mm_xor_si128(t, b), 1);
}

#else

int specgen_crc32_clmul_available(void) { return 0; }

uint32_t specgen_crc32_clmul(uint32_t crc, const void *buffer, size_t *length) {
    (void)buffer;
    *length = 0;
    return crc;
}

#endif
