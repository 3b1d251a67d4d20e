#ifndef SPECGEN_ROTATE_H
#define SPECGEN_ROTATE_H

// Phasor kernels of the channel and receiver stages (UnitPhasor, CarrierOffset, IQImbalance, PhaseNoise),
// eight samples per step; samples are interleaved complex floats (re, im). Same bits at both levels and
// as the Swift code they replaced (rotate.c).

/// `out[k] = scale · (cos 2πu_k, sin 2πu_k)`, u_k = `cycles[k]` (any sign, |u| < 2²²), k < `count`.
void specgen_unit_phasor_fill(float *out, const float *cycles, long count, float scale);

/// `x[k] *= e^{j2πu_k}`, u_k = `cycles[k]`, k < `count`: eight samples whose phases are all within ±1/64
/// cycle take the short Taylor polynomials, the others (and the last `count` mod 8) the phasors of `fill`.
void specgen_unit_phasor_rotate(float *x, const float *cycles, long count);

/// The carrier-offset rotation of one block of `count` samples: run r of eight samples (r < count/8)
/// is rotated by p_k = A_r·e_k (float), A_r the anchor (double, starting at (`anchorRe`, `anchorIm`),
/// times e^{j2πf·8} = (`power[8]`) per run) rounded to float, e_k the float of `power[k]`, k < 8; the last
/// count mod 8 samples by the float of A·`power[j]` (double). `powerRe`, `powerIm`: e^{j2πfk}, k = 0 … 8.
void specgen_carrier_rotate(float *x, long count, const double *powerRe, const double *powerIm, double anchorRe,
                            double anchorIm);

/// IQ imbalance: `im[k] = a·im[k] − b·re[k]` for the `count` samples (real parts unchanged).
void specgen_iq_imbalance(float *x, long count, float a, float b);

/// `x[k] *= gain[k]·scale` (both parts) for the `count` complex samples.
void specgen_scale_pairs(float *x, const float *gain, long count, float scale);

#endif
