#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SpecGenEngine

/// A directory `specgen export` writes (docs/export.md "Writing"): filled under a hidden name beside
/// it, `.NAME.partial-PID`, then synced and renamed into place, so that a stopped or failed export
/// never leaves a directory at DIR whose label files look complete. An existing DIR must be empty, or,
/// with `--overwrite`, hold nothing but a previous export's entries; it is replaced whole.
struct ExportDirectory {
    /// What an export directory may hold; with `--overwrite`, anything else makes the export refuse
    /// to replace DIR, so that a mistyped DIR never deletes other files.
    static let entries: Set<String> = ["images", "labels", "data.yaml", "annotations.json"]

    /// The absolute path of DIR.
    let target: String
    /// Where the export is built.
    let staging: String
    /// DIR exists and will be replaced (it is empty, or holds a previous export and `--overwrite` was given).
    let replacesExisting: Bool

    /// Checks DIR, given as `option DIR`: its parent must exist and be writable; DIR itself must not
    /// be a file, and must be absent, empty, or (with `overwrite`) hold only `entries`. Throws
    /// `InputError` otherwise.
    static func checked(_ path: String, option: String, overwrite: Bool) throws -> ExportDirectory {
        guard !path.isEmpty else { throw InputError(message: "\(option): give a directory") }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(message: "\(option) \(path): the directory \(parent) does not exist")
        }
        guard access(parent, W_OK) == 0 else { throw InputError(message: "\(option) \(path): the directory \(parent) is not writable") }
        let staging = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return ExportDirectory(target: url.path, staging: staging, replacesExisting: false)
        }
        guard isDirectory.boolValue else { throw InputError(message: "\(option) \(path): is a file, not a directory") }
        let contents = try manager.contentsOfDirectory(atPath: url.path).sorted()
        if !contents.isEmpty {
            guard overwrite else {
                throw InputError(message: "\(option) \(path): the directory is not empty; pass --overwrite to replace a previous export")
            }
            let foreign = contents.filter { !entries.contains($0) }
            guard foreign.isEmpty else {
                throw InputError(message: "\(option) \(path): holds \(foreign.prefix(5).joined(separator: ", "))\(foreign.count > 5 ? ", …" : ""), "
                    + "which specgen export does not write; --overwrite replaces only a directory holding a previous export")
            }
        }
        return ExportDirectory(target: url.path, staging: staging, replacesExisting: true)
    }

    /// Makes the staging directory with `images/` and, for YOLO, `labels/`.
    func create(labels: Bool) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: staging) { try manager.removeItem(atPath: staging) }
        try manager.createDirectory(atPath: staging + "/images", withIntermediateDirectories: true)
        if labels { try manager.createDirectory(atPath: staging + "/labels", withIntermediateDirectories: false) }
    }

    /// Writes `data` to `relativePath` inside the staging directory.
    func write(_ data: Data, to relativePath: String) throws {
        let path = staging + "/" + relativePath
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw RunFailure(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Syncs everything written (`syncfs`), then moves the staging directory to DIR: a rename over an
    /// empty DIR, or over a previous export moved aside first and removed afterwards.
    func commit() throws {
        let descriptor = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("open", staging) }
        let synced = Self.syncFileSystem(descriptor)
        close(descriptor)
        if synced != 0 { throw Self.failure("syncfs", staging) }
        let manager = FileManager.default
        var aside: String?
        if replacesExisting, let contents = try? manager.contentsOfDirectory(atPath: target), !contents.isEmpty {
            let old = staging.replacingOccurrences(of: ".partial-", with: ".replaced-")
            guard rename(target, old) == 0 else { throw Self.failure("rename", target) }
            aside = old
        }
        guard rename(staging, target) == 0 else {
            let error = Self.failure("rename", staging)
            if let aside { _ = rename(aside, target) }
            throw error
        }
        if let aside { try? manager.removeItem(atPath: aside) }
        let parent = open((target as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if parent >= 0 {
            _ = fsync(parent)  // the rename itself on disk
            close(parent)
        }
    }

    /// `syncfs(2)` of the file system holding `descriptor`: every file of the export on disk in one
    /// call rather than an `fsync` per file (about 2 ms each here). glibc declares it only under
    /// `_GNU_SOURCE`, which Swift's Glibc module does not set, so it is looked up with `dlsym`; where it
    /// is missing, `sync(2)` does the same for every file system.
    private static func syncFileSystem(_ descriptor: Int32) -> Int32 {
        typealias SyncFS = @convention(c) (Int32) -> Int32
        guard let symbol = dlsym(nil, "syncfs") else {  // nil is RTLD_DEFAULT
            sync()
            return 0
        }
        return unsafeBitCast(symbol, to: SyncFS.self)(descriptor)
    }

    /// A failed system call on `path` (exit 1), with `errno`'s message.
    private static func failure(_ function: String, _ path: String) -> RunFailure {
        RunFailure(message: "\(function) \(path): \(String(cString: strerror(errno)))")
    }

    /// Removes the staging directory (after a failure or an interruption).
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
