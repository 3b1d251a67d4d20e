import SpecGenSignals

extension EmitterFactory {
    static func linearModulation(_ constellation: Constellation) -> Maker {
        { p, _ in
            LinearModulation(constellation: constellation, samplesPerSymbol: p.integer("samples_per_symbol"),
                             rolloff: p.real("rolloff"), spanSymbols: p.integer("filter_span_symbols"))
        }
    }

    static let linear: [String: Maker] = [
        "bpsk": linearModulation(.bpsk),
        "qpsk": linearModulation(.qpsk),
        "8psk": linearModulation(.psk8),
        "16qam": linearModulation(.qam16),
    ]
}
