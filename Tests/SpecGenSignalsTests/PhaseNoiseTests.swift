import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct PhaseNoiseTests {
    static let stage = PhaseNoise(offsets: [1e-3, 1e-2, 1e-1, 0.5], levelsDB: [-40, -60, -75, -80])

    /// The mask passes through its points and is linear in dB against log f between them, flat outside.
    @Test func maskInterpolation() {
        let s = Self.stage
        #expect(s.levelDB(at: 1e-3) == -40 && s.levelDB(at: 1e-4) == -40 && s.levelDB(at: -0.5) == -80)
        #expect(abs(s.levelDB(at: 1e-2) + 60) < 1e-9 && abs(s.levelDB(at: 10.0.squareRoot() * 1e-3) + 50) < 1e-9)
        #expect(abs(s.levelDB(at: 10.0.squareRoot() * 1e-2) + 67.5) < 1e-9)
    }

    /// The phase of a pure carrier after the stage is φ itself (|φ| ≪ π here: E[φ²] ≈ ∫L ≈ 2.5e-4 rad²),
    /// and its two-sided PSD must be L(|f|). Welch (Hann, 4096 points, 50 % overlap) of φ over 8 rows of
    /// 2^16 samples: ≈ 250 segments; averaging the bins within ±10 % of each offset (≥ 3 bins) leaves a
    /// relative spread ≈ 1/√(250·3·0.7) ≈ 4 %, i.e. ≈ 0.2 dB: the brief's 2 dB is 10 σ. The mask is
    /// averaged over the same bins (in linear power), so the interpolation's curvature is not an error.
    @Test func phasePSDFollowsMask() {
        let size = 4096, length = 1 << 16
        var psd = [Double](repeating: 0, count: size)
        let carrier = [Complex<Float>](repeating: Complex(1, 0), count: length)
        for example in 0 ..< 8 {
            let y = applied(Self.stage, to: carrier, seed: 11, example: UInt64(example))
            let phase = y.map { Complex(Float(atan2(Double($0.imaginary), Double($0.real))), 0) }
            for (k, v) in welchPSD(phase, size: size).enumerated() { psd[k] += v / 8 }
        }
        for offset in [2e-3, 5e-3, 1e-2, 3e-2, 0.1, 0.3] {
            var measured = 0.0, mask = 0.0, bins = 0
            for k in 0 ..< size {
                let f = binFrequency(k, size: size)
                guard abs(abs(f) - offset) <= 0.1 * offset else { continue }
                measured += psd[k] * Double(size)  // power per bin → density per cycle/sample
                mask += pow(10, Self.stage.levelDB(at: f) / 10)
                bins += 1
            }
            let error = decibels(measured / mask)
            #expect(bins >= 3 && abs(error) < 2, "offset \(offset): measured \(decibels(measured / Double(bins))) dB vs mask \(decibels(mask / Double(bins))) dB")
        }
    }

    /// `shiftDB` raises the whole mask: with the same draws the phase is scaled by exactly 10^(shift/20)
    /// sample by sample (φ ≪ 1 rad here, read back by atan2 to float precision), and `levelDB` includes it.
    @Test func shiftScalesThePhase() {
        let shifted = PhaseNoise(offsets: Self.stage.offsets, levelsDB: Self.stage.levelsDB, shiftDB: 6)
        #expect(abs(shifted.levelDB(at: 0.02) - Self.stage.levelDB(at: 0.02) - 6) < 1e-12)
        let carrier = [Complex<Float>](repeating: Complex(1, 0), count: 5000)
        let a = applied(Self.stage, to: carrier, seed: 2, example: 4), b = applied(shifted, to: carrier, seed: 2, example: 4)
        let ratio = pow(10, 6.0 / 20)
        var worst = 0.0
        for (x, y) in zip(a, b) {
            let pa = atan2(Double(x.imaginary), Double(x.real)), pb = atan2(Double(y.imaginary), Double(y.real))
            worst = max(worst, abs(pb - ratio * pa))
        }
        #expect(worst < 1e-6, "shifted phase deviates from 10^(6/20)·φ by up to \(worst) rad")
    }

    /// The stage only rotates: |y| = |x| sample by sample, and the same stream gives the same row.
    @Test func rotatesOnlyAndIsDeterministic() {
        let x = render(Tone(frequency: 0.05, phase: 0), length: 3000)
        let y = applied(Self.stage, to: x), z = applied(Self.stage, to: x)
        #expect(y == z)
        for (a, b) in zip(x, y) { #expect(abs(a.length - b.length) < 1e-5) }
    }

    /// The N/2-point complex transform gives the N-point real inverse DFT of the Hermitian spectrum the
    /// type documents: φ from the stage (read back from a carrier by atan2, float precision) against φ
    /// computed in double by the DFT's definition from the same normal draws, for rows whose N/2 is a
    /// multiple of 8 (1,024 → 512), not one (1,000 → 500; 1,001 → 504 is, 70 → N = 70, 35) and the
    /// minimum N = 64 (17), within 0.1 % of φ's rms (float transform and read-back: ~1e-5; a wrong bin or
    /// twiddle is off by the rms). Every kernel level gives the same bits.
    @Test(arguments: [1024, 1000, 1001, 70, 17])
    func foldedTransformIsTheRealInverseDFT(length: Int) {
        let stage = PhaseNoise(offsets: [1e-3, 1e-2, 1e-1, 0.5], levelsDB: [-30, -50, -65, -70], shiftDB: 3)
        let carrier = [Complex<Float>](repeating: Complex(1, 0), count: length)
        var rows: [[Complex<Float>]] = []
        for level in KernelLevel.available {
            let hold = KernelLevelHold(level)
            defer { hold.release() }
            rows.append(applied(stage, to: carrier, seed: 9, example: 3))
        }
        for row in rows.dropFirst() { #expect(row == rows[0]) }
        // The draws: the stage's stream (as `applied` makes it), bins 1 … N/2.
        let size = FFTSize.evenSmooth(atLeast: max(64, length)), half = size / 2
        var gauss = [Complex<Float>](repeating: .zero, count: half)
        var stream = RandomStream(seed: 9, example: 3, stream: StreamID(rawValue: 77))
        var words = [UInt32](repeating: 0, count: 2 * GaussianNoise.chunk)
        gauss.withUnsafeMutableBufferPointer { g in
            words.withUnsafeMutableBufferPointer { GaussianNoise.fill(g, variance: 1, stream: &stream, scratch: $0) }
        }
        let scale = pow(10, 3.0 / 20)
        func amplitude(_ k: Int) -> Double {
            pow(10, (stage.levelDB(at: Double(k) / Double(size)) - 3) / 20) / Double(size).squareRoot() / (2 * Double.pi) * scale
        }
        var worst = 0.0, power = 0.0
        for n in 0 ..< length {
            // φ[n] = X[N/2]·(−1)^n + 2·Re Σ_{0<k<N/2} X[k]·e^{j2πkn/N} (cycles), X[N/2] = a·√2·Re G.
            var phi = amplitude(half) * 2.0.squareRoot() * Double(gauss[half - 1].real) * (n % 2 == 0 ? 1 : -1)
            for k in 1 ..< half {
                let a = amplitude(k), angle = 2 * Double.pi * Double(k * n % size) / Double(size)
                phi += 2 * a * (Double(gauss[k - 1].real) * cos(angle) - Double(gauss[k - 1].imaginary) * sin(angle))
            }
            let measured = atan2(Double(rows[0][n].imaginary), Double(rows[0][n].real)) / (2 * Double.pi)
            worst = max(worst, abs(measured - phi))
            power += phi * phi / Double(length)
        }
        #expect(worst < 1e-3 * power.squareRoot(), "φ off by \(worst) cycles (rms \(power.squareRoot()))")
    }
}
