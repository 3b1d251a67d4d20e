/// Root-raised-cosine pulse design.
///
/// h(t) for symbol period T = 1 and roll-off α (Proakis, Digital Communications, 5th ed., eq. 9.2-40
/// after the square root; the standard closed form):
///
///     h(0)              = 1 − α + 4α/π
///     h(±1/(4α))        = (α/√2)·[(1 + 2/π)·sin(π/(4α)) + (1 − 2/π)·cos(π/(4α))]
///     h(t) otherwise    = [sin(πt(1 − α)) + 4αt·cos(πt(1 + α))] / [πt·(1 − (4αt)²)]
///
/// Cascading two such filters gives a raised-cosine (Nyquist) pulse: zero intersymbol interference at
/// the symbol instants once the cascade is long enough.
public enum RootRaisedCosine {
    /// The taps for `samplesPerSymbol` samples per symbol spanning `spanSymbols` symbols: an odd count
    /// `2·⌈span·sps/2⌉ + 1`, centred on the middle tap, scaled so that Σh² = sps — a train of unit-energy
    /// symbols shaped by these taps has unit expected power per sample.
    /// - Parameters:
    ///   - rolloff: α ∈ [0, 1].
    ///   - samplesPerSymbol: ≥ 1.
    ///   - spanSymbols: ≥ 1.
    public static func taps(rolloff: Double, samplesPerSymbol: Int, spanSymbols: Int) -> [Float] {
        precondition((0 ... 1).contains(rolloff) && samplesPerSymbol >= 1 && spanSymbols >= 1)
        let half = (spanSymbols * samplesPerSymbol + 1) / 2
        let sps = Double(samplesPerSymbol)
        var h = (-half ... half).map { impulse(t: Double($0) / sps, rolloff: rolloff) }
        let energy = h.reduce(0) { $0 + $1 * $1 }
        let scale = (sps / energy).squareRoot()
        for i in h.indices { h[i] *= scale }
        return h.map { Float($0) }
    }

    /// h(t) for T = 1 (unnormalised), t in symbols.
    public static func impulse(t: Double, rolloff a: Double) -> Double {
        if t == 0 { return 1 - a + 4 * a / .pi }
        if a > 0, abs(abs(t) - 1 / (4 * a)) < 1e-9 {
            let x = Double.pi / (4 * a)
            return a / 2.squareRoot() * ((1 + 2 / .pi) * _sin(x) + (1 - 2 / .pi) * _cos(x))
        }
        let pt = Double.pi * t
        let numerator = _sin(pt * (1 - a)) + 4 * a * t * _cos(pt * (1 + a))
        let denominator = pt * (1 - (4 * a * t) * (4 * a * t))
        return numerator / denominator
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _sin(_ x: Double) -> Double { Glibc.sin(x) }
#endif
