/// One emitter family: its scenario `type`, its parameters and their cross-checks. The catalogue is the
/// single source for validation, `specgen emitters`, the JSON Schema and the metadata names.
public struct EmitterFamily: Sendable {
    /// The scenario's `emitter.type`.
    public let type: String
    /// The group it is listed under (`linear`, `continuous phase`, `analog`, …).
    public let group: String
    public let summary: String
    public let parameters: [ParameterSpec]
    /// Checks that involve several parameters, over each parameter's support (smallest and largest
    /// value a draw can take) and the sample rate: each problem as (parameter name, message).
    public let check: (@Sendable (_ support: [String: ClosedRange<Double>], _ sampleRate: Double) -> [(parameter: String, message: String)])?
    /// The family wraps another emitter, given under the key `base` (frequency hopping).
    public let takesBase: Bool

    public init(type: String, group: String, summary: String, parameters: [ParameterSpec], takesBase: Bool = false,
                check: (@Sendable ([String: ClosedRange<Double>], Double) -> [(parameter: String, message: String)])? = nil) {
        self.type = type
        self.group = group
        self.summary = summary
        self.parameters = parameters
        self.takesBase = takesBase
        self.check = check
    }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}

/// Every emitter family specgen can make, by group. Each group lives in its own file
/// (`EmitterCatalogue+Linear.swift`, …).
public enum EmitterCatalogue {
    public static let families: [EmitterFamily] =
        linear + continuousPhase + ofdm + analog + chirp + radar + spreadSpectrum + hopping + other

    private static let byType: [String: EmitterFamily] = Dictionary(uniqueKeysWithValues: families.map { ($0.type, $0) })

    public static func family(_ type: String) -> EmitterFamily? { byType[type] }

    public static var typeNames: [String] { families.map(\.type) }
}
