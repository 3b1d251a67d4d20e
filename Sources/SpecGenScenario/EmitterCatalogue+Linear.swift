extension EmitterCatalogue {
    /// The pulse options in `PulseShape` order (SpecGenSignals): option index = case index.
    static let linearPulseOptions = ["rrc", "rc", "gaussian", "rectangular", "half_sine"]

    /// Shared parameters of the linearly modulated families.
    static let symbolRate = [
        ParameterSpec(name: "samples_per_symbol", unit: "samples",
                      summary: "oversampling, fractional allowed: symbol rate = Fs / samples_per_symbol (≥ 2 keeps rrc and rc alias-free at any roll-off)",
                      bounds: .closed(2 ... 64), defaultValue: .constant(8)),
        ParameterSpec(name: "pulse", summary: "pulse shape: rrc, rc (roll-off α), gaussian (BT), rectangular, half_sine (one symbol)",
                      options: linearPulseOptions, defaultOption: "rrc"),
        ParameterSpec(name: "rolloff", unit: "1", summary: "excess bandwidth α of the rrc and rc pulses (unused by the others)",
                      bounds: .closed(0 ... 1), defaultValue: .constant(0.35)),
        ParameterSpec(name: "bandwidth_time", unit: "1", summary: "3 dB bandwidth × symbol time BT of the gaussian pulse (unused by the others)",
                      bounds: .closed(0.1 ... 1), defaultValue: .constant(0.3)),
        ParameterSpec(name: "filter_span_symbols", unit: "symbols", summary: "length of the rrc, rc and gaussian pulses in symbols",
                      isInteger: true, bounds: .closed(2 ... 64), defaultValue: .constant(10)),
    ]

    /// A Gaussian pulse of standard deviation σ = √(ln 2)/(2π·BT) symbols needs ±3σ inside the span.
    @Sendable static func gaussianSpanCheck(_ support: [String: ClosedRange<Double>], _ sampleRate: Double) -> [(parameter: String, message: String)] {
        let gaussian = Double(linearPulseOptions.firstIndex(of: "gaussian")!)
        guard let pulse = support["pulse"], pulse.contains(gaussian),
              let bt = support["bandwidth_time"], let span = support["filter_span_symbols"] else { return [] }
        let needed = (6 * 0.693_147_180_559_945_3.squareRoot() / (2 * Double.pi * bt.lowerBound)).rounded(.up)
        guard span.lowerBound < needed else { return [] }
        return [("filter_span_symbols", "a gaussian pulse with bandwidth_time \(formatNumber(bt.lowerBound)) lasts ±3σ = \(formatNumber(needed)) symbols; filter_span_symbols must be at least that (smallest possible here: \(formatNumber(span.lowerBound)))")]
    }

    static func linearFamily(_ type: String, _ summary: String, extra: [ParameterSpec] = []) -> EmitterFamily {
        EmitterFamily(type: type, group: "linear", summary: summary, parameters: extra + symbolRate, check: gaussianSpanCheck)
    }

    static func bitsPerSymbol(_ range: ClosedRange<Double>, default value: Double, meaning: String) -> ParameterSpec {
        ParameterSpec(name: "bits_per_symbol", unit: "bits", summary: "log2 of the order: \(meaning)",
                      isInteger: true, bounds: .closed(range), defaultValue: .constant(value))
    }

    static let linear: [EmitterFamily] = [
        linearFamily("ook", "on-off keying: 0 or √2 (unit average power, corrected for the pulse)"),
        linearFamily("4ask", "4-level amplitude-shift keying (bipolar PAM ±1, ±3), Gray labelled"),
        linearFamily("8ask", "8-level amplitude-shift keying (bipolar PAM ±1 … ±7), Gray labelled"),
        linearFamily("bpsk", "binary phase-shift keying, points ±1"),
        linearFamily("qpsk", "quadrature phase-shift keying, points (±1 ± j)/√2, Gray labelled"),
        linearFamily("8psk", "8-ary phase-shift keying, points at 2πk/8, Gray labelled"),
        linearFamily("16psk", "16-ary phase-shift keying, points at 2πk/16, Gray labelled"),
        linearFamily("32psk", "32-ary phase-shift keying, points at 2πk/32, Gray labelled"),
        linearFamily("64psk", "64-ary phase-shift keying, points at 2πk/64, Gray labelled"),
        linearFamily("oqpsk", "offset QPSK: the quadrature rail delayed by half a symbol (half_sine pulses give MSK)"),
        linearFamily("pi4dqpsk", "π/4-DQPSK: phase steps ±π/4, ±3π/4 (Gray), points alternate between two QPSK sets"),
        linearFamily("16qam", "square 16-QAM on {±1, ±3}²/√10, Gray labelled"),
        linearFamily("32qam", "cross 32-QAM (6 × 6 grid without corners, Smith's quasi-Gray labels)"),
        linearFamily("64qam", "square 64-QAM, Gray labelled"),
        linearFamily("128qam", "cross 128-QAM (12 × 12 grid without 2 × 2 corners, Smith's quasi-Gray labels)"),
        linearFamily("256qam", "square 256-QAM, Gray labelled"),
        linearFamily("1024qam", "square 1024-QAM, Gray labelled"),
        linearFamily("16apsk", "DVB-S2 16APSK 4+12, ring ratio 3.15 (code rate 2/3)"),
        linearFamily("32apsk", "DVB-S2 32APSK 4+12+16, ring ratios 2.84, 5.27 (code rate 3/4)"),
        linearFamily("64apsk", "DVB-S2X 64APSK 4+12+20+28, ring ratios 2.4, 4.3, 7.0 (code rate 132/180)"),
        linearFamily("128apsk", "DVB-S2X 128APSK 16+16+16+16+16+48 radii (code rate 135/180), uniform phases per ring"),
        linearFamily("mpsk", "M-PSK with M = 2^bits_per_symbol (as bpsk, qpsk, 8psk … 64psk)",
                     extra: [bitsPerSymbol(1 ... 6, default: 2, meaning: "1 … 6 for BPSK … 64-PSK")]),
        linearFamily("mask", "M-ASK (bipolar PAM) with M = 2^bits_per_symbol",
                     extra: [bitsPerSymbol(1 ... 3, default: 2, meaning: "1 … 3 for 2-, 4-, 8-ASK")]),
        linearFamily("mqam", "M-QAM with M = 2^bits_per_symbol: square for even bits, cross for odd (32, 128, 512)",
                     extra: [bitsPerSymbol(4 ... 10, default: 4, meaning: "4 … 10 for 16- … 1024-QAM")]),
        linearFamily("mapsk", "M-APSK: DVB-S2/S2X APSK with M = 2^bits_per_symbol (as 16apsk … 128apsk)",
                     extra: [bitsPerSymbol(4 ... 7, default: 4, meaning: "4 … 7 for 16- … 128-APSK")]),
    ]
}
