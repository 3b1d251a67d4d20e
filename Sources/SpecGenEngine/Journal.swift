#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SpecGenHDF5

/// The journal of a run's finished blocks, `.NAME.journal` beside the target: the part of a run's state
/// that says what its partial file holds, so that `specgen run … --resume` can reuse it (`RunState`).
///
/// Text, one record per line:
///
///     {"blocks":[0,13],"datasets":["/iq","/spectrogram","/labels/class_index",…],"format":"specgen-journal","run":{…},"version":1}
///     block 0 1048576:0:9a1c03f2 65536:0:0b7e55d1 …
///     block 1 …
///
/// The first line binds the journal to one run: `run` holds what makes the file's bytes (specgen
/// version, scenario SHA-256, seed, examples, shard, policy, and a SHA-256 of the whole file header),
/// `datasets` the per-example datasets in write order and `blocks` the run's block range. Each further
/// line is one finished block, in order: its index, then for every dataset `SIZE:MASK:CRC` — the stored
/// chunk's size in bytes, filter mask and CRC-32 (8 hex digits). A scene's file has one more entry,
/// named `/annotations` last in `datasets`: the block's rows as kept in `AnnotationSpool` (their size,
/// mask 0, CRC-32). A line is appended with one `write`
/// only after the block's chunks are stored and the HDF5 file flushed; a last line without its newline
/// (a write cut short) and everything from the first line that does not parse are ignored.
///
/// The journal is also the run's lock: a run holds `flock(LOCK_EX)` on it from start to finish, so two
/// runs never write the same target.
final class Journal {
    let path: String
    private var descriptor: Int32
    /// Where the next record goes: the end of the last valid line.
    private var length = 0

    struct Header: Codable, Equatable {
        var format = Journal.format
        var version = Journal.version
        /// What makes the file's bytes, compared one by one on `--resume`.
        var run: [String: String]
        /// The per-example datasets in write order (one `SIZE:MASK:CRC` per dataset in each record).
        var datasets: [String]
        /// [first, end) of the blocks the run writes.
        var blocks: [Int]
    }

    struct Contents {
        var header: Header
        /// The finished blocks' chunk records, in block order from `header.blocks[0]`.
        var records: [[ChunkRecord]]
        /// Byte offset of the end of the header line (index 0) and of each record line.
        var ends: [Int]
    }

    static let format = "specgen-journal"
    static let version = 1

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }

    /// Opens (creating it empty if missing) and locks the journal at `path`. Throws `busy()` if another
    /// process holds the lock. The file can be removed by the run that held it between our open and
    /// our lock; then the lock is on a removed file, and the open is retried. On a file system that
    /// cannot lock (`flock` fails with `ENOLCK`, `EOPNOTSUPP`, `EINVAL` or `ENOSYS`: some network file
    /// systems), `unlocked` is told why and the journal is used without a lock.
    static func openLocked(_ path: String, busy: () -> Error, unlocked: (String) -> Void) throws -> Journal {
        for _ in 0 ..< 20 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw SystemCallError(function: "open", path: path, code: errno) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                if [ENOLCK, EOPNOTSUPP, EINVAL, ENOSYS].contains(code) {
                    unlocked(String(cString: strerror(code)))
                    return Journal(path: path, descriptor: descriptor)
                }
                Glibc.close(descriptor)
                if code == EWOULDBLOCK { throw busy() }
                throw SystemCallError(function: "flock", path: path, code: code)
            }
            var opened = stat(), named = stat()
            if fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_dev == named.st_dev, opened.st_ino == named.st_ino {
                return Journal(path: path, descriptor: descriptor)
            }
            Glibc.close(descriptor)
        }
        throw SystemCallError(function: "flock", path: path, code: EAGAIN)
    }

    /// The journal's valid contents, or nil if it is empty or its first line is not a journal header.
    func read() throws -> Contents? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if n < 0 { throw SystemCallError(function: "read", path: path, code: errno) }
            if n == 0 { break }
            bytes += chunk[0 ..< n]
            offset += off_t(n)
        }
        var lines: [(text: Substring, end: Int)] = []
        var start = 0
        for (k, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append((Substring(decoding: bytes[start ..< k], as: UTF8.self), k + 1))
            start = k + 1
        }
        guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first.text.utf8)),
              header.format == Self.format, header.blocks.count == 2 else { return nil }
        var contents = Contents(header: header, records: [], ends: [first.end])
        for line in lines.dropFirst() {
            guard let record = Self.parse(line.text, block: header.blocks[0] + contents.records.count, datasets: header.datasets.count) else { break }
            contents.records.append(record)
            contents.ends.append(line.end)
        }
        length = contents.ends.last!
        return contents
    }

    private static func parse(_ line: Substring, block: Int, datasets: Int) -> [ChunkRecord]? {
        let fields = line.split(separator: " ")
        guard fields.count == 2 + datasets, fields[0] == "block", Int(fields[1]) == block else { return nil }
        var records: [ChunkRecord] = []
        for field in fields.dropFirst(2) {
            let parts = field.split(separator: ":")
            guard parts.count == 3, let size = Int(parts[0]), size >= 0, let mask = UInt32(parts[1]), parts[2].count == 8,
                  let crc = UInt32(parts[2], radix: 16) else { return nil }
            records.append(ChunkRecord(size: size, filterMask: mask, crc32: crc))
        }
        return records
    }

    /// Empties the journal and writes `header`: a new run's state.
    func start(_ header: Header) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = String(decoding: try encoder.encode(header), as: UTF8.self) + "\n"
        try truncate(to: 0)
        try append(line)
    }

    /// Keeps the header and the first `count` records of `contents` (what a resume could verify).
    func keep(records count: Int, of contents: Contents) throws {
        try truncate(to: contents.ends[count])
    }

    /// Records a finished block: called after its chunks are stored and the HDF5 file is flushed.
    func append(block: Int, chunks: [ChunkRecord]) throws {
        var line = "block \(block)"
        for chunk in chunks {
            let crc = String(chunk.crc32, radix: 16)
            line += " \(chunk.size):\(chunk.filterMask):" + String(repeating: "0", count: 8 - crc.count) + crc
        }
        try append(line + "\n")
    }

    private func append(_ text: String) throws {
        var bytes = Array(text.utf8)
        let written = bytes.withUnsafeMutableBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(length)) }
        if written < 0 { throw SystemCallError(function: "write", path: path, code: errno) }
        if written < bytes.count { throw SystemCallError(function: "write", path: path, code: ENOSPC) }
        length += written
    }

    private func truncate(to size: Int) throws {
        if ftruncate(descriptor, off_t(size)) != 0 { throw SystemCallError(function: "ftruncate", path: path, code: errno) }
        length = size
    }

    /// Removes the journal and releases the lock (the run finished, or the state is discarded).
    func remove() {
        unlink(path)
        release()
    }

    /// Releases the lock, keeping the file (the state stays resumable).
    func release() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }
}

/// A failed system call on one of the run's files, with its `errno`.
public struct SystemCallError: Error, CustomStringConvertible {
    public let function: String
    public let path: String
    public let code: Int32
    public var description: String { "\(function) \(path): \(String(cString: strerror(code)))" }
}
