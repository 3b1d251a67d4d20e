// CRC-32 (ISO-HDLC: zlib's, gzip's, PNG's) of the 16-byte-aligned part of a buffer by carry-less
// multiplication (PCLMULQDQ), folding 64 bytes at a time: several times zlib's table-driven speed.
// SpecGenHDF5/ChunkEncoder.swift (ChunkChecksum) finishes the rest with zlib.
#ifndef SPECGEN_CRC32_H
#define SPECGEN_CRC32_H

#include <stddef.h>
#include <stdint.h>

/// 1 if this CPU has PCLMULQDQ and SSE4.1 (x86-64 only), else 0.
int specgen_crc32_clmul_available(void);

/// Continues the zlib-convention CRC-32 `crc` over the first `*length` bytes of `buffer` rounded down
/// to a multiple of 16 (nothing if fewer than 64), sets `*length` to the bytes it took, and returns
/// the CRC of what it took. Only call it when `specgen_crc32_clmul_available()`.
uint32_t specgen_crc32_clmul(uint32_t crc, const void *buffer, size_t *length);

#endif
