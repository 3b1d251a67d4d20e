import SpecGenDSP

/// The pulse repetition interval (PRI) law of a radar pulse train, in samples.
///
/// - constant: every interval is T.
/// - stagger: a cycle of M intervals evenly spaced from T to ρ·T in order,
///   Tᵢ = T·(1 + (ρ − 1)·i/(M − 1)), i = 0 … M − 1, then repeating; the mean is T·(1 + ρ)/2.
/// - jitter: independent intervals uniform on [T(1 − j), T(1 + j)]; the mean is T.
public struct PulseRepetition: Sendable, Equatable {
    public enum Law: Sendable, Equatable {
        case constant
        /// `count` ≥ 2 intervals, `ratio` ρ ≥ 1 = longest / shortest.
        case stagger(count: Int, ratio: Double)
        /// `fraction` j ∈ [0, 1).
        case jitter(fraction: Double)
    }

    /// T in samples, > 0.
    public let interval: Double
    public let law: Law

    public init(interval: Double, law: Law) {
        precondition(interval > 0)
        switch law {
        case .constant: break
        case .stagger(let count, let ratio): precondition(count >= 2 && ratio >= 1)
        case .jitter(let fraction): precondition((0 ..< 1).contains(fraction))
        }
        self.interval = interval
        self.law = law
    }

    /// Interval i of the stagger cycle (T for the other laws).
    public func staggerInterval(_ i: Int) -> Double {
        guard case .stagger(let count, let ratio) = law else { return interval }
        return interval * (1 + (ratio - 1) * Double(i) / Double(count - 1))
    }

    /// The mean interval, samples: what sets the duty cycle.
    public var meanInterval: Double {
        if case .stagger(_, let ratio) = law { return interval * (1 + ratio) / 2 }
        return interval
    }

    /// The shortest interval the law can produce, samples.
    public var shortestInterval: Double {
        if case .jitter(let fraction) = law { return interval * (1 - fraction) }
        return interval
    }
}

/// The start times of a pulse train, in samples, as a stationary point process: time 0 falls at a
/// uniformly random point of the train, so every sample is inside a pulse of width W with probability
/// exactly W / (mean interval), wherever it is in the capture.
///
/// The interval covering time 0 is drawn length-biased (the inspection paradox of renewal theory: the
/// equilibrium renewal process of D. R. Cox, "Renewal Theory", 1962) and time 0 lies uniformly
/// inside it: for the constant law the first pulse starts at −u·T; for the stagger the covering interval
/// is found from a uniform point of the whole cycle; for jitter the covering interval X has density
/// x / (E X · 2jT) on [T(1 − j), T(1 + j)], drawn as X = √(a² + w(b² − a²)), and the pulse before time
/// 0 starts at −v·X. Later intervals follow the law.
///
/// Draws from the stream, in order: constant — u; stagger — u; jitter — w, v, then one uniform per
/// later interval.
public struct PulseSchedule {
    public let repetition: PulseRepetition
    /// The start of the current pulse (≤ 0 for the first).
    public private(set) var start: Double
    private var nextInterval: Double
    private var staggerIndex = 0

    public init(_ repetition: PulseRepetition, stream: inout RandomStream) {
        self.repetition = repetition
        let t = repetition.interval
        switch repetition.law {
        case .constant:
            start = -stream.nextUnitDouble() * t
            nextInterval = t
        case .stagger(let count, _):
            var point = stream.nextUnitDouble() * repetition.meanInterval * Double(count)
            var i = 0
            while i < count - 1, point >= repetition.staggerInterval(i) {
                point -= repetition.staggerInterval(i)
                i += 1
            }
            let covering = repetition.staggerInterval(i)
            start = -min(point, covering)
            nextInterval = covering
            staggerIndex = i
        case .jitter(let fraction):
            let a = t * (1 - fraction), b = t * (1 + fraction)
            let covering = (a * a + stream.nextUnitDouble() * (b * b - a * a)).squareRoot()
            start = -stream.nextUnitDouble() * covering
            nextInterval = covering
        }
    }

    /// Moves to the next pulse, returning its start.
    public mutating func advance(stream: inout RandomStream) -> Double {
        start += nextInterval
        switch repetition.law {
        case .constant:
            break
        case .stagger(let count, _):
            staggerIndex = staggerIndex + 1 == count ? 0 : staggerIndex + 1
            nextInterval = repetition.staggerInterval(staggerIndex)
        case .jitter(let fraction):
            nextInterval = repetition.interval * (1 + fraction * (2 * stream.nextUnitDouble() - 1))
        }
        return start
    }
}
