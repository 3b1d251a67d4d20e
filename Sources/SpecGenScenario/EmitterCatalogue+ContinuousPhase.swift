extension EmitterCatalogue {
    /// Parameters of the continuous-phase (constant-envelope) families. Every family renders
    /// exp(j·φ(t)) with the phase continuous across symbols (see `ContinuousPhaseModulation`).
    enum ContinuousPhaseParameter {
        static let samplesPerSymbol = ParameterSpec(
            name: "samples_per_symbol", unit: "samples", summary: "oversampling, fractional allowed: symbol rate = Fs / samples_per_symbol",
            bounds: .closed(2 ... 64), defaultValue: .constant(8))
        static func order(default value: Double) -> ParameterSpec {
            ParameterSpec(name: "order", unit: "points", summary: "alphabet size M: symbols ±1, ±3, …, ±(M − 1), one tone each",
                          isInteger: true, bounds: .closed(2 ... 16), defaultValue: .constant(value))
        }
        static func modulationIndex(default value: Double) -> ParameterSpec {
            ParameterSpec(name: "modulation_index", unit: "1", summary: "h: adjacent tones are h·Fs/samples_per_symbol apart",
                          bounds: ParameterBounds(lower: 0, lowerInclusive: false, upper: 8, upperInclusive: true, relativeToSampleRate: false),
                          defaultValue: .constant(value))
        }
        static func bandwidthTime(default value: Double) -> ParameterSpec {
            ParameterSpec(name: "bandwidth_time", unit: "1", summary: "BT of the Gaussian filter that smooths the rectangular frequency pulse",
                          bounds: .closed(0.1 ... 1), defaultValue: .constant(value))
        }
        static let phase = ParameterSpec(
            name: "phase_rad", unit: "rad", summary: "carrier phase accumulated before the first symbol that reaches sample 0",
            bounds: .unbounded, defaultValue: .uniform(low: 0, high: 2 * Double.pi))
    }

    /// The outermost tones, ±(M − 1)·h/(2·sps) cycles/sample, must stay inside the band ±½.
    static let outerTonesInBand: @Sendable ([String: ClosedRange<Double>], Double) -> [(parameter: String, message: String)] = { support, _ in
        let order = support["order"]?.upperBound ?? 2, h = support["modulation_index"]?.upperBound ?? 0.5
        guard let sps = support["samples_per_symbol"]?.lowerBound else { return [] }
        guard (order - 1) * h >= sps else { return [] }
        return [("modulation_index", "the outer tones ±(order − 1)·modulation_index/2 symbol rates must lie inside ±Fs/2: "
                 + "(order − 1)·modulation_index reaches \(formatNumber((order - 1) * h)), not below samples_per_symbol (down to \(formatNumber(sps)))")]
    }

    static let continuousPhase: [EmitterFamily] = {
        typealias P = ContinuousPhaseParameter
        let group = "continuous phase"
        return [
            EmitterFamily(type: "fsk", group: group,
                          summary: "M-ary FSK with continuous phase: rectangular frequency pulse, tones h·Rs apart (h = 1: orthogonal)",
                          parameters: [P.samplesPerSymbol, P.order(default: 2), P.modulationIndex(default: 1), P.phase], check: outerTonesInBand),
            EmitterFamily(type: "cpfsk", group: group,
                          summary: "binary continuous-phase FSK with modulation index h (rectangular frequency pulse; h = ½ is MSK)",
                          parameters: [P.samplesPerSymbol, P.modulationIndex(default: 0.7), P.phase], check: outerTonesInBand),
            EmitterFamily(type: "msk", group: group,
                          summary: "minimum-shift keying: binary CPFSK with h = ½",
                          parameters: [P.samplesPerSymbol, P.phase]),
            EmitterFamily(type: "gmsk", group: group,
                          summary: "Gaussian MSK: h = ½, rectangular frequency pulse through a Gaussian filter of bandwidth-time BT (GSM: 0.3)",
                          parameters: [P.samplesPerSymbol, P.bandwidthTime(default: 0.3), P.phase]),
            EmitterFamily(type: "gfsk", group: group,
                          summary: "Gaussian FSK: M-ary CPM with modulation index h and a Gaussian-filtered rectangular frequency pulse (Bluetooth: M = 2, h ≈ 0.32, BT = 0.5)",
                          parameters: [P.samplesPerSymbol, P.order(default: 2), P.modulationIndex(default: 0.32), P.bandwidthTime(default: 0.5), P.phase],
                          check: outerTonesInBand),
        ]
    }()
}
