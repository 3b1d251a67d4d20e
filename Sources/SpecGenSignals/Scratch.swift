import Numerics
import SpecGenDSP

/// Per-worker scratch memory for the synthesis kernels: allocated once, sized for the largest example
/// a plan can produce, and never shared between threads (no allocation inside `render`).
public final class SynthesisScratch {
    /// Planar accumulators for pulse shaping (real and imaginary parts).
    public let real: UnsafeMutableBufferPointer<Float>
    public let imaginary: UnsafeMutableBufferPointer<Float>
    /// Random words (symbols, noise).
    public let words: UnsafeMutableBufferPointer<UInt32>
    /// The last RRC design, reused while the parameters repeat.
    var taps: (key: PulseKey, taps: [Float])?

    struct PulseKey: Equatable { let rolloff: Double, samplesPerSymbol: Int, spanSymbols: Int }

    /// - Parameter capacity: the longest planar accumulation needed (samples).
    public init(capacity: Int) {
        real = .allocate(capacity: capacity)
        imaginary = .allocate(capacity: capacity)
        words = .allocate(capacity: max(2 * GaussianNoise.chunk, capacity / 4 + 64))
    }

    deinit {
        real.deallocate()
        imaginary.deallocate()
        words.deallocate()
    }

    func rootRaisedCosine(rolloff: Double, samplesPerSymbol: Int, spanSymbols: Int) -> [Float] {
        let key = PulseKey(rolloff: rolloff, samplesPerSymbol: samplesPerSymbol, spanSymbols: spanSymbols)
        if let cached = taps, cached.key == key { return cached.taps }
        let designed = RootRaisedCosine.taps(rolloff: rolloff, samplesPerSymbol: samplesPerSymbol, spanSymbols: spanSymbols)
        taps = (key, designed)
        return designed
    }
}
