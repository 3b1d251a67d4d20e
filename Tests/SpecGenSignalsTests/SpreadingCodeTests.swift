import SpecGenDSP
import Testing

/// Periodic correlation of ±1 codes as integers: c[s] = Σᵢ a[i]·b[(i + s) mod N].
func integerCorrelation(_ a: [Int], _ b: [Int]) -> [Int] {
    let n = a.count
    return (0 ..< n).map { s in
        var sum = 0
        for i in 0 ..< n { sum += a[i] * b[(i + s) % n] }
        return sum
    }
}

func integerChips(_ chips: [Float]) -> [Int] { chips.map { Int($0) } }

/// m-sequences and Gold codes against the theory of maximal-length and preferred-pair sequences.
@Suite struct SpreadingCodeTests {
    /// The register's cycle is 2^n − 1 (so the table's polynomial is primitive), one period is balanced
    /// (2^(n−1) chips −1, 2^(n−1) − 1 chips +1) and its periodic autocorrelation is two-valued: N at
    /// shift 0, −1 (i.e. −1/N normalised) at every other shift (S. W. Golomb, "Shift Register
    /// Sequences", 1967, ch. III). Exact integers.
    @Test(arguments: Array(MaximalLengthSequence.degrees))
    func mSequenceHasFullPeriodAndTwoValuedAutocorrelation(degree: Int) {
        let n = MaximalLengthSequence.length(degree: degree)
        #expect(MaximalLengthSequence.registerPeriod(degree: degree) == n)
        let chips = integerChips(MaximalLengthSequence.chips(degree: degree))
        #expect(chips.count == n && chips.filter { $0 == -1 }.count == 1 << (degree - 1))
        let r = integerCorrelation(chips, chips)
        #expect(r[0] == n)
        #expect(r.dropFirst().allSatisfy { $0 == -1 })
    }

    /// Gold's theorem: every cross-correlation between two members of the family, and every off-peak
    /// autocorrelation of a member, takes only the values {−1, −t(n), t(n) − 2}, t(n) = 1 + 2^⌊(n+2)/2⌋.
    /// Exhaustive over all pairs and shifts for n = 3, 5, 6 (9, 33 and 65 codes).
    @Test(arguments: [3, 5, 6])
    func goldFamilyCorrelationsAreThreeValued(degree: Int) {
        let t = GoldCode.crossCorrelationBound(degree: degree)
        let allowed: Set<Int> = [-1, -t, t - 2]
        let family = (0 ..< GoldCode.familySize(degree: degree)).map { integerChips(GoldCode.chips(degree: degree, member: $0)) }
        var seen = Set<Int>()
        for i in family.indices {
            for j in i ..< family.count {
                var c = integerCorrelation(family[i], family[j])
                if i == j {
                    #expect(c[0] == family[i].count)
                    c.removeFirst()
                }
                seen.formUnion(c)
                #expect(Set(c).isSubset(of: allowed), "members \(i), \(j): \(Set(c).subtracting(allowed))")
            }
        }
        #expect(seen == allowed)
    }

    /// For the longer codes: the preferred pair (u, v) and a sample of members, every shift.
    @Test(arguments: [7, 9, 10])
    func preferredPairCrossCorrelationIsThreeValued(degree: Int) {
        let t = GoldCode.crossCorrelationBound(degree: degree)
        let allowed: Set<Int> = [-1, -t, t - 2]
        let u = integerChips(GoldCode.chips(degree: degree, member: 0)), v = integerChips(GoldCode.chips(degree: degree, member: 1))
        #expect(Set(integerCorrelation(u, v)) == allowed)
        let n = u.count
        for (a, b) in [(2, 3), (5, n / 2), (n, n + 1)] {
            let x = integerChips(GoldCode.chips(degree: degree, member: a)), y = integerChips(GoldCode.chips(degree: degree, member: b))
            #expect(Set(integerCorrelation(x, y)).isSubset(of: allowed))
        }
    }

    @Test func degreesWithoutPreferredPairsAreExcluded() {
        #expect(!GoldCode.hasPreferredPair(degree: 4) && !GoldCode.hasPreferredPair(degree: 8))
        #expect(GoldCode.degrees.allSatisfy { MaximalLengthSequence.degrees.contains($0) && $0 % 4 != 0 })
    }
}
