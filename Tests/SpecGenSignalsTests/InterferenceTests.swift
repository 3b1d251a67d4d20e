import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct InterferenceTests {
    /// A unit tone at f₁ shifted by f_o at SIR s gives exactly s^{−½}·e^{j(2π(f₁ + f_o)n + φ)}: checked
    /// against the double-precision closed form over 2^17 samples (float rounding of the output: < 1e-5).
    @Test func shiftsAndScalesATone() {
        let length = 1 << 17
        let tone = render(Tone(frequency: 0.0371, phase: 0.4), length: length)
        let stage = Interference(signalToInterference: pow(10, 0.7), frequencyOffset: -0.2113, phase: 1.1)
        var row = [Complex<Float>](repeating: .zero, count: length)
        tone.withUnsafeBufferPointer { i in row.withUnsafeMutableBufferPointer { stage.add(i, to: $0) } }
        let amplitude = pow(10, -0.35)
        var worst = 0.0
        for n in 0 ..< length {
            let cycles = ((0.0371 - 0.2113) * Double(n)).truncatingRemainder(dividingBy: 1)
            let angle = 2 * Double.pi * cycles + 0.4 + 1.1
            let e = Complex(amplitude * cos(angle), amplitude * sin(angle))
            worst = max(worst, (Complex(Double(row[n].real), Double(row[n].imaginary)) - e).length)
        }
        #expect(worst < 1e-5, "worst error \(worst)")
    }

    /// On a signal row: y − x is the interferer's contribution alone, whose power is the interferer's
    /// measured power over SIR (a frequency shift keeps |i[n]|).
    @Test func addsInterferenceAtTheRequestedRatio() {
        let length = 20_000
        let signal = render(LinearModulation(constellation: .qpsk, samplesPerSymbol: 4, rolloff: 0.35, spanSymbols: 10), length: length, seed: 1)
        let interferer = render(LinearModulation(constellation: .qam16, samplesPerSymbol: 3, rolloff: 0.25, spanSymbols: 10), length: length, seed: 2)
        let stage = Interference(signalToInterference: 20, frequencyOffset: 0.17)
        var y = signal
        interferer.withUnsafeBufferPointer { i in y.withUnsafeMutableBufferPointer { stage.add(i, to: $0) } }
        let added = zip(y, signal).map { $0 - $1 }
        #expect(abs(meanPower(added) / (meanPower(interferer) / 20) - 1) < 1e-5)
        // And it sits at the offset: the added part's spectrum, shifted back by 0.17, matches the interferer's.
        let gain = Float(20.0.squareRoot())
        var worst: Float = 0
        for n in 0 ..< length {
            let cycles: Double = (0.17 * Double(n)).truncatingRemainder(dividingBy: 1)
            let angle: Double = -2 * Double.pi * cycles
            let rotation = Complex(Float(cos(angle)), Float(sin(angle)))
            let back: Complex<Float> = (added[n] * rotation).multiplied(by: gain)
            worst = max(worst, (back - interferer[n]).length)
        }
        #expect(worst < 1e-4, "worst \(worst)")
    }
}
