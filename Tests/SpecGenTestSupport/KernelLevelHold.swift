import Foundation
import SpecGenDSP

/// Runs a test at one kernel level (`KernelLevel`), process-wide, while no other test that chooses a
/// level runs: the level is global and swift-testing runs suites in parallel, so two such tests would
/// otherwise switch it under each other (results would stay right — both builds give the same bits —
/// but a case would not prove what its name says). Tests that do not choose a level are unaffected.
///
///     let hold = KernelLevelHold(level)
///     defer { hold.release() }
///     #expect(hold.level == level)
public final class KernelLevelHold: @unchecked Sendable {
    private static let lock = NSLock()
    private let previous: KernelLevel
    /// The level in use (what was asked, clamped to what the machine supports).
    public let level: KernelLevel

    public init(_ level: KernelLevel) {
        Self.lock.lock()
        previous = KernelLevel.current
        self.level = KernelLevel.set(level)
    }

    /// Restores the previous level and lets the next test choose.
    public func release() {
        KernelLevel.set(previous)
        Self.lock.unlock()
    }
}
