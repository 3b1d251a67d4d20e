// zlib (Debian's zlib1g-dev, already required by libhdf5-dev): the deflate that HDF5's own filter
// calls, used to compress chunks outside the library with the same bytes (SpecGenHDF5/ChunkEncoder.swift).
#include <zlib.h>
