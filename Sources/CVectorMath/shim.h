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
