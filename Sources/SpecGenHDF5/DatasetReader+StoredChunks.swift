#if canImport(Glibc)
import Glibc
#endif

/// Where one stored chunk lies in its file (`H5Dget_chunk_info_by_coord`).
public struct StoredChunkLocation: Sendable, Equatable {
    /// Byte offset in the file (specgen files have no user block), stored size, filter mask.
    public let address: Int
    public let size: Int
    public let filterMask: UInt32
}

extension DatasetReader {
    /// Where the stored chunks of the block whose first row is `firstRow` lie, one per dataset in write
    /// order; nil if any of them was never stored or lies past the end of the file (a stopped run's file
    /// can end anywhere).
    public func storedChunkLocations(firstRow: Int) -> [StoredChunkLocation]? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var locations: [StoredChunkLocation] = []
        for dataset in datasets {
            guard let location = try? dataset.storedChunkLocation(firstRow: firstRow), location.address + location.size <= Int(info.st_size) else {
                return nil
            }
            locations.append(StoredChunkLocation(address: location.address, size: location.size, filterMask: location.filterMask))
        }
        return locations
    }

    /// Reads the chunks at `locations` into `buffers` (one each), with `pread` only: no HDF5 call, so
    /// another thread may do it while the writer's thread works. False if a read comes up short.
    public func read(_ locations: [StoredChunkLocation], into buffers: [ChunkBuffer]) -> Bool {
        for (location, buffer) in zip(locations, buffers) {
            buffer.reserve(location.size)
            guard pread(descriptor, buffer.bytes.baseAddress, location.size, off_t(location.address)) == location.size else { return false }
        }
        return true
    }

    /// Calls `body` with the stored chunks of the block whose first row is `firstRow`, one per dataset in
    /// write order, as the file holds them (filtered), or nil if `storedChunkLocations` finds none or a
    /// read fails. The chunks live in the reader's buffers, valid until `body` returns.
    public func withStoredChunks<R>(firstRow: Int, _ body: ([StoredChunk]?) throws -> R) throws -> R {
        guard let locations = storedChunkLocations(firstRow: firstRow), read(locations, into: chunkBuffers) else { return try body(nil) }
        return try body(StoredChunk.chunks(locations, in: chunkBuffers))
    }
}

extension StoredChunk {
    /// The chunks read into `buffers` from `locations`.
    public static func chunks(_ locations: [StoredChunkLocation], in buffers: [ChunkBuffer]) -> [StoredChunk] {
        zip(locations, buffers).map {
            StoredChunk(bytes: UnsafeRawBufferPointer(start: $1.bytes.baseAddress, count: $0.size), filterMask: $0.filterMask)
        }
    }
}
