#if canImport(Glibc)
import Glibc
#endif
import CChecksum
import CZlib

/// HDF5's filter pipeline for one chunk, done outside the library so that worker threads can compress
/// while the writer thread only stores (`H5Dwrite_chunk`). The bytes are exactly those HDF5 1.10 stores
/// for a dataset made by `HDF5Group.createDataset` with the same options (checked by
/// `ChunkEncoderTests` against the library's own filters):
///
/// - shuffle (`H5Z_filter_shuffle`): byte k of every element, then byte k + 1 of every element, …, for
///   the dataset's element size (8 for the complex64 compound, 4 for float32);
/// - deflate (`H5Z_filter_deflate`): zlib `compress2` at the dataset's level into a `compressBound` buffer.
///
/// The input is always a whole chunk: a dataset's last, partial chunk is stored by HDF5 at full size with
/// the missing rows at the default fill value (zero bytes), so callers pad with zeros.
/// One file calls zlib: this one.
public struct ChunkEncoder: Sendable, Equatable {
    /// Bytes per element of the dataset (the shuffle's stride).
    public let elementSize: Int
    /// zlib level 1 … 9, or nil: chunks are stored as they are.
    public let deflateLevel: Int?
    /// Byte shuffle before deflate (only with deflate, as `createDataset` sets it).
    public let shuffle: Bool

    public init(elementSize: Int, deflateLevel: Int?, shuffle: Bool) {
        precondition(elementSize >= 1 && (deflateLevel.map { (1 ... 9).contains($0) } ?? true))
        self.elementSize = elementSize
        self.deflateLevel = deflateLevel
        self.shuffle = shuffle && deflateLevel != nil
    }

    /// True when the stored chunk is the input itself (no filters).
    public var storesAsIs: Bool { deflateLevel == nil }

    /// Encodes the whole chunk `input` into `output` (grown as needed) and returns the stored size in
    /// bytes; the stored chunk is `output.bytes[0 ..< size]` with filter mask 0 (every filter applied).
    /// Traps if zlib fails (it cannot with a `compressBound` buffer, short of memory exhaustion).
    public func encode(_ input: UnsafeRawBufferPointer, into output: ChunkBuffer, scratch: ChunkBuffer) -> Int {
        guard let level = deflateLevel else {
            output.reserve(input.count)
            output.bytes.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: input.count)
            return input.count
        }
        var source = input
        if shuffle && elementSize > 1 && input.count > elementSize {
            scratch.reserve(input.count)
            Self.shuffle(input, elementSize: elementSize, into: scratch.bytes.baseAddress!)
            source = UnsafeRawBufferPointer(start: scratch.bytes.baseAddress!, count: input.count)
        }
        var size = compressBound(uLong(source.count))
        output.reserve(Int(size))
        let status = compress2(output.bytes.baseAddress!.assumingMemoryBound(to: Bytef.self), &size,
                               source.baseAddress!.assumingMemoryBound(to: Bytef.self), uLong(source.count), Int32(level))
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        return Int(size)
    }

    /// `H5Z_filter_shuffle`: byte plane k holds byte k of every element; bytes beyond the last whole
    /// element (none for specgen's chunks) are copied at the end.
    static func shuffle(_ input: UnsafeRawBufferPointer, elementSize: Int, into output: UnsafeMutableRawPointer) {
        let elements = input.count / elementSize
        let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let destination = output.assumingMemoryBound(to: UInt8.self)
        for k in 0 ..< elementSize {
            let plane = destination + k * elements
            for j in 0 ..< elements { plane[j] = source[j * elementSize + k] }
        }
        let whole = elements * elementSize
        if whole < input.count { (destination + whole).update(from: source + whole, count: input.count - whole) }
    }
}

/// A growable byte buffer owned by one thread at a time (a worker's encoded chunk, or the merge's copy).
public final class ChunkBuffer: @unchecked Sendable {
    public private(set) var bytes: UnsafeMutableRawBufferPointer

    public init(capacity: Int = 0) {
        bytes = .allocate(byteCount: max(1, capacity), alignment: 64)
    }

    deinit { bytes.deallocate() }

    /// Makes room for at least `count` bytes (the contents are not kept).
    public func reserve(_ count: Int) {
        guard count > bytes.count else { return }
        bytes.deallocate()
        bytes = .allocate(byteCount: count, alignment: 64)
    }
}

/// CRC-32 (the ISO-HDLC polynomial of zlib, gzip and PNG) of a stored chunk. The resume journal records
/// it for every chunk written, and a chunk read back from a stopped run's file is reused only if its CRC
/// matches. A check against torn or stale writes, not against tampering. On x86-64 with PCLMULQDQ the
/// bulk is folded by carry-less multiplication (`CChecksum`, several times faster: a run takes the CRC
/// of every byte it writes) and zlib's `crc32_z` does the rest; elsewhere zlib does it all. Both give
/// the same value (`crc32Portable`).
public enum ChunkChecksum {
    /// True when the CPU folds by carry-less multiplication (else zlib does all of it).
    public static let isFolding = specgen_crc32_clmul_available() != 0

    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var crc: UInt32 = 0, done = 0
        if isFolding {
            done = bytes.count
            crc = specgen_crc32_clmul(0, base, &done)
        }
        return UInt32(crc32_z(uLong(crc), (base + done).assumingMemoryBound(to: Bytef.self), bytes.count - done))
    }

    /// zlib's `crc32_z` alone: the reference `crc32` is checked against.
    public static func crc32Portable(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return UInt32(crc32_z(0, base.assumingMemoryBound(to: Bytef.self), bytes.count))
    }
}
