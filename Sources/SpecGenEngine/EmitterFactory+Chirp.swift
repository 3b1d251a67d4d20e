import SpecGenSignals

extension EmitterFactory {
    static let chirp: [String: Maker] = [:]
}
