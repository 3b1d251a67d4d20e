import SpecGenPolicy

/// The metadata a run produces before any release decision — what a redacted file must not contain. For
/// `specgen audit --scenario`: the examples are synthesised again (the samples are discarded; example i
/// depends only on (seed, i), so the values are the run's own) and every field is kept as drawn — a
/// scene's per-burst rows included.
public struct RawRunMetadata: Sendable {
    /// File-level fields (root attributes, the class names, the scenario's lists), as `fileMetadata` makes them.
    public let file: [String: MetadataValue]
    /// Per-example fields, one value per example as a Double (NaN where an example's class has no such
    /// parameter), keyed by metadata path.
    public let columns: [String: [Double]]
    /// A scene's `/annotations` fields, one value per burst in file order (NaN where a burst's class has
    /// no such parameter), keyed by metadata path (`annotations.emitter.frequency_hz`); empty without a
    /// scene. The scene synthesis draws and measures them, so re-deriving them means synthesising again.
    public let annotations: [String: [Double]]

    /// A per-example or per-burst field's raw values.
    public func values(of path: String) -> [Double]? { columns[path] ?? annotations[path] }

    /// Re-derives the raw metadata of `plan` on `threads` worker threads.
    public static func derive(_ plan: RunPlan, threads: Int = 1) throws -> RawRunMetadata {
        let policy = ReleasePolicy.releaseAll
        let layout = policy.layout(for: plan.columnTypes)
        var columns: [String: [Double]] = [:], annotations: [String: [Double]] = [:]
        for path in plan.columnTypes.keys { columns[path] = [] }
        for path in plan.annotationTypes.keys { annotations[path] = [] }
        let pipeline = BlockPipeline(plan: plan, threads: max(1, min(threads, plan.blockCount)))
        // Blocks arrive in order, so a scene's rows stay in file order.
        try pipeline.run(makeSynthesizer: { ExampleSynthesizer(plan: plan, policy: policy, layout: layout) }, shouldStop: { false }) { block in
            for (path, values) in block.raw { columns[path, default: []] += (0 ..< values.count).map { values[double: $0] } }
            for (path, values) in block.rawAnnotations { annotations[path, default: []] += (0 ..< values.count).map { values[double: $0] } }
        }
        return RawRunMetadata(file: Generator.fileMetadata(plan, policy: policy), columns: columns, annotations: annotations)
    }
}
