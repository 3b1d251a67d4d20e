#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SpecGenHDF5

/// Free space, and telling a full disk from other failures.
enum DiskSpace {
    /// True if `error` comes from a full disk or an exhausted quota (`ENOSPC`, `EDQUOT`), whether the
    /// HDF5 library or a call on the journal reported it.
    static func isFull(_ error: Error) -> Bool {
        guard let code = systemError(error) else { return false }
        return code == ENOSPC || code == EDQUOT
    }

    static func systemError(_ error: Error) -> Int32? {
        switch error {
        case let error as HDF5Error: error.systemError
        case let error as SystemCallError: error.code
        default: nil
        }
    }

    /// Bytes an unprivileged process can still write in `directory`'s file system (`statvfs`:
    /// available blocks × fragment size), or nil if it cannot be asked.
    static func free(_ directory: String) -> Int64? {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// Bytes in kB, MB or GB (decimal), for messages.
    static func text(_ bytes: Int64) -> String {
        switch bytes {
        case ..<1_000_000: String(format: "%.0f kB", Double(bytes) / 1e3)
        case ..<10_000_000_000: String(format: "%.1f MB", Double(bytes) / 1e6)
        default: String(format: "%.1f GB", Double(bytes) / 1e9)
        }
    }
}

/// A run stopped by a full disk: what it still needed, what a resume needs, and what is free.
public struct DiskFull: CustomStringConvertible, Sendable {
    /// The failure as reported (an `HDF5Error` or a `SystemCallError` with `ENOSPC` or `EDQUOT`).
    public let error: Error
    /// The target's directory, and the bytes free there after the failure (nil: unknown).
    public let directory: String
    public let free: Int64?
    /// Blocks still to make, and the bytes each takes as stored (the mean of the finished blocks, or
    /// the uncompressed size when none is finished: an upper bound with compression).
    public let blocksLeft: Int
    public let bytesPerBlock: Int
    public let upperBound: Bool
    /// Finished blocks kept in the partial file, and their bytes.
    public let keptBlocks: Int
    public let keptBytes: Int

    /// Bytes the rest of the run writes.
    public var neededToFinish: Int64 { Int64(blocksLeft) * Int64(bytesPerBlock) }
    /// Free bytes a resume needs: it first copies the kept blocks into a fresh file, and removes the old
    /// one only once they are all there.
    public var neededToResume: Int64 { neededToFinish + Int64(keptBytes) }

    public var description: String {
        let about = upperBound ? "at most" : "about"
        let cause = DiskSpace.systemError(error).map { String(cString: strerror($0)) } ?? "\(error)"
        var text = "disk full (\(cause)): the rest of the run needs \(about) \(DiskSpace.text(neededToFinish)) "
            + "(\(blocksLeft) block\(blocksLeft == 1 ? "" : "s") of \(about) \(DiskSpace.text(Int64(bytesPerBlock))))"
        if keptBlocks > 0 {
            text += ", and a resume \(about) \(DiskSpace.text(neededToResume)) free, as it first copies the \(keptBlocks) finished "
                + "block\(keptBlocks == 1 ? "" : "s") (\(DiskSpace.text(Int64(keptBytes)))) into a fresh file"
        }
        text += "; \(directory) has " + (free.map { DiskSpace.text($0) + " free" } ?? "an unknown amount free (statvfs failed)")
        return text
    }
}
