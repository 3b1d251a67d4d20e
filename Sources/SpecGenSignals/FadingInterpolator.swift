import Synchronization

/// Fractional-delay interpolator of the fading stage: x(n − μ) ≈ Σⱼ cⱼ(μ)·x[n − j], j = −H+1 … H, in
/// one of two designs.
///
/// **Full band** (H = `halfLength` = 8): a Kaiser-windowed sinc, cⱼ(μ) = sinc(j − μ)·w(j − μ), with the
/// Kaiser window w(t) = I₀(β√(1 − (t/H)²))/I₀(β) (J. F. Kaiser, "Nonrecursive digital filter design using
/// the I₀-sinh window function", ISCAS 1974; T. I. Laakso et al., "Splitting the unit delay", IEEE Signal
/// Processing Magazine 13(1), 1996, §III.B), scaled so that Σ cⱼ = 1 (unit DC gain). Accuracy with H = 8,
/// β = 6 (worst case over μ ∈ [0, 1), |H(f) − e^{−j2πfμ}|, measured): −59 dB for |f| ≤ 0.35
/// cycles/sample, −33 dB at |f| = 0.4, −10 dB at 0.45. Signals oversampled by 2 or more with roll-off
/// ≤ 0.4 stay within |f| ≤ 0.35.
///
/// **Band-limited** (input known to lie within |f| ≤ B, `halfLength(forBand:)`): Lagrange interpolation
/// of degree 2H − 1, cⱼ(μ) = Π_{k≠j} (μ − k)/(j − k) (Laakso et al., §III.A): maximally flat at f = 0, so
/// a narrow band needs far fewer taps than the sinc (whose window ripple reaches down to DC). For
/// x(t) = e^{j2πft} the interpolation remainder (Hermite–Genocchi form, valid for complex functions) is at
/// most (2π|f|)^{2H}/(2H)!·Π_j |j − μ|, largest at μ = ½ where the product is ((2H − 1)!!/2^H)²; H is the
/// smallest for which that bound is ≤ `bandLimitedError` (−60 dB, the full-band design's accuracy) at
/// |f| = B. E.g. B = 0.084 (QPSK, 8 samples per symbol, roll-off 0.35): H = 3, bound −79 dB (measured
/// −80 dB); |H(f)| ≤ 1 everywhere, so content beyond B (a truncated pulse's leakage) is never amplified.
///
/// μ = 0 gives the identity exactly in both designs.
public enum FadingInterpolator {
    /// H of the full-band design: taps on each side of the interpolation point; the filter looks H − 1
    /// samples ahead and H behind.
    public static let halfLength = 8
    /// Kaiser window shape parameter β of the full-band design.
    public static let kaiserBeta = 6.0
    /// The worst-case response error |H(f) − e^{−j2πfμ}| a band-limited design meets within its band.
    public static let bandLimitedError = 1e-3

    /// H for an input within |f| ≤ `band` cycles/sample: the shortest Lagrange design whose error bound
    /// (see the type's notes) is ≤ `bandLimitedError` at B, or the full-band `halfLength` when `band` is nil
    /// (unknown) or no shorter design meets the bound.
    public static func halfLength(forBand band: Double?) -> Int {
        guard let band else { return halfLength }
        precondition(band >= 0 && band <= 0.5, "band must be in [0, ½] cycles/sample")
        let w = 2 * Double.pi * band
        // bound(H) = w^{2H}/(2H)! · Π_{k=1…H} (k − ½)², built up one H at a time.
        var bound = 1.0
        for h in 1 ..< halfLength {
            let k = Double(h)
            bound *= w * w / ((2 * k - 1) * (2 * k)) * (k - 0.5) * (k - 0.5)
            if bound <= bandLimitedError { return h }
        }
        return halfLength
    }

    /// The 2H coefficients c₋H₊₁ … c_H for a delay fraction μ ∈ [0, 1) (index m holds c_{m−H+1}): the
    /// Kaiser design for H = `halfLength`, Lagrange for H in 1 ..< `halfLength`. Designs are cached by
    /// (μ, H) (at most 4096, shared by all threads): fading stages are made per example, usually with the
    /// same delays.
    public static func coefficients(fraction mu: Double, halfLength h: Int = halfLength) -> [Float] {
        precondition(mu >= 0 && mu < 1, "fraction must be in [0, 1)")
        precondition(h >= 1 && h <= halfLength, "half length must be 1 … \(halfLength)")
        let key = Key(fraction: mu, halfLength: h)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let c = h == halfLength ? kaiser(fraction: mu) : lagrange(fraction: mu, halfLength: h)
        cache.withLock { cache in
            if cache.count >= 4096 { cache.removeAll() }
            cache[key] = c
        }
        return c
    }

    private struct Key: Hashable { let fraction: Double, halfLength: Int }
    private static let cache = Mutex<[Key: [Float]]>([:])

    private static func kaiser(fraction mu: Double) -> [Float] {
        let h = halfLength
        var c = [Double](repeating: 0, count: 2 * h)
        for m in 0 ..< 2 * h {
            let t = Double(m - h + 1) - mu
            let r = max(0, 1 - (t / Double(h)) * (t / Double(h)))
            c[m] = sinc(t) * besselI0(kaiserBeta * r.squareRoot()) / besselI0(kaiserBeta)
        }
        let sum = c.reduce(0, +)
        return c.map { Float($0 / sum) }
    }

    private static func lagrange(fraction mu: Double, halfLength h: Int) -> [Float] {
        (0 ..< 2 * h).map { m in
            let j = Double(m - h + 1)
            var c = 1.0
            for n in 0 ..< 2 * h where n != m {
                let k = Double(n - h + 1)
                c *= (mu - k) / (j - k)
            }
            return Float(c)
        }
    }

    static func sinc(_ t: Double) -> Double {
        t == 0 ? 1 : _sine(Double.pi * t) / (Double.pi * t)
    }

    /// Modified Bessel function I₀ by its power series Σ ((x/2)^k / k!)² (converges for every x; β ≤ 20).
    static func besselI0(_ x: Double) -> Double {
        var term = 1.0, sum = 1.0, k = 1.0
        while term > 1e-17 * sum {
            term *= (x / (2 * k)) * (x / (2 * k))
            sum += term
            k += 1
        }
        return sum
    }
}
