#include "specgen_kernels.h"

#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

static int detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return SPECGEN_SIMD_BASELINE;
    // AVX needs the OS to save the YMM state: OSXSAVE, AVX, and XCR0 bits 1 (SSE) and 2 (AVX).
    if (!(c & bit_OSXSAVE) || !(c & bit_AVX)) return SPECGEN_SIMD_BASELINE;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return SPECGEN_SIMD_BASELINE;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return SPECGEN_SIMD_BASELINE;
    if (!(b & bit_AVX2)) return SPECGEN_SIMD_BASELINE;
    // AVX-512 (F, DQ, BW, VL) needs XCR0 bits 5-7 too (opmask, upper halves of ZMM0-15, ZMM16-31).
    const unsigned avx512 = bit_AVX512F | bit_AVX512DQ | bit_AVX512BW | bit_AVX512VL;
    if ((b & avx512) == avx512 && (lo & 0xE0) == 0xE0) return SPECGEN_SIMD_AVX512;
    return SPECGEN_SIMD_AVX2;
}

// -1: not yet decided. Races at first use are benign: every thread computes the same value.
static int supported = -1, current = -1;

int specgen_simd_supported(void) {
    int s = __atomic_load_n(&supported, __ATOMIC_RELAXED);
    if (s < 0) {
        s = detect();
        __atomic_store_n(&supported, s, __ATOMIC_RELAXED);
    }
    return s;
}

int specgen_simd_level(void) {
    int level = __atomic_load_n(&current, __ATOMIC_RELAXED);
    if (level >= 0) return level;
    level = specgen_simd_supported();
    const char *request = getenv("SPECGEN_SIMD");
    if (request && strcmp(request, "baseline") == 0) level = SPECGEN_SIMD_BASELINE;
    if (request && strcmp(request, "avx2") == 0 && level > SPECGEN_SIMD_AVX2) level = SPECGEN_SIMD_AVX2;
    __atomic_store_n(&current, level, __ATOMIC_RELAXED);
    return level;
}

int specgen_simd_set_level(int level) {
    int s = specgen_simd_supported();
    if (level > s) level = s;
    if (level < 0) level = SPECGEN_SIMD_BASELINE;
    __atomic_store_n(&current, level, __ATOMIC_RELAXED);
    return level;
}

const char *specgen_simd_name(int level) {
    return level == SPECGEN_SIMD_AVX512 ? "avx512" : level == SPECGEN_SIMD_AVX2 ? "avx2" : "baseline";
}
