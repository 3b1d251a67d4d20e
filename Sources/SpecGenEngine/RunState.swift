#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SpecGenHDF5

/// A run's resumable state: the files beside its target `DIR/NAME`, held under the journal's lock from
/// start to finish.
///
/// - `.NAME.partial`: the HDF5 file being written, flushed after every block;
/// - `.NAME.journal`: the run's identity and, per finished block, each stored chunk's size, filter mask
///   and CRC-32 (`Journal`), appended only after the block is stored and flushed;
/// - `.NAME.resuming`: only while a resume copies the finished blocks into a fresh file;
/// - `.NAME.annotations`: a scene run's `/annotations` rows of every finished block (`AnnotationSpool`),
///   each block's written before its journal line, which records their size and CRC-32.
///
/// The names are fixed (not per process), so the same command finds them again. A killed HDF5 file is
/// not trusted as a file: `--resume` creates a fresh one and copies each journaled block's chunks from
/// the old one, in the writer's call order, verifying every chunk against the journal; at the first
/// chunk that cannot be read or does not match, it stops trusting the old file and the run regenerates
/// from there (generation is deterministic, so nothing depends on the old file's state). The fresh file
/// then received exactly the library calls of an uninterrupted run, so it ends byte-identical: after
/// each copied block of a scene, the block's rows, read from the spool and checked against the
/// journal, go to `appendAnnotations` as the run's own rows did (a block whose rows do not check is
/// made again, like one whose chunks do not). Only when it holds every verified block does it replace
/// the old one (a rename), so a resume killed while copying leaves the old file intact.
final class RunState {
    let target: String
    let partialPath: String, journalPath: String, resumingPath: String
    /// The spool of a scene run's `/annotations` rows (used only when `header.annotations` is not empty).
    let annotationsPath: String
    let header: DatasetHeader
    let blocks: Range<Int>
    /// True when `--resume` found the target already complete (made by this same run): nothing to do.
    private(set) var isComplete = false
    /// Blocks the journal records (and the partial file holds), from `blocks.lowerBound`.
    private(set) var keptBlocks = 0
    /// Stored bytes of those blocks (for disk-space estimates).
    private(set) var keptBytes = 0
    /// Blocks a resume found in the journal, and how many of them it could reuse.
    private(set) var journaledAtStart = 0, reusedAtStart = 0
    /// True when the run continues a stopped run's state.
    var isResume: Bool { found != nil }

    private let journal: Journal
    private let journalHeader: Journal.Header
    private let note: (String) -> Void
    /// What `--resume` found in the journal; nil for a fresh start.
    private var found: Journal.Contents?
    /// The rows of the finished blocks, open while the file is written (a scene with annotations only).
    private var spool: AnnotationSpool?
    /// True when the file has `/annotations`: each journal record then ends with the block's rows' entry.
    private var hasAnnotations: Bool { !header.annotations.isEmpty }

    /// The state files of `target`.
    static func paths(for target: String) -> (partial: String, journal: String, resuming: String, annotations: String) {
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent(), name = url.lastPathComponent
        return (directory.appendingPathComponent(".\(name).partial").path, directory.appendingPathComponent(".\(name).journal").path,
                directory.appendingPathComponent(".\(name).resuming").path, directory.appendingPathComponent(".\(name).annotations").path)
    }

    /// Takes the lock and decides how the run starts: fresh, resumed from the journal, or (with
    /// `resume`) already complete. Throws `OutputPathError` (bad input) if another run holds the lock,
    /// if the target exists without `overwrite`, if a stopped run's state is there and neither `resume`
    /// nor `overwrite` says what to do with it, or if `resume` finds the state of another run.
    /// - Parameters:
    ///   - run: what makes the file's bytes, by name (`Journal.Header.run`); compared on `resume`.
    ///   - datasets: the per-example datasets in write order (the journal adds `/annotations`, the
    ///     spooled rows, when the header has annotations).
    ///   - note: prints a remark for the user (progress output).
    init(target: String, header: DatasetHeader, run: [String: String], datasets: [String], blocks: Range<Int>,
         resume: Bool, overwrite: Bool, note: @escaping (String) -> Void) throws {
        self.target = target
        (partialPath, journalPath, resumingPath, annotationsPath) = Self.paths(for: target)
        self.header = header
        self.blocks = blocks
        self.note = note
        journalHeader = Journal.Header(run: run, datasets: datasets + (header.annotations.isEmpty ? [] : [AnnotationSpool.journalName]),
                                       blocks: [blocks.lowerBound, blocks.upperBound])
        let name = (target as NSString).lastPathComponent, journalName = (journalPath as NSString).lastPathComponent
        journal = try Journal.openLocked(journalPath, busy: {
            OutputPathError(message: "-o \(target): another specgen run is writing it now (it holds the lock on \(journalName) beside it); "
                            + "wait for it to finish or stop it first")
        }, unlocked: { why in
            note("warning: cannot lock \(journalName) on this file system (flock: \(why)); make sure no other run writes \(name) at the same time")
        })
        let contents: Journal.Contents?
        do { contents = try journal.read() } catch {
            journal.release()
            throw error
        }
        /// Refuses to start; leaves a stopped run's state as it is, removes a journal that holds none.
        func refuse(_ message: String) -> Error {
            if contents == nil { journal.remove() } else { journal.release() }
            return OutputPathError(message: message)
        }
        if FileManager.default.fileExists(atPath: target) {
            if resume && Self.isComplete(target, header: header) {
                if let contents, !Self.differences(contents.header, journalHeader).isEmpty {
                    // Another run's stopped state at this name (one started with --overwrite): not ours to remove.
                    note("\(name) is already complete (made by this same run): nothing to resume; the state of another stopped run beside it is left as it is")
                    journal.release()
                } else {
                    // This run's state, left by a stop between the rename and its removal, or none.
                    note("\(name) is already complete (made by this same run): nothing to resume")
                    for path in [partialPath, resumingPath, annotationsPath] { unlink(path) }
                    journal.remove()
                }
                isComplete = true
                return
            }
            if !overwrite { throw refuse("-o \(target): the file exists; pass --overwrite to replace it") }
        }
        guard let contents else {
            if resume { note("no stopped run to resume for \(name) (no \(journalName) beside it): starting from the beginning") }
            return
        }
        if !resume {
            guard overwrite else {
                throw refuse("-o \(target): a stopped run left resumable state beside it (\(contents.records.count) of \(blocks.count) blocks done, "
                             + "in \((partialPath as NSString).lastPathComponent) and \(journalName)): run the same command with --resume to continue it, "
                             + "or with --overwrite to discard it and start over")
            }
            note("discarding the stopped run's state beside \(name) (--overwrite): starting from the beginning")
            return
        }
        let differences = Self.differences(contents.header, journalHeader)
        if !differences.isEmpty {
            throw refuse("-o \(target): the resumable state beside it (\(journalName)) is of another run: \(differences.joined(separator: "; ")). "
                         + "Resume it with the options that started it, write to another -o, or start over with --overwrite (without --resume), "
                         + "which discards it")
        }
        found = contents
        journaledAtStart = contents.records.count
        // Until a resume has copied them, the journaled blocks are kept in the old partial file.
        keptBlocks = contents.records.count
        keptBytes = contents.records.joined().reduce(0) { $0 + $1.size }
    }

    /// What differs between the journal's run and this one, in words.
    private static func differences(_ stored: Journal.Header, _ current: Journal.Header) -> [String] {
        if stored.version != current.version {
            return ["a journal of format version \(stored.version) (this specgen \(SpecGen.version) reads version \(current.version))"]
        }
        let names = [("specgen_version", "specgen version"), ("scenario_sha256", "scenario (SHA-256 of the file)"), ("seed", "seed"),
                     ("examples", "examples"), ("shard", "shard"), ("policy", "release policy")]
        var out: [String] = []
        for (key, label) in names where stored.run[key] != current.run[key] {
            out.append("\(label) \(stored.run[key] ?? "none") there, \(current.run[key] ?? "none") here")
        }
        if out.isEmpty, stored != current {
            out.append("the file it makes differs (datasets, compression, block size or attributes)")
        }
        return out
    }

    /// True if `path` is the complete file of a run with `header`: the same header and every chunk stored
    /// (the reader checks that of `/annotations`).
    static func isComplete(_ path: String, header: DatasetHeader) -> Bool {
        guard let reader = try? DatasetReader(path: path), reader.header.canonicalLines == header.canonicalLines else { return false }
        return reader.datasets.allSatisfy { (try? $0.storedChunkCount()) == header.layout.chunkCount }
    }

    /// Writes the file and renames it into place. `body` gets the writer, the blocks still to make, and
    /// a function to call with each block's index, chunk records and `/annotations` rows (nil without
    /// annotations) once `writeBlock` has stored it; it must call `writer.finish()`. A resume first
    /// copies the journaled blocks (`copied` is told the blocks copied so far). When anything fails, the state stays resumable and the error comes back
    /// as a `ResumableStop` (a disk full as `DiskFull`).
    func write(cancellation: CancellationFlag, copied: (Int) -> Void,
               _ body: (DatasetWriter, Range<Int>, _ record: (Int, [ChunkRecord], AnnotationRows?) throws -> Void) throws -> Void) throws {
        do {
            do {
                let writer = try open(cancellation: cancellation, copied: copied)
                let writeback = Writeback(path: partialPath)
                try body(writer, blocks.lowerBound + keptBlocks ..< blocks.upperBound) { block, chunks, rows in
                    precondition(block == blocks.lowerBound + keptBlocks, "blocks are recorded in order")
                    var records = chunks
                    if let spool {
                        // The rows first: a journal line vouches only for rows already in the spool.
                        guard let rows else { preconditionFailure("a block of a file with /annotations came without its rows") }
                        records.append(try spool.append(rows))
                    }
                    try journal.append(block: block, chunks: records)
                    keptBlocks += 1
                    let bytes = chunks.reduce(0) { $0 + $1.size }
                    keptBytes += records.reduce(0) { $0 + $1.size }
                    writeback.wrote(bytes)
                }
            }  // the writer is released here: every HDF5 handle closed before the file is synced and renamed
            try OutputFile.sync(partialPath)
            guard rename(partialPath, target) == 0 else { throw SystemCallError(function: "rename", path: "\(partialPath) → \(target)", code: errno) }
            try? OutputFile.sync((target as NSString).deletingLastPathComponent, directory: true)
            removeSpool()
            journal.remove()
        } catch let failure as SceneFailure {
            // Bad input found while making the examples: nothing to resume, nothing left behind.
            for path in [resumingPath, partialPath] { unlink(path) }
            removeSpool()
            journal.remove()
            throw failure
        } catch {
            unlink(resumingPath)
            spool = nil
            journal.release()
            throw stop(error)
        }
    }

    /// Removes the spool (open or not).
    private func removeSpool() {
        if let spool { spool.remove() } else { unlink(annotationsPath) }
        spool = nil
    }

    /// The writer: a fresh file, or on resume a fresh file holding the journaled blocks that verify.
    private func open(cancellation: CancellationFlag, copied: (Int) -> Void) throws -> DatasetWriter {
        guard let found else {
            // Left by a run without a journal: not trusted.
            for path in [partialPath, resumingPath, annotationsPath] { unlink(path) }
            try journal.start(journalHeader)
            if hasAnnotations { spool = try AnnotationSpool(path: annotationsPath, fresh: true) }
            return try DatasetWriter(path: partialPath, header: header)
        }
        unlink(resumingPath)
        let writer = try DatasetWriter(path: resumingPath, header: header)
        if hasAnnotations { spool = try AnnotationSpool(path: annotationsPath, fresh: false) }
        var reused = 0, reusedBytes = 0, spooled = 0
        if !found.records.isEmpty, let source = try? DatasetReader(path: partialPath, stopped: true), source.header.canonicalLines == header.canonicalLines {
            let types = header.annotations.map(\.type)
            for (k, records) in found.records.enumerated() {
                if cancellation.isCancelled { throw RunCancelled() }
                var chunks = records, rows: AnnotationRows?
                if let spool {
                    // The rows are checked before the block is copied: a copied block cannot be taken back.
                    let entry = chunks.removeLast()
                    guard let blockRows = spool.rows(at: spooled, entry, types: types) else { break }
                    rows = blockRows
                }
                guard try writer.copyVerifiedBlock(from: source, sourceRow: k * header.layout.chunkExamples, expected: chunks) else { break }
                if let rows { try writer.appendAnnotations(rows) }
                spooled += spool == nil ? 0 : records.last!.size
                reused += 1
                reusedBytes += records.reduce(0) { $0 + $1.size }
                copied(reused)
            }
        }
        if reused < found.records.count { try journal.keep(records: reused, of: found) }
        // After the journal: the spool always holds at least what the journal vouches for.
        try spool?.keep(bytes: spooled)
        guard rename(resumingPath, partialPath) == 0 else { throw SystemCallError(function: "rename", path: "\(resumingPath) → \(partialPath)", code: errno) }
        keptBlocks = reused
        keptBytes = reusedBytes
        reusedAtStart = reused
        let name = (target as NSString).lastPathComponent
        note("resuming \(name): \(reused) of the \(found.records.count) finished blocks verified and copied"
             + (reused < found.records.count ? " (block \(blocks.lowerBound + reused) does not match the journal: made again from there)" : "")
             + "; \(blocks.count - reused) of \(blocks.count) blocks to make")
        return writer
    }

    /// The error of a run that stopped with its state kept.
    private func stop(_ error: Error) -> ResumableStop {
        let reason: ResumableStop.Reason
        switch error {
        case is RunCancelled: reason = .interrupted
        case let error where DiskSpace.isFull(error): reason = .diskFull(diskFull(error))
        default: reason = .failed(error)
        }
        return ResumableStop(reason: reason, target: target, keptBlocks: keptBlocks, totalBlocks: blocks.count,
                             stateFiles: [partialPath, journalPath, annotationsPath].filter { FileManager.default.fileExists(atPath: $0) })
    }

    /// What a disk-full stop needed, and what there is. With finished blocks, the partial file's size
    /// per block (chunks, the file's metadata and its fixed header) measures what a block takes; without,
    /// the uncompressed chunk sizes do (with compression, an upper bound).
    private func diskFull(_ error: Error) -> DiskFull {
        let layout = header.layout
        let columnBytes = header.columns.reduce(0) { $0 + layout.chunkExamples * ($1.type == .float64 ? 8 : 4) }
        let whole = layout.sampleDatasets.reduce(0) { $0 + layout.chunkBytes($1) } + columnBytes
        let partialSize = (try? FileManager.default.attributesOfItem(atPath: partialPath)[.size] as? Int) ?? 0
        // The partial file can hold more than its journaled blocks (one cut short); count at most twice
        // their uncompressed size for them.
        let kept = max(keptBytes, min(partialSize, keptBlocks * whole * 2))
        let perBlock = keptBlocks > 0 ? kept / keptBlocks : whole
        let directory = (target as NSString).deletingLastPathComponent
        return DiskFull(error: error, directory: directory, free: DiskSpace.free(directory), blocksLeft: blocks.count - keptBlocks,
                        bytesPerBlock: perBlock, upperBound: keptBlocks == 0 && layout.compression != nil, keptBlocks: keptBlocks, keptBytes: kept)
    }
}

/// A run that stopped before it finished and kept its state: the same command with `--resume`
/// continues it (`specgen run` prints that command).
public struct ResumableStop: Error, CustomStringConvertible {
    public enum Reason: Sendable {
        /// SIGINT or SIGTERM.
        case interrupted
        case diskFull(DiskFull)
        /// Any other failure while writing.
        case failed(any Error)
    }
    public let reason: Reason
    public let target: String
    /// Finished blocks kept in the state, of the run's blocks.
    public let keptBlocks: Int, totalBlocks: Int
    /// The state files beside the target.
    public let stateFiles: [String]

    /// What happened and what is kept, as a sentence; `specgen run` follows it with `advice` and the
    /// command that continues the run.
    public var description: String {
        let kept = "\(keptBlocks) of \(totalBlocks) blocks are done and kept in "
            + stateFiles.map { ($0 as NSString).lastPathComponent }.joined(separator: " and ") + " beside it"
        switch reason {
        case .interrupted: return "interrupted: stopped cleanly, nothing was written at \(target); \(kept)"
        case .diskFull(let full): return "\(full); nothing was written at \(target); \(kept)"
        case .failed(let error): return "\(error); nothing was written at \(target); \(kept)"
        }
    }

    /// How to go on, to be followed by "run the same command with --resume".
    public var advice: String {
        switch reason {
        case .interrupted: "To continue,"
        case .diskFull: "Free space, then"
        case .failed: "Once the cause is fixed,"
        }
    }
}
