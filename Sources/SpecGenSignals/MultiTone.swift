import Numerics
import SpecGenDSP

/// A sum of K complex tones Σ aₖ·e^{j(2πfₖn + θₖ)} in the band [f_c − B/2, f_c + B/2] (cycles/sample).
///
/// - comb: fₖ = f_c − B/2 + k·B/(K − 1), k = 0 … K − 1 (evenly spaced, both band edges included;
///   K = 1 is one tone at f_c).
/// - random: fₖ independent and uniform on the band.
///
/// Tone powers are 10^(−s·uₖ/10) with uₖ uniform on [0, 1) (a spread of s dB; s = 0 gives equal tones),
/// scaled so that Σ aₖ² = 1; phases θₖ are uniform on [0, 2π). With independent uniform phases
/// E|x[n]|² = Σ aₖ² = 1: unit expected power at every sample.
///
/// Draws per tone, in tone order (`drawTone`): the frequency (random placement only), the power, the
/// phase. Each tone is rendered over the whole window block by block: the phasor at the start of each
/// 64-sample block (advanced in double precision, recomputed exactly every 4,096 samples) times a
/// per-tone table e^{j2πfₖi}, i < 64, accumulated in planar single precision (vectorised).
public struct MultiTone: Emitter {
    public enum Placement: Sendable, Equatable { case comb, random }

    /// K ≥ 1.
    public let count: Int
    /// f_c, cycles/sample.
    public let centre: Double
    /// B, cycles/sample, ≥ 0; the band lies inside (−½, ½).
    public let bandwidth: Double
    public let placement: Placement
    /// s, dB, ≥ 0.
    public let powerSpreadDB: Double
    public var symbolLength: Double { 1 }
    static let block = 64
    static let blocksPerAnchor = 64

    public init(count: Int, centre: Double, bandwidth: Double, placement: Placement, powerSpreadDB: Double) {
        precondition(count >= 1 && bandwidth >= 0 && powerSpreadDB >= 0)
        precondition(abs(centre) + bandwidth / 2 < 0.5 + 1e-9, "the tones must lie inside (−Fs/2, Fs/2)")  // 1e-9: unit conversion
        self.count = count
        self.centre = centre
        self.bandwidth = bandwidth
        self.placement = placement
        self.powerSpreadDB = powerSpreadDB
    }

    /// Tone k's frequency (cycles/sample), power before normalisation and phase (radians), drawn from
    /// `stream` in the order the renderer uses.
    public func drawTone(_ k: Int, stream: inout RandomStream) -> (frequency: Double, power: Double, phase: Double) {
        let low = centre - bandwidth / 2
        let frequency: Double
        switch placement {
        case .comb: frequency = count == 1 ? centre : low + bandwidth * Double(k) / Double(count - 1)
        case .random: frequency = low + bandwidth * stream.nextUnitDouble()
        }
        let power = _exp10(-powerSpreadDB * stream.nextUnitDouble() / 10)
        let phase = 2 * Double.pi * stream.nextUnitDouble()
        return (frequency, power, phase)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        let re = scratch.floats(0, count: length).baseAddress!, im = scratch.floats(1, count: length).baseAddress!
        re.update(repeating: 0, count: length)
        im.update(repeating: 0, count: length)
        let block = MultiTone.block
        let tableRe = scratch.floats(2, count: block).baseAddress!, tableIm = scratch.floats(3, count: block).baseAddress!
        var totalPower = 0.0
        for k in 0 ..< count {
            let tone = drawTone(k, stream: &stream)
            totalPower += tone.power
            let amplitude = tone.power.squareRoot()
            let omega = 2 * Double.pi * tone.frequency
            // e^{jωi}, i < 64, by double recursion from 1 (error ~1e-14), stored in single precision.
            let step = Complex(_cosine(omega), _sine(omega))
            var z = Complex<Double>(1, 0)
            for i in 0 ..< block {
                tableRe[i] = Float(z.real)
                tableIm[i] = Float(z.imaginary)
                z = z * step
            }
            let blockStep = Complex(_cosine(omega * Double(block)), _sine(omega * Double(block)))
            var phasor = Complex<Double>.zero
            var start = 0, blockIndex = 0
            while start < length {
                if blockIndex % MultiTone.blocksPerAnchor == 0 {
                    let angle = 2 * Double.pi * (tone.frequency * Double(start)).truncatingRemainder(dividingBy: 1) + tone.phase
                    phasor = Complex(amplitude * _cosine(angle), amplitude * _sine(angle))
                }
                let pr = Float(phasor.real), pi = Float(phasor.imaginary)
                let r = re + start, i = im + start
                let n = min(block, length - start)
                for j in 0 ..< n {
                    r[j] += pr * tableRe[j] - pi * tableIm[j]
                    i[j] += pr * tableIm[j] + pi * tableRe[j]
                }
                phasor = phasor * blockStep
                start += block
                blockIndex += 1
            }
        }
        let scale = Float(1 / totalPower.squareRoot())
        let out = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: Float.self)
        for n in 0 ..< length {
            out[2 * n] = re[n] * scale
            out[2 * n + 1] = im[n] * scale
        }
    }
}

#if canImport(Glibc)
import Glibc
func _exp10(_ x: Double) -> Double { Glibc.exp(x * 2.302_585_092_994_046) }
#endif
