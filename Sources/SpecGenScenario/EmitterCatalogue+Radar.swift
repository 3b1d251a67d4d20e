extension EmitterCatalogue {
    /// The PRI laws, in the order of their option indices.
    static let priModes = ["constant", "stagger", "jitter"]
    static let barkerCodes = ["barker7", "barker11", "barker13"]
    static let barkerLengths = [7, 11, 13]
    static let polyphaseCodes = ["frank", "p1", "p2", "p3", "p4"]

    /// The pulse-train parameters every radar family shares; defaults differ per family.
    static func pulseTrain(pulseWidth: Double, pri: Double) -> [ParameterSpec] {
        [
            ParameterSpec(name: "pulse_width_s", unit: "s", summary: "pulse width W (at least one sample, and one sample per code chip)",
                          bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true, relativeToSampleRate: false),
                          defaultValue: .constant(pulseWidth)),
            ParameterSpec(name: "pri_s", unit: "s", summary: "pulse repetition interval T (the shortest of a stagger; the mean under jitter); never shorter than the pulse",
                          bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 10, upperInclusive: true, relativeToSampleRate: false),
                          defaultValue: .constant(pri)),
            ParameterSpec(name: "pri_mode", summary: "PRI law: constant T; stagger (a cycle of pri_stagger_count intervals evenly spaced from T to pri_stagger_ratio·T); jitter (independent, uniform on T·(1 ± pri_jitter_fraction))",
                          options: priModes, defaultOption: "constant"),
            ParameterSpec(name: "pri_stagger_count", unit: "intervals", summary: "intervals in the stagger cycle (pri_mode stagger)",
                          isInteger: true, bounds: .closed(2 ... 16), defaultValue: .constant(3)),
            ParameterSpec(name: "pri_stagger_ratio", unit: "1", summary: "longest over shortest interval of the stagger cycle (pri_mode stagger)",
                          bounds: .closed(1 ... 4), defaultValue: .constant(1.25)),
            ParameterSpec(name: "pri_jitter_fraction", unit: "1", summary: "half-width of the uniform PRI jitter relative to pri_s (pri_mode jitter)",
                          bounds: .closed(0 ... 0.5), defaultValue: .constant(0.1)),
        ]
    }

    /// Cross-checks of a pulse train: the pulse lasts at least one sample, every chip of its code too,
    /// and no interval is shorter than the pulse. `chips` gives the largest chip count over the support.
    static func pulseTrainCheck(chips: @escaping @Sendable ([String: ClosedRange<Double>]) -> Int)
        -> @Sendable ([String: ClosedRange<Double>], Double) -> [(parameter: String, message: String)] {
        { support, sampleRate in
            guard let width = support["pulse_width_s"], let pri = support["pri_s"], let mode = support["pri_mode"],
                  let jitter = support["pri_jitter_fraction"] else { return [] }
            var problems = unboundedSupports(support, ["pulse_width_s", "pri_s", "pri_jitter_fraction"])
            guard problems.isEmpty else { return problems }
            let sample = 1 / sampleRate
            if width.lowerBound < sample {
                problems.append(("pulse_width_s", "a pulse of \(formatNumber(width.lowerBound)) s is shorter than one sample (1/Fs = \(formatNumber(sample)) s)"))
            } else {
                let n = chips(support)
                if n > 1, width.lowerBound / Double(n) < sample {
                    problems.append(("pulse_width_s", "a code chip is shorter than one sample: a pulse of \(formatNumber(width.lowerBound)) s holds \(n) chips of \(formatNumber(width.lowerBound / Double(n))) s, and 1/Fs = \(formatNumber(sample)) s; make pulses at least \(formatNumber(Double(n) * sample)) s long"))
                }
            }
            let jittered = mode.upperBound >= 2  // the support reaches "jitter"
            let shortest = pri.lowerBound * (jittered ? 1 - jitter.upperBound : 1)
            if shortest < width.upperBound {
                let which = jittered ? "the shortest interval, pri_s × (1 − pri_jitter_fraction) = \(formatNumber(shortest)) s," : "a PRI of \(formatNumber(shortest)) s"
                problems.append(("pri_s", "PRI shorter than the pulse: \(which) is below the longest pulse, \(formatNumber(width.upperBound)) s"))
            }
            return problems
        }
    }

    /// A problem for each named parameter whose support is unbounded (a normal distribution): the
    /// cross-checks need a smallest and a largest value.
    static func unboundedSupports(_ support: [String: ClosedRange<Double>], _ names: [String]) -> [(parameter: String, message: String)] {
        names.compactMap { name in
            guard let range = support[name], !(range.lowerBound.isFinite && range.upperBound.isFinite) else { return nil }
            return (name, "a normal distribution is unbounded, but this parameter takes part in cross-checks that need its smallest and largest value; use uniform, loguniform or choice")
        }
    }

    static let radar: [EmitterFamily] = [
        EmitterFamily(type: "radar_pulse", group: "radar", summary: "unmodulated rectangular radar pulses on a constant, staggered or jittered PRI",
                      parameters: pulseTrain(pulseWidth: 10e-6, pri: 100e-6), check: pulseTrainCheck { _ in 1 }),
        EmitterFamily(type: "radar_lfm", group: "radar", summary: "radar pulses with linear FM (chirp) from −B/2 to +B/2",
                      parameters: pulseTrain(pulseWidth: 50e-6, pri: 250e-6) + [
                          ParameterSpec(name: "bandwidth_hz", unit: "Hz", summary: "swept bandwidth B of each pulse",
                                        bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: true, relativeToSampleRate: true),
                                        defaultValue: .constant(200e3)),
                      ], check: pulseTrainCheck { _ in 1 }),
        EmitterFamily(type: "radar_barker", group: "radar", summary: "radar pulses phase-coded by a Barker code (7, 11 or 13 chips)",
                      parameters: pulseTrain(pulseWidth: 26e-6, pri: 200e-6) + [
                          ParameterSpec(name: "barker_code", summary: "the Barker code of each pulse", options: barkerCodes, defaultOption: "barker13"),
                      ], check: pulseTrainCheck { support in barkerLengths[Int(support["barker_code"]?.upperBound ?? 2)] }),
        EmitterFamily(type: "radar_polyphase", group: "radar", summary: "radar pulses phase-coded by a Frank, P1, P2, P3 or P4 code of M² chips",
                      parameters: pulseTrain(pulseWidth: 32e-6, pri: 256e-6) + [
                          ParameterSpec(name: "polyphase_code", summary: "the polyphase code (Frank; Lewis–Kretschmer P1, P2, P3, P4)",
                                        options: polyphaseCodes, defaultOption: "frank"),
                          ParameterSpec(name: "polyphase_order", unit: "1", summary: "code order M: M² chips per pulse (P2 is meant for even M)",
                                        isInteger: true, bounds: .closed(2 ... 16), defaultValue: .constant(4)),
                      ], check: pulseTrainCheck { support in
                          let m = Int(support["polyphase_order"]?.upperBound ?? 16)
                          return m * m
                      }),
    ]
}
