/// Binary Barker codes (R. H. Barker, "Group synchronizing of binary digital systems", 1953): aperiodic
/// autocorrelation sidelobes of magnitude at most 1 (1/N of the peak).
public enum BarkerCode: Int, Sendable, CaseIterable {
    case length7 = 7
    case length11 = 11
    case length13 = 13

    /// The chips, ±1, as tabulated by N. Levanon and E. Mozeson, "Radar Signals" (Wiley, 2004), ch. 6.
    public var chips: [Float] {
        switch self {
        case .length7: return [1, 1, 1, -1, -1, 1, -1]
        case .length11: return [1, 1, 1, -1, -1, -1, 1, -1, -1, 1, -1]
        case .length13: return [1, 1, 1, 1, 1, -1, -1, 1, 1, -1, 1, -1, 1]
        }
    }

    public var length: Int { rawValue }
}

/// Polyphase pulse-compression codes of order M, all of length N = M² here. Phases in radians, element
/// index e = 0 … N − 1; for the square codes e = (n − 1)·M + (k − 1) with group n and element k in 1 … M.
///
/// - Frank (R. L. Frank, IEEE Trans. Inform. Theory 9(1), 1963): φ = (2π/M)(n − 1)(k − 1).
/// - P1 (B. L. Lewis and F. F. Kretschmer, "A new class of polyphase pulse compression codes and
///   techniques", IEEE Trans. AES 17(3), 1981): φ = −(π/M)[M − (2n − 1)][(n − 1)M + (k − 1)].
/// - P2 (ibid.): φ = (2π/M)[(M + 1)/2 − n][(M + 1)/2 − k] — the form of Levanon and Mozeson, "Radar
///   Signals" (2004), ch. 6, expanded. Defined for even M; odd M is allowed (same formula) but its peak
///   sidelobe is about 6 dB higher.
/// - P3 (Lewis and Kretschmer, IEEE Trans. AES 18(5), 1982): φ = π(i − 1)²/N, i = 1 … N.
/// - P4 (ibid.): φ = π(i − 1)²/N − π(i − 1).
public enum PolyphaseCode: String, Sendable, CaseIterable {
    case frank, p1, p2, p3, p4

    /// N = M².
    public func length(order: Int) -> Int { order * order }

    /// The phase of element `element` (0-based) of the code of order `order`, radians (unreduced).
    public func phase(element e: Int, order m: Int) -> Double {
        let count = m * m
        precondition(m >= 1 && (0 ..< count).contains(e))
        let M = Double(m), pi = Double.pi
        let n = Double(e / m + 1), k = Double(e % m + 1)  // group, element within the group (1-based)
        let i = Double(e)  // i − 1
        switch self {
        case .frank: return 2 * pi / M * (n - 1) * (k - 1)
        case .p1: return -(pi / M) * (M - (2 * n - 1)) * ((n - 1) * M + (k - 1))
        case .p2: return 2 * pi / M * ((M + 1) / 2 - n) * ((M + 1) / 2 - k)
        case .p3: return pi * i * i / Double(count)
        case .p4: return pi * i * i / Double(count) - pi * i
        }
    }
}
