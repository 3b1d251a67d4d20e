import Numerics
import SpecGenDSP

/// Burst (TDMA-like) gating of any emitter: on for `onSamples`, off for `offSamples`, repeating, with
/// the capture starting at `cyclePhase` of the cycle. During bursts the base is scaled by √(P/on)
/// (P = on + off) so that the AVERAGE power over the cycle stays 1: SNR refers to average power.
public struct BurstGate: Emitter {
    public let base: any Emitter
    public let onSamples: Double
    public let offSamples: Double
    public let cyclePhase: Double

    public init(base: any Emitter, onSamples: Double, offSamples: Double, cyclePhase: Double) {
        precondition(onSamples > 0 && offSamples >= 0 && (0 ... 1).contains(cyclePhase))
        self.base = base
        self.onSamples = onSamples
        self.offSamples = offSamples
        self.cyclePhase = cyclePhase
    }

    public var symbolLength: Double { base.symbolLength }

    /// Whether sample k is inside a burst.
    public func isOn(_ k: Int) -> Bool {
        let period = onSamples + offSamples
        return (Double(k) + cyclePhase * period).truncatingRemainder(dividingBy: period) < onSamples
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        base.render(into: output, stream: &stream, scratch: scratch)
        let period = onSamples + offSamples
        let gain = Float((period / onSamples).squareRoot())
        let offset = cyclePhase * period
        for k in 0 ..< output.count {
            let t = (Double(k) + offset).truncatingRemainder(dividingBy: period)
            output[k] = t < onSamples ? output[k].multiplied(by: gain) : .zero
        }
    }
}
