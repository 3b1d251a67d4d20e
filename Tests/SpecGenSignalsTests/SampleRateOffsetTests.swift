import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// The resampler's documented error for content within |f| ≤ 0.4, as an amplitude relative to the signal:
/// the Kaiser ripple 10^(−(A − 2)/20) at L = 16 (A = 99.8 dB, Kaiser 1974) plus the table's linear
/// interpolation between rows, at most Δ²/8·max|∂²/∂μ² e^{−j2πfμ}| = (πf/P)²/2 with Δ = 1/P (1.2e-5 at
/// f = 0.4, P = 256): 2.5e-5 together, −92 dB.
private let resamplingError = pow(10, -(14.36 * 0.2 * 32 + 7.95 - 2) / 20) + pow(Double.pi * 0.4 / 256, 2) / 2

@Suite struct SampleRateOffsetTests {
    /// y[n] = x(t_n) exactly (no latency), t_n = n + w(n − n₀), w(m) = εm + κ(um − u²/2), u = clamp(m, 0, M),
    /// against the analytic band-limited signal (40 tones within |f| ≤ 0.4): error power below
    /// (resamplingError)² relative over the valid samples (history ..< count − lookahead). Offsets up to
    /// 1000 ppm take the four-output block path, 5000 ppm and beyond the one-at-a-time path; the last cases
    /// put the origin inside the row and stop the drift before its end (the engine's use).
    @Test(arguments: [(100e-6, 0.0, 0, nil), (-250e-6, 0.0, 0, nil), (1e-3, 1e-9, 0, nil), (-20e-6, -3e-10, 0, nil), (0.0, 5e-10, 0, nil),
                      (5e-3, 0.0, 0, nil), (-8e-3, 1e-7, 0, nil), (300e-6, 2e-7, 1500, 4000), (-2e-3, -1e-6, 700, 5000)] as [(Double, Double, Int, Int?)])
    func matchesTheAnalyticResampledSignal(offset: Double, drift: Double, origin: Int, driftLength: Int?) {
        let count = 8192
        let signal = ToneSum(tones: 40, band: 0.4, seed: 41)
        let stage = SampleRateOffset(offset: offset, drift: drift, span: count, origin: origin, driftLength: driftLength)
        let y = applied(stage, to: signal.samples(count))
        let end = Double(driftLength ?? count - 1 - origin)
        let error = relativeErrorDB(y, reference: { n in
            let m = Double(n - origin), u = min(max(m, 0), end)
            return signal.value(at: Double(n) + offset * m + drift * (u * m - 0.5 * u * u))
        }, range: stage.history ..< count - stage.lookahead)
        #expect(error < 20 * log10(resamplingError), "ε \(offset), κ \(drift): error \(error) dB, history \(stage.history)")
        // The tail that had no input past the row's end is zero.
        #expect(y[(count - stage.lookahead)...].allSatisfy { $0 == .zero })
    }

    /// A periodic signal's features (the phase of a tone, period 10 samples) arrive at t_n: the timing
    /// deviation t̂_n − n, read from arg(y[n]·e^{−j2πf₀n})/2πf₀ and unwrapped, moves by εn + κn²/2 within one
    /// interpolation error (an amplitude error e turns the phase by ≤ e rad: e/2πf₀ = 4e-5 samples). A
    /// quadratic LS fit of it then gives ε and κ/2 to within Σ|w_n|·e/2πf₀ (the fit's weights; the
    /// constant term absorbs the whole-period ambiguity of the unwrapping).
    @Test(arguments: [(100e-6, 0.0), (-500e-6, 2e-9), (30e-6, -1e-9)])
    func featuresDriftByTheOffset(offset: Double, drift: Double) {
        let count = 16_384, f0 = 0.1
        let stage = SampleRateOffset(offset: offset, drift: drift, span: count)
        let y = applied(stage, to: render(Tone(frequency: f0, phase: 0), length: count))
        let timingError = resamplingError / (2 * Double.pi * f0)
        var deviation = [Double]()
        var previous = 0.0
        for n in stage.history ..< count - stage.lookahead {
            let m = Double(n), t = m + offset * m + 0.5 * drift * m * m
            // Pointwise: the phase of y[n] is 2πf₀t_n.
            let expected = 2 * Double.pi * (f0 * t).truncatingRemainder(dividingBy: 1)
            let z = Complex(Double(y[n].real), Double(y[n].imaginary)) * Complex(cos(-expected), sin(-expected))
            let phaseError = atan2(z.imaginary, z.real)
            #expect(abs(phaseError) / (2 * Double.pi * f0) <= timingError, "sample \(n): timing off by \(phaseError / (2 * Double.pi * f0))")
            // The measured timing deviation, unwrapped (it moves by < 1e-2 of a period per sample).
            let w = Complex(Double(y[n].real), Double(y[n].imaginary)) * Complex(cos(-2 * Double.pi * f0 * m), sin(-2 * Double.pi * f0 * m))
            var d = atan2(w.imaginary, w.real) / (2 * Double.pi * f0)
            if !deviation.isEmpty { d += ((previous - d) * f0).rounded() / f0 }
            previous = d
            deviation.append(d)
        }
        let fit = polynomialFit(deviation, first: stage.history, degree: 2)
        let bounds = polynomialFitErrorBounds(count: deviation.count, first: stage.history, degree: 2, datumError: timingError)
        #expect(abs(fit[1] - offset) <= bounds[1], "ε̂ \(fit[1]) vs \(offset), bound \(bounds[1])")
        #expect(abs(2 * fit[2] - drift) <= 2 * bounds[2], "κ̂ \(2 * fit[2]) vs \(drift), bound \(2 * bounds[2])")
    }
}

@Suite struct SampleRateOffsetSpanTests {
    /// The convenience initialiser's span is the whole row, other history + own history + example + other
    /// lookahead + own lookahead; its origin is the example's first sample; and what it reports covers what
    /// it reads: b + L behind (b = ⌈ε·n₀⌉ for ε > 0 over the lead-in) and c + L ahead.
    @Test(arguments: [(1e-2, 0.0), (-1e-2, 0.0), (1e-4, 1e-9), (0.0, -1e-9), (-5e-3, 2e-6)])
    func spanCoversTheRow(offset: Double, drift: Double) {
        let stage = SampleRateOffset(offset: offset, drift: drift, exampleLength: 4096, otherHistory: 100, otherLookahead: 40)
        #expect(stage.span == 100 + stage.history + 4096 + 40 + stage.lookahead)
        #expect(stage.origin == 100 + stage.history && stage.driftLength == 4095)
        func w(_ m: Double) -> Double { let u = min(max(m, 0), 4095); return offset * m + drift * (u * m - 0.5 * u * u) }
        let warps = (0 ..< stage.span).map { w(Double($0 - stage.origin)) }
        #expect(Double(stage.history) >= -warps.min()! + 16 && Double(stage.lookahead) >= warps.max()! + 16)
    }
}
