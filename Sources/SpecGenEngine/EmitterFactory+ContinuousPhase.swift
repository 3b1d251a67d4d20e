import SpecGenSignals

extension EmitterFactory {
    static let continuousPhase: [String: Maker] = [:]
}
