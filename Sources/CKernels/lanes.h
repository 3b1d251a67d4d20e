// Private to CKernels (not in include/, so not part of the Swift module): the eight-lane types and the
// lane-wise functions more than one kernel needs. Every function here is always inlined, so each
// kernel's baseline and AVX2 builds get their own copy compiled for their level.
#ifndef SPECGEN_LANES_H
#define SPECGEN_LANES_H

typedef float f8 __attribute__((ext_vector_type(8)));
typedef unsigned int u8 __attribute__((ext_vector_type(8)));

/// Swift's Float.pi: π rounded toward zero (0x40490FDA), not to nearest. The kernels replaced Swift code
/// that used it, and keep its bits.
#define SWIFT_FLOAT_PI 0x1.921fb4p+1f

/// FastMath.unitCircle as it was in Swift (the same bits): (cos 2πu, sin 2πu) for u ∈ [0, 1]: q = 4u
/// rounded to an integer (adding 2²³ leaves it in the low mantissa bits; a tie may go either way: a = ±π/4
/// are both exact decompositions), a = (4u − q)·π/2 ∈ [−π/4, π/4], Taylor polynomials to a⁸ / a⁷, then a
/// rotation by q quarter turns with bit operations (odd q swaps (c, s) → (−s, c); q & 2 negates both).
/// Absolute error below 4e-7.
static inline __attribute__((always_inline)) void specgen_unit_circle8(f8 u, f8 *cosine, f8 *sine) {
    f8 r = u * 4.0f;
    f8 shifted = r + 0x1p23f;
    u8 quarterTurns = (u8)shifted;
    f8 a = (r - (shifted - 0x1p23f)) * (SWIFT_FLOAT_PI / 2);
    f8 a2 = a * a;
    f8 s = a2 * (-1.0f / 5040) + (1.0f / 120);
    s = s * a2 + (-1.0f / 6);
    s = s * a2 + 1.0f;
    s = s * a;
    f8 c = a2 * (1.0f / 40320) + (-1.0f / 720);
    c = c * a2 + (1.0f / 24);
    c = c * a2 + (-0.5f);
    c = c * a2 + 1.0f;
    u8 sign = 0x80000000u;
    u8 cBits = (u8)c, sBits = (u8)s;
    u8 swap = 0u - (quarterTurns & 1u);
    u8 negate = (quarterTurns & 2u) << 30;
    *cosine = (f8)(((cBits & ~swap) | ((sBits ^ sign) & swap)) ^ negate);
    *sine = (f8)(((sBits & ~swap) | (cBits & swap)) ^ negate);
}

#endif
