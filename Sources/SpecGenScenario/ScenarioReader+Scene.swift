/// Reading the `scene` object (docs/scenes.md).
extension ScenarioReader {
    mutating func sceneOptions(_ value: JSONValue, at path: String, sampleRate: Double?, length: Int64?) -> SceneSpec? {
        let keys = ["bursts", "centre_hz", "continuous_probability", "duration_s", "max_placement_attempts", "overlap", "overlap_probability"]
        guard let members = object(value, at: path, allowed: keys, required: [], what: "scene options") else { return nil }
        var valid = true
        func drawn(_ spec: ParameterSpec) -> Distribution? {
            guard let given = members[spec.name] else { return spec.defaultValue }
            let d = distribution(given, at: "\(path).\(spec.name)", spec: spec, sampleRate: sampleRate)
            if d == nil { valid = false }
            return d
        }
        let bursts = drawn(SceneSpec.burstsSpec)
        let duration = drawn(SceneSpec.durationSpec)
        var centre: Distribution?
        if members["centre_hz"] != nil {
            centre = drawn(SceneSpec.centreSpec)
        }
        var continuous = 0.0
        if let p = members["continuous_probability"] {
            if let x = number(p, at: "\(path).continuous_probability", bounds: .closed(0 ... 1)) { continuous = x } else { valid = false }
        }
        var overlap = SceneSpec.Overlap.none
        if let o = members["overlap"] {
            if let text = string(o, at: "\(path).overlap", allowed: SceneSpec.Overlap.allCases.map(\.rawValue)) {
                overlap = SceneSpec.Overlap(rawValue: text)!
            } else {
                valid = false
            }
        }
        var overlapProbability = 0.0
        if let p = members["overlap_probability"] {
            if overlap != .any {
                fail("\(path).overlap_probability", "applies only to \"overlap\": \"any\" (this scene's overlap is \(overlap.rawValue)); remove it or set overlap to any")
                valid = false
            } else if let x = number(p, at: "\(path).overlap_probability", bounds: .closed(0 ... 1)) {
                overlapProbability = x
            } else {
                valid = false
            }
        } else if overlap == .any {
            overlapProbability = 1
        }
        var attempts = SceneSpec.defaultMaxPlacementAttempts
        if let a = members["max_placement_attempts"] {
            if let n = integer(a, at: "\(path).max_placement_attempts", range: 1 ... 100_000) { attempts = Int(n) } else { valid = false }
        }
        // What can never fit is refused here, not in the middle of a run.
        if let duration, let sampleRate, let length {
            let capture = Double(length) / sampleRate
            let support = duration.support
            if support.upperBound > capture {
                fail("\(path).duration_s", "a burst of up to \(formatNumber(support.upperBound)) s is longer than the capture (\(length) samples = \(formatNumber(capture)) s at \(formatNumber(sampleRate)) Hz); allowed: up to \(formatNumber(capture)) s")
                valid = false
            }
            let shortest = Double(SceneSpec.minimumBurstSamples) / sampleRate
            if support.lowerBound < shortest {
                fail("\(path).duration_s", "a burst of \(formatNumber(support.lowerBound)) s is shorter than \(SceneSpec.minimumBurstSamples) samples (\(formatNumber(shortest)) s), too short to measure its band; allowed: \(formatNumber(shortest)) … \(formatNumber(capture)) s")
                valid = false
            }
        }
        if let length, length < Int64(SceneSpec.minimumBurstSamples) {
            fail("$.samples_per_example", "a scene's capture needs at least \(SceneSpec.minimumBurstSamples) samples, got \(length)")
            valid = false
        }
        guard valid, let bursts, let duration else { return nil }
        return SceneSpec(bursts: bursts, durationS: duration, continuousProbability: continuous, centreHz: centre, overlap: overlap,
                         overlapProbability: overlapProbability, maxPlacementAttempts: attempts)
    }
}
