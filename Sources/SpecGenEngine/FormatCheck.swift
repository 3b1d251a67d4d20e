import SpecGenPolicy
import SpecGenScenario

/// A classification level's format rules (docs/classification.md, "Format rules") against a scenario:
/// what the data representation would reveal. A scenario that asks for something the level forbids is
/// refused before anything is written, naming the scenario's JSON path, the rule and what is allowed;
/// what the rules impose instead (unit power, generic class names, the chunk shape) the run applies.
enum FormatCheck {
    /// - Throws: `PolicyRefusal` listing every conflict.
    static func check(_ plan: RunPlan, policy: ReleasePolicy) throws(PolicyRefusal) {
        guard let format = policy.format, let marking = policy.marking else { return }
        let level = marking.text("level")
        let scenario = plan.scenario
        var problems: [String] = []
        func forbid(_ path: String, _ what: String, _ rule: String, _ why: String) {
            problems.append("\(path): \(what) is not allowed at \(level): the format rule \(rule) (\(why))")
        }
        if let lengths = format.exampleLengths, !lengths.contains(plan.length) {
            forbid("$.samples_per_example", "\(plan.length)", "example_lengths is " + lengths.map(String.init).joined(separator: ", "),
                   "/iq's shape would show a length no released value explains")
        }
        if let counts = format.channelCounts, !counts.contains(plan.channels) {
            forbid(scenario.array == nil ? "$" : "$.array.elements", "\(plan.channels) receive channel\(plan.channels == 1 ? "" : "s")",
                   "channel_counts is " + counts.map(String.init).joined(separator: ", "), "/iq's channel axis shows the array size")
        }
        if !format.adcQuantization {
            for (list, stages) in [("channel", scenario.channel), ("receiver", scenario.receiver)] {
                for (i, stage) in stages.enumerated() where stage.type == "adc" {
                    forbid("$.\(list)[\(i)].type", "an ADC stage", "adc_quantization is false", "its value lattice shows the bit depth and full scale")
                }
            }
        }
        if !format.compression, scenario.output.compression != nil {
            forbid("$.output.compression", "compression", "compression is false", "the compression ratio reveals the bit depth")
        }
        if !format.spectrogram, scenario.output.spectrogram != nil {
            forbid("$.output.spectrogram", "a spectrogram", "spectrogram is false", "its shape shows the FFT size")
        }
        if !format.cleanReference, plan.clean {
            forbid(scenario.output.clean ? "$.output.clean" : "--clean", "a clean reference (/iq_clean)", "clean_reference is false or absent",
                   "/iq − /iq_clean shows each example's noise realisation, and so its exact noise power and SNR")
        }
        if format.sampleType != "complex64" {
            problems.append("the schema's format rule sample_type is \(format.sampleType); specgen writes complex64 only")
        }
        guard problems.isEmpty else {
            let schema = marking.text("schema_id")
            throw PolicyRefusal("the scenario breaks the format rules of schema \(schema) at \(level); nothing was written:\n"
                                + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
    }
}
