import Foundation
import SpecGenPolicy

/// Parallel synthesis with one in-order consumer and bounded memory.
///
/// Workers claim block indices of `blocks` (the whole plan, or a shard's range) in increasing order, each only after taking a free buffer from a fixed
/// pool (threads + 6 buffers: the spare ones absorb the jitter of workers and a writer sharing the cores,
/// 3 % faster end to end on 2 cores than + 2), and hand finished blocks back under the lock. The consumer (the caller's
/// thread: the HDF5 writer) takes the blocks in order and returns each buffer to the pool. The
/// block the consumer waits for has always been claimed by a worker that holds a buffer, so the pool
/// can never deadlock; memory is the pool, whatever the number of examples.
final class BlockPipeline: @unchecked Sendable {
    private let plan: RunPlan
    private let blocks: Range<Int>
    private let threads: Int
    private let condition = NSCondition()
    private var free: [BlockBuffer]
    private var finished: [Int: BlockBuffer] = [:]
    private var nextToClaim: Int
    private var stopped = false
    private var runningWorkers = 0

    /// Nice increment of the worker threads (0: unchanged); see `writerPriority(threads:)`.
    private let workerNice: Int32

    /// - Parameter workerNice: added to the workers' nice value (capped at 19) when they start.
    init(plan: RunPlan, blocks: Range<Int>? = nil, threads: Int, workerNice: Int32 = 0) {
        self.plan = plan
        self.workerNice = workerNice
        self.blocks = blocks ?? 0 ..< plan.blockCount
        nextToClaim = self.blocks.lowerBound
        self.threads = threads
        free = (0 ..< threads + 6).map { _ in BlockBuffer(plan: plan) }
    }

    /// Runs the workers and calls `consume` with every block in order on the calling thread. Each worker
    /// calls `prepare` on a block it has synthesised before handing it over (chunk encoding).
    /// If `consume` throws, or `shouldStop` turns true, the workers stop at their next block and the
    /// error (or `RunCancelled`) is rethrown once they have all exited.
    func run(makeSynthesizer: @escaping @Sendable () -> ExampleSynthesizer,
             prepare: @escaping @Sendable (BlockBuffer) -> Void = { _ in },
             shouldStop: @escaping @Sendable () -> Bool,
             consume: (BlockBuffer) throws -> Void) throws {
        runningWorkers = threads
        for t in 0 ..< threads {
            let thread = Thread { [self] in
                if workerNice > 0 { Self.lowerPriority(by: workerNice) }
                let synthesizer = makeSynthesizer()
                work(synthesizer, prepare: prepare)
            }
            thread.name = "specgen-worker-\(t)"
            thread.stackSize = 1 << 22
            thread.start()
        }
        defer {
            condition.lock()
            stopped = true
            condition.broadcast()
            while runningWorkers > 0 { condition.wait() }
            condition.unlock()
        }
        for b in blocks {
            condition.lock()
            while true {
                if shouldStop() {
                    condition.unlock()
                    throw RunCancelled()
                }
                if finished[b] != nil { break }
                _ = condition.wait(until: Date(timeIntervalSinceNow: 0.2))
            }
            let buffer = finished.removeValue(forKey: b)!
            condition.unlock()
            if let failure = buffer.failure {
                buffer.failure = nil
                throw failure
            }
            try consume(buffer)
            condition.lock()
            free.append(buffer)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The workers' nice increment for a run that writes a file with `threads` workers: 10 when they
    /// are as many as the cores this process may use, else 0.
    ///
    /// The consumer (the writer) is on the critical path of a run that writes: its page-cache copies
    /// take about 0.3 s of kernel time per 800 MB, and workers that outnumber the free cores take its
    /// time slices while blocks it could write wait. Nice +10 workers (weight 110 against the writer's
    /// 1,024) still take every cycle the writer leaves, so synthesis loses nothing, and the writer runs
    /// whenever it has work: 100 M samples of `Scenarios/bench-qpsk.json` (807 MB) on 2 cores took
    /// 0.45–0.51 s instead of 0.52–0.61 s (5 interleaved runs each; +19 gave 0.44–0.50). Against other
    /// processes the workers are then nice 10 too; `--threads` below the core count keeps them at 0.
    static func writerPriority(threads: Int) -> Int32 {
        threads >= ProcessInfo.processInfo.activeProcessorCount ? 10 : 0
    }

    /// Adds `increment` to the calling thread's nice value, up to 19. On Linux the nice value is per
    /// thread, and PRIO_PROCESS with who = 0 names the calling thread. Best effort: a failure changes
    /// only the speed.
    private static func lowerPriority(by increment: Int32) {
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0 else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, min(19, current + increment))
    }

    private func work(_ synthesizer: ExampleSynthesizer, prepare: (BlockBuffer) -> Void) {
        while true {
            condition.lock()
            while free.isEmpty && !stopped { condition.wait() }
            if stopped || nextToClaim == blocks.upperBound {
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let buffer = free.removeLast()
            let b = nextToClaim
            nextToClaim += 1
            condition.unlock()

            synthesizer.synthesize(block: b, into: buffer)
            prepare(buffer)

            condition.lock()
            finished[b] = buffer
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// The run was stopped by a signal before it finished.
public struct RunCancelled: Error {
    public init() {}
}
