#ifndef SPECGEN_SHAPE_H
#define SPECGEN_SHAPE_H

/// Floats of zeros around the taps (integer kernel's work buffer) and the polyphase table's rows: ≥ the
/// widest block of outputs (64, AVX-512 integer path) minus one.
#define SPECGEN_PULSE_PAD 64

/// A pulse train at an integer number of samples per symbol, written interleaved: output sample k
/// (`out[2k]`, `out[2k + 1]`, k < `length`) sits at accumulator position p = k + `offset`, where symbol s
/// (s < `count`) puts `re[s]·taps[p − s·sps]` on the real rail and `im[s]·taps[p − s·sps − delay]` on the
/// imaginary rail (taps outside 0 ..< `tap_count` being absent). Each output is the sum, from +0.0, of its
/// products added symbol by symbol in increasing s, one rounding per product and per addition (no FMA):
/// the bits of adding every pulse into zeroed planar accumulators and interleaving them afterwards.
///
/// Computed block by block of 16 (baseline), 32 (AVX2) or 64 (AVX-512) outputs held in registers: no
/// accumulators to zero, load and store, and no separate interleave. A block also takes the zero products
/// of the padding around a pulse's edge; they leave every sum's bits unchanged since a sum that starts at
/// +0.0 is never −0.0 (round to nearest) and x + (±0) = x for every other x. Symbols must be finite (inf · 0 is NaN).
/// `work` holds `tap_count + 2 * SPECGEN_PULSE_PAD` floats.
void specgen_pulse_train_integer(float *out, long length, long offset, const float *re, const float *im, long count,
                                 long sps, long delay, const float *taps, long tap_count, float *work);

/// Floats of work `specgen_pulse_train_polyphase` needs per symbol.
#define SPECGEN_PULSE_POLYPHASE_WORK 12

/// A pulse train at a real number of samples per symbol `sps`, from a polyphase table, written
/// interleaved: output sample k (k < `length`) is absolute sample k. Symbol s of the real rail starts at
/// the real position t = (first + s)·sps − half: at sample n = ⌈t⌉, with row i = min(⌊(n − t)·P⌋, P − 1)
/// and weight w = (float)((n − t)·P − i) of the table (P = `phases`). Its products on sample n + j
/// (j < `row_length`) are (x·(1 − w))·a[j] + (x·w)·b[j], a = row i, b = row i + 1, x = `re[s]`; likewise
/// the imaginary rail from `im` at t = (first + s)·sps + delay − half when `delay` ≠ 0, else sharing the
/// real rail's rows. Each output is the sum, from +0.0, of its products added in increasing s (no FMA):
/// the bits of adding the pulses into zeroed accumulators and interleaving them.
///
/// `table` is padded: row i starts at `table[SPECGEN_PULSE_PAD + i·(row_length + SPECGEN_PULSE_PAD)]`,
/// rows 0 ... P, with SPECGEN_PULSE_PAD zeros before, between and after the rows (see
/// `specgen_pulse_train_integer` on why the padding's zero products change no bits). Computed in blocks
/// of 16 (baseline) or 32 (AVX2, AVX-512) outputs. Symbols must be finite; `work` holds
/// `count * SPECGEN_PULSE_POLYPHASE_WORK` floats.
void specgen_pulse_train_polyphase(float *out, long length, const float *re, const float *im, long count, long first,
                                   double sps, double delay, double half, long phases, long row_length,
                                   const float *table, float *work);

#endif
