extension EmitterCatalogue {
    static let spreadingCodes = ["m_sequence", "gold"]
    static let chipShapes = ["rectangular", "rrc"]

    /// DSSS cross-checks: Gold families exist only for degrees with a preferred pair (not multiples of
    /// 4), and root-raised-cosine chips need samples_per_chip ≥ 1 + rolloff (the pulse's bandwidth
    /// (1 + α)/2 chip rates must fit in the sample rate).
    @Sendable static func spreadSpectrumCheck(_ support: [String: ClosedRange<Double>], _ sampleRate: Double) -> [(parameter: String, message: String)] {
        let shaped = (support["chip_shape"]?.upperBound ?? 0) >= 1  // the support reaches "rrc"
        var problems = shaped ? unboundedSupports(support, ["samples_per_chip", "rolloff"]) : []
        if let code = support["spreading_code"], let degree = support["code_degree"], code.upperBound >= 1 {
            let excluded = [4, 8].filter { degree.contains(Double($0)) }
            if !excluded.isEmpty {
                let range = degree.lowerBound == degree.upperBound ? formatNumber(degree.lowerBound) : "\(formatNumber(degree.lowerBound)) … \(formatNumber(degree.upperBound))"
                problems.append(("code_degree", "Gold codes need a preferred pair of m-sequences, which exists for degrees 3, 5, 6, 7, 9 and 10 but not \(excluded.map(String.init).joined(separator: " or ")) (multiples of 4); the degree here ranges over \(range): keep it within 5 … 7 or 9 … 10 (or use separate classes)"))
            }
        }
        if problems.isEmpty, shaped, let sps = support["samples_per_chip"], let rolloff = support["rolloff"], sps.lowerBound < 1 + rolloff.upperBound {
            problems.append(("samples_per_chip", "root-raised-cosine chips need samples_per_chip ≥ 1 + rolloff (the pulse occupies (1 + α)/2 chip rates either side): \(formatNumber(sps.lowerBound)) < 1 + \(formatNumber(rolloff.upperBound))"))
        }
        return problems
    }

    static let spreadSpectrum: [EmitterFamily] = [
        EmitterFamily(type: "dsss", group: "spread spectrum",
                      summary: "direct-sequence spread spectrum: BPSK data, one symbol per period of an m-sequence or Gold code, rectangular or RRC chips",
                      parameters: [
                          ParameterSpec(name: "spreading_code", summary: "m-sequence (maximal-length LFSR) or a Gold code (random member of the family)",
                                        options: spreadingCodes, defaultOption: "m_sequence"),
                          ParameterSpec(name: "code_degree", unit: "stages", summary: "LFSR degree n: code length 2^n − 1 chips (Gold: 3, 5, 6, 7, 9, 10)",
                                        isInteger: true, bounds: .closed(3 ... 10), defaultValue: .constant(5)),
                          ParameterSpec(name: "samples_per_chip", unit: "samples", summary: "oversampling: chip rate = Fs / samples_per_chip (fractional allowed)",
                                        bounds: .closed(1 ... 256), defaultValue: .constant(4)),
                          ParameterSpec(name: "chip_shape", summary: "chip pulse: rectangular or root-raised cosine", options: chipShapes, defaultOption: "rectangular"),
                          ParameterSpec(name: "rolloff", unit: "1", summary: "root-raised-cosine excess bandwidth α (chip_shape rrc)",
                                        bounds: .closed(0 ... 1), defaultValue: .constant(0.35)),
                          ParameterSpec(name: "filter_span_symbols", unit: "symbols", summary: "root-raised-cosine length in chips (chip_shape rrc)",
                                        isInteger: true, bounds: .closed(2 ... 64), defaultValue: .constant(8)),
                      ],
                      check: spreadSpectrumCheck),
    ]
}
