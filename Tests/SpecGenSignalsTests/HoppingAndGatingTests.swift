import Foundation
import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

@Suite struct BurstGateTests {
    /// The envelope is zero exactly outside the bursts the cycle defines (a tone base has |x| = 1, so a
    /// burst sample has |x| = √(P/on) exactly, up to float rounding).
    @Test(arguments: [(100.0, 300.0, 0.0), (37.5, 12.25, 0.6), (1000.0, 0.0, 0.3)])
    func envelopeFollowsTheCycle(on: Double, off: Double, phase: Double) {
        let gate = BurstGate(base: Tone(frequency: 0.01, phase: 0), onSamples: on, offSamples: off, cyclePhase: phase)
        let x = render(gate, length: 4000)
        let gain = ((on + off) / on).squareRoot()
        for (k, v) in x.enumerated() {
            let expected = gate.isOn(k) ? gain : 0
            #expect(abs(Double(v.length) - expected) < 1e-5 * gain, "sample \(k)")
        }
    }

    /// Average power over random cycle phases is 1: the fraction of burst samples in a window of L is
    /// on/P on average; 400 phases of a 1000-sample window with P = 400 leave a relative spread < 1 %.
    @Test func averagePowerIsOne() {
        var total = 0.0
        for i in 0 ..< 400 {
            let gate = BurstGate(base: Tone(frequency: 0.1, phase: 0), onSamples: 100, offSamples: 300, cyclePhase: Double(i) / 400)
            total += meanPower(render(gate, length: 1000))
        }
        #expect(abs(total / 400 - 1) < 0.01)
    }
}

@Suite struct FrequencyHoppingTests {
    /// Each dwell sits on one channel: the per-sample phase increment of a tone-based hopper is a channel
    /// frequency (to float precision) except for one increment at each hop (the retuning jump). Runs of
    /// equal increments between jumps last a whole number of dwells (consecutive hops may repeat a
    /// channel); the interior runs of 50 examples give ≈ 1,700 hops, whose channels must be uniform:
    /// χ² with 7 degrees of freedom, 0.1 % critical value 24.32.
    @Test func hopsLandOnChannelsUniformly() {
        let dwell = 256.0, channels = 8, spacing = 1.0 / 16
        var counts = [Double](repeating: 0, count: channels)
        for example in 0 ..< 50 {
            let hopper = FrequencyHopping(base: Tone(frequency: 0, phase: 0), channels: channels, channelSpacing: spacing, dwellSamples: dwell)
            let x = render(hopper, length: 40 * 256, seed: 9, example: UInt64(example))
            let increments = (1 ..< x.count).map { k -> Double in
                let z = x[k] * x[k - 1].conjugate
                return atan2(Double(z.imaginary), Double(z.real)) / (2 * Double.pi)
            }
            var runs: [(frequency: Double, length: Int)] = []
            for f in increments {
                if let last = runs.last, abs(last.frequency - f) < 1e-4 { runs[runs.count - 1].length += 1 } else { runs.append((f, 1)) }
            }
            let interior = runs.dropFirst().dropLast().filter { $0.length > 1 }  // length-1 runs are the jumps
            for run in interior {
                let c = Int((run.frequency / spacing + Double(channels - 1) / 2).rounded())
                #expect((0 ..< channels).contains(c) && abs(hopper.channelFrequency(max(0, min(channels - 1, c))) - run.frequency) < 1e-4,
                        "frequency \(run.frequency) is no channel")
                let hops = (Double(run.length + 1) / dwell).rounded()
                #expect(hops >= 1 && abs(Double(run.length + 1) - hops * dwell) <= 2, "a run of \(run.length) is not whole dwells")
                if (0 ..< channels).contains(c) { counts[c] += hops }
            }
        }
        let n = counts.reduce(0, +), expected = n / Double(channels)
        let chi2 = counts.reduce(0.0) { $0 + ($1 - expected) * ($1 - expected) / expected }
        #expect(n > 1500)
        #expect(chi2 < 24.32)
    }

    /// Hopping keeps the base's unit power and its symbol length.
    @Test func powerAndSymbolLengthAreTheBase() {
        let base = LinearModulation(constellation: .qpsk, samplesPerSymbol: 4, rolloff: 0.35, spanSymbols: 10)
        let hopper = FrequencyHopping(base: base, channels: 4, channelSpacing: 0.2, dwellSamples: 500)
        #expect(hopper.symbolLength == 4)
        #expect(abs(meanPower(render(hopper, length: 1 << 16)) - 1) < 0.03)
    }
}
