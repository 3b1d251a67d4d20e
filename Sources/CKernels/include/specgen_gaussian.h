#ifndef SPECGEN_GAUSSIAN_H
#define SPECGEN_GAUSSIAN_H

/// One chunk of GaussianNoise (GaussianNoise.swift, which fills the words): the Box–Muller transform of
/// the word pairs (words[i], words[chunk + i]), i = 0 ..< n, eight lanes at a time (sixteen in the AVX-512
/// build, then its last 1…15 samples by eight), each sample scaled by `scale`, added to (`adding` ≠ 0) or
/// written over the interleaved complex samples out[2i], out[2i + 1].
/// u₁ = 2 − f(words[i]) ∈ (0, 1], u₂ = f(words[chunk + i]) − 1 ∈ [0, 1) with f(w) the float of exponent 0
/// and mantissa w >> 9; sample i = scale·√(−2 ln u₁)·(cos 2πu₂, sin 2πu₂), ln and (cos, sin) by the
/// polynomials of FastMath.naturalLog and lanes.h, operation for operation (same bits as the Swift code
/// they replaced, at every level).
/// Needs words[0 ..< used] and words[chunk ..< chunk + used] with used = n rounded up to a multiple of 8
/// (≤ chunk): the last group of eight is computed whole and its samples past n are dropped. Words unchanged.
void specgen_gaussian_chunk(const unsigned int *words, long chunk, long n, float scale, float *out, int adding);

#endif
