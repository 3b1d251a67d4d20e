#ifndef SPECGEN_ROTATE_H
#define SPECGEN_ROTATE_H

// Phasor kernels of the channel and receiver stages (UnitPhasor, CarrierOffset, IQImbalance, PhaseNoise),
// eight samples per step (sixteen at AVX-512); samples are interleaved complex floats (re, im). Same bits at
// every level and as the Swift code they replaced (rotate.c).

/// `out[k] = scale · (cos 2πu_k, sin 2πu_k)`, u_k = `cycles[k]` (any sign, |u| < 2²²), k < `count`; `out`
/// must not overlap `cycles` (the last samples may be written twice, with the same bits).
void specgen_unit_phasor_fill(float *out, const float *cycles, long count, float scale);

/// `x[k] *= e^{j2πu_k}`, u_k = `cycles[k]`, k < `count`: each group of eight samples (k = 8m … 8m + 7)
/// whose phases are all within ±1/64 cycle takes the short Taylor polynomials, the others (and the last
/// `count` mod 8) the phasors of `fill`.
void specgen_unit_phasor_rotate(float *x, const float *cycles, long count);

/// The carrier-offset rotation of one or two blocks: samples 0 ..< `split` (block a) and `split` ..< `count`
/// (block b, empty when `split` = `count`), each on its own: run r of eight samples (r < length/8) is
/// rotated by p_k = A_r·e_k (float), A_r the block's anchor (double, starting at (`anchorRe`, `anchorIm`)
/// for a, (`secondRe`, `secondIm`) for b, times e^{j2πf·8} = (`power[8]`) per run) rounded to float, e_k
/// the float of `power[k]`, k < 8; the block's last length mod 8 samples by the float of A·`power[j]`
/// (double). `powerRe`, `powerIm`: e^{j2πfk}, k = 0 … 8. The two blocks' runs go in lockstep (two
/// independent recursions, whose latency then overlaps): the same bits as two calls with one block each.
void specgen_carrier_rotate(float *x, long count, long split, const double *powerRe, const double *powerIm,
                            double anchorRe, double anchorIm, double secondRe, double secondIm);

/// IQ imbalance: `im[k] = a·im[k] − b·re[k]` for the `count` samples (real parts unchanged).
void specgen_iq_imbalance(float *x, long count, float a, float b);

#endif
