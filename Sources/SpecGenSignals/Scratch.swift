import Numerics
import SpecGenDSP

/// Per-worker scratch memory for the synthesis kernels, never shared between threads.
///
/// Kernels ask for numbered slots of the size they need; a slot grows (reallocates) only when a larger
/// size is asked for, so after the first few examples nothing is allocated inside `render`. Slots of one
/// kind are independent: a kernel may hold slots 0 and 1 at once; a kernel must not keep a slot across
/// `render` calls (the next emitter may reuse it).
public final class SynthesisScratch {
    private var floatSlots: [AlignedBuffer<Float>?] = []
    private var complexSlots: [AlignedBuffer<Complex<Float>>?] = []
    private var wordSlots: [AlignedBuffer<UInt32>?] = []
    /// The last RRC design, reused while the parameters repeat.
    private var pulseCache: (key: PulseKey, taps: [Float])?

    struct PulseKey: Equatable { let kind: Int, rolloff: Double, samplesPerSymbol: Int, spanSymbols: Int }

    public init() {}

    /// `count` floats in slot `slot` (contents undefined), FFTW-aligned.
    public func floats(_ slot: Int, count: Int) -> UnsafeMutableBufferPointer<Float> {
        grow(&floatSlots, slot, count)
    }

    /// `count` complex samples in slot `slot` (contents undefined), FFTW-aligned.
    public func complex(_ slot: Int, count: Int) -> UnsafeMutableBufferPointer<Complex<Float>> {
        grow(&complexSlots, slot, count)
    }

    /// `count` words in slot `slot` (contents undefined); `count` is rounded up to whole Philox blocks.
    public func words(_ slot: Int, count: Int) -> UnsafeMutableBufferPointer<UInt32> {
        let whole = (count + 3) / 4 * 4
        return UnsafeMutableBufferPointer(rebasing: grow(&wordSlots, slot, whole)[0 ..< whole])
    }

    private func grow<T>(_ slots: inout [AlignedBuffer<T>?], _ slot: Int, _ count: Int) -> UnsafeMutableBufferPointer<T> {
        while slots.count <= slot { slots.append(nil) }
        if let buffer = slots[slot], buffer.count >= count {
            return buffer.slice(0 ..< count)
        }
        // Grow geometrically so that slowly increasing requests do not reallocate every time.
        let capacity = max(count, (slots[slot]?.count ?? 0) * 3 / 2, 64)
        slots[slot] = AlignedBuffer<T>(count: capacity)
        return slots[slot]!.slice(0 ..< count)
    }

    /// Pulse taps by a design function, cached while the parameters repeat (designs cost transcendental
    /// calls per tap; constant parameters then cost nothing per example).
    func pulse(kind: Int, rolloff: Double, samplesPerSymbol: Int, spanSymbols: Int, design: () -> [Float]) -> [Float] {
        let key = PulseKey(kind: kind, rolloff: rolloff, samplesPerSymbol: samplesPerSymbol, spanSymbols: spanSymbols)
        if let cached = pulseCache, cached.key == key { return cached.taps }
        let taps = design()
        pulseCache = (key, taps)
        return taps
    }
}
