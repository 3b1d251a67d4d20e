#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The file a command writes (`run`, `merge`, `plot`): checked before any work starts, written under a hidden
/// temporary name beside it, synced and renamed into place only when complete, so that a failed or
/// interrupted command never leaves a half-written file at the output path. (`run` keeps its temporary
/// file under a fixed name with a journal, to be resumable: `RunState`.)
public enum OutputFile {
    /// Refuses an output path that cannot work: missing, in a directory that does not exist or is not
    /// writable, a directory, or an existing file without `overwrite`. Returns the absolute path.
    public static func checked(_ output: String?, overwrite: Bool) throws -> String {
        guard let output, !output.isEmpty else {
            throw OutputPathError(message: "no output file: give -o FILE (or --discard to synthesise without writing)")
        }
        let url = URL(fileURLWithPath: output)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputPathError(message: "-o \(output): the directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw OutputPathError(message: "-o \(output): the directory \(directory) is not writable")
        }
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw OutputPathError(message: "-o \(output): is a directory; give a file name") }
            if !overwrite { throw OutputPathError(message: "-o \(output): the file exists; pass --overwrite to replace it") }
        }
        return url.path
    }

    /// A hidden name beside the target: `.NAME.partial-PID`.
    static func temporaryPath(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
    }

    /// Runs `write` on the temporary path, then syncs it and renames it to `target`; removes it if
    /// anything fails. `write` must have closed the file when it returns.
    public static func write(_ target: String, _ write: (String) throws -> Void) throws {
        let temporary = temporaryPath(for: target)
        do {
            try write(temporary)
            try sync(temporary)
            guard rename(temporary, target) == 0 else {
                throw RunFailure(message: "cannot rename \(temporary) to \(target): \(String(cString: strerror(errno)))")
            }
            try? sync((target as NSString).deletingLastPathComponent, directory: true)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// `fsync` of a file, or of a directory (after a rename in it): the finished file is on disk before
    /// its name says it is finished.
    static func sync(_ path: String, directory: Bool = false) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard descriptor >= 0 else { throw SystemCallError(function: "open", path: path, code: errno) }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw SystemCallError(function: "fsync", path: path, code: errno) }
    }
}
