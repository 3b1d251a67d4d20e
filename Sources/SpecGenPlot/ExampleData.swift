import Foundation
import SpecGenDSP
import SpecGenHDF5

/// Everything the figures show about one example, read from the file alone (never the scenario, so a
/// redacted file shows only what it releases): its samples on one channel, label, SNR, the sample rate
/// when the file gives a real one, its annotations and how to make its constellation.
public struct ExampleData {
    public let index: Int
    public let channel: Int
    /// Complex samples, interleaved re/im.
    public let samples: [Float]
    public var sampleCount: Int { samples.count / 2 }
    /// The class name (`/labels/class_names[class_index]`), or `class k` without names; nil without a class.
    public let className: String?
    public let snrDecibels: Double?
    /// `snr_definition` (`es_n0`, `per_sample`) when the file releases it.
    public let snrDefinition: String?
    /// The sample rate in Hz, or nil when the file does not release one or gives the normalised 1.0.
    public let sampleRateHz: Double?
    /// Whether the file has `/annotations`, and this example's rows of it.
    public let annotated: Bool
    public let annotations: [Annotation]
    /// What the title calls the example: its class, or for a scene its number of bursts.
    public var headline: String {
        if let className { return className }
        if annotated { return annotations.count == 1 ? "1 burst" : "\(annotations.count) bursts" }
        return "unlabelled"
    }
    /// The names of annotation class indices.
    public let classNames: [String]?
    /// How the constellation panel is made, or why there is none.
    public let symbols: Result<SymbolTiming, NoConstellation>

    /// The matched filter and symbol rate of a linearly modulated example.
    public struct SymbolTiming: Sendable {
        public var samplesPerSymbol: Double
        public var pulse: PulseShape
        public var pulseParameter: Double
        public var spanSymbols: Int
        /// What was assumed because the file does not say it (empty when nothing was).
        public var assumptions: [String]
    }

    /// Why an example has no constellation panel.
    public struct NoConstellation: Error, Sendable {
        public let reason: String
    }

    /// Reads example `index` on `channel`. Throws `HDF5Error`/`DatasetFileError` on unreadable data.
    /// - Precondition: index and channel in range (the caller reports bad ones as input errors).
    public init(file: ExampleFile, index: Int, channel: Int) throws {
        self.index = index
        self.channel = channel
        samples = try file.samples(example: index, channel: channel)
        classNames = try file.classNames()
        if let classIndex = try file.value("labels.class_index", example: index), classIndex.isFinite {
            let k = Int(classIndex)
            className = classNames.flatMap { $0.indices.contains(k) ? $0[k] : nil } ?? "class \(k)"
        } else {
            className = nil
        }
        snrDecibels = try file.value("labels.snr_db", example: index).flatMap { $0.isFinite ? $0 : nil }
        if case .text(let definition) = try file.rootAttribute("snr_definition") { snrDefinition = definition } else { snrDefinition = nil }
        switch try file.rootAttribute("sample_rate_hz") {
        case .real(let rate) where rate.isFinite && rate > 0 && rate != 1: sampleRateHz = rate
        case .integer(let rate) where rate > 1: sampleRateHz = Double(rate)
        default: sampleRateHz = nil
        }
        annotated = file.hasAnnotations
        annotations = try file.annotations(example: index)
        symbols = try Self.symbolTiming(file: file, index: index, bursts: annotated ? annotations.count : 1)
    }

    /// The constellation recipe from the example's `/meta` (docs/plot.md "Constellation").
    static func symbolTiming(file: ExampleFile, index: Int, bursts: Int) throws -> Result<SymbolTiming, NoConstellation> {
        func meta(_ path: String) throws -> Double? { try file.value(path, example: index).flatMap { $0.isFinite ? $0 : nil } }
        guard bursts == 1 else {
            return .failure(NoConstellation(reason: bursts == 0 ? "no burst annotated in this example" : "\(bursts) bursts: a constellation needs a single emitter"))
        }
        guard let sps = try meta("emitter.samples_per_symbol"), sps >= 1 else {
            return .failure(NoConstellation(reason: "not a linear modulation (no emitter.samples_per_symbol for this example)"))
        }
        if try meta("emitter.modulation_index") != nil {
            return .failure(NoConstellation(reason: "continuous-phase modulation (emitter.modulation_index): no constellation"))
        }
        var assumptions: [String] = []
        let rolloff = try meta("emitter.rolloff"), bandwidthTime = try meta("emitter.bandwidth_time")
        let pulse: PulseShape
        if let index = try meta("emitter.pulse") {
            let names = try file.categories("emitter.pulse") ?? []
            guard names.indices.contains(Int(index)), let shape = PulseShape(rawValue: names[Int(index)]) else {
                return .failure(NoConstellation(reason: "unknown pulse shape index \(Int(index))"))
            }
            pulse = shape
        } else if rolloff != nil {
            pulse = .rootRaisedCosine
            assumptions.append("pulse not recorded: rrc assumed from emitter.rolloff")
        } else if bandwidthTime != nil {
            return .failure(NoConstellation(reason: "continuous-phase modulation (Gaussian, no pulse recorded): no constellation"))
        } else {
            pulse = .rectangular
            assumptions.append("pulse not recorded: rectangular matched filter")
        }
        var parameter = 0.0
        switch pulse {
        case .rootRaisedCosine, .raisedCosine:
            if let rolloff { parameter = rolloff } else { parameter = 0.35; assumptions.append("roll-off not recorded: 0.35 assumed") }
        case .gaussian:
            if let bandwidthTime { parameter = bandwidthTime } else { parameter = 0.3; assumptions.append("BT not recorded: 0.3 assumed") }
        case .rectangular, .halfSine: break
        }
        var span = 10
        if let recorded = try meta("emitter.filter_span_symbols") { span = max(1, Int(recorded.rounded())) }
        else if pulse != .rectangular && pulse != .halfSine { assumptions.append("filter span not recorded: 10 symbols assumed") }
        return .success(SymbolTiming(samplesPerSymbol: sps, pulse: pulse, pulseParameter: parameter, spanSymbols: span, assumptions: assumptions))
    }

    /// The name of annotation class `k`.
    public func annotationClassName(_ k: Int) -> String {
        classNames.flatMap { $0.indices.contains(k) ? $0[k] : nil } ?? "class \(k)"
    }

    /// "QPSK · SNR 12.3 dB (Es/N0)" style caption parts.
    public var snrText: String? {
        guard let snr = snrDecibels else { return nil }
        let definition = switch snrDefinition {
        case "es_n0": " (Es/N0)"
        case "per_sample": " (per sample)"
        default: ""
        }
        return "SNR \(formatted(snr, decimals: 1)) dB\(definition)"
    }
}

/// `value` with a fixed number of decimals.
func formatted(_ value: Double, decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
}
