import SpecGenDSP
import SpecGenScenario
import SpecGenSignals

/// One example's emitter as a scene burst sees it — its declared band, the decimations it supports and
/// the emitter made at any of them — for tests and inspection (the scene engine calls
/// `EmitterFactory.sceneBand` and `supports(decimation:)` itself). The class and the parameters are
/// drawn for the example exactly as `ExampleSynthesizer` draws them.
public struct SceneRateProbe {
    let values: ParameterValues
    /// The capture's context: the plan's rate and example length.
    let capture: EmitterContext

    public init(plan: RunPlan, example: Int) {
        let i = UInt64(example)
        var classStream = RandomStream(seed: plan.seed, example: i, stream: .classChoice)
        let c = pick(weights: plan.scenario.classes.map(\.weight), u: classStream.nextUnitDouble())
        var drawn = [Double](repeating: .nan, count: plan.emitterParameters.count)
        for slot in plan.classSlots[c] {
            var stream = RandomStream(seed: plan.seed, example: i, stream: slot.stream)
            drawn[slot.column] = slot.distribution.draw(&stream, isInteger: slot.isInteger, bounds: slot.bounds)
        }
        values = ParameterValues(values: drawn, columns: plan.columnIndex, spec: plan.scenario.classes[c].emitter)
        capture = EmitterContext(sampleRateHz: plan.scenario.sampleRateHz, length: plan.length)
    }

    /// `EmitterFactory.sceneBand`: capture cycles/sample, or nil.
    public var sceneBand: ClosedRange<Double>? { EmitterFactory.sceneBand(values, context: capture) }

    /// `EmitterFactory.supports(decimation:)`.
    public func supports(decimation: Int) -> Bool { EmitterFactory.supports(decimation: decimation, values, context: capture) }

    /// The emitter made at the capture rate ÷ P for a burst of ⌈L/P⌉ samples (P must be supported).
    public func emitter(decimation p: Int) -> any Emitter {
        precondition(supports(decimation: p), "decimation \(p) is not supported")
        var context = EmitterContext(sampleRateHz: capture.sampleRateHz / Double(p), length: (capture.length + p - 1) / p)
        context.decimation = p
        return EmitterFactory.make(values, context: context)
    }
}
