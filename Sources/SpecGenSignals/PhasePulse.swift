#if canImport(Glibc)
import Glibc
#endif

/// The frequency pulse g(τ) of a continuous-phase modulation and its phase pulse q(τ) = ∫_{−∞}^τ g,
/// with τ in symbols measured from the symbol's centre, normalised so that q(+∞) = ½: a symbol of
/// amplitude a then turns the phase by π·h·a in all (Anderson, Aulin & Sundberg, "Digital Phase
/// Modulation", 1986, ch. 2; Proakis, "Digital Communications" 5th ed., §3.3-2).
public enum PhasePulse: Sendable, Equatable {
    /// 1REC: g = ½ on [−½, ½) — full-response CPFSK, MSK, FSK.
    case rectangular
    /// The rectangle convolved with a Gaussian of bandwidth-time product BT (GMSK, GFSK):
    /// g(τ) = ½[Φ((τ + ½)/σ) − Φ((τ − ½)/σ)] with σ = √(ln 2)/(2π·BT) symbols, the standard deviation
    /// of `PulseShape.gaussian` (K. Murota and K. Hirade, "GMSK modulation for digital mobile radio
    /// telephony", IEEE Trans. Commun. 29(7), 1981, eq. 3).
    case gaussian(bandwidthTime: Double)

    /// Standard deviation of the Gaussian in symbols.
    public static func gaussianSigma(bandwidthTime: Double) -> Double {
        (log(2.0)).squareRoot() / (2 * Double.pi * bandwidthTime)
    }

    /// Symbols the pulse reaches on each side of its own: the pulse is kept on |τ| ≤ W + ½. For the
    /// Gaussian W = ⌈5σ⌉: the neglected tail of q, ½·F(−W) ≤ ½·σ·φ(5)/5² < 3e-8·σ, is below the
    /// single-precision phase resolution (6e-8 cycles) for every BT ≥ 0.1 (σ ≤ 1.33).
    public var halfSpan: Int {
        switch self {
        case .rectangular: return 0
        case .gaussian(let bt): return max(1, Int((5 * PhasePulse.gaussianSigma(bandwidthTime: bt)).rounded(.up)))
        }
    }

    /// Table points per symbol: 1 for the rectangle (q is linear, the cubic is exact); for the Gaussian
    /// 32 while σ ≥ ¼ (BT ≤ 0.53) and 64 above: cubic Hermite error ≤ max|g‴|/(384·R⁴) with
    /// |g‴| ≤ 0.4/σ³, i.e. ≤ 2.5e-8 cycles at R = 32, σ = ¼ and ≤ 2.7e-8 at R = 64, BT = 1.
    public var resolution: Int {
        switch self {
        case .rectangular: return 1
        case .gaussian(let bt): return PhasePulse.gaussianSigma(bandwidthTime: bt) >= 0.25 ? 32 : 64
        }
    }

    /// The phase pulse q(τ) and the frequency pulse g(τ), exact (before truncation).
    public func evaluate(_ tau: Double) -> (q: Double, g: Double) {
        switch self {
        case .rectangular:
            if tau < -0.5 { return (0, 0) }
            if tau >= 0.5 { return (0.5, 0) }
            return (0.5 * (tau + 0.5), 0.5)
        case .gaussian(let bt):
            let sigma = PhasePulse.gaussianSigma(bandwidthTime: bt)
            // Φ(x/σ) and its integral F(x) = ∫_{−∞}^x Φ(u/σ) du = x·Φ(x/σ) + σ·φ(x/σ).
            func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / (sigma * 2.0.squareRoot())) }
            func integral(_ x: Double) -> Double {
                x * cdf(x) + sigma * exp(-0.5 * (x / sigma) * (x / sigma)) / (2 * Double.pi).squareRoot()
            }
            let g = 0.5 * (cdf(tau + 0.5) - cdf(tau - 0.5))
            let q = 0.5 * (integral(tau + 0.5) - integral(tau - 0.5))
            return (q, g)
        }
    }

    /// The table the kernel interpolates: for the `(2W + 1)·R + 1` points τₘ = m/R − W − ½, first every
    /// q(τₘ), then every g(τₘ)/R (the slope per table step, for cubic Hermite interpolation). The
    /// truncated pulse is rescaled so that q goes from exactly 0 to exactly ½, so each symbol still
    /// turns the phase by exactly π·h·a.
    ///
    /// The Gaussian values come from `StandardNormal` (error < 1e-12) rather than `evaluate`'s erfc:
    /// Φ and φ are read once at each xᵢ = i/R − W − 1, and τₘ ± ½ are xₘ₊R and xₘ, so the table costs
    /// (2W + 2)·R + 1 interpolations — a few microseconds.
    public func table() -> [Float] {
        let w = halfSpan, r = resolution
        let count = (2 * w + 1) * r + 1
        var values = [Float](repeating: 0, count: 2 * count)
        switch self {
        case .rectangular:
            values[0] = 0; values[1] = 0.5
            values[2] = 0.5; values[3] = 0.5  // g = ½ on the closed symbol: the cubic is then the line
        case .gaussian(let bt):
            let sigma = PhasePulse.gaussianSigma(bandwidthTime: bt)
            let grid = count + r
            // F(x) = x·Φ(x/σ) + σ·φ(x/σ) and Φ(x/σ) at every xᵢ.
            var integral = [Double](repeating: 0, count: grid), cdf = integral
            StandardNormal.table.withUnsafeBufferPointer { normal in
                for i in 0 ..< grid {
                    let x = Double(i) / Double(r) - Double(w) - 1
                    let (c, d) = StandardNormal.values(x / sigma, normal.baseAddress!)
                    cdf[i] = c
                    integral[i] = x * c + sigma * d
                }
            }
            let start = 0.5 * (integral[r] - integral[0]), end = 0.5 * (integral[count - 1 + r] - integral[count - 1])
            let scale = 0.5 / (end - start)
            for m in 0 ..< count {
                values[m] = Float((0.5 * (integral[m + r] - integral[m]) - start) * scale)
                values[count + m] = Float(0.5 * (cdf[m + r] - cdf[m]) * scale / Double(r))
            }
            values[0] = 0
            values[count - 1] = 0.5
        }
        return values
    }
}
