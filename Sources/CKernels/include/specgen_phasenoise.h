// The phase-noise stage's spectrum (PhaseNoise.swift): its real inverse FFT of N = 2M points computed as
// an M-point complex one.
#ifndef SPECGEN_PHASENOISE_H
#define SPECGEN_PHASENOISE_H

/// The M-point spectrum Z whose complex inverse DFT z (unnormalised, e^{+j2πkm/M}) holds the N-point
/// real inverse DFT φ of the Hermitian spectrum X as φ[2m] = Re z[m], φ[2m+1] = Im z[m] — z's floats
/// are φ in order. X[k] = a[k]·s·G[k] for 0 < k < M, X[0] = 0, X[M] = a[M]·s·√2·Re G[M] (real), from
/// the standard normal pairs G (`gauss`, M + 1 interleaved pairs, pair 0 unused) and the amplitudes a
/// (`amplitude`, M + 1 floats); with w_k = e^{+j2πk/N} (`twiddle`, M interleaved pairs),
///
///     Z[k] = (X[k] + X*[M − k]) + j·w_k·(X[k] − X*[M − k]),   0 ≤ k < M.
///
/// `out` (M interleaved pairs) must not overlap the inputs. Baseline and AVX2 builds, the same bits.
void specgen_phase_noise_spectrum(float *out, const float *gauss, const float *amplitude, float scale, const float *twiddle,
                                  long m);

#endif
