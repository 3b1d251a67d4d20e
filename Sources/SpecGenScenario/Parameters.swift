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
    /// Every number > 0.
    public static let positive = ParameterBounds(lower: 0, lowerInclusive: false, upper: .infinity, upperInclusive: false, relativeToSampleRate: false)
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

/// What values a parameter takes.
public enum ParameterKind: Sendable, Equatable {
    case real
    case integer
    /// One of named options, written in JSON as a string (or a `choice` of strings); drawn and recorded
    /// in `/meta` as the option's index, with the names in the dataset's `categories` attribute.
    case category([String])
}

/// One parameter of an emitter or of the scenario: the single description from which validation
/// messages, documentation, the JSON Schema and metadata names are derived.
public struct ParameterSpec: Sendable {
    public let name: String
    public let unit: String
    public let summary: String
    public let kind: ParameterKind
    public let bounds: ParameterBounds
    public let defaultValue: Distribution

    public var isInteger: Bool { kind != .real }

    public init(name: String, unit: String, summary: String, isInteger: Bool = false, bounds: ParameterBounds, defaultValue: Distribution) {
        self.name = name
        self.unit = unit
        self.summary = summary
        kind = isInteger ? .integer : .real
        self.bounds = bounds
        self.defaultValue = defaultValue
    }

    /// A categorical parameter; `defaultOption` must be one of `options`.
    public init(name: String, summary: String, options: [String], defaultOption: String) {
        precondition(options.contains(defaultOption))
        self.name = name
        unit = "category"
        self.summary = summary
        kind = .category(options)
        bounds = .closed(0 ... Double(options.count - 1))
        defaultValue = .constant(Double(options.firstIndex(of: defaultOption)!))
    }

    /// The option names of a categorical parameter (empty otherwise).
    public var options: [String] {
        if case .category(let names) = kind { return names }
        return []
    }
}

/// The SNR parameter of a scenario.
public let snrParameter = ParameterSpec(
    name: "snr_db", unit: "dB", summary: "signal-to-noise ratio under snr_definition",
    bounds: .closed(-50 ... 100), defaultValue: .constant(10))
