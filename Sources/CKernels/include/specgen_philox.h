#ifndef SPECGEN_PHILOX_H
#define SPECGEN_PHILOX_H

/// Philox4x32-10 (J. K. Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011; see
/// Philox.swift for the scalar reference) of the `blocks` counters (c0 + b mod 2^32, c1, c2, c3),
/// b = 0 ..< blocks, under the key (k0, k1), written block after block (four words each) to `out`.
/// Baseline: two blocks per SSE2 register; AVX2: four per register. Same words either way.
void specgen_philox4x32_fill(unsigned int *out, long blocks, unsigned int c0, unsigned int c1, unsigned int c2,
                             unsigned int c3, unsigned int k0, unsigned int k1);

#endif
