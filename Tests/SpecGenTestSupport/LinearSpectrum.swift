import Foundation

/// The time-averaged autocorrelation r[τ] = (1/sps)·avg_φ Σ_k p(k − φ)·p(k − φ + τ), τ = 0 … maxLag, of a
/// train of uncorrelated unit-energy symbols with pulse p (a function of the offset in samples), the
/// symbol phases φ taken from `phases` (for a symbol rate that is not a divisor of the sample rate the
/// phases a window visits). Its DTFT is the signal's PSD.
public func pulseTrainAutocorrelation(samplesPerSymbol sps: Double, support: ClosedRange<Double>, phases: [Double],
                                      pulse: (Double) -> Double) -> [Double] {
    let lowest = Int(support.lowerBound.rounded(.down)) - 1, highest = Int(support.upperBound.rounded(.up)) + 2
    var r = [Double](repeating: 0, count: highest - lowest + 1)
    for phi in phases {
        let h = (lowest ... highest).map { pulse(Double($0) - phi) }
        for lag in r.indices {
            var sum = 0.0
            for k in 0 ..< h.count - lag { sum += h[k] * h[k + lag] }
            r[lag] += sum
        }
    }
    return r.map { $0 / (sps * Double(phases.count)) }
}

/// The expected value of `welchPSD(x, size:)` for a process with autocorrelation r (r[−τ] = r[τ], real):
/// E[P̂_f] = Σ_τ r[τ]·c_w[τ]·cos(2πfτ/N) / (Σw²·N), with c_w the Hann window's autocorrelation
/// (Welch 1967, eq. 5: the periodogram's mean is the true spectrum seen through |W|²). Centred bins.
public func expectedWelchPSD(autocorrelation r: [Double], size: Int) -> [Double] {
    let w = (0 ..< size).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(size)) }
    let energy = w.reduce(0) { $0 + $1 * $1 }
    let lags = min(r.count, size)
    let cw = (0 ..< lags).map { lag in (0 ..< size - lag).reduce(0.0) { $0 + w[$1] * w[$1 + lag] } }
    return (0 ..< size).map { bin in
        let f = Double(bin - size / 2) / Double(size)
        var s = r[0] * cw[0]
        for lag in 1 ..< lags { s += 2 * r[lag] * cw[lag] * cos(2 * Double.pi * f * Double(lag)) }
        return s / (energy * Double(size))
    }
}

/// The PSD S(f) = Σ_τ r[τ]·e^{−j2πfτ} on `points` centred frequencies (cycles/sample), for bandwidths.
public func spectrum(autocorrelation r: [Double], points: Int) -> [Double] {
    (0 ..< points).map { i in
        let f = Double(i - points / 2) / Double(points)
        var s = r[0]
        for lag in 1 ..< r.count { s += 2 * r[lag] * cos(2 * Double.pi * f * Double(lag)) }
        return max(s, 0)
    }
}
