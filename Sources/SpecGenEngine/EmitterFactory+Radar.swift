import SpecGenSignals

extension EmitterFactory {
    static let radar: [String: Maker] = [:]
}
