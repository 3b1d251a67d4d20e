import Numerics
import SpecGenDSP

/// One example's signal source with its parameters already sampled: renders baseband samples of unit
/// expected power. Implementations allocate nothing in `render`; they draw their data from `stream`.
public protocol Emitter: Sendable {
    /// Samples per symbol, possibly fractional (1 for emitters without symbols): the factor between
    /// per-sample SNR and Es/N0.
    var symbolLength: Double { get }

    /// B in cycles/sample when the output is band-limited by design to |f| ≤ B (a pulse-shaped emitter:
    /// all its power but the truncated pulse's leakage), else nil (unknown or not band-limited; the
    /// default). Stages that see the output unchanged may use it to shorten their filters.
    var occupiedBand: Double? { get }

    /// The band [low, high] (cycles/sample) that holds at least `fraction` of the expected power
    /// (0 < fraction < 1, e.g. 0.999), by the family's bound (`PowerBand.swift`), or nil when the emitter
    /// declares none (not band-limited by design, or no bound worked out; the default). A bound may
    /// reach past ±½ when the power spreads over the whole sample rate.
    func powerBand(fraction: Double) -> ClosedRange<Double>?

    /// Writes `output.count` samples, overwriting the buffer.
    func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch)
}

extension Emitter {
    public var occupiedBand: Double? { nil }
    public func powerBand(fraction: Double) -> ClosedRange<Double>? { nil }
}
