import SpecGenSignals

extension EmitterFactory {
    static let analog: [String: Maker] = [:]
}
