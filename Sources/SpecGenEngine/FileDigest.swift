import Crypto
import Foundation

/// The SHA-256 of a file's bytes, read in 4 MiB pieces (memory stays flat for any file size).
public enum FileDigest {
    public static func sha256(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RunFailure(message: "cannot read \(path) to compute its SHA-256")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let piece = try handle.read(upToCount: 1 << 22), !piece.isEmpty { hasher.update(data: piece) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
