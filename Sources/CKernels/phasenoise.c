// The phase-noise spectrum (specgen_phasenoise.h), baseline (SSE2), AVX2 and AVX-512 builds of one body:
// eight bins per vector (sixteen first at AVX-512), the mirrored bins M − k loaded as a block and reversed
// (a shuffle: no arithmetic), and a scalar loop for the rest with the same operations in the same order,
// so every build gives the same bits. No FMA contraction.
#pragma clang fp contract(off)
#pragma clang diagnostic ignored "-Wpsabi"

#include "specgen_kernels.h"
#include "targets.h"
#include "specgen_phasenoise.h"
#include "lanes.h"

#define INLINE static inline __attribute__((always_inline))

/// Z[k] from X[k] = (xr, xi), X[M − k] = (yr, yi) and w_k = (wr, wi): one bin or one lane.
#define BIN(T, xr, xi, yr, yi, wr, wi, zr, zi) do { \
        T er_ = (xr) + (yr), ei_ = (xi) - (yi); /* X[k] + X*[M − k] */ \
        T dr_ = (xr) - (yr), di_ = (xi) + (yi); /* X[k] − X*[M − k] */ \
        T or_ = dr_ * (wr) - di_ * (wi), oi_ = dr_ * (wi) + di_ * (wr); \
        (zr) = er_ - oi_; /* + j·(or + j·oi) */ \
        (zi) = ei_ + or_; \
    } while (0)

/// Bins k … k + 15 with their mirrors, as the eight-bin loop of `body` does them (same operations per lane);
/// returns the next k. Only the AVX-512 build calls it.
INLINE long bins16(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle, long m, long k) {
    for (; k + 16 <= m && m - k - 15 >= 1; k += 16) {
        f16 g0 = load16(gauss + 2 * k), g1 = load16(gauss + 2 * k + 16);
        f16 gr = __builtin_shufflevector(g0, g1, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        f16 gi = __builtin_shufflevector(g0, g1, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        const float *mirror = gauss + 2 * (m - k - 15);
        f16 h0 = load16(mirror), h1 = load16(mirror + 16);
        // Reversed: lane i holds bin M − k − i.
        f16 hr = __builtin_shufflevector(h0, h1, 30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
        f16 hi = __builtin_shufflevector(h0, h1, 31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1);
        f16 a = load16(amplitude + k) * scale;
        f16 b = load16(amplitude + m - k - 15) * scale;
        b = __builtin_shufflevector(b, b, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        f16 xr = a * gr, xi = a * gi, yr = b * hr, yi = b * hi;
        f16 w0 = load16(twiddle + 2 * k), w1 = load16(twiddle + 2 * k + 16);
        f16 wr = __builtin_shufflevector(w0, w1, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        f16 wi = __builtin_shufflevector(w0, w1, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        f16 zr, zi;
        BIN(f16, xr, xi, yr, yi, wr, wi, zr, zi);
        store16(out + 2 * k, __builtin_shufflevector(zr, zi, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
        store16(out + 2 * k + 16, __builtin_shufflevector(zr, zi, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31));
    }
    return k;
}

INLINE void body(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle, long m, int wide) {
    // k = 0: X[0] = 0 and X[M] real.
    float nyquist = amplitude[m] * scale * 1.41421356237309504880f * gauss[2 * m];
    BIN(float, 0.0f, 0.0f, nyquist, 0.0f, twiddle[0], twiddle[1], out[0], out[1]);
    long k = 1;
    if (wide) k = bins16(out, gauss, amplitude, scale, twiddle, m, k);
    // Bins k … k + 7 with their mirrors M − k − 7 … M − k (reversed), all within 1 … M − 1.
    for (; k + 8 <= m && m - k - 7 >= 1; k += 8) {
        f8 g0 = load8(gauss + 2 * k), g1 = load8(gauss + 2 * k + 8);
        f8 gr = __builtin_shufflevector(g0, g1, 0, 2, 4, 6, 8, 10, 12, 14), gi = __builtin_shufflevector(g0, g1, 1, 3, 5, 7, 9, 11, 13, 15);
        const float *mirror = gauss + 2 * (m - k - 7);
        f8 h0 = load8(mirror), h1 = load8(mirror + 8);
        // Reversed: lane i holds bin M − k − i.
        f8 hr = __builtin_shufflevector(h0, h1, 14, 12, 10, 8, 6, 4, 2, 0), hi = __builtin_shufflevector(h0, h1, 15, 13, 11, 9, 7, 5, 3, 1);
        f8 a = load8(amplitude + k) * scale;
        f8 b = load8(amplitude + m - k - 7) * scale;
        b = __builtin_shufflevector(b, b, 7, 6, 5, 4, 3, 2, 1, 0);
        f8 xr = a * gr, xi = a * gi, yr = b * hr, yi = b * hi;
        f8 w0 = load8(twiddle + 2 * k), w1 = load8(twiddle + 2 * k + 8);
        f8 wr = __builtin_shufflevector(w0, w1, 0, 2, 4, 6, 8, 10, 12, 14), wi = __builtin_shufflevector(w0, w1, 1, 3, 5, 7, 9, 11, 13, 15);
        f8 zr, zi;
        BIN(f8, xr, xi, yr, yi, wr, wi, zr, zi);
        store8(out + 2 * k, __builtin_shufflevector(zr, zi, 0, 8, 1, 9, 2, 10, 3, 11));
        store8(out + 2 * k + 8, __builtin_shufflevector(zr, zi, 4, 12, 5, 13, 6, 14, 7, 15));
    }
    for (; k < m; k++) {
        float a = amplitude[k] * scale, b = amplitude[m - k] * scale;
        float xr = a * gauss[2 * k], xi = a * gauss[2 * k + 1], yr = b * gauss[2 * (m - k)], yi = b * gauss[2 * (m - k) + 1];
        BIN(float, xr, xi, yr, yi, twiddle[2 * k], twiddle[2 * k + 1], out[2 * k], out[2 * k + 1]);
    }
}

static void spectrum_baseline(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle, long m) {
    body(out, gauss, amplitude, scale, twiddle, m, 0);
}

static AVX2 void spectrum_avx2(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle, long m) {
    body(out, gauss, amplitude, scale, twiddle, m, 0);
}

static AVX512 void spectrum_avx512(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle, long m) {
    body(out, gauss, amplitude, scale, twiddle, m, 1);
}

void specgen_phase_noise_spectrum(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle, long m) {
    const int level = specgen_simd_level();
    if (level >= SPECGEN_SIMD_AVX512)
        spectrum_avx512(out, gauss, amplitude, scale, twiddle, m);
    else if (level >= SPECGEN_SIMD_AVX2)
        spectrum_avx2(out, gauss, amplitude, scale, twiddle, m);
    else
        spectrum_baseline(out, gauss, amplitude, scale, twiddle, m);
}
