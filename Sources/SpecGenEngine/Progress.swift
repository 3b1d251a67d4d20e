import Foundation

/// Progress of a run on standard error: a redrawn bar on a terminal, a line every few seconds
/// otherwise (logs of batch jobs), nothing with `--quiet`.
public final class ProgressReporter {
    public enum Style: Sendable { case bar, lines, quiet }

    private let style: Style
    private let total: Int
    private let samplesPerExample: Int
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let label: String

    /// - Parameters:
    ///   - style: nil chooses `.bar` when standard error is a terminal, `.lines` otherwise.
    ///   - label: what is being made (the output name, or "synthesis").
    public init(total: Int, samplesPerExample: Int, label: String, style: Style?) {
        self.total = total
        self.samplesPerExample = samplesPerExample
        self.label = label
        self.style = style ?? (isatty(STDERR_FILENO) == 1 ? .bar : .lines)
    }

    /// Seconds since the run started.
    public var elapsed: Double { Date().timeIntervalSince(start) }

    public func update(done: Int) {
        let now = Date()
        switch style {
        case .quiet: return
        case .bar:
            guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
            lastDraw = now
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\(label) [\(bar)] \(percent(done)) \(done)/\(total) examples \(rate(done)) \(eta(done))\u{1B}[K")
        case .lines:
            // The first line after 5 s, then every 5 s; the summary of `finish` closes the run.
            if lastDraw == .distantPast { lastDraw = now }
            guard done < total, now.timeIntervalSince(lastDraw) >= 5 else { return }
            lastDraw = now
            write("\(label): \(done)/\(total) examples (\(percent(done))), \(rate(done)), \(eta(done))\n")
        }
    }

    /// A remark on its own line (not with `--quiet`).
    public func note(_ message: String) {
        guard style != .quiet else { return }
        write((style == .bar ? "\r\u{1B}[K" : "") + message + "\n")
    }

    /// Ends the bar line and prints the closing summary.
    public func finish(_ message: String) {
        guard style != .quiet else { return }
        write((style == .bar ? "\r\u{1B}[K" : "") + message + "\n")
    }

    /// Clears the bar (before an error message).
    public func abandon() {
        if style == .bar { write("\n") }
    }

    private func percent(_ done: Int) -> String { total == 0 ? "100%" : "\(100 * done / total)%" }

    private func rate(_ done: Int) -> String {
        let seconds = max(elapsed, 1e-9)
        return String(format: "%.1f M samples/s", Double(done * samplesPerExample) / seconds / 1e6)
    }

    private func eta(_ done: Int) -> String {
        guard done > 0, done < total else { return "" }
        let remaining = elapsed * Double(total - done) / Double(done)
        return remaining < 90 ? String(format: "ETA %.0f s", remaining) : String(format: "ETA %.0f min", remaining / 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
