import SpecGenDSP

/// A pulse tabulated for fractional oversampling (samples per symbol not an integer): P + 1 rows of L
/// taps, row i holding the pulse at the sample offsets j + i/P − H (j = 0 … L−1, H = span·sps/2 samples,
/// zero outside ±H). A symbol whose pulse starts at the real sample position c − H uses the first sample
/// ⌈c − H⌉ and the phase φ = ⌈c − H⌉ − (c − H) ∈ [0, 1); its taps are interpolated linearly between
/// rows ⌊φP⌋ and ⌊φP⌋ + 1.
///
/// Accuracy: linear interpolation over a phase step Δ = 1/P samples errs by at most (Δ²/8)·max|h''|
/// (the Lagrange remainder). With t in symbols, h''(x) = p''(t)/sps², so the error is ≤ max|p''| /
/// (8·(P·sps)²). P is chosen so that P·sps ≥ `resolution` = 128 phases per symbol; for an RRC pulse
/// (|p''| ≲ (π(1 + α))²·p(0) ≤ 51 at α = 1) that bounds the peak error by 4e-4 of the pulse peak, and
/// the error power by −68 dB; the tests measure it against the exact pulse sum.
///
/// Normalisation: the energy of the interpolated taps, averaged over a phase uniform in [0, 1) —
/// Σ_j (a_j² + a_j·b_j + b_j²)/3 for adjacent rows a, b, averaged over the P row pairs — equals sps (a
/// Riemann sum of sps·∫p²dt, without the ≈ 2·ε power deficit that linear interpolation between the
/// rows would otherwise leave): uncorrelated unit-energy symbols then give unit expected power per
/// sample. (For a rate whose symbols visit only a few phases the deficit left is below 2ε ≈ −30 dB of
/// the power, i.e. < 0.004 dB.)
struct PolyphasePulse {
    /// Minimum number of table phases per symbol (P·sps).
    static let resolution = 128.0

    let samplesPerSymbol: Double
    let spanSymbols: Int
    /// P: phases per sample.
    let phases: Int
    /// L: taps per row.
    let length: Int
    /// H: half the pulse length in samples.
    let half: Double

    init(samplesPerSymbol: Double, spanSymbols: Int) {
        self.samplesPerSymbol = samplesPerSymbol
        self.spanSymbols = spanSymbols
        phases = max(2, Int((Self.resolution / samplesPerSymbol).rounded(.up)))
        half = Double(spanSymbols) * samplesPerSymbol / 2
        length = Int((2 * half).rounded(.down)) + 1
    }

    /// The scale that gives the pulse unit energy per symbol (∫p̃² dt = 1, t in symbols), from the
    /// table's own Riemann sum.
    func tableAndScale(pulse: PulseShape, shape: Double) -> (table: [Float], scale: Double) {
        let p = Double(phases), sps = samplesPerSymbol, limit = Double(spanSymbols) / 2
        // Row i, tap j sits at sample offset j + i/P − H: one fine grid of step 1/P samples, m = j·P + i
        // (row P, tap j is the grid point (j + 1)·P).
        let grid = pulse.sampleGrid(shape: shape, start: -half / sps, step: 1 / (p * sps), count: phases * length + 1, limit: limit)
        var values = [Double](repeating: 0, count: (phases + 1) * length)
        for i in 0 ... phases {
            for j in 0 ..< length where j * phases + i < grid.count {
                values[i * length + j] = grid[j * phases + i]
            }
        }
        var energy = 0.0
        for i in 0 ..< phases {
            for j in 0 ..< length {
                let a = values[i * length + j], b = values[(i + 1) * length + j]
                energy += (a * a + a * b + b * b) / 3
            }
        }
        let scale = (sps * p / energy).squareRoot()  // mean interpolated energy = energy / P must become sps
        return (values.map { Float($0 * scale) }, scale)
    }

    /// G = ∫₀¹ |Σₙ p̃(u − n)|² du for the unit-energy pulse p̃ = scale·p truncated to ±span/2: the power of
    /// the periodic component that a non-zero symbol mean carries (1 for Nyquist-band-limited and for
    /// one-symbol pulses). Midpoint rule on 64 points per symbol (exponentially accurate for a smooth
    /// periodic integrand), the pulse sampled once on the 1/64-symbol grid that all the shifts share.
    func meanComponentGain(pulse: PulseShape, shape: Double, scale: Double) -> Double {
        let points = 64, reach = spanSymbols / 2 + 1, limit = Double(spanSymbols) / 2
        // Grid point q is t = (q + ½)/64 − reach; u = (m + ½)/64 and n = reach − r give q = m + 64·r.
        let grid = pulse.sampleGrid(shape: shape, start: 0.5 / Double(points) - Double(reach), step: 1 / Double(points),
                                    count: points * (2 * reach + 1), limit: limit)
        var sum = 0.0
        for m in 0 ..< points {
            var g = 0.0
            for r in 0 ... 2 * reach { g += grid[m + points * r] }
            sum += g * g * scale * scale
        }
        return sum / Double(points)
    }
}
