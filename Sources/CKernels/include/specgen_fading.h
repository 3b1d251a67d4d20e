#ifndef SPECGEN_FADING_H
#define SPECGEN_FADING_H

/// The multipath fading stage's kernels (MultipathFading.swift, DopplerProcess.swift hold the model and
/// the Swift side). Baseline, AVX2 and AVX-512 builds give the same bits.

/// Floats of `planar` that `specgen_fading_combined` needs for `count` samples and the lags
/// `low ..< low + length`: 2·span, span = max(low + length − 1, 0) + max(padded − low, count), padded =
/// count rounded up to a multiple of 8.
long specgen_fading_combined_planar_floats(long count, long low, long length);
/// Floats of `work` that `specgen_fading_combined` needs: 32·length + (taps + 4)·(length rounded up to
/// a multiple of 8) + 8.
long specgen_fading_combined_work_floats(long length, long taps);

/// The combined evaluation of the tapped delay line, in place on `count` interleaved complex samples
/// `row`: y[n] = Σ_ℓ c_n(ℓ)·x[n − ℓ], ℓ = low ..< low + length, x zero outside the row; c_n(ℓ) =
/// A_j(ℓ) + t·B_j(ℓ) in segment j (samples j·step ..< (j + 1)·step, t = n − j·step), A_j(ℓ) =
/// Σᵢ gᵢ(j)·kᵢ(ℓ) (taps i in order, from zero), B_j = (A_{j+1} − A_j)·(1/step). `kernels`: `length` real
/// floats per tap; `gains`: `points` complex gains (interleaved) per tap, points ≥ ⌈count/step⌉ + 1. Eight
/// samples per vector (`step` a multiple of 8; AVX-512: sixteen, then a segment's last eight by the
/// eight-lane block); per sample the lags in order, each adding (cr·vr − ci·vi, cr·vi + ci·vr). `planar`, `work`: scratch of the sizes above.
void specgen_fading_combined(float *row, long count, long step, long low, long length, const float *kernels, long taps,
                             const float *gains, long points, float *planar, float *work);

/// One tap of the per-tap evaluation, added to `count` interleaved complex samples `out`: x delayed by
/// the tap's fraction — the real FIR out[k] = Σₘ c[m]·x[k − (m − H + 1)], m = 0 ..< 2H in order, on
/// the interleaved floats (eight per vector, sixteen first at AVX-512; the floats past the last whole
/// vector one by one: every float the same operations), reading x[−H ..< count + H − 1]; or x itself
/// when h = 0 — times the gain g[k], linear between the grid points `gains[j]` (interleaved complex) at
/// k = j·step: per segment four samples per vector (eight first at AVX-512), (out + gr·x) +
/// (gi·(−1, 1, …))·(x with re and im swapped), the segment's last count mod 4 samples one by one as out
/// + (gr·xr − gi·xi), out + (gr·xi + gi·xr). In passes of `chunk` samples (a multiple of `step`),
/// `delayed` holding 2·chunk floats.
void specgen_fading_tap(float *out, const float *x, long count, long chunk, long h, const float *c, const float *gains, long step,
                        float *delayed);

/// The taps' gains on the grid (DopplerProcess.fillGrids after the random phasors): from `phasors`, per
/// tap the M + 2 unit phasors of UnitPhasor.fill (interleaved floats: e^{jφₙ} n = 0 ..< M, e^{j(θ−π)/M},
/// e^{jφ₀}; 2(M + 2) floats per tap), writes per tap i `points` complex floats g(k·step) = Σₙ dₙ(k) +
/// los(k) to `out + 2·points·i`, where the sinusoids dₙ = diffuse[i]·e^{jφₙ}·e^{jwₙk}, wₙ = scale·cos αₙ,
/// αₙ by rotating e^{j(θ−π)/M} (normalised) by (turnCos, turnSin) n + 1 times, and los =
/// specular[i]·e^{jφ₀}, rotated by (losCos, losSin) per point. Double precision, four sinusoids per
/// vector (groups padded with zero phasors); e^{jwₙ} by the Taylor series when every |w| of a group is
/// ≤ ¼, libm cos/sin otherwise. Each tap's operations are those of the tap alone (taps share vectors
/// only lane by lane). m in [1, 256].
void specgen_doppler_grids(float *out, long points, long taps, const float *phasors, long m, const double *diffuse,
                           const double *specular, double turnCos, double turnSin, double scale, double losCos, double losSin);

#endif
