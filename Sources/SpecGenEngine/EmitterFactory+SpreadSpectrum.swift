import SpecGenSignals

extension EmitterFactory {
    static let spreadSpectrum: [String: Maker] = [:]
}
