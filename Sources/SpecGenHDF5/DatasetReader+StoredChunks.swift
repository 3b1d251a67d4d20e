#if canImport(Glibc)
import Glibc
#endif

extension DatasetReader {
    /// Calls `body` with the stored chunks of the block whose first row is `firstRow`, one per dataset in
    /// write order, as the file holds them (filtered), read with one `pread` each from where
    /// `H5Dget_chunk_info_by_coord` says they are. `body` gets nil if any of them was never stored or
    /// lies past the end of the file (a stopped run's file can end anywhere). The chunks live in the
    /// reader's buffers, valid until `body` returns.
    public func withStoredChunks<R>(firstRow: Int, _ body: ([StoredChunk]?) throws -> R) throws -> R {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return try body(nil) }
        let fileSize = Int(info.st_size)
        var chunks: [StoredChunk] = []
        for (dataset, buffer) in zip(datasets, chunkBuffers) {
            guard let location = try? dataset.storedChunkLocation(firstRow: firstRow), location.address + location.size <= fileSize else {
                return try body(nil)
            }
            buffer.reserve(location.size)
            guard pread(descriptor, buffer.bytes.baseAddress, location.size, off_t(location.address)) == location.size else { return try body(nil) }
            chunks.append(StoredChunk(bytes: UnsafeRawBufferPointer(start: buffer.bytes.baseAddress, count: location.size),
                                      filterMask: location.filterMask))
        }
        return try body(chunks)
    }
}
