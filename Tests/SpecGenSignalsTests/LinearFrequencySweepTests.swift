import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

extension LinearFrequencySweep.Shape: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}

@Suite struct LinearFrequencySweepTests {
    static let shapes: [LinearFrequencySweep.Shape] = [.up, .down, .triangle]

    /// Largest error of a unit-magnitude sample stored as two Floats: each part rounds by ≤ 2^-25, so
    /// the sample moves by ≤ 2^-24.5 ≈ 4.3e-8 and its angle by as much in radians. The double-precision
    /// phase recursion adds < 1e-11 (see `ChirpSegment`).
    static let sampleError = 0x1p-24 * 2.0.squareRoot() / 2

    /// The rendered sweep is the closed form e^{j(φ + 2π(f₀τ + ½κτ²))} sampled at the integers, with τ
    /// the time into the current ramp: every ramp starts at phase φ because its net phase
    /// f₀T + ½κT² = ∓BT/2 ± BT/2 is zero. A fractional ramp length, a grid offset and 200,000 samples
    /// (about 100 periods) test the re-anchoring and the phase continuity across ramps; tolerance:
    /// 10 × the Float storage error.
    @Test(arguments: shapes)
    func matchesClosedForm(shape: LinearFrequencySweep.Shape) {
        let b = 0.6, d = 1000.37, u = 0.3, phi = 1.1
        let sweep = LinearFrequencySweep(bandwidth: b, rampLength: d, shape: shape, gridOffset: u, phase: phi)
        let x = render(sweep, length: 200_000)
        let period = shape == .triangle ? 2 * d : d
        var worst = 0.0
        for n in 0 ..< x.count {
            let t = Double(n) + u * period
            var tau = t - (t / period).rounded(.down) * period
            var rising = shape != .down
            if shape == .triangle && tau >= d {
                tau -= d
                rising = false
            }
            let f0 = rising ? -b / 2 : b / 2, rate = (rising ? b : -b) / d
            let angle = phi + 2 * Double.pi * (f0 * tau + 0.5 * rate * tau * tau)
            worst = max(worst, hypot(Double(x[n].real) - cos(angle), Double(x[n].imaginary) - sin(angle)))
        }
        #expect(worst < 10 * Self.sampleError, "largest deviation from the closed form: \(worst)")
    }

    /// The phase-difference frequency of every ramp is a straight line: slope ±B/T (cycles/sample²) and
    /// start ∓B/2, fitted by least squares over each whole ramp inside the capture. Tolerance: the
    /// worst-case effect on the fit of a frequency error of 2 × 4.3e-8/(2π) per sample (two samples'
    /// angle errors), from `leastSquaresSlopeErrorBound`. The triangle alternates up and down ramps;
    /// the frequency stays inside [−B/2, B/2] and reaches both ends to within 1.5 steps κ (the first
    /// pair of a ramp is centred at most 1.5 samples after its start, the last at most 1.5 before its end).
    @Test(arguments: shapes)
    func instantaneousFrequencySweepsLinearly(shape: LinearFrequencySweep.Shape) {
        let b = 0.7, d = 3000.25
        let sweep = LinearFrequencySweep(bandwidth: b, rampLength: d, shape: shape, gridOffset: 0, phase: 0.4)
        let x = render(sweep, length: 6 * 3001)
        let rate = b / d
        let frequencyError = 2 * Self.sampleError / (2 * Double.pi)
        var slopes: [Double] = []
        var ramp = 0
        while Int((Double(ramp + 1) * d).rounded(.up)) <= x.count {
            let first = Int((Double(ramp) * d).rounded(.up)), end = Int((Double(ramp + 1) * d).rounded(.up))
            let f = instantaneousFrequency(x, first ..< end)
            let (slope, intercept) = leastSquaresLine(f)
            let rising = shape == .up || (shape == .triangle && ramp % 2 == 0)
            let expectedSlope = rising ? rate : -rate
            let slopeBound = leastSquaresSlopeErrorBound(count: f.count, maximumError: frequencyError)
            #expect(abs(slope - expectedSlope) <= slopeBound, "ramp \(ramp): slope \(slope) vs \(expectedSlope) ± \(slopeBound)")
            // f[0] is the step from τ₀ = first − ramp·T to τ₀ + 1: f₀ + κ(τ₀ + ½).
            let startFrequency = intercept - expectedSlope * (Double(first) - Double(ramp) * d + 0.5)
            let interceptBound = frequencyError + Double(f.count - 1) / 2 * slopeBound  // ȳ − slope·x̄
            #expect(abs(startFrequency - (rising ? -b / 2 : b / 2)) <= interceptBound, "ramp \(ramp): starts at \(startFrequency)")
            #expect(f.min()! >= -b / 2 - frequencyError && f.max()! <= b / 2 + frequencyError)
            #expect(f.min()! <= -b / 2 + 1.5 * rate + frequencyError && f.max()! >= b / 2 - 1.5 * rate - frequencyError)
            slopes.append(slope)
            ramp += 1
        }
        #expect(slopes.count == 6)
        if shape == .triangle { #expect(slopes.map { $0 > 0 } == [true, false, true, false, true, false]) }
    }

    /// The PSD is flat over the swept band. One ramp is a chirp of time-bandwidth product BT whose
    /// spectrum is the Fresnel-integral form |F(X₁) + F(X₂)|²/2, X₁,₂ = √(BT/2)·(1 ± 2f/B) (Cook &
    /// Bernfeld, *Radar Signals*, 1967, §6.2); the periodic sweep has lines at multiples of 1/T under that
    /// envelope, which Welch's average (Hann, W = 256 ≪ T) smooths. With F(X) = (1 + j)/2 − r(X) and
    /// |r(X)| ≤ 1/(πX)·√(1 + 1/(π²X⁴)) (Abramowitz & Stegun 7.3.9–10, 7.3.27–28), wherever both X ≥ 4
    /// the power relative to the flat level lies in [(1 − (|r₁| + |r₂|)/√2)², (1 + (|r₁| + |r₂|)/√2)²],
    /// here [0.88, 1.13]; beyond the band, where X₂ ≤ −4, it is ≤ (|r₁| + |r₂|)²/2 < 0.004 (mask: 0.01,
    /// allowing the Hann side lobes). Band edges are moved by 2/W for the Hann main lobe. For the triangle
    /// each frequency is visited twice per period, 2δ/κ samples apart at distance δ from the edge; Welch
    /// only sees lags below W, so the two visits do not interfere where 2δ/κ > W — everywhere in the
    /// tested region.
    @Test(arguments: shapes)
    func spectrumIsFlatOverTheSweptBand(shape: LinearFrequencySweep.Shape) {
        let b = 0.5, d = 16384.0, size = 256
        let sweep = LinearFrequencySweep(bandwidth: b, rampLength: d, shape: shape, gridOffset: 0.1, phase: 0)
        let psd = welchPSD(render(sweep, length: 1 << 18), size: size)
        let flat = 1 / (b * Double(size))
        // X ≥ 4 at distance δ from an edge: δ ≥ 4·(B/2)/√(BT/2) = 2√(2b/T) cycles/sample.
        let fresnel = 2 * (2 * b / d).squareRoot(), lobe = 2 / Double(size)
        #expect(shape != .triangle || (2 * fresnel / (b / d)) > Double(size))
        let r = (1 / (4 * Double.pi)) * (1 + 1 / (Double.pi * Double.pi * 256)).squareRoot()
            + 1 / (Double.pi * (b * d / 2).squareRoot())
        let low = pow(1 - r / 2.0.squareRoot(), 2), high = pow(1 + r / 2.0.squareRoot(), 2)
        var inner = 0, outer = 0
        for (i, p) in psd.enumerated() {
            let f = abs(binFrequency(i, size: size))
            if f <= b / 2 - fresnel - lobe {
                #expect(p / flat >= low && p / flat <= high, "bin \(i) (f = \(f)): \(p / flat) of the flat level")
                inner += 1
            } else if f >= b / 2 + fresnel + lobe {
                #expect(p / flat < 0.01, "bin \(i) (f = \(f)): \(p / flat) of the flat level outside the band")
                outer += 1
            }
        }
        #expect(inner > 100 && outer > 100)
    }

    /// Constant envelope: |x|² = 1 for every sample, to the Float rounding of the parts (|x|² − 1 ≈
    /// 2(re·δre + im·δim) with |δ| ≤ 2^-25: at most 2^-23.5 ≈ 8.4e-8; bound 2^-23).
    @Test(arguments: shapes)
    func unitPower(shape: LinearFrequencySweep.Shape) {
        let sweep = LinearFrequencySweep(bandwidth: 1, rampLength: 77.7, shape: shape, gridOffset: 0.9, phase: 3)
        let x = render(sweep, length: 50_000)
        #expect(x.allSatisfy { abs(Double($0.real) * Double($0.real) + Double($0.imaginary) * Double($0.imaginary) - 1) < 0x1p-23 })
        #expect(sweep.symbolLength == 1)
    }
}
