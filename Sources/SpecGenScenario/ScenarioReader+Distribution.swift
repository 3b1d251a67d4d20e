/// Reading a parameter that is a constant or a distribution, and checking its whole support against the
/// parameter's range before anything is generated.
extension ScenarioReader {
    mutating func distribution(_ value: JSONValue, at path: String, spec: ParameterSpec, sampleRate: Double?) -> Distribution? {
        // Bounds that scale with the sample rate cannot be checked when the sample rate itself is bad.
        if spec.bounds.relativeToSampleRate && sampleRate == nil { return nil }
        let bounds = spec.bounds.resolved(sampleRate: sampleRate ?? 1)
        if case .category(let options) = spec.kind { return category(value, at: path, spec: spec, options: options) }
        let kind = spec.isInteger ? "an integer" : "a number"
        let forms = spec.isInteger ? ["choice", "uniform"] : Distribution.formNames
        let formList = forms.map { "{\"\($0)\": …}" }.joined(separator: ", ")
        switch value {
        case .integer, .number:
            return scalar(value, at: path, spec: spec, bounds: bounds).map { .constant($0) }
        case .object(let members):
            guard members.count == 1, let (form, body) = members.first else {
                fail(path, "a distribution has exactly one key, one of \(formList); got \(value.shortDescription)")
                return nil
            }
            guard forms.contains(form) else {
                var message = "\"\(form)\" is not a distribution allowed here"
                if let guess = suggestion(for: form, among: forms) { message += "; did you mean \"\(guess)\"?" }
                if spec.isInteger && Distribution.formNames.contains(form) { message = "\"\(form)\" cannot produce integers" }
                fail(path, message + ". \(spec.name) takes \(kind) or one of \(formList)")
                return nil
            }
            return distributionBody(form: form, body: body, at: "\(path).\(form)", spec: spec, bounds: bounds)
        default:
            fail(path, "expected \(kind) (\(bounds.description)) or a distribution (\(formList)), got \(value.shortDescription)")
            return nil
        }
    }

    private mutating func scalar(_ value: JSONValue, at path: String, spec: ParameterSpec, bounds: ParameterBounds) -> Double? {
        guard let x = number(value, at: path, bounds: bounds) else { return nil }
        if spec.isInteger && x != x.rounded() {
            fail(path, "\(formatNumber(x)) is not an integer; \(spec.name) counts \(spec.unit)")
            return nil
        }
        return x
    }

    private mutating func distributionBody(form: String, body: JSONValue, at path: String, spec: ParameterSpec, bounds: ParameterBounds) -> Distribution? {
        switch form {
        case "uniform", "loguniform":
            guard let m = object(body, at: path, allowed: ["high", "low"], required: ["high", "low"], what: "a \(form) distribution"),
                  let lowValue = m["low"], let highValue = m["high"],
                  let low = scalar(lowValue, at: "\(path).low", spec: spec, bounds: bounds),
                  let high = scalar(highValue, at: "\(path).high", spec: spec, bounds: bounds) else { return nil }
            guard low < high || (spec.isInteger && low == high) else {
                fail(path, "low (\(formatNumber(low))) must be below high (\(formatNumber(high)))")
                return nil
            }
            if form == "loguniform" {
                guard low > 0 else {
                    fail("\(path).low", "a loguniform distribution needs low > 0, got \(formatNumber(low))")
                    return nil
                }
                return .logUniform(low: low, high: high)
            }
            return .uniform(low: low, high: high)
        case "normal":
            guard let m = object(body, at: path, allowed: ["mean", "std"], required: ["mean", "std"], what: "a normal distribution"),
                  let meanValue = m["mean"], let stdValue = m["std"],
                  let mean = number(meanValue, at: "\(path).mean", bounds: bounds),
                  let std = number(stdValue, at: "\(path).std", bounds: .positive)
            else { return nil }
            if !bounds.isUnbounded, !(bounds.contains(mean - 6 * std) && bounds.contains(mean + 6 * std)) {
                fail(path, "mean ± 6·std (\(formatNumber(mean - 6 * std)) … \(formatNumber(mean + 6 * std))) leaves the allowed range \(bounds.description); use a narrower normal or a uniform")
                return nil
            }
            return .normal(mean: mean, std: std)
        default:  // "choice"
            guard let m = object(body, at: path, allowed: ["values", "weights"], required: ["values"], what: "a choice distribution"),
                  let valuesValue = m["values"] else { return nil }
            guard case .array(let items) = valuesValue, !items.isEmpty else {
                fail("\(path).values", "expected a non-empty array of values, got \(valuesValue.shortDescription)")
                return nil
            }
            let values = items.enumerated().map { scalar($1, at: "\(path).values[\($0)]", spec: spec, bounds: bounds) }
            guard let weights = choiceWeights(m["weights"], at: "\(path).weights", count: items.count),
                  values.allSatisfy({ $0 != nil }) else { return nil }
            return .choice(values: values.map { $0! }, weights: weights)
        }
    }

    /// A categorical parameter: an option name, or `{"choice": {"values": [names], "weights": [...]}}`;
    /// held as option indices.
    private mutating func category(_ value: JSONValue, at path: String, spec: ParameterSpec, options: [String]) -> Distribution? {
        let allowed = options.map { "\"\($0)\"" }.joined(separator: ", ")
        func index(_ v: JSONValue, at p: String) -> Double? {
            string(v, at: p, allowed: options).flatMap { options.firstIndex(of: $0) }.map(Double.init)
        }
        switch value {
        case .string:
            return index(value, at: path).map { .constant($0) }
        case .object(let members):
            guard members.count == 1, let body = members["choice"],
                  let m = object(body, at: "\(path).choice", allowed: ["values", "weights"], required: ["values"], what: "a choice of options"),
                  let valuesValue = m["values"] else {
                if members.count != 1 || members["choice"] == nil {
                    fail(path, "\(spec.name) takes one of \(allowed) or {\"choice\": {\"values\": [...]}}; got \(value.shortDescription)")
                }
                return nil
            }
            guard case .array(let items) = valuesValue, !items.isEmpty else {
                fail("\(path).choice.values", "expected a non-empty array of options (\(allowed)), got \(valuesValue.shortDescription)")
                return nil
            }
            let indices = items.enumerated().map { index($1, at: "\(path).choice.values[\($0)]") }
            guard let weights = choiceWeights(m["weights"], at: "\(path).choice.weights", count: items.count),
                  indices.allSatisfy({ $0 != nil }) else { return nil }
            return .choice(values: indices.map { $0! }, weights: weights)
        default:
            fail(path, "expected one of \(allowed) (or a choice of them), got \(value.shortDescription)")
            return nil
        }
    }

    /// The optional `weights` of a choice: `count` positive numbers, or all 1 when absent.
    private mutating func choiceWeights(_ value: JSONValue?, at path: String, count: Int) -> [Double]? {
        guard let value else { return [Double](repeating: 1, count: count) }
        guard case .array(let w) = value, w.count == count else {
            fail(path, "expected an array of \(count) positive numbers (one per value), got \(value.shortDescription)")
            return nil
        }
        let read = w.enumerated().map { number($1, at: "\(path)[\($0)]", bounds: .positive) }
        return read.allSatisfy { $0 != nil } ? read.map { $0! } : nil
    }
}
