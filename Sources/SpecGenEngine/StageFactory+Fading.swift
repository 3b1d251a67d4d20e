import SpecGenSignals

extension StageFactory {
    static let fading: [String: Maker] = [:]
}
