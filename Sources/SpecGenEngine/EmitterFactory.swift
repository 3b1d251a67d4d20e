import SpecGenScenario
import SpecGenSignals

/// One example's drawn emitter parameters, by name.
public struct ParameterValues {
    let values: [Double]
    let index: [String: Int]
    let family: EmitterFamily

    /// A real parameter.
    public func real(_ name: String) -> Double { values[position(name)] }
    /// An integer parameter.
    public func integer(_ name: String) -> Int { Int(values[position(name)]) }
    /// A categorical parameter's option name.
    public func category(_ name: String) -> String {
        family.parameter(name)!.options[Int(values[position(name)])]
    }

    private func position(_ name: String) -> Int {
        guard let i = index[name] else { preconditionFailure("\(family.type) has no parameter \(name)") }
        return i
    }
}

/// What every emitter may need besides its own parameters.
public struct EmitterContext: Sendable {
    public let sampleRateHz: Double
    /// Samples per example.
    public let length: Int
}

/// Makes the Signals-level emitter of a family from one example's parameters. Each group registers its
/// families in its own file (`EmitterFactory+Linear.swift`, …); a test checks that every catalogue
/// family has a maker.
public enum EmitterFactory {
    public typealias Maker = @Sendable (ParameterValues, EmitterContext) -> any Emitter

    static let makers: [String: Maker] = [linear, continuousPhase, ofdm, analog, chirp, radar, spreadSpectrum, other].reduce(into: [:]) { all, group in
        all.merge(group) { _, _ in preconditionFailure("an emitter type is registered twice") }
    }

    /// Whether `type` has a maker.
    public static func canMake(_ type: String) -> Bool { makers[type] != nil }

    static func make(_ values: ParameterValues, context: EmitterContext) -> any Emitter {
        guard let maker = makers[values.family.type] else { preconditionFailure("no maker for emitter type \(values.family.type)") }
        return maker(values, context)
    }
}
