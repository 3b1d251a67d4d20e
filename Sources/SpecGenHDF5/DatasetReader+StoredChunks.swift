#if canImport(Glibc)
import Glibc
#endif

extension DatasetReader {
    /// Calls `body` with the stored chunks of the block whose first row is `firstRow`, one per dataset in
    /// write order, as the file holds them (filtered). Big chunks (`/iq`, `/spectrogram`) are read
    /// through a read-only mapping of the file: no copy is made, so storing them elsewhere
    /// (`H5Dwrite_chunk`) copies each byte once, as `cp` would; small ones (the columns), for which a
    /// mapping costs more than a copy, are read into buffers. `body` gets nil if any of them was never
    /// stored or lies past the end of the file (a stopped run's file can end anywhere); the chunks are
    /// valid until it returns.
    ///
    /// The file must not shrink meanwhile (reading a mapped page past its end would raise SIGBUS): merge
    /// and resume read files nothing else writes.
    public func withStoredChunks<R>(firstRow: Int, _ body: ([StoredChunk]?) throws -> R) throws -> R {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return try body(nil) }
        let fileSize = Int(info.st_size), page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var mappings: [(base: UnsafeMutableRawPointer, length: Int)] = []
        defer { for mapping in mappings { munmap(mapping.base, mapping.length) } }
        var chunks: [StoredChunk] = []
        for (dataset, buffer) in zip(datasets, chunkBuffers) {
            guard let location = try? dataset.storedChunkLocation(firstRow: firstRow), location.address + location.size <= fileSize else {
                return try body(nil)
            }
            if location.size < Self.mappedChunkBytes {
                buffer.reserve(location.size)
                guard pread(descriptor, buffer.bytes.baseAddress, location.size, off_t(location.address)) == location.size else { return try body(nil) }
                chunks.append(StoredChunk(bytes: UnsafeRawBufferPointer(start: buffer.bytes.baseAddress, count: location.size),
                                          filterMask: location.filterMask))
                continue
            }
            let start = location.address / page * page, length = location.address + location.size - start
            guard let base = mmap(nil, length, PROT_READ, MAP_SHARED | MAP_POPULATE, descriptor, off_t(start)), base != MAP_FAILED else {
                return try body(nil)
            }
            mappings.append((base, length))
            chunks.append(StoredChunk(bytes: UnsafeRawBufferPointer(start: base + (location.address - start), count: location.size),
                                      filterMask: location.filterMask))
        }
        return try body(chunks)
    }

    /// Chunks of this many bytes and more are mapped rather than read.
    static let mappedChunkBytes = 256 << 10
}
