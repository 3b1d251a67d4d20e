import Numerics
import SpecGenDSP

/// Continuous, phase-continuous linear frequency sweeps across the band [−B/2, B/2]: repeating LFM
/// up- or down-chirps (the sawtooth FMCW waveform is the repeating up-chirp) and triangular FMCW
/// (an up-ramp followed by a down-ramp).
///
/// Signal model (Skolnik, *Radar Handbook* 3rd ed., ch. 8 and 14; Stove, IEE Proc. F 139(5), 1992):
/// within one ramp of duration T, x(t) = e^{j(φ + 2π(f₀t + ½κt²))} with f₀ = ∓B/2 and κ = ±B/T; the
/// next ramp starts where the last one ended in phase, so the phase is continuous and only the
/// frequency jumps (sawtooth) or turns (triangle). The envelope is constant: |x| = 1, unit power.
///
/// The capture is a steady-state window: the sweep runs before sample 0 and past the end, and sample
/// 0 falls at `gridOffset` (a fraction of the repetition period) into a period. `phase` is the phase
/// at the start of that period.
public struct LinearFrequencySweep: Emitter {
    public enum Shape: Sendable, Equatable {
        /// Rising ramps −B/2 → B/2, repeating (LFM up-chirps; FMCW sawtooth).
        case up
        /// Falling ramps B/2 → −B/2, repeating.
        case down
        /// A rising ramp then a falling ramp, each of the ramp duration (period 2T).
        case triangle
    }

    /// Swept bandwidth B/Fs, cycles/sample, in (0, 1].
    public let bandwidth: Double
    /// Duration T·Fs of one ramp, samples (fractional allowed), ≥ 2.
    public let rampLength: Double
    public let shape: Shape
    /// Where sample 0 falls in the repetition period, as a fraction of it, in [0, 1].
    public let gridOffset: Double
    /// Phase at the start of the period containing sample 0, radians.
    public let phase: Double

    public init(bandwidth: Double, rampLength: Double, shape: Shape, gridOffset: Double, phase: Double) {
        precondition(bandwidth > 0 && bandwidth <= 1, "bandwidth must be in (0, 1] cycles/sample")
        precondition(rampLength >= 2, "a ramp must last at least 2 samples")
        precondition((0 ... 1).contains(gridOffset))
        self.bandwidth = bandwidth
        self.rampLength = rampLength
        self.shape = shape
        self.gridOffset = gridOffset
        self.phase = phase
    }

    public var symbolLength: Double { 1 }

    /// Samples per repetition period (one ramp, or two for the triangle).
    public var period: Double { shape == .triangle ? 2 * rampLength : rampLength }

    /// Chirp rate of the rising ramp, cycles/sample² (B/T normalised).
    public var rate: Double { bandwidth / rampLength }

    /// The ramp of index i (i = 0 starts the period containing sample 0) as a segment with phase 0.
    func ramp(_ i: Int, origin: Double) -> ChirpSegment {
        let rising: Bool
        switch shape {
        case .up: rising = true
        case .down: rising = false
        case .triangle: rising = i % 2 == 0
        }
        return ChirpSegment(start: origin + Double(i) * rampLength, phase: 0,
                            frequency: rising ? -bandwidth / 2 : bandwidth / 2, rate: rising ? rate : -rate)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        guard length > 0 else { return }
        let origin = -gridOffset * period
        var cycles = phase / (2 * Double.pi)
        cycles -= cycles.rounded(.down)
        var i = 0
        while true {
            var segment = ramp(i, origin: origin)
            let end = origin + Double(i + 1) * rampLength
            let first = max(0, ChirpSegment.firstSample(atOrAfter: segment.start))
            if first >= length { break }
            segment.phase = cycles
            let last = min(length, ChirpSegment.firstSample(atOrAfter: end))
            if first < last { segment.render(into: output.baseAddress!, samples: first ..< last) }
            cycles = segment.phase(at: rampLength)
            i += 1
        }
    }
}
