/// Binary maximal-length sequences (m-sequences) from a linear-feedback shift register, and the Gold
/// codes built from preferred pairs of them. Chips are written as ±1 (bit b ↦ (−1)^b).
///
/// The register runs the recurrence s[k + n] = s[k] ⊕ ⨁_{t ∈ taps} s[k + t] of the characteristic
/// polynomial x^n + Σ_{t ∈ taps} x^t + 1, which has period 2^n − 1 exactly when the polynomial is
/// primitive. The polynomials are those of P. Alfke, "Efficient shift registers, LFSR counters, and long
/// pseudo-random sequence generators", Xilinx XAPP052 (1996), Table 3 (taps n, t…), one per degree;
/// their primitivity is checked by the tests (the period is 2^n − 1 and no divisor of it).
public enum MaximalLengthSequence {
    /// Degrees n with a table entry: code lengths 7 … 1023.
    public static let degrees = 3 ... 10

    /// The exponents t of x^t besides x^n and 1 in the primitive polynomial of degree n.
    public static func taps(degree: Int) -> [Int] {
        switch degree {
        case 3: return [2]
        case 4: return [3]
        case 5: return [3]
        case 6: return [5]
        case 7: return [6]
        case 8: return [6, 5, 4]
        case 9: return [5]
        case 10: return [7]
        default: preconditionFailure("no primitive polynomial of degree \(degree) in the table (3 … 10)")
        }
    }

    /// 2^n − 1.
    public static func length(degree: Int) -> Int { (1 << degree) - 1 }

    /// Writes one period (2^n − 1 chips, ±1) starting from the all-ones register state.
    /// - Parameters:
    ///   - output: at least 2^n − 1 floats; only the first 2^n − 1 are written.
    ///   - degree: n ∈ 3 … 10.
    public static func fill(_ output: UnsafeMutableBufferPointer<Float>, degree: Int) {
        let n = degree, count = length(degree: n)
        precondition(output.count >= count)
        // Register bit i holds s[k + i]; the feedback mask selects s[k] and s[k + t].
        var mask: UInt32 = 1
        for t in taps(degree: n) { mask |= 1 << UInt32(t) }
        var register: UInt32 = (1 << UInt32(n)) - 1
        for k in 0 ..< count {
            output[k] = register & 1 == 0 ? 1 : -1
            let feedback = UInt32((register & mask).nonzeroBitCount & 1)
            register = (register >> 1) | (feedback << UInt32(n - 1))
        }
    }

    /// The cycle length of the register from the all-ones state: 2^n − 1 exactly when the table's
    /// polynomial is primitive (what the tests check).
    public static func registerPeriod(degree: Int) -> Int {
        let n = degree
        var mask: UInt32 = 1
        for t in taps(degree: n) { mask |= 1 << UInt32(t) }
        let initial: UInt32 = (1 << UInt32(n)) - 1
        var register = initial, steps = 0
        repeat {
            let feedback = UInt32((register & mask).nonzeroBitCount & 1)
            register = (register >> 1) | (feedback << UInt32(n - 1))
            steps += 1
        } while register != initial && steps <= 1 << n
        return steps
    }

    /// One period as an array (tests and tools; the kernels use `fill`).
    public static func chips(degree: Int) -> [Float] {
        var chips = [Float](repeating: 0, count: length(degree: degree))
        chips.withUnsafeMutableBufferPointer { fill($0, degree: degree) }
        return chips
    }
}

/// Gold codes (R. Gold, "Optimal binary sequences for spread spectrum multiplexing", IEEE Trans. Inform.
/// Theory 13(4), 1967): for a preferred pair (u, v) of m-sequences of degree n, the family
/// {u, v, u ⊕ T^s v : s = 0 … N − 1} of N + 2 codes (N = 2^n − 1) has periodic cross-correlations in
/// {−1, −t(n), t(n) − 2}, t(n) = 1 + 2^⌊(n + 2)/2⌋.
///
/// v is u decimated by q = 2^k + 1 (v[i] = u[q·i mod N]); (u, v) is a preferred pair when n is odd and
/// gcd(n, k) = 1, or n ≡ 2 (mod 4) and gcd(n, k) = 2 (D. V. Sarwate and M. B. Pursley, "Crosscorrelation
/// properties of pseudorandom and related sequences", Proc. IEEE 68(5), 1980, §IV). No preferred pair
/// exists for n ≡ 0 (mod 4): degrees 4 and 8 have no Gold family here.
public enum GoldCode {
    /// Degrees with a preferred pair in the m-sequence table.
    public static let degrees = [3, 5, 6, 7, 9, 10]

    public static func hasPreferredPair(degree: Int) -> Bool { degrees.contains(degree) }

    /// The decimation q = 2^k + 1: k = 1 for odd n, k = 2 for n ≡ 2 (mod 4).
    public static func decimation(degree: Int) -> Int {
        precondition(hasPreferredPair(degree: degree), "no preferred pair of degree \(degree)")
        return degree % 2 == 1 ? 3 : 5
    }

    /// t(n) = 1 + 2^⌊(n + 2)/2⌋: the magnitude of the large cross-correlation values.
    public static func crossCorrelationBound(degree: Int) -> Int { 1 + (1 << ((degree + 2) / 2)) }

    /// The number of codes in the family, N + 2.
    public static func familySize(degree: Int) -> Int { MaximalLengthSequence.length(degree: degree) + 2 }

    /// Writes member `member` of the family (±1 chips): 0 is u, 1 is v, 2 + s is u ⊕ T^s v
    /// (chip i is u[i]·v[(i + s) mod N]).
    /// - Parameters:
    ///   - output: at least N floats.
    ///   - scratch: at least N floats (holds v).
    public static func fill(_ output: UnsafeMutableBufferPointer<Float>, degree: Int, member: Int,
                            scratch: UnsafeMutableBufferPointer<Float>) {
        let count = MaximalLengthSequence.length(degree: degree)
        precondition(output.count >= count && scratch.count >= count && (0 ..< count + 2).contains(member))
        MaximalLengthSequence.fill(output, degree: degree)
        let q = decimation(degree: degree)
        for i in 0 ..< count { scratch[i] = output[(q * i) % count] }
        if member == 0 { return }
        if member == 1 {
            for i in 0 ..< count { output[i] = scratch[i] }
            return
        }
        let shift = member - 2
        for i in 0 ..< count {
            var j = i + shift
            if j >= count { j -= count }
            output[i] *= scratch[j]
        }
    }

    /// One member as an array (tests and tools).
    public static func chips(degree: Int, member: Int) -> [Float] {
        let count = MaximalLengthSequence.length(degree: degree)
        var chips = [Float](repeating: 0, count: count), v = chips
        chips.withUnsafeMutableBufferPointer { out in v.withUnsafeMutableBufferPointer { fill(out, degree: degree, member: member, scratch: $0) } }
        return chips
    }
}
