import Numerics
import SpecGenDSP

/// The receiver's channel-select filter: a linear-phase low-pass FIR by the windowed-sinc method
/// (A. V. Oppenheim and R. W. Schafer, *Discrete-Time Signal Processing*, 3rd ed., §7.5), Blackman window,
///
///     h[k] = 2f_c·sinc(2f_c·(k − D))·w[k] / Σ h,   k = 0 … L−1,  D = (L−1)/2,  f_c = B/2,
///
/// normalised to unit gain at DC. With the Blackman window the stopband is below −74 dB from
/// f_c + Δf/2 and the passband ripple below 0.02 dB up to f_c − Δf/2, Δf ≈ 5.5/L (O&S Table 7.2).
///
/// The filter is applied centred (zero phase, no delay: y[n] = Σ_k h[k]·x[n + D − k]) so that time labels
/// stay aligned; it needs D past and D future samples, hence `history` = `lookahead` = D = (L−1)/2 (the
/// last D samples of the row see the signal as ending there; the engine renders a tail that covers them).
public struct ReceiverFilter: ChannelStage {
    /// Two-sided bandwidth B in cycles/sample (passband |f| < B/2), 0.01 … 0.99.
    public let bandwidth: Double
    /// Taps L, odd, 5 … 1023.
    public let length: Int
    /// The taps h[0 …< L] (symmetric).
    public let taps: [Float]
    public var history: Int { (length - 1) / 2 }
    public var lookahead: Int { (length - 1) / 2 }

    public init(bandwidth: Double, length: Int) {
        precondition(bandwidth >= 0.01 && bandwidth <= 0.99, "receiver bandwidth must be 0.01 … 0.99 cycles/sample")
        precondition(length % 2 == 1 && (5 ... 1023).contains(length), "receiver filter length must be odd, 5 … 1023")
        self.bandwidth = bandwidth
        self.length = length
        let centre = Double(length - 1) / 2
        var h = (0 ..< length).map { k -> Double in
            let t = Double(k) - centre
            let sinc = t == 0 ? bandwidth : _sine(Double.pi * bandwidth * t) / (Double.pi * t)
            let x = 2 * Double.pi * Double(k) / Double(length - 1)
            return sinc * (0.42 - 0.5 * _cosine(x) + 0.08 * _cosine(2 * x))
        }
        let sum = h.reduce(0, +)
        h = h.map { $0 / sum }
        taps = h.map { Float($0) }
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let rowBase = row.baseAddress, row.count > 0 else { return }
        let d = history, count = row.count
        // padded[m] = x[m − D] with D zeros each side (and 4 more floats' slack for the last vector).
        let padded = scratch.complex(4, count: count + 2 * d + 4)
        padded.update(repeating: .zero)
        _ = UnsafeMutableBufferPointer(rebasing: padded[d ..< d + count]).update(fromContentsOf: row)
        let input = UnsafeRawPointer(padded.baseAddress!)
        let output = UnsafeMutableRawPointer(rowBase)
        let floats = 2 * count
        taps.withUnsafeBufferPointer { h in
            // y as floats: y_f[i] = Σ_j h[j]·padded_f[i + 2j] (real taps act on I and Q alike; h symmetric).
            var i = 0
            while i + 8 <= floats {
                var acc = SIMD8<Float>.zero
                for j in 0 ..< h.count {
                    acc += h[j] * input.loadUnaligned(fromByteOffset: 4 * (i + 2 * j), as: SIMD8<Float>.self)
                }
                output.storeBytes(of: acc, toByteOffset: 4 * i, as: SIMD8<Float>.self)
                i += 8
            }
            let f = input.assumingMemoryBound(to: Float.self), y = output.assumingMemoryBound(to: Float.self)
            while i < floats {
                var acc: Float = 0
                for j in 0 ..< h.count { acc += h[j] * f[i + 2 * j] }
                y[i] = acc
                i += 1
            }
        }
    }
}
