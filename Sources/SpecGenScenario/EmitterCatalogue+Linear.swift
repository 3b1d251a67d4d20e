extension EmitterCatalogue {
    /// Shared parameters of the linearly modulated families.
    static let symbolRate = [
        ParameterSpec(name: "samples_per_symbol", unit: "samples", summary: "oversampling: symbol rate = Fs / samples_per_symbol",
                      bounds: .closed(2 ... 64), defaultValue: .constant(8)),
        ParameterSpec(name: "rolloff", unit: "1", summary: "root-raised-cosine excess bandwidth α",
                      bounds: .closed(0 ... 1), defaultValue: .constant(0.35)),
        ParameterSpec(name: "filter_span_symbols", unit: "symbols", summary: "pulse-shaping filter length in symbols",
                      isInteger: true, bounds: .closed(2 ... 64), defaultValue: .constant(10)),
    ]

    static let linear: [EmitterFamily] = [
        EmitterFamily(type: "bpsk", group: "linear", summary: "binary phase-shift keying, root-raised-cosine pulses", parameters: symbolRate),
        EmitterFamily(type: "qpsk", group: "linear", summary: "quadrature phase-shift keying, points (±1 ± j)/√2", parameters: symbolRate),
        EmitterFamily(type: "8psk", group: "linear", summary: "8-ary phase-shift keying, points at 2πk/8", parameters: symbolRate),
        EmitterFamily(type: "16qam", group: "linear", summary: "square 16-QAM on {±1, ±3}²/√10", parameters: symbolRate),
    ]
}
