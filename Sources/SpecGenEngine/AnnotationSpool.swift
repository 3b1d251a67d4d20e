#if canImport(Glibc)
import Glibc
#endif
import SpecGenHDF5
import SpecGenPolicy

/// The `/annotations` rows of a scene run's finished blocks, `.NAME.annotations` beside the target: the
/// part of a run's state that lets `--resume` hand the writer the rows of the blocks it copies.
///
/// Why not read the rows back from the stopped run's partial file: the writer stores rows in chunks of
/// 4,096, which one block rarely fills, so the rows of the last blocks before a stop are still in the
/// writer's memory and never reach that file, and a chunk stored during the last journaled block is
/// only flushed with the next block. Those rows would have to come from elsewhere anyway (a spool of
/// the pending rows only, or the blocks synthesised again), and the rows read from the killed file would
/// need checksums in the journal too. Keeping every finished block's rows here, whole, is the simplest
/// form of it: the journal vouches for them as for any chunk (size and CRC-32), and a resume never
/// reads the stopped file's `/annotations` (`DatasetReader(path:stopped:)`). The price is a second copy
/// of the rows on disk while the run lasts: about 8 bytes per column and burst (14 columns for QPSK,
/// BPSK and a tone: 112 bytes a burst), small beside 8 bytes per sample of `/iq`.
///
/// Raw bytes, no framing: the blocks' `AnnotationRows.serialized` one after the other, in block order.
/// Each block's are written (one `pwrite` at the end of the last journaled block's) before its journal
/// line, which records their size and CRC-32 as one more `SIZE:MASK:CRC` entry, under the name
/// `/annotations` after the datasets; so block k's rows start at the sum of the sizes of the blocks
/// before it. Bytes past the last journaled block (a stop between the two writes) are ignored and
/// overwritten. It is removed with the journal.
final class AnnotationSpool {
    let path: String
    private var descriptor: Int32
    /// Where the next block's rows go: the end of the last journaled block's.
    private(set) var length = 0

    /// The name the journal gives the rows' entry (after the datasets).
    static let journalName = "/annotations"

    /// Opens the spool at `path`: empty (a new run: `fresh`) or as a stopped run left it (a resume).
    init(path: String, fresh: Bool) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (fresh ? O_TRUNC : 0), 0o644)
        guard descriptor >= 0 else { throw SystemCallError(function: "open", path: path, code: errno) }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The rows of the block whose bytes start at `offset`, if the spool holds `record.size` bytes there
    /// with the record's CRC-32 and they are whole rows of `types`; nil otherwise.
    func rows(at offset: Int, _ record: ChunkRecord, types: [ColumnType]) -> AnnotationRows? {
        var bytes = [UInt8](repeating: 0, count: record.size)
        var done = 0
        while done < record.size {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, record.size - done, off_t(offset + done)) }
            guard n > 0 else { return nil }
            done += n
        }
        guard record.filterMask == 0, bytes.withUnsafeBytes({ ChunkChecksum.crc32($0) }) == record.crc32 else { return nil }
        return AnnotationRows(serialized: bytes, types: types)
    }

    /// Appends a finished block's rows (before its journal line) and returns the journal's record of them.
    func append(_ rows: AnnotationRows) throws -> ChunkRecord {
        let bytes = rows.serialized
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress! + done, bytes.count - done, off_t(length + done)) }
            if n < 0 { throw SystemCallError(function: "write", path: path, code: errno) }
            if n == 0 { throw SystemCallError(function: "write", path: path, code: ENOSPC) }
            done += n
        }
        length += bytes.count
        return ChunkRecord(size: bytes.count, filterMask: 0, crc32: bytes.withUnsafeBytes { ChunkChecksum.crc32($0) })
    }

    /// Keeps the first `size` bytes: the rows of the blocks a resume kept.
    func keep(bytes size: Int) throws {
        if ftruncate(descriptor, off_t(size)) != 0 { throw SystemCallError(function: "ftruncate", path: path, code: errno) }
        length = size
    }

    /// Closes the file and removes it (the run finished or failed for good).
    func remove() {
        close(descriptor)
        descriptor = -1
        unlink(path)
    }
}
