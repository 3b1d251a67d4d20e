/// Pulse designs shared by the emitter families (taps for an integer number of samples per symbol;
/// `evaluate` gives the continuous pulse for fractional oversampling). Time is in symbols (T = 1).
public enum PulseShape: String, Sendable, CaseIterable {
    /// Root-raised cosine with roll-off α (see `RootRaisedCosine`).
    case rootRaisedCosine = "rrc"
    /// Raised cosine with roll-off α: h(t) = sinc(t)·cos(παt)/(1 − (2αt)²) (Proakis 5th ed., eq. 9.2-26).
    case raisedCosine = "rc"
    /// Gaussian with bandwidth-time product BT: h(t) = exp(−2π²(BT)²t²/ln 2) (the GMSK pre-filter;
    /// Murota & Hirade, IEEE Trans. Commun. 29(7), 1981).
    case gaussian
    /// Rectangular over one symbol, t ∈ [−½, ½).
    case rectangular
    /// Half-sine over one symbol: cos(πt) for |t| ≤ ½ (the MSK/OQPSK pulse).
    case halfSine = "half_sine"

    /// h(t) for t in symbols; `shape` is α for the cosine families and BT for the Gaussian.
    public func evaluate(_ t: Double, shape: Double) -> Double {
        switch self {
        case .rootRaisedCosine:
            return RootRaisedCosine.impulse(t: t, rolloff: shape)
        case .raisedCosine:
            let sinc = t == 0 ? 1 : _sin(Double.pi * t) / (Double.pi * t)
            let d = 1 - (2 * shape * t) * (2 * shape * t)
            if abs(d) < 1e-9 { return Double.pi / 4 * (t == 0 ? 1 : _sin(Double.pi / (2 * shape)) / (Double.pi / (2 * shape))) }
            return sinc * _cos(Double.pi * shape * t) / d
        case .gaussian:
            let ln2 = 0.693_147_180_559_945_3
            return _exp(-2 * Double.pi * Double.pi * shape * shape * t * t / ln2)
        case .rectangular:
            return t >= -0.5 && t < 0.5 ? 1 : 0
        case .halfSine:
            return abs(t) <= 0.5 ? _cos(Double.pi * t) : 0
        }
    }

    /// An odd number of taps `2·⌈span·sps/2⌉ + 1` centred on the middle one (for the one-symbol pulses
    /// the span is ignored and the taps cover one symbol), scaled so that Σh² = sps: unit-energy symbols
    /// then give unit expected power when the pulses do not overlap or are Nyquist.
    public func taps(shape: Double, samplesPerSymbol: Int, spanSymbols: Int) -> [Float] {
        precondition(samplesPerSymbol >= 1 && spanSymbols >= 1)
        if self == .rootRaisedCosine {
            return RootRaisedCosine.taps(rolloff: shape, samplesPerSymbol: samplesPerSymbol, spanSymbols: spanSymbols)
        }
        let span = (self == .rectangular || self == .halfSine) ? 1 : spanSymbols
        let half = (span * samplesPerSymbol + 1) / 2
        let sps = Double(samplesPerSymbol)
        var h = (-half ... half).map { evaluate(Double($0) / sps, shape: shape) }
        let energy = h.reduce(0) { $0 + $1 * $1 }
        let scale = (sps / energy).squareRoot()
        for i in h.indices { h[i] *= scale }
        return h.map { Float($0) }
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _exp(_ x: Double) -> Double { Glibc.exp(x) }
#endif
