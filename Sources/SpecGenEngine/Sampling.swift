import Foundation
import SpecGenDSP
import SpecGenScenario

extension Distribution {
    /// One draw for one example. Every parameter has its own stream (named by its metadata path), so the
    /// value does not depend on which other parameters exist or in which order they are drawn.
    /// - Parameters:
    ///   - isInteger: integer parameter (uniform is then over low … high inclusive).
    ///   - bounds: the parameter's absolute range; normal draws are clipped to it.
    func draw(_ stream: inout RandomStream, isInteger: Bool, bounds: ParameterBounds) -> Double {
        switch self {
        case .constant(let c):
            return c
        case .uniform(let low, let high):
            if isInteger {
                let span = UInt32(clamping: Int64(high) - Int64(low) + 1)
                return low + Double(stream.nextInt(below: span))
            }
            return low + (high - low) * stream.nextUnitDouble()
        case .logUniform(let low, let high):
            return low * Foundation.exp(Foundation.log(high / low) * stream.nextUnitDouble())
        case .normal(let mean, let std):
            let x = mean + std * stream.nextNormal()
            return min(max(x, bounds.lower), bounds.upper)
        case .choice(let values, let weights):
            return values[pick(weights: weights, u: stream.nextUnitDouble())]
        }
    }
}

/// The index i with cumulative weight share just above u ∈ [0, 1).
func pick(weights: [Double], u: Double) -> Int {
    let total = weights.reduce(0, +)
    var cumulative = 0.0
    for (i, w) in weights.enumerated() {
        cumulative += w
        if u * total < cumulative { return i }
    }
    return weights.count - 1
}
