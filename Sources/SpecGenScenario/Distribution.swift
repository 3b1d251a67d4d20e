/// A numeric scenario parameter: a constant or a distribution to draw from once per example.
public enum Distribution: Sendable, Equatable {
    case constant(Double)
    /// Uniform on [low, high); for integer parameters uniform on low … high inclusive.
    case uniform(low: Double, high: Double)
    /// Log-uniform on [low, high), 0 < low < high.
    case logUniform(low: Double, high: Double)
    /// Gaussian; draws are clipped to the parameter's range (accepted only 6 σ inside it).
    case normal(mean: Double, std: Double)
    /// One of `values`, with probability proportional to `weights`.
    case choice(values: [Double], weights: [Double])

    /// The JSON names of the distribution forms.
    public static let formNames = ["choice", "loguniform", "normal", "uniform"]

    /// The smallest and largest value a draw can take (± infinity for the normal).
    public var support: ClosedRange<Double> {
        switch self {
        case .constant(let c): return c ... c
        case .uniform(let low, let high), .logUniform(let low, let high): return low ... high
        case .normal: return -Double.infinity ... Double.infinity
        case .choice(let values, _): return values.min()! ... values.max()!
        }
    }

    /// Whether every draw is the same value.
    public var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }
}
