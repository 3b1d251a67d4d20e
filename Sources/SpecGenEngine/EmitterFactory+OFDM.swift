import SpecGenSignals

extension EmitterFactory {
    static let ofdm: [String: Maker] = [:]
}
