import SpecGenDSP
import SpecGenSignals

extension EmitterFactory {
    /// The `pulse` options in catalogue order.
    static let pulses: [PulseShape] = [.rootRaisedCosine, .raisedCosine, .gaussian, .rectangular, .halfSine]

    /// A linear-modulation maker whose keying may depend on the drawn parameters. `samples_per_symbol`
    /// counts capture samples: at decimation P the symbol lasts sps/P samples of the burst rate.
    static func linearModulation(_ keying: @escaping @Sendable (ParameterValues) -> LinearModulation.Keying) -> Maker {
        { p, context in
            let pulse = pulses[Int(p.real("pulse"))]
            let shape = pulse == .gaussian ? p.real("bandwidth_time") : p.real("rolloff")
            return LinearModulation(keying: keying(p), samplesPerSymbol: p.real("samples_per_symbol") / Double(context.decimation),
                                    pulse: pulse, shape: shape, spanSymbols: p.integer("filter_span_symbols"))
        }
    }

    static func fixed(_ constellation: Constellation) -> Maker { linearModulation { _ in .memoryless(constellation) } }

    static func byBits(_ make: @escaping @Sendable (Int) -> Constellation) -> Maker {
        linearModulation { p in .memoryless(make(1 << p.integer("bits_per_symbol"))) }
    }

    static let linear: [String: Maker] = [
        "ook": fixed(.onOff),
        "4ask": fixed(.pam(4)),
        "8ask": fixed(.pam(8)),
        "bpsk": fixed(.bpsk),
        "qpsk": fixed(.qpsk),
        "8psk": fixed(.psk8),
        "16psk": fixed(.psk(16)),
        "32psk": fixed(.psk(32)),
        "64psk": fixed(.psk(64)),
        "oqpsk": linearModulation { _ in .offsetQuadrature },
        "pi4dqpsk": linearModulation { _ in .differentialPi4 },
        "16qam": fixed(.qam16),
        "32qam": fixed(.qam(32)),
        "64qam": fixed(.qam(64)),
        "128qam": fixed(.qam(128)),
        "256qam": fixed(.qam(256)),
        "1024qam": fixed(.qam(1024)),
        "16apsk": fixed(.apsk(order: 16)),
        "32apsk": fixed(.apsk(order: 32)),
        "64apsk": fixed(.apsk(order: 64)),
        "128apsk": fixed(.apsk(order: 128)),
        "mpsk": byBits { Constellation.phaseShiftKeying($0) },
        "mask": byBits { Constellation.pam($0) },
        "mqam": byBits { Constellation.qam($0) },
        "mapsk": byBits { Constellation.apsk(order: $0) },
    ]

    /// Decimation P: at least 2 samples per symbol remain at the burst rate (`LinearModulation`'s minimum).
    static let linearDecimation: [String: DecimationRule] = linear.mapValues { _ in
        { p, _, decimation in p.real("samples_per_symbol") / Double(decimation) >= 2 }
    }
}
