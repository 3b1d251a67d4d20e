import Numerics

/// The 802.11 pilot polarity sequence p₀ … p₁₂₆ (IEEE 802.11-2016 eq. 17-25): the output of the
/// data scrambler x⁷ + x⁴ + 1 from the all-ones state, 1 ↦ −1 and 0 ↦ +1. Period 127.
public enum WLANPilotPolarity {
    public static let period = 127

    public static let values: [Float] = {
        var state: [UInt8] = Array(repeating: 1, count: 7)  // x1 … x7
        return (0 ..< period).map { _ in
            let bit = state[6] ^ state[3]
            state = [bit] + state[0 ..< 6]
            return bit == 0 ? 1 : -1
        }
    }()
}

/// LTE cell-specific reference signal values (3GPP TS 36.211 §6.10.1.1) for cell identity 0, normal
/// cyclic prefix: r(m) = ((1 − 2c(2m)) + j(1 − 2c(2m + 1)))/√2, m = 0 … 2·N_RB,max − 1, where c is the
/// length-31 Gold sequence of §7.2 with c_init = 2¹⁰·(7(n_s + 1) + l + 1)·(2N_ID + 1) + 2N_ID + N_CP.
/// Tabulated once for the 20 slots of a frame and the two reference symbols of a slot (l = 0, 4).
public enum LTECellReference {
    public static let maximumResourceBlocks = 110

    /// The 2·N_RB,max values of slot n_s ∈ 0 … 19, symbol l ∈ {0, 4}.
    public static func values(slot: Int, symbol l: Int) -> [Complex<Float>] {
        table[2 * slot + (l == 0 ? 0 : 1)]
    }

    private static let table: [[Complex<Float>]] = (0 ..< 20).flatMap { slot in
        [0, 4].map { l in
            let cellID = 0, normalPrefix = 1
            let cInit = (1 << 10) * (7 * (slot + 1) + l + 1) * (2 * cellID + 1) + 2 * cellID + normalPrefix
            let c = goldSequence(cInit: UInt32(cInit), count: 4 * maximumResourceBlocks)
            let a = Float(0.5).squareRoot()
            return (0 ..< 2 * maximumResourceBlocks).map { m in
                Complex(a * Float(1 - 2 * Int(c[2 * m])), a * Float(1 - 2 * Int(c[2 * m + 1])))
            }
        }
    }

    /// c(0 …< count) of TS 36.211 §7.2: x₁(n + 31) = x₁(n + 3) ⊕ x₁(n), x₂(n + 31) = x₂(n + 3) ⊕ x₂(n + 2)
    /// ⊕ x₂(n + 1) ⊕ x₂(n), x₁ starting 1, 0, …, 0, x₂ from the bits of c_init, c(n) = x₁(n + 1600) ⊕ x₂(n + 1600).
    public static func goldSequence(cInit: UInt32, count: Int) -> [UInt8] {
        let nc = 1600
        var x1 = [UInt8](repeating: 0, count: nc + count + 31), x2 = x1
        x1[0] = 1
        for i in 0 ..< 31 { x2[i] = UInt8((cInit >> UInt32(i)) & 1) }
        for n in 0 ..< nc + count {
            x1[n + 31] = x1[n + 3] ^ x1[n]
            x2[n + 31] = x2[n + 3] ^ x2[n + 2] ^ x2[n + 1] ^ x2[n]
        }
        return (0 ..< count).map { x1[$0 + nc] ^ x2[$0 + nc] }
    }
}
