import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals

/// Applies a channel stage to a copy of `x` with a fresh scratch (test convenience).
public func applied(_ stage: any ChannelStage, to x: [Complex<Float>], seed: UInt64 = 1, example: UInt64 = 0) -> [Complex<Float>] {
    var y = x
    var stream = RandomStream(seed: seed, example: example, stream: .parameter("test.channel"))
    y.withUnsafeMutableBufferPointer { stage.apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
    return y
}

/// The unwrapped phase in cycles, φ[0] = arg x[0]/2π and φ[n+1] = φ[n] + arg(x[n+1]·x̄[n])/2π (correct
/// while the true increments stay within ±½ cycle).
public func unwrappedPhase(_ x: [Complex<Float>]) -> [Double] {
    var phase = [atan2(Double(x[0].imaginary), Double(x[0].real)) / (2 * Double.pi)]
    phase.reserveCapacity(x.count)
    for f in instantaneousFrequency(x) { phase.append(phase.last! + f) }
    return phase
}

/// Least-squares polynomial y ≈ Σ_k c_k·n^k over n = first, first+1, … (degree 1 or 2), by the normal
/// equations in the centred, scaled variable s = (n − n̄)/h (well conditioned), converted back to
/// coefficients of n. Returns [c₀, c₁] or [c₀, c₁, c₂].
public func polynomialFit(_ y: [Double], first: Int = 0, degree: Int) -> [Double] {
    let basis = FitBasis(count: y.count, first: first, degree: degree)
    var b = [Double](repeating: 0, count: degree + 1)
    for (i, v) in y.enumerated() {
        let p = basis.powers(first + i)
        for r in 0 ... degree { b[r] += p[r] * v }
    }
    return basis.toCoefficientsOfN(solve(basis.gram, b))
}

/// Worst-case error of each coefficient `polynomialFit` returns when every datum is off by at most
/// `datumError`: datumError·Σ_n|w_{k,n}|, w_{k,n} the fit's (linear) weight of datum n in coefficient k.
public func polynomialFitErrorBounds(count: Int, first: Int = 0, degree: Int, datumError: Double) -> [Double] {
    let basis = FitBasis(count: count, first: first, degree: degree)
    let inverseColumns = (0 ... degree).map { k -> [Double] in
        var unit = [Double](repeating: 0, count: degree + 1); unit[k] = 1
        return solve(basis.gram, unit)
    }
    var sums = [Double](repeating: 0, count: degree + 1)
    for n in first ..< first + count {
        let p = basis.powers(n)
        // Weights in s-coefficients: G⁻¹·p (G symmetric, so its inverse's columns are its rows).
        let q = (0 ... degree).map { r in (0 ... degree).reduce(0.0) { $0 + inverseColumns[$1][r] * p[$1] } }
        for (k, w) in basis.toCoefficientsOfN(q).enumerated() { sums[k] += abs(w) }
    }
    return sums.map { $0 * datumError }
}

private struct FitBasis {
    let degree: Int, centre: Double, h: Double
    var gram: [[Double]]

    init(count: Int, first: Int, degree: Int) {
        precondition(degree == 1 || degree == 2)
        self.degree = degree
        centre = Double(first) + Double(count - 1) / 2
        h = Double(count) / 2
        gram = [[Double]](repeating: [Double](repeating: 0, count: degree + 1), count: degree + 1)
        for n in first ..< first + count {
            let p = powers(n)
            for r in 0 ... degree { for c in 0 ... degree { gram[r][c] += p[r] * p[c] } }
        }
    }

    func powers(_ n: Int) -> [Double] {
        let s = (Double(n) - centre) / h
        return degree == 1 ? [1, s] : [1, s, s * s]
    }

    /// y = q0 + q1·s + q2·s², s = (n − centre)/h, as coefficients of n.
    func toCoefficientsOfN(_ q: [Double]) -> [Double] {
        if degree == 1 { return [q[0] - q[1] * centre / h, q[1] / h] }
        return [q[0] - q[1] * centre / h + q[2] * centre * centre / (h * h), q[1] / h - 2 * q[2] * centre / (h * h), q[2] / (h * h)]
    }
}

/// Gaussian elimination for a small symmetric positive-definite system.
private func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
    var a = matrix, b = rhs
    let size = b.count
    for p in 0 ..< size {
        for r in p + 1 ..< size {
            let m = a[r][p] / a[p][p]
            for c in p ..< size { a[r][c] -= m * a[p][c] }
            b[r] -= m * b[p]
        }
    }
    var x = [Double](repeating: 0, count: size)
    for r in stride(from: size - 1, through: 0, by: -1) {
        var sum = b[r]
        for c in r + 1 ..< size { sum -= a[r][c] * x[c] }
        x[r] = sum / a[r][r]
    }
    return x
}

/// A sum of tones x(t) = Σ a_k e^{j(2πf_k t + θ_k)} with every f_k within ±`band` cycles/sample: a
/// band-limited signal whose value at any real time is known exactly (the analytic reference for delay and
/// resampling tests). Unit expected power (Σ a_k² = 1).
public struct ToneSum {
    public let frequencies: [Double], amplitudes: [Double], phases: [Double]

    public init(tones: Int, band: Double, seed: UInt64) {
        var stream = RandomStream(seed: seed, example: 0, stream: .parameter("test.tone_sum"))
        frequencies = (0 ..< tones).map { _ in band * (2 * stream.nextUnitDouble() - 1) }
        let raw = (0 ..< tones).map { _ in 0.5 + stream.nextUnitDouble() }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        amplitudes = raw.map { $0 / norm }
        phases = (0 ..< tones).map { _ in 2 * Double.pi * stream.nextUnitDouble() }
    }

    public func value(at t: Double) -> Complex<Double> {
        var sum = Complex<Double>.zero
        for k in frequencies.indices {
            let angle = 2 * Double.pi * (frequencies[k] * t).truncatingRemainder(dividingBy: 1) + phases[k]
            sum = sum + Complex(amplitudes[k] * cos(angle), amplitudes[k] * sin(angle))
        }
        return sum
    }

    public func samples(_ count: Int) -> [Complex<Float>] {
        (0 ..< count).map { n in let v = value(at: Double(n)); return Complex(Float(v.real), Float(v.imaginary)) }
    }
}

/// Error power Σ|y[n] − r[n]|² over reference power Σ|r[n]|², in dB, for n in `range`.
public func relativeErrorDB(_ y: [Complex<Float>], reference: (Int) -> Complex<Double>, range: Range<Int>) -> Double {
    var error = 0.0, power = 0.0
    for n in range {
        let r = reference(n)
        let e = Complex(Double(y[n].real), Double(y[n].imaginary)) - r
        error += e.lengthSquared
        power += r.lengthSquared
    }
    return 10 * log10(error / power)
}
