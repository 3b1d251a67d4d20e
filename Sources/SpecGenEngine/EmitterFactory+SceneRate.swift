import SpecGenScenario
import SpecGenSignals

/// What a scene needs to render a burst at its own rate (`docs/scenes.md`): where the family's power
/// lies, and the decimations at which it can be rendered as the same waveform.
extension EmitterFactory {
    /// The band [low, high] in capture cycles/sample (relative to the emitter's zero frequency, for
    /// `context` at decimation 1) that holds at least 99.9 % of the power of the emitter made from
    /// `values`, or nil when the family does not declare one (not band-limited by design): such a burst
    /// is rendered at the capture rate, which is always correct, only slower.
    static func sceneBand(_ values: ParameterValues, context: EmitterContext) -> ClosedRange<Double>? {
        nil
    }

    /// Whether the emitter made from `values` renders the same waveform at the capture rate ÷ P
    /// (`context.decimation` = P): its counts in capture samples divide by P as the family needs (an
    /// IFFT size, at least the family's minimum samples per symbol or chip …).
    static func supports(decimation: Int, _ values: ParameterValues, context: EmitterContext) -> Bool {
        decimation == 1
    }
}
