// Vector operations Swift cannot express without a libm call per lane: Swift's Float.squareRoot keeps C's
// errno contract and compiles to a call of sqrtf for every lane of a SIMD vector, which stops the noise
// kernel's vectorisation. The clang element-wise builtin is the plain IEEE square root (sqrtps).
typedef float specgen_float8 __attribute__((ext_vector_type(8)));

static inline specgen_float8 specgen_sqrt8(specgen_float8 x) { return __builtin_elementwise_sqrt(x); }
