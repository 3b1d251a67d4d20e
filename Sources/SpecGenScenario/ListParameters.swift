/// A list-valued scenario parameter: a fixed list of numbers (a tap list, a mask) or of points (element
/// positions). Unlike a `ParameterSpec` it is not drawn: it is a constant of the scenario, recorded once
/// per file (a root attribute named by its metadata path, e.g. `channel.fading.delays_s`), not per example.
public struct ListParameterSpec: Sendable {
    public let name: String
    public let unit: String
    public let summary: String
    /// Numbers per entry: 1 (a list of numbers) or 3 (a list of [x, y, z] points).
    public let width: Int
    /// The range of every number.
    public let bounds: ParameterBounds
    /// How many entries the list may hold.
    public let count: ClosedRange<Int>

    public init(name: String, unit: String, summary: String, width: Int = 1, bounds: ParameterBounds, count: ClosedRange<Int>) {
        precondition(width == 1 || width == 3, "list entries are numbers or 3-vectors")
        self.name = name
        self.unit = unit
        self.summary = summary
        self.width = width
        self.bounds = bounds
        self.count = count
    }

    /// "a list of 1 … 64 numbers, each ≥ 0", "a list of 2 … 64 [x, y, z] points, each coordinate -100 … 100".
    public var allowed: String {
        width == 1 ? "a list of \(count.lowerBound) … \(count.upperBound) numbers, each \(bounds.description)"
            : "a list of \(count.lowerBound) … \(count.upperBound) [x, y, z] points, each coordinate \(bounds.description)"
    }
}

/// A list as read from a scenario: the numbers, entry after entry (width numbers each).
public struct ListValue: Sendable, Equatable {
    public let values: [Double]
    public let width: Int

    public init(values: [Double], width: Int) {
        precondition(width >= 1 && values.count % width == 0)
        self.values = values
        self.width = width
    }

    public var count: Int { values.count / width }

    /// The shape recorded in the file: (count,) for numbers, (count, width) for points.
    public var shape: [Int] { width == 1 ? [count] : [count, width] }

    public subscript(entry: Int) -> ArraySlice<Double> { values[entry * width ..< (entry + 1) * width] }
}

/// What a stage's cross-check sees: every parameter's distribution, the lists that were given, which keys
/// the stage object spelled out, and the scenario's sample rate and example length.
public struct StageCheckInput: Sendable {
    public let parameters: [String: Distribution]
    public let lists: [String: ListValue]
    public let given: Set<String>
    public let sampleRate: Double
    /// Samples per example; nil when that key itself was refused.
    public let samplesPerExample: Int?

    /// Whether a categorical parameter can take `option` (its constant or one of its choice values).
    public func canBe(_ name: String, option index: Int) -> Bool {
        switch parameters[name] {
        case .constant(let c)?: return Int(c) == index
        case .choice(let values, _)?: return values.contains(Double(index))
        default: return false
        }
    }
}
