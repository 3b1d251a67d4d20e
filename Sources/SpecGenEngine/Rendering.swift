import Numerics
import SpecGenPolicy

/// One example made in-process, with everything drawn for it: for tests, inspection and plots.
public struct RenderedExample: Sendable {
    public let index: Int
    /// C · L samples, channel-major.
    public let iq: [Complex<Float>]
    /// The same without the thermal noise, as `/iq_clean` holds it (nil unless `plan.clean`, or when
    /// rendered with `noise: false`).
    public let clean: [Complex<Float>]?
    /// Every per-example field (labels and metadata), before any release policy.
    public let fields: [String: Double]
}

extension Generator {
    /// Makes examples `range` of a plan exactly as `run` would write them (same bytes), or, with
    /// `noise: false`, the clean signal from the same draws (scaled to unit power on its own when the
    /// plan says so; `/iq_clean`, in `RenderedExample.clean`, takes the noisy example's factor instead).
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
                let clean = plan.clean && noise ? Array(buffer.clean.slice(j * size ..< (j + 1) * size)) : nil
                var fields: [String: Double] = [:]
                for (path, column) in buffer.raw { fields[path] = column[double: j] }
                result.append(RenderedExample(index: i, iq: iq, clean: clean, fields: fields))
            }
            start = part.upperBound
        }
        return result
    }
}
