import SpecGenSignals

extension StageFactory {
    static let offsets: [String: Maker] = [:]
}
