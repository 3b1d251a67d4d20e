import Numerics

/// One linear-FM segment: the unit-amplitude signal e^{j2π(φ + f·τ + ½·κ·τ²)} for τ = n − start, the
/// building block of the chirp families (repeating LFM, FMCW ramps, chirp spread spectrum symbols).
///
/// Units are normalised: time in samples (`start` may be fractional: the segment is the continuous
/// chirp sampled at the integers), phase in cycles, frequency in cycles/sample, rate in cycles/sample².
///
/// Accuracy: the phase is evaluated in double precision, reduced modulo one cycle, exactly at every
/// `anchor`-th sample; in between the phasor advances by the recursion z ← z·w, w ← w·c with
/// w = e^{j2π(f + κτ + κ/2)} (the phase step from τ to τ + 1) and c = e^{j2πκ}, all in double. The
/// rounding error of that recursion grows like n²·ε over n steps: below 1e-11 rad at n = 256.
struct ChirpSegment {
    /// Time of τ = 0, in samples.
    var start: Double
    /// Phase at τ = 0, in cycles.
    var phase: Double
    /// Instantaneous frequency at τ = 0, cycles/sample.
    var frequency: Double
    /// Chirp rate dF/dτ, cycles/sample².
    var rate: Double

    static let anchor = 256

    /// Phase at τ (cycles, reduced to [0, 1)).
    @inline(__always)
    func phase(at tau: Double) -> Double {
        let cycles = phase + tau * (frequency + 0.5 * rate * tau)
        return cycles - cycles.rounded(.down)
    }

    /// The first sample at or after time t (segments own [start, end) in continuous time; the same
    /// rounding of a shared boundary on both sides leaves neither a gap nor an overlap).
    @inline(__always)
    static func firstSample(atOrAfter t: Double) -> Int { Int(t.rounded(.up)) }

    /// Writes the samples `range` (indices into `output`) of this segment.
    func render(into output: UnsafeMutablePointer<Complex<Float>>, samples range: Range<Int>) {
        let twoPi = 2 * Double.pi
        let stepRate = twoPi * rate
        let cr = chirpCosine(stepRate), ci = chirpSine(stepRate)
        var n = range.lowerBound
        while n < range.upperBound {
            let tau = Double(n) - start
            let angle = twoPi * phase(at: tau)
            var zr = chirpCosine(angle), zi = chirpSine(angle)
            // Phase step to the next sample, reduced to one cycle before the transcendental call.
            let step = frequency + rate * (tau + 0.5)
            let stepAngle = twoPi * (step - step.rounded())
            var wr = chirpCosine(stepAngle), wi = chirpSine(stepAngle)
            let end = min(range.upperBound, n + ChirpSegment.anchor)
            for k in n ..< end {
                output[k] = Complex(Float(zr), Float(zi))
                let nzr = zr * wr - zi * wi, nzi = zr * wi + zi * wr
                zr = nzr
                zi = nzi
                let nwr = wr * cr - wi * ci, nwi = wr * ci + wi * cr
                wr = nwr
                wi = nwi
            }
            n = end
        }
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func chirpCosine(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func chirpSine(_ x: Double) -> Double { Glibc.sin(x) }
#endif
