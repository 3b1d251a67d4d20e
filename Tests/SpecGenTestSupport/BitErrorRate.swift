import Foundation
import Numerics

/// The Gaussian tail Q(x) = P(N(0, 1) > x) = ½·erfc(x/√2).
public func qFunction(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

/// The bit error probability of Gray-coded BPSK and QPSK with coherent matched-filter detection in AWGN,
/// P_b = Q(√(2·Eb/N0)) (J. G. Proakis, Digital Communications, 5th ed., eq. 4.3-13 and §4.3-1: QPSK's two
/// rails are independent BPSK channels with the same Eb).
public func bpskBitErrorProbability(ebN0DB: Double) -> Double {
    qFunction((2 * pow(10, ebN0DB / 10)).squareRoot())
}

/// The two-sided acceptance interval [k_lo, k_hi] of an error count K ~ Binomial(n, p) at level
/// `confidence`: the largest k_lo with P(K < k_lo) ≤ (1 − c)/2 and the smallest k_hi with
/// P(K > k_hi) ≤ (1 − c)/2, from the exact binomial distribution (pmf by lgamma in log space, summed
/// outward from the mode so no term underflows before it matters). This is the region whose dual is the
/// Clopper–Pearson interval: p lies in the Clopper–Pearson interval of k exactly when k lies here
/// (C. J. Clopper and E. S. Pearson, Biometrika 26(4), 1934).
public func binomialAcceptanceInterval(trials n: Int, probability p: Double, confidence: Double) -> ClosedRange<Int> {
    precondition(n > 0 && p > 0 && p < 1 && confidence > 0 && confidence < 1)
    let tail = (1 - confidence) / 2
    let logP = log(p), logQ = log1p(-p), logNFactorial = Double.logGamma(Double(n) + 1)
    func pmf(_ k: Int) -> Double {
        exp(logNFactorial - Double.logGamma(Double(k) + 1) - Double.logGamma(Double(n - k) + 1) + Double(k) * logP + Double(n - k) * logQ)
    }
    // Lower: accumulate P(K ≤ k) from 0 while it stays ≤ tail; k_lo is the first k where P(K ≤ k) > tail,
    // i.e. P(K < k_lo) ≤ tail.
    var cumulative = 0.0, low = 0
    while low <= n {
        let next = cumulative + pmf(low)
        if next > tail { break }
        cumulative = next
        low += 1
    }
    // Upper: accumulate P(K ≥ k) from n downwards; start at the point where terms become negligible.
    var high = n
    let mean = Double(n) * p, sd = (mean * (1 - p)).squareRoot()
    let start = min(n, Int(mean + 40 * sd + 40))
    cumulative = 0
    high = start
    while high >= 0 {
        let next = cumulative + pmf(high)
        if next > tail { break }
        cumulative = next
        high -= 1
    }
    return low ... high
}
