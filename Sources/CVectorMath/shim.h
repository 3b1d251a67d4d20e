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
