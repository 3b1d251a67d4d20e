import SpecGenPolicy

/// The metadata a run produces before any release decision — what a redacted file must not contain. For
/// `specgen audit --scenario`: the examples are synthesised again (the samples are discarded; example i
/// depends only on (seed, i), so the values are the run's own) and every field is kept as drawn.
public struct RawRunMetadata: Sendable {
    /// File-level fields (root attributes, the class names, the scenario's lists), as `fileMetadata` makes them.
    public let file: [String: MetadataValue]
    /// Per-example fields, one value per example as a Double (NaN where an example's class has no such
    /// parameter), keyed by metadata path.
    public let columns: [String: [Double]]

    /// Re-derives the raw metadata of `plan` on `threads` worker threads.
    public static func derive(_ plan: RunPlan, threads: Int = 1) throws -> RawRunMetadata {
        let policy = ReleasePolicy.releaseAll
        let layout = policy.layout(for: plan.columnTypes)
        var columns: [String: [Double]] = [:]
        for path in plan.columnTypes.keys { columns[path] = [] }
        let pipeline = BlockPipeline(plan: plan, threads: max(1, min(threads, plan.blockCount)))
        try pipeline.run(makeSynthesizer: { ExampleSynthesizer(plan: plan, policy: policy, layout: layout) }, shouldStop: { false }) { block in
            for (path, values) in block.raw { columns[path, default: []] += (0 ..< values.count).map { values[double: $0] } }
        }
        return RawRunMetadata(file: Generator.fileMetadata(plan, policy: policy), columns: columns)
    }
}
