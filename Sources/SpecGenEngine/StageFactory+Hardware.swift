import SpecGenSignals

extension StageFactory {
    static let hardware: [String: Maker] = [:]
}
