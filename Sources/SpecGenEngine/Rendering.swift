import Numerics
import SpecGenPolicy

/// One example made in-process, with everything drawn for it: for tests, inspection and plots.
public struct RenderedExample: Sendable {
    public let index: Int
    /// C · L samples, channel-major.
    public let iq: [Complex<Float>]
    /// Every per-example field (labels and metadata), before any release policy.
    public let fields: [String: Double]
}

extension Generator {
    /// Makes examples `range` of a plan exactly as `run` would write them (same bytes), or, with
    /// `noise: false`, the clean signal from the same draws.
    public static func render(_ plan: RunPlan, examples range: Range<Int>, noise: Bool = true) -> [RenderedExample] {
        precondition(range.lowerBound >= 0 && range.upperBound <= plan.examples)
        let layout = ReleasePolicy.releaseAll.layout(for: plan.columnTypes)
        let synthesizer = ExampleSynthesizer(plan: plan, policy: .releaseAll, layout: layout)
        let buffer = BlockBuffer(plan: plan)
        let size = plan.channels * plan.length
        var result: [RenderedExample] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let part = start ..< min(range.upperBound, start + plan.blockExamples)
            synthesizer.synthesize(examples: part, into: buffer, noise: noise)
            for (j, i) in part.enumerated() {
                let iq = Array(buffer.iq.slice(j * size ..< (j + 1) * size))
                var fields: [String: Double] = [:]
                for (path, column) in buffer.raw { fields[path] = column[double: j] }
                result.append(RenderedExample(index: i, iq: iq, fields: fields))
            }
            start = part.upperBound
        }
        return result
    }
}
