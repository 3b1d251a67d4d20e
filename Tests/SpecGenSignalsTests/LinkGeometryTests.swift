import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Hand-computed values (c = 299,792,458 m/s exactly); relative tolerance 1e-12 where the value is a
/// few double operations, looser only where stated.
@Suite struct LinkGeometryTests {
    let c = 299_792_458.0

    /// (2, 3, 6)·1000 m is a Pythagorean quadruple: range 7000 m wherever the pair is placed.
    @Test func rangeAndDelay() {
        let emitter = SIMD3<Double>(100, -200, 50)
        let range = LinkGeometry.range(emitter: emitter, receiver: emitter + SIMD3(2000, 3000, 6000))
        #expect(abs(range - 7000) < 1e-9)
        // 7000 / 299,792,458 = 2.3349486663870643e-5 s; at 10 MHz, 233.49486663870644 samples.
        #expect(abs(LinkGeometry.delaySeconds(range: 7000) - 2.3349486663870643e-5) < 1e-12 * 2.4e-5)
        #expect(abs(LinkGeometry.delaySamples(range: 7000, sampleRate: 1e7) - 233.49486663870644) < 1e-12 * 234)
    }

    /// Friis at 1 km and 1 GHz: 20·log10(4π·1000·10⁹/c) = 92.44778322188337 dB (the textbook
    /// 32.45 + 20·log10 f_MHz + 20·log10 d_km = 92.45 to its two decimals); doubling the range or the
    /// frequency adds 20·log10 2 = 6.0206 dB.
    @Test func freeSpacePathLoss() {
        let loss = LinkGeometry.freeSpacePathLossDB(range: 1000, carrierFrequency: 1e9)
        #expect(abs(loss - 92.44778322188337) < 1e-10)
        #expect(abs(loss - 92.45) < 0.005)
        #expect(abs(LinkGeometry.freeSpacePathLossDB(range: 2000, carrierFrequency: 1e9) - loss - 20 * log10(2)) < 1e-10)
        #expect(abs(LinkGeometry.freeSpacePathLossDB(range: 1000, carrierFrequency: 2e9) - loss - 20 * log10(2)) < 1e-10)
    }

    /// Head-on approach at 10 m/s: v_r = −10 m/s, f_D = +10·10⁹/c = 33.3564095198152 Hz at 1 GHz, no rate.
    @Test func headOnApproach() {
        let args = (SIMD3<Double>(0, 0, 0), SIMD3<Double>(10, 0, 0), SIMD3<Double>(1000, 0, 0), SIMD3<Double>(0, 0, 0))
        let vr = LinkGeometry.radialVelocity(emitter: args.0, emitterVelocity: args.1, receiver: args.2, receiverVelocity: args.3)
        let ar = LinkGeometry.radialAcceleration(emitter: args.0, emitterVelocity: args.1, receiver: args.2, receiverVelocity: args.3)
        #expect(abs(vr + 10) < 1e-12)
        #expect(abs(ar) < 1e-12)
        #expect(abs(LinkGeometry.dopplerShift(radialVelocity: vr, carrierFrequency: 1e9) - 33.3564095198152) < 1e-10)
    }

    /// Crossing at closest approach: receiver 1000 m abeam of an emitter doing 100 m/s. v_r = 0; the range
    /// R(t) = √(1000² + (100t)²) has R''(0) = 100²/1000 = 10 m/s², so ḟ_D = −10·10⁹/c = −33.356 Hz/s.
    @Test func crossingAtClosestApproach() {
        let args = (SIMD3<Double>(0, 0, 0), SIMD3<Double>(100, 0, 0), SIMD3<Double>(0, 1000, 0), SIMD3<Double>(0, 0, 0))
        let vr = LinkGeometry.radialVelocity(emitter: args.0, emitterVelocity: args.1, receiver: args.2, receiverVelocity: args.3)
        let ar = LinkGeometry.radialAcceleration(emitter: args.0, emitterVelocity: args.1, receiver: args.2, receiverVelocity: args.3)
        #expect(abs(vr) < 1e-12)
        #expect(abs(ar - 10) < 1e-12)
        #expect(abs(LinkGeometry.dopplerRate(radialAcceleration: ar, carrierFrequency: 1e9) + 33.3564095198152) < 1e-10)
    }

    /// An oblique case: Δr = (1200, 500, 0) (|Δr| = 1300), Δv = (−30, −40, −5): v_r = −56000/1300 =
    /// −43.07692307692308 m/s, a_r = (2525 − v_r²)/1300 = 0.5149066909421938 m/s²; at 2.4 GHz
    /// f_D = 344.8539568817818 Hz and ḟ_D = −4.122105227414577 Hz/s. Cross-checked against central finite
    /// differences of the propagated range (h = 0.01 s: truncation O(h²·R'''') ≈ 1e-7, rounding
    /// ε·R/h² ≈ 3e-9 for the second difference).
    @Test func obliqueMotion() {
        let e = SIMD3<Double>(0, 0, 0), ev = SIMD3<Double>(30, 40, 0), r = SIMD3<Double>(1200, 500, 0), rv = SIMD3<Double>(0, 0, -5)
        let vr = LinkGeometry.radialVelocity(emitter: e, emitterVelocity: ev, receiver: r, receiverVelocity: rv)
        let ar = LinkGeometry.radialAcceleration(emitter: e, emitterVelocity: ev, receiver: r, receiverVelocity: rv)
        #expect(abs(vr + 43.07692307692308) < 1e-12)
        #expect(abs(ar - 0.5149066909421938) < 1e-12)
        #expect(abs(LinkGeometry.dopplerShift(radialVelocity: vr, carrierFrequency: 2.4e9) - 344.8539568817818) < 1e-9)
        #expect(abs(LinkGeometry.dopplerRate(radialAcceleration: ar, carrierFrequency: 2.4e9) + 4.122105227414577) < 1e-11)
        func range(_ t: Double) -> Double { LinkGeometry.range(emitter: e + ev * t, receiver: r + rv * t) }
        let h = 0.01
        #expect(abs((range(h) - range(-h)) / (2 * h) - vr) < 1e-6)
        #expect(abs((range(h) - 2 * range(0) + range(-h)) / (h * h) - ar) < 1e-5)
    }

    /// The geometry feeds the carrier stage: the oblique case's Doppler at 2.4 GHz, Fs = 1 MHz, applied to a
    /// tone in 10 dB AWGN and measured by the LS phase slope over 32,768 samples, lands within 5σ (σ from
    /// Tretter's 12σ_φ²/(N(N²−1)), σ_φ² = 1/(2·SNR)) and within 1 Hz of f_D (the rate moves the frequency
    /// by 4.1 Hz/s × 33 ms = 0.14 Hz end to end; the fit sees its mid-point, ḟ_D·N/2Fs = 0.07 Hz, which is added).
    @Test func dopplerFromGeometryIsMeasured() {
        let sampleRate = 1e6, carrier = 2.4e9, count = 32_768, snr = 10.0
        let shift = LinkGeometry.dopplerShift(radialVelocity: -56000 / 1300, carrierFrequency: carrier)
        let rate = LinkGeometry.dopplerRate(radialAcceleration: 0.5149066909421938, carrierFrequency: carrier)
        let stage = CarrierOffset(frequency: LinkGeometry.cyclesPerSample(hertz: shift, sampleRate: sampleRate),
                                  drift: LinkGeometry.cyclesPerSampleSquared(hertzPerSecond: rate, sampleRate: sampleRate))
        var y = applied(stage, to: [Complex<Float>](repeating: Complex(1, 0), count: count))
        var stream = RandomStream(seed: 78, example: 0, stream: .noise)
        y.withUnsafeMutableBufferPointer { AdditiveNoise(variance: 1 / snr).apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
        let measured = polynomialFit(unwrappedPhase(y), degree: 1)[1] * sampleRate
        let expected = shift + rate * Double(count - 1) / 2 / sampleRate
        let n = Double(count)
        let sigma = (12 / (2 * snr) / (n * (n * n - 1))).squareRoot() / (2 * Double.pi) * sampleRate
        #expect(abs(measured - expected) < 5 * sigma && abs(measured - shift) < 1, "measured \(measured) Hz, expected \(expected), σ \(sigma)")
    }
}
