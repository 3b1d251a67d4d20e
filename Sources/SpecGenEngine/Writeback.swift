#if canImport(Glibc)
import Glibc
#endif

/// Starts writing a file's dirty pages to disk while the run goes on, every `interval` bytes written
/// (`posix_fadvise(POSIX_FADV_DONTNEED)`: on Linux it starts write-back of the dirty pages without
/// waiting, and drops the pages already on disk). The final `fsync` then has little left to wait for,
/// and a run's page-cache footprint stays small whatever N is. The run never reads its file back, so
/// dropping its pages costs nothing. Best effort: failures are ignored (the `fsync` still makes the
/// file durable).
final class Writeback {
    private let descriptor: Int32
    private let interval: Int
    private var pending = 0

    init(path: String, interval: Int = 32 << 20) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        self.interval = interval
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Counts `bytes` written; past the interval, starts their write-back.
    func wrote(_ bytes: Int) {
        pending += bytes
        guard pending >= interval, descriptor >= 0 else { return }
        pending = 0
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
    }
}
