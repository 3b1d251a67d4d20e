import Foundation
import SpecGenHDF5

/// Reads stored chunks ahead on a second thread, so that a merge reads block k + 1 while it stores
/// block k. The thread only calls `pread` (`DatasetReader.read`); every HDF5 call — finding the chunks,
/// storing them — stays on the caller's thread. Memory: `depth` blocks of chunks.
final class ChunkPrefetcher: @unchecked Sendable {
    /// One block to read: the file, and where its chunks lie in it.
    struct Job {
        let reader: DatasetReader
        let locations: [StoredChunkLocation]
    }

    private let jobs: [Job]
    private let slots: [[ChunkBuffer]]
    private let condition = NSCondition()
    /// Jobs read so far (by the thread), and taken by the caller.
    private var read = 0, taken = 0
    private var failed: Int?
    private var stopped = false, running = true

    init(jobs: [Job], datasets: Int, depth: Int = 3) {
        self.jobs = jobs
        slots = (0 ..< depth).map { _ in (0 ..< datasets).map { _ in ChunkBuffer() } }
        let thread = Thread { [self] in work() }
        thread.name = "specgen-prefetch"
        thread.start()
    }


    private func work() {
        defer {
            condition.lock()
            running = false
            condition.broadcast()
            condition.unlock()
        }
        for (k, job) in jobs.enumerated() {
            condition.lock()
            // Slot k % depth is free once the caller has taken job k - depth + 1 (and so let go of k - depth).
            while !stopped && k - taken >= slots.count - 1 { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let ok = job.reader.read(job.locations, into: slots[k % slots.count])
            condition.lock()
            if !ok { failed = k }
            read = k + 1
            condition.broadcast()
            condition.unlock()
            if !ok { return }
        }
    }

    /// The chunks of the next job, valid until the following call; throws if they could not be read.
    func next() throws -> [StoredChunk] {
        condition.lock()
        defer { condition.unlock() }
        let k = taken
        precondition(k < jobs.count, "every block was taken")
        taken += 1  // the slot of job k - 1 is free again
        condition.broadcast()
        while read <= k && running { condition.wait() }
        if read <= k || failed.map({ $0 <= k }) == true {
            throw RunFailure(message: "\(jobs[k].reader.path): its stored chunks could not be read (a short read: was it changed meanwhile?)")
        }
        return StoredChunk.chunks(jobs[k].locations, in: slots[k % slots.count])
    }

    /// Stops the thread and waits for it.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}
