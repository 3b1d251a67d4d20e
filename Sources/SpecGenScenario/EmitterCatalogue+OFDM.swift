/// OFDM families. The IFFT runs at the sample rate (subcarrier spacing Fs/N); the presets are their own
/// types so that each class records only the parameters it uses.
extension EmitterCatalogue {
    /// Subcarrier constellations, in the order of `subcarrier_modulation`'s options.
    public static let ofdmModulations = ["bpsk", "qpsk", "16qam", "64qam", "256qam"]
    /// LTE channel bandwidths, in the order of `lte_bandwidth`'s options.
    public static let lteBandwidths = ["1.4_mhz", "3_mhz", "5_mhz", "10_mhz", "15_mhz", "20_mhz"]
    /// Native IFFT sizes of `lteBandwidths` (15 kHz spacing).
    static let lteNativeFFTSizes = [128.0, 256, 512, 1024, 1536, 2048]

    private static func subcarrierModulation(default option: String) -> ParameterSpec {
        ParameterSpec(name: "subcarrier_modulation", summary: "constellation of the data subcarriers (unit average energy)",
                      options: ofdmModulations, defaultOption: option)
    }

    static let gridOffsetFraction = ParameterSpec(
        name: "grid_offset_fraction", unit: "1",
        summary: "where sample 0 falls in the waveform's repetition period (symbol, pilot or sweep pattern), as a fraction of it",
        bounds: .closed(0 ... 1), defaultValue: .uniform(low: 0, high: 1))

    private static let fftOversampling = ParameterSpec(
        name: "fft_oversampling", unit: "1",
        summary: "IFFT size as a multiple of the standard's: subcarrier spacing = Fs/(N·L), the standard's in Hz at Fs = L × its rate",
        isInteger: true, bounds: .closed(1 ... 64), defaultValue: .constant(1))

    static let ofdm: [EmitterFamily] = [
        EmitterFamily(type: "ofdm", group: "ofdm",
                      summary: "cyclic-prefix OFDM: N-point IFFT at Fs, K occupied subcarriers around a null DC, comb pilots",
                      parameters: [
                          ParameterSpec(name: "fft_size", unit: "points", summary: "IFFT size N: subcarrier spacing Fs/N (powers of two are fastest)",
                                        isInteger: true, bounds: .closed(64 ... 4096), defaultValue: .constant(256)),
                          ParameterSpec(name: "occupied_subcarriers", unit: "subcarriers",
                                        summary: "occupied subcarriers K, split around a null DC; bandwidth K·Fs/N",
                                        isInteger: true, bounds: .closed(2 ... 4095), defaultValue: .constant(180)),
                          ParameterSpec(name: "cyclic_prefix_fraction", unit: "1", summary: "cyclic prefix as a fraction of N (rounded to samples)",
                                        bounds: .closed(0 ... 1), defaultValue: .constant(0.125)),
                          ParameterSpec(name: "pilot_spacing", unit: "subcarriers",
                                        summary: "every pilot_spacing-th occupied subcarrier is a BPSK pilot (802.11 polarity); 0: no pilots",
                                        isInteger: true, bounds: .closed(0 ... 4095), defaultValue: .constant(12)),
                          subcarrierModulation(default: "qpsk"),
                          gridOffsetFraction,
                      ],
                      check: { support, _ in
                          guard let k = support["occupied_subcarriers"], let n = support["fft_size"], k.upperBound >= n.lowerBound else { return [] }
                          return [("occupied_subcarriers", "must be below fft_size (DC is null): up to \(Int(k.upperBound)) occupied subcarriers against fft_size from \(Int(n.lowerBound))")]
                      }),
        EmitterFamily(type: "ofdm_wlan", group: "ofdm",
                      summary: "802.11a/g-like OFDM: 64·L-point IFFT, 48 data + 4 pilot subcarriers, CP 16·L (20·L MHz for the standard's spacing)",
                      parameters: [fftOversampling, subcarrierModulation(default: "64qam"), gridOffsetFraction]),
        EmitterFamily(type: "ofdm_lte", group: "ofdm",
                      summary: "LTE-like downlink OFDM: 12·N_RB subcarriers, normal CP, 7 symbols per slot, cell reference signals",
                      parameters: [
                          ParameterSpec(name: "lte_bandwidth", summary: "channel bandwidth: 72, 180, 300, 600, 900 or 1200 subcarriers (IFFT 128 … 2048 · L)",
                                        options: lteBandwidths, defaultOption: "1.4_mhz"),
                          fftOversampling, subcarrierModulation(default: "qpsk"), gridOffsetFraction,
                      ],
                      check: { support, _ in
                          guard let b = support["lte_bandwidth"], let l = support["fft_oversampling"] else { return [] }
                          let size = lteNativeFFTSizes[min(lteNativeFFTSizes.count - 1, Int(b.upperBound))] * l.upperBound
                          guard size > 4096 else { return [] }
                          return [("fft_oversampling", "gives an IFFT of \(Int(size)) points with lte_bandwidth \(lteBandwidths[Int(b.upperBound)]); at most 4096")]
                      }),
    ]
}
