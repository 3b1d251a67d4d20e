import SpecGenScenario
import SpecGenSignals

/// What a scene needs to render a burst at its own rate (`docs/scene-rates.md`): where the family's power
/// lies, and the decimations at which it can be rendered as the same waveform.
extension EmitterFactory {
    /// Whether the emitter made from the values renders the same waveform at the capture rate ÷ P, given
    /// the capture's context (decimation 1) and P > 1. Each group registers its families in its own file,
    /// beside their makers (`linearDecimation` in `EmitterFactory+Linear.swift`, …); a family without a
    /// rule renders at the capture rate only.
    typealias DecimationRule = @Sendable (ParameterValues, EmitterContext, Int) -> Bool

    static let decimationRules: [String: DecimationRule] = [
        linearDecimation, continuousPhaseDecimation, ofdmDecimation, analogDecimation, chirpDecimation, radarDecimation,
        spreadSpectrumDecimation, hoppingDecimation, otherDecimation,
    ].reduce(into: [:]) { all, group in
        all.merge(group) { _, _ in preconditionFailure("an emitter type has two decimation rules") }
    }

    /// The share of the power `sceneBand` holds at least.
    static let sceneBandFraction = 0.999

    /// Added either side of every declared band, cycles/sample of the capture: lines (a tone, an AM
    /// carrier) get a usable width, and a periodogram of a few thousand points resolves the band.
    static let sceneBandGuard = 1.0 / 1024

    /// The band [low, high] in capture cycles/sample (relative to the emitter's zero frequency, for
    /// `context` at decimation 1) that holds at least 99.9 % of the power of the emitter made from
    /// `values`, or nil when the family does not declare one (not band-limited by design): such a burst
    /// is rendered at the capture rate, which is always correct, only slower.
    ///
    /// The emitter is made at the capture rate and asked for its `powerBand` (the bounds per family are
    /// derived in `PowerBand.swift`), widened by `sceneBandGuard`; a band that does not fit inside ±½ is
    /// nil. A `context` at a decimation P is taken back to the capture rate first.
    static func sceneBand(_ values: ParameterValues, context: EmitterContext) -> ClosedRange<Double>? {
        let emitter = make(values, context: captureContext(context))
        guard let band = emitter.powerBand(fraction: sceneBandFraction) else { return nil }
        let low = band.lowerBound - sceneBandGuard, high = band.upperBound + sceneBandGuard
        guard low > -0.5, high < 0.5 else { return nil }
        return low ... high
    }

    /// Whether the emitter made from `values` renders the same waveform at the capture rate ÷ P
    /// (`context.decimation` = P): its counts in capture samples divide by P as the family needs (an
    /// IFFT size, at least the family's minimum samples per symbol or chip …) and its frequencies stay
    /// inside ±½ of the burst rate. `context` is the capture's, or any decimation of it (taken back to
    /// the capture rate first). P = 1 always holds; gating holds at any P (its on and off times are in
    /// seconds).
    static func supports(decimation: Int, _ values: ParameterValues, context: EmitterContext) -> Bool {
        guard decimation > 1 else { return decimation == 1 }
        guard let rule = decimationRules[values.family.type] else { return false }
        return rule(values, captureContext(context), decimation)
    }

    /// `context` at decimation 1: the capture's rate and length.
    static func captureContext(_ context: EmitterContext) -> EmitterContext {
        guard context.decimation != 1 else { return context }
        let p = context.decimation
        return EmitterContext(sampleRateHz: context.sampleRateHz * Double(p), length: context.length * p)
    }

    /// Whether a frequency of f cycles/sample of the capture lies strictly inside ±½ at the capture rate ÷ P.
    static func insideBurstRate(_ f: Double, _ decimation: Int) -> Bool { abs(f) * Double(decimation) < 0.5 }
}
