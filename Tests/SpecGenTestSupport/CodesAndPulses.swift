import Foundation
import Numerics

/// The aperiodic autocorrelation r[k] = Σₙ x[n + k]·x*[n], k = 0 … N − 1 (double precision).
public func aperiodicAutocorrelation(_ x: [Complex<Double>]) -> [Complex<Double>] {
    let n = x.count
    return (0 ..< n).map { k in
        var sum = Complex<Double>.zero
        for i in 0 ..< n - k { sum += x[i + k] * x[i].conjugate }
        return sum
    }
}

/// The periodic correlation c[s] = Σᵢ a[i]·b*[(i + s) mod N], s = 0 … N − 1.
public func periodicCorrelation(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> [Complex<Double>] {
    let n = a.count
    precondition(b.count == n)
    return (0 ..< n).map { s in
        var sum = Complex<Double>.zero
        for i in 0 ..< n { sum += a[i] * b[(i + s) % n].conjugate }
        return sum
    }
}

/// Real ±1 chips as complex numbers.
public func complexChips(_ chips: [Float]) -> [Complex<Double>] { chips.map { Complex(Double($0), 0) } }

/// e^{jφ} for each phase.
public func phasors(_ phases: [Double]) -> [Complex<Double>] { phases.map { Complex(cos($0), sin($0)) } }

/// Peak sidelobe level of a code's aperiodic autocorrelation, 20·log10(max_{k≥1} |r[k]| / |r[0]|) dB.
public func peakSidelobeDB(_ x: [Complex<Double>]) -> Double {
    let r = aperiodicAutocorrelation(x)
    let peak = r.dropFirst().map { $0.length }.max() ?? 0
    return 20 * log10(peak / r[0].length)
}

/// The runs of samples with |x| above `threshold`: (first, end) with end exclusive — the pulses of a
/// gated signal.
public func pulseRuns(_ x: [Complex<Float>], threshold: Float = 1e-6) -> [(start: Int, end: Int)] {
    var runs: [(start: Int, end: Int)] = []
    var start: Int?
    for (n, v) in x.enumerated() {
        let on = v.lengthSquared > threshold * threshold
        if on, start == nil { start = n }
        if !on, let s = start { runs.append((s, n)); start = nil }
    }
    if let s = start { runs.append((s, x.count)) }
    return runs
}

/// The Fresnel integrals C(x) = ∫₀ˣ cos(πt²/2) dt and S(x) = ∫₀ˣ sin(πt²/2) dt on a table: composite
/// Simpson's rule on steps of h = 1/1024 (error per unit length ≤ h⁴·(πx)⁴/180: accumulated below 1e-6
/// for |x| ≤ 20, 5e-3 at 100), linear interpolation between table points (error ≤ h²·πx/8 < 4e-5 for
/// |x| ≤ 100). Odd in x.
public struct FresnelTable {
    let step = 1.0 / 1024
    let c: [Double], s: [Double]

    public init(upTo limit: Double) {
        let count = Int(limit / step) + 2
        var c = [Double](repeating: 0, count: count), s = c
        for i in 1 ..< count {
            let a = Double(i - 1) * step, m = a + step / 2, b = a + step
            func f(_ t: Double) -> (Double, Double) { (cos(Double.pi * t * t / 2), sin(Double.pi * t * t / 2)) }
            let (fa, ga) = f(a), (fm, gm) = f(m), (fb, gb) = f(b)
            c[i] = c[i - 1] + step / 6 * (fa + 4 * fm + fb)
            s[i] = s[i - 1] + step / 6 * (ga + 4 * gm + gb)
        }
        self.c = c
        self.s = s
    }

    public func callAsFunction(_ x: Double) -> (c: Double, s: Double) {
        let sign = x < 0 ? -1.0 : 1.0
        let position = abs(x) / step
        let i = min(Int(position), c.count - 2)
        let f = position - Double(i)
        return (sign * (c[i] + f * (c[i + 1] - c[i])), sign * (s[i] + f * (s[i + 1] - s[i])))
    }
}

/// The energy spectrum |S(f)|² of a rectangular LFM pulse of duration T sweeping −B/2 … B/2, up to a
/// constant: [C(X₁) + C(X₂)]² + [S(X₁) + S(X₂)]², X₁,₂ = √(BT/2)·(1 ± 2f/B) (C. E. Cook and
/// M. Bernfeld, "Radar Signals", 1967; Levanon and Mozeson, "Radar Signals", 2004, ch. 4; derived by
/// completing the square in ∫ e^{jπ(B/T)t² − j2πft} dt over |t| ≤ T/2).
/// - Parameters:
///   - f: frequency over the bandwidth, f/B.
///   - bandwidthTime: BT.
public func linearFMEnergySpectrum(relativeFrequency f: Double, bandwidthTime: Double, fresnel: FresnelTable) -> Double {
    let scale = (bandwidthTime / 2).squareRoot()
    let a = fresnel(scale * (1 + 2 * f)), b = fresnel(scale * (1 - 2 * f))
    return (a.c + b.c) * (a.c + b.c) + (a.s + b.s) * (a.s + b.s)
}
