// Private to CKernels (not in include/, so not part of the Swift module): the eight- and sixteen-lane types
// and the lane-wise functions more than one kernel needs. Every function here is always inlined, so each
// kernel's baseline, AVX2 and AVX-512 builds get their own copy compiled for their level.
#ifndef SPECGEN_LANES_H
#define SPECGEN_LANES_H

typedef float f8 __attribute__((ext_vector_type(8)));
typedef unsigned int u8 __attribute__((ext_vector_type(8)));
/// Sixteen lanes (one AVX-512 register) of float and of unsigned int, for the AVX-512 builds.
typedef float f16 __attribute__((ext_vector_type(16)));
typedef unsigned int u16 __attribute__((ext_vector_type(16)));

/// Unaligned loads and stores of eight floats (and of sixteen, below, for the AVX-512 builds).
static inline __attribute__((always_inline)) f8 load8(const float *p) {
    f8 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store8(float *p, f8 v) { __builtin_memcpy(p, &v, sizeof v); }

/// The same for sixteen floats (AVX-512 builds).
static inline __attribute__((always_inline)) f16 load16(const float *p) {
    f16 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store16(float *p, f16 v) { __builtin_memcpy(p, &v, sizeof v); }

/// Swift's Float.pi: π rounded toward zero (0x40490FDA), not to nearest. The kernels replaced Swift code
/// that used it, and keep its bits.
#define SWIFT_FLOAT_PI 0x1.921fb4p+1f

/// FastMath.unitCircle as it was in Swift (the same bits): (cos 2πu, sin 2πu) for u ∈ [0, 1]: q = 4u
/// rounded to an integer (adding 2²³ leaves it in the low mantissa bits; a tie may go either way: a = ±π/4
/// are both exact decompositions), a = (4u − q)·π/2 ∈ [−π/4, π/4], Taylor polynomials to a⁸ / a⁷, then a
/// rotation by q quarter turns with bit operations (odd q swaps (c, s) → (−s, c); q & 2 negates both).
/// Absolute error below 4e-7. One body, defined below for eight lanes (specgen_unit_circle8) and sixteen
/// (specgen_unit_circle16, for AVX-512 builds): the same operations in each lane.
#define SPECGEN_UNIT_CIRCLE(name, F, U)                                                                              \
    static inline __attribute__((always_inline)) void name(F u, F *cosine, F *sine) {                                \
        F r = u * 4.0f;                                                                                               \
        F shifted = r + 0x1p23f;                                                                                      \
        U quarterTurns = (U)shifted;                                                                                  \
        F a = (r - (shifted - 0x1p23f)) * (SWIFT_FLOAT_PI / 2);                                                       \
        F a2 = a * a;                                                                                                 \
        F s = a2 * (-1.0f / 5040) + (1.0f / 120);                                                                     \
        s = s * a2 + (-1.0f / 6);                                                                                     \
        s = s * a2 + 1.0f;                                                                                            \
        s = s * a;                                                                                                    \
        F c = a2 * (1.0f / 40320) + (-1.0f / 720);                                                                    \
        c = c * a2 + (1.0f / 24);                                                                                     \
        c = c * a2 + (-0.5f);                                                                                         \
        c = c * a2 + 1.0f;                                                                                            \
        U sign = 0x80000000u;                                                                                         \
        U cBits = (U)c, sBits = (U)s;                                                                                 \
        U swap = 0u - (quarterTurns & 1u);                                                                            \
        U negate = (quarterTurns & 2u) << 30;                                                                         \
        *cosine = (F)(((cBits & ~swap) | ((sBits ^ sign) & swap)) ^ negate);                                          \
        *sine = (F)(((sBits & ~swap) | (cBits & swap)) ^ negate);                                                     \
    }

SPECGEN_UNIT_CIRCLE(specgen_unit_circle8, f8, u8)
SPECGEN_UNIT_CIRCLE(specgen_unit_circle16, f16, u16)

#endif
