import Numerics
import SpecGenDSP

/// Frequency hopping: the base emitter moved, every dwell, to a channel drawn uniformly from a hop set
/// of `channels` frequencies (c − (channels − 1)/2)·spacing, c = 0 … channels − 1, centred on the capture
/// centre. The hop grid starts at a random point of a dwell. Each channel's oscillator runs on absolute
/// sample time, so the phase jumps at a hop (as a synthesiser retuning does) and the power stays the
/// base's (unit).
///
/// Draws, after the base's own: one uniform for the grid offset, then one channel index per dwell.
public struct FrequencyHopping: Emitter {
    public let base: any Emitter
    public let channels: Int
    /// Channel spacing in cycles/sample.
    public let channelSpacing: Double
    public let dwellSamples: Double

    public init(base: any Emitter, channels: Int, channelSpacing: Double, dwellSamples: Double) {
        precondition(channels >= 1 && dwellSamples > 0)
        self.base = base
        self.channels = channels
        self.channelSpacing = channelSpacing
        self.dwellSamples = dwellSamples
    }

    public var symbolLength: Double { base.symbolLength }

    /// The centre frequency of channel c, cycles/sample.
    public func channelFrequency(_ c: Int) -> Double { (Double(c) - Double(channels - 1) / 2) * channelSpacing }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        base.render(into: output, stream: &stream, scratch: scratch)
        let offset = stream.nextUnitDouble() * dwellSamples  // the first hop began `offset` samples before 0
        var start = 0
        var hop = 0
        while start < output.count {
            let end = min(output.count, Int((Double(hop + 1) * dwellSamples - offset).rounded(.up)))
            let frequency = channelFrequency(Int(stream.nextInt(below: UInt32(channels))))
            shift(output, from: start, to: max(end, start + 1), frequency: frequency)
            start = max(end, start + 1)
            hop += 1
        }
    }

    /// Multiplies samples start ..< end by e^{j2πf·k}, re-anchoring the phasor exactly every 64 samples.
    private func shift(_ x: UnsafeMutableBufferPointer<Complex<Float>>, from start: Int, to end: Int, frequency: Double) {
        let step = Complex(_cosine(2 * Double.pi * frequency), _sine(2 * Double.pi * frequency))
        var k = start
        while k < end {
            let cycles = (frequency * Double(k)).truncatingRemainder(dividingBy: 1)
            var phasor = Complex(_cosine(2 * Double.pi * cycles), _sine(2 * Double.pi * cycles))
            for n in k ..< min(end, k + 64) {
                let v = x[n]
                let p = Complex(Float(phasor.real), Float(phasor.imaginary))
                x[n] = v * p
                phasor = phasor * step
            }
            k += 64
        }
    }
}
