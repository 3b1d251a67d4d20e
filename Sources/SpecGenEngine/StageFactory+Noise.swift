import SpecGenSignals

extension StageFactory {
    static let noise: [String: Maker] = [:]
}
