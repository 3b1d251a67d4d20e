import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// Applies a stage to a copy of `x` with a fixed stream (test convenience).
func applied(_ stage: any ChannelStage, to x: [Complex<Float>], seed: UInt64 = 5, example: UInt64 = 0) -> [Complex<Float>] {
    var y = x
    var stream = RandomStream(seed: seed, example: example, stream: StreamID(rawValue: 77))
    y.withUnsafeMutableBufferPointer { stage.apply(to: $0, stream: &stream, scratch: SynthesisScratch()) }
    return y
}

/// DFT of x at bin k (double precision).
func dftBin(_ x: [Complex<Float>], _ k: Int) -> Complex<Double> {
    var sum = Complex<Double>.zero
    let n = Double(x.count)
    for (i, v) in x.enumerated() {
        let angle = -2 * Double.pi * Double(k) * Double(i) / n
        sum = sum + Complex(Double(v.real), Double(v.imaginary)) * Complex(cos(angle), sin(angle))
    }
    return sum
}

@Suite struct IQImbalanceTests {
    /// A bin-centred unit tone e^{j2πkn/N} becomes μ·e^{j2πkn/N} + ν·e^{−j2πkn/N}: the DFT at ±k gives N·μ and
    /// N·ν, and their power ratio is IRR = (1 + g² + 2g cos φ)/(1 + g² − 2g cos φ) (closed form on the
    /// type). Only float rounding separates them (image at ≥ −60 dB, rounding ≈ 1e-7): 0.1 dB is loose.
    @Test(arguments: [(0.5, 2.0), (-1.0, -5.0), (0.1, 0.5), (3.0, 10.0), (0.0, 1.0), (2.0, 0.0)])
    func imageRejectionMatchesClosedForm(gainDB: Double, phaseDegrees: Double) {
        let stage = IQImbalance(gainDB: gainDB, phase: phaseDegrees * Double.pi / 180)
        let n = 4096, k = 205
        let x = render(Tone(frequency: Double(k) / Double(n), phase: 0), length: n)
        let y = applied(stage, to: x)
        let direct = dftBin(y, k).divided(by: Double(n)), image = dftBin(y, n - k).divided(by: Double(n))
        let measured = 10 * log10(direct.lengthSquared / image.lengthSquared)
        #expect(abs(measured - stage.imageRejectionDB) < 0.1, "IRR \(measured) dB vs \(stage.imageRejectionDB) dB")
        #expect((direct - stage.direct).length < 1e-5 && (image - stage.image).length < 1e-5)
    }

    /// I is the reference branch: the real parts pass unchanged, Q' = g(Q cos φ − I sin φ).
    @Test func branchesFollowTheModel() {
        let stage = IQImbalance(gainDB: 1.5, phase: 0.2)
        let x = (0 ..< 37).map { Complex(Float(sin(Double($0))), Float(cos(3 * Double($0)))) }
        let y = applied(stage, to: x)
        let g = pow(10, 1.5 / 20)
        for (a, b) in zip(x, y) {
            #expect(a.real == b.real)
            let expected = g * (Double(a.imaginary) * cos(0.2) - Double(a.real) * sin(0.2))
            #expect(abs(Double(b.imaginary) - expected) < 1e-6)
        }
    }
}

@Suite struct DCOffsetTests {
    /// y − x is the offset c = 10^(L/20)·e^{jθ} in every sample, so its power relative to the unit-power
    /// tone is L dBc (float rounding only).
    @Test(arguments: [(-20.0, 0.3), (-40.0, -2.0), (-3.0, 3.0)])
    func levelIsExact(level: Double, phase: Double) {
        let x = render(Tone(frequency: 0.01, phase: 0), length: 1000)
        let y = applied(DCOffset(levelDBc: level, phase: phase), to: x)
        let amplitude = pow(10, level / 20)
        var power = 0.0
        for (a, b) in zip(x, y) {
            let d = b - a
            #expect(abs(Double(d.real) - amplitude * cos(phase)) < 1e-6 && abs(Double(d.imaginary) - amplitude * sin(phase)) < 1e-6)
            power += Double(d.lengthSquared)
        }
        #expect(abs(decibels(power / 1000 / meanPower(x)) - level) < 1e-3)
    }
}
