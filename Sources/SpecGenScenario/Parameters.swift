/// The allowed values of a parameter. Bounds may scale with the sample rate (the tone frequency lies in
/// (−Fs/2, Fs/2)).
public struct ParameterBounds: Sendable, Equatable {
    public var lower: Double
    public var lowerInclusive: Bool
    public var upper: Double
    public var upperInclusive: Bool
    /// Bounds are multiples of the sample rate rather than absolute.
    public var relativeToSampleRate: Bool

    public static func closed(_ range: ClosedRange<Double>) -> ParameterBounds {
        ParameterBounds(lower: range.lowerBound, lowerInclusive: true, upper: range.upperBound, upperInclusive: true, relativeToSampleRate: false)
    }
    public static let unbounded = ParameterBounds(lower: -.infinity, lowerInclusive: false, upper: .infinity, upperInclusive: false, relativeToSampleRate: false)

    /// The bounds in absolute units for a sample rate.
    public func resolved(sampleRate: Double) -> ParameterBounds {
        guard relativeToSampleRate else { return self }
        var copy = self
        copy.lower *= sampleRate
        copy.upper *= sampleRate
        copy.relativeToSampleRate = false
        return copy
    }

    public func contains(_ x: Double) -> Bool {
        (lowerInclusive ? x >= lower : x > lower) && (upperInclusive ? x <= upper : x < upper)
    }

    public var isUnbounded: Bool { lower == -.infinity && upper == .infinity }

    /// "0 … 1", "> 0", "−500000 … 500000 (exclusive)".
    public var description: String {
        if isUnbounded { return "any number" }
        if upper == .infinity { return (lowerInclusive ? "≥ " : "> ") + formatNumber(lower) }
        if lower == -.infinity { return (upperInclusive ? "≤ " : "< ") + formatNumber(upper) }
        let text = "\(formatNumber(lower)) … \(formatNumber(upper))"
        switch (lowerInclusive, upperInclusive) {
        case (true, true): return text
        case (false, false): return text + " (both ends excluded)"
        case (false, true): return text + " (low end excluded)"
        case (true, false): return text + " (high end excluded)"
        }
    }
}

/// One parameter of an emitter or of the scenario: the single description from which validation
/// messages, documentation and metadata names are derived.
public struct ParameterSpec: Sendable {
    public let name: String
    public let unit: String
    public let summary: String
    public let isInteger: Bool
    public let bounds: ParameterBounds
    public let defaultValue: Distribution

    public init(name: String, unit: String, summary: String, isInteger: Bool = false, bounds: ParameterBounds, defaultValue: Distribution) {
        self.name = name
        self.unit = unit
        self.summary = summary
        self.isInteger = isInteger
        self.bounds = bounds
        self.defaultValue = defaultValue
    }
}

/// The emitter families of scenario format 1.
public enum EmitterType: String, Sendable, CaseIterable {
    case bpsk, qpsk
    case psk8 = "8psk"
    case qam16 = "16qam"
    case tone

    public var isLinearModulation: Bool { self != .tone }

    public var parameters: [ParameterSpec] {
        switch self {
        case .bpsk, .qpsk, .psk8, .qam16: return EmitterType.linearParameters
        case .tone: return EmitterType.toneParameters
        }
    }

    static let linearParameters = [
        ParameterSpec(name: "samples_per_symbol", unit: "samples", summary: "oversampling: symbol rate = Fs / samples_per_symbol",
                      isInteger: true, bounds: .closed(2 ... 64), defaultValue: .constant(8)),
        ParameterSpec(name: "rolloff", unit: "1", summary: "root-raised-cosine excess bandwidth α",
                      bounds: .closed(0 ... 1), defaultValue: .constant(0.35)),
        ParameterSpec(name: "filter_span_symbols", unit: "symbols", summary: "RRC filter length in symbols",
                      isInteger: true, bounds: .closed(2 ... 64), defaultValue: .constant(10)),
    ]

    static let toneParameters = [
        ParameterSpec(name: "frequency_hz", unit: "Hz", summary: "tone frequency relative to the capture centre",
                      bounds: ParameterBounds(lower: -0.5, lowerInclusive: false, upper: 0.5, upperInclusive: false, relativeToSampleRate: true),
                      defaultValue: .constant(0)),
        ParameterSpec(name: "phase_rad", unit: "rad", summary: "initial phase",
                      bounds: .unbounded, defaultValue: .uniform(low: 0, high: 2 * Double.pi)),
    ]
}

/// The SNR parameter of a scenario.
public let snrParameter = ParameterSpec(
    name: "snr_db", unit: "dB", summary: "signal-to-noise ratio under snr_definition",
    bounds: .closed(-50 ... 100), defaultValue: .constant(10))
