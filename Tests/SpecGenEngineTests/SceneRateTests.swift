import Foundation
import Numerics
import SpecGenDSP
import SpecGenEngine
import SpecGenScenario
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// One emitter of a one-class scenario at 1 MHz with its parameters drawn for example 0, made by the
/// engine's own makers at any decimation (`SceneRateProbe`).
struct SceneBurst {
    static let length = 1 << 16
    let probe: SceneRateProbe

    init(_ emitter: String) throws {
        probe = SceneRateProbe(plan: RunPlan(scenario: try scenario("""
        {"format": "specgen-scenario", "version": 1, "seed": 77, "examples": 1, "samples_per_example": \(Self.length),
         "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "X", "emitter": \(emitter)}]}
        """)), example: 0)
    }

    var band: ClosedRange<Double>? { probe.sceneBand }

    /// The largest P ≤ 64 whose stretched band stays inside ±¼ and which the family supports (1 without a band).
    var decimation: Int {
        guard let band else { return 1 }
        let reach = max(-band.lowerBound, band.upperBound)
        return (1 ... 64).last { Double($0) * reach <= 0.25 && probe.supports(decimation: $0) } ?? 1
    }

    /// ⌈length/P⌉ samples rendered at the capture rate ÷ P.
    func render(decimation p: Int, length: Int = Self.length) -> [Complex<Float>] {
        SpecGenTestSupport.render(probe.emitter(decimation: p), length: (length + p - 1) / p, seed: 77)
    }
}

/// Welch's averaged periodogram with a 4-term Blackman–Harris window (sidelobes −92 dB, main lobe
/// ±4 bins), so that leakage does not blur a 99.9 % measurement: centred, bin f at (f − size/2)/size
/// cycles/sample, bins summing to the mean power.
func blackmanHarrisPSD(_ x: [Complex<Float>], size: Int) -> [Double] {
    let a = (0.35875, 0.48829, 0.14128, 0.01168)
    let window = (0 ..< size).map { n -> Float in
        let t = 2 * Double.pi * Double(n) / Double(size)
        return Float(a.0 - a.1 * cos(t) + a.2 * cos(2 * t) - a.3 * cos(3 * t))
    }
    return welchPSD(x, size: size, window: window)
}

/// The share of the power in `band` (capture cycles/sample), measured over independent segments of
/// `size` samples (Blackman–Harris periodograms, bins counted by their centres), with its standard
/// error: the ratio estimator R = Σaᵢ/Σtᵢ of the in-band and total powers aᵢ, tᵢ of the n segments, of
/// variance Σ(aᵢ − R·tᵢ)²/(n(n − 1)·t̄²) (W. G. Cochran, "Sampling Techniques" 3rd ed., 1977, §6.4) —
/// so a bursty emitter's segments count by their power.
func powerShare(_ x: [Complex<Float>], in band: ClosedRange<Double>, size: Int) -> (share: Double, standardError: Double) {
    let n = x.count / size
    var inside = [Double](), total = [Double]()
    for s in 0 ..< n {
        let psd = blackmanHarrisPSD(Array(x[s * size ..< (s + 1) * size]), size: size)
        total.append(psd.reduce(0, +))
        inside.append(psd.indices.reduce(0.0) { band.contains(binFrequency($1, size: size)) ? $0 + psd[$1] : $0 })
    }
    let ratio = inside.reduce(0, +) / total.reduce(0, +), mean = total.reduce(0, +) / Double(n)
    let spread = zip(inside, total).reduce(0.0) { $0 + ($1.0 - ratio * $1.1) * ($1.0 - ratio * $1.1) }
    return (ratio, (spread / Double(n * (n - 1))).squareRoot() / mean)
}

/// Ideal band-limited interpolation by P: the spectrum zero-padded from m to m·P bins (the Nyquist bin
/// of an even m split between ±½) and transformed back, power kept.
func upsample(_ x: [Complex<Float>], by p: Int) -> [Complex<Float>] {
    let m = x.count, n = m * p
    let time = AlignedBuffer<Complex<Float>>(count: m), bins = AlignedBuffer<Complex<Float>>(count: m)
    for k in 0 ..< m { time.baseAddress[k] = x[k] }
    FFTPlan.cached(size: m, direction: .forward).execute(input: time.baseAddress, output: bins.baseAddress)
    let wide = AlignedBuffer<Complex<Float>>(count: n), out = AlignedBuffer<Complex<Float>>(count: n)
    wide.baseAddress.update(repeating: .zero, count: n)
    let scale = 1 / Float(m)
    for k in 0 ..< m {
        let value = bins.baseAddress[k].multiplied(by: scale)
        if m % 2 == 0 && k == m / 2 {
            wide.baseAddress[k] = value.multiplied(by: 0.5)
            wide.baseAddress[n - m / 2] = value.multiplied(by: 0.5)
        } else {
            wide.baseAddress[k < m / 2 ? k : n - (m - k)] = value
        }
    }
    FFTPlan.cached(size: n, direction: .inverse).execute(input: wide.baseAddress, output: out.baseAddress)
    return Array(UnsafeBufferPointer(start: out.baseAddress, count: n))
}

/// What a case is expected to give: no declared band, a band too wide for any decimation, or P > 1.
enum SceneRateOutcome: Sendable { case noBand, captureRate, decimated }

/// An emitter object of a scenario class and its expected outcome.
struct SceneRateCase: Sendable, CustomTestStringConvertible {
    let emitter: String
    let outcome: SceneRateOutcome
    init(_ emitter: String, _ outcome: SceneRateOutcome) {
        self.emitter = emitter
        self.outcome = outcome
    }
    var testDescription: String { emitter }
}

/// Scene bands and decimations (`docs/scene-rates.md`) against the rendered spectra, at 1 MHz.
///
/// Every catalogue family but fhss (whose base a scene renders per dwell: no band by design) with its
/// defaults, and the parameters that matter. With their defaults these stay at the capture rate:
/// - fsk, cpfsk and msk at 8 samples per symbol: the frequency jumps of rectangular pulses spread 99.9 %
///   over more than ±⅛ of the sample rate (at 32 samples per symbol they decimate by 2 to 4);
/// - ofdm (180 of 256 subcarriers), ofdm_wlan and ofdm_lte at oversampling 1: the band is most of the
///   sample rate, and an unwindowed CP-OFDM symbol's sinc tails need subcarriers of margin (tens for
///   few subcarriers; comb pilots, which share one polarity, add coherent tails: ofdm at 1024 points
///   decimates by 2 without them, not with them);
/// - lfm (100 µs ramps over 250 kHz): the sawtooth's jump from one edge to the other leaves more than
///   0.1 % beyond ±⅛; fmcw (a 250 kHz triangle) is just wider than ±⅛;
/// - the radar families, dsss with rectangular chips and rectangular linear pulses: rectangular pulses
///   and chips of W samples leave 1/(π²·F·W) beyond ±F, so no band is declared below W ≈ 200 and P > 1
///   needs W ≳ 800 (a 2 ms pulse at 1 MHz decimates by 4);
/// - a tone at 300 kHz (the band is declared around the emitter's zero frequency, and 0.3 × 2 > ¼);
/// - gated emitters with short bursts (1 ms at 1 MHz spreads ±0.2).
@Suite struct SceneRateTests {
    static let cases: [SceneRateCase] = EmitterCatalogue.families.filter { $0.group == "linear" }.map { SceneRateCase(#"{"type": "\#($0.type)"}"#, .decimated) } + [
        SceneRateCase(#"{"type": "qpsk", "rolloff": 0.05, "filter_span_symbols": 4}"#, .decimated),
        SceneRateCase(#"{"type": "qpsk", "rolloff": 1, "samples_per_symbol": 16}"#, .decimated),
        SceneRateCase(#"{"type": "8psk", "pulse": "rc", "rolloff": 0.2, "samples_per_symbol": 5}"#, .decimated),
        SceneRateCase(#"{"type": "qpsk", "pulse": "gaussian", "filter_span_symbols": 4}"#, .decimated),
        SceneRateCase(#"{"type": "ook", "pulse": "gaussian", "filter_span_symbols": 4, "samples_per_symbol": 16}"#, .decimated),
        SceneRateCase(#"{"type": "oqpsk", "pulse": "half_sine", "samples_per_symbol": 32}"#, .decimated),
        SceneRateCase(#"{"type": "bpsk", "pulse": "rectangular"}"#, .noBand),
        SceneRateCase(#"{"type": "16qam", "samples_per_symbol": 6.5}"#, .decimated),
        SceneRateCase(#"{"type": "fsk"}"#, .captureRate),
        SceneRateCase(#"{"type": "cpfsk"}"#, .captureRate),
        SceneRateCase(#"{"type": "msk"}"#, .captureRate),
        SceneRateCase(#"{"type": "gmsk"}"#, .decimated),
        SceneRateCase(#"{"type": "gfsk"}"#, .decimated),
        SceneRateCase(#"{"type": "fsk", "samples_per_symbol": 32}"#, .decimated),
        SceneRateCase(#"{"type": "fsk", "order": 4, "modulation_index": 0.25, "samples_per_symbol": 32}"#, .decimated),
        SceneRateCase(#"{"type": "cpfsk", "samples_per_symbol": 32}"#, .decimated),
        SceneRateCase(#"{"type": "msk", "samples_per_symbol": 32}"#, .decimated),
        SceneRateCase(#"{"type": "gfsk", "samples_per_symbol": 16, "order": 4}"#, .decimated),
        SceneRateCase(#"{"type": "ofdm"}"#, .captureRate),
        SceneRateCase(#"{"type": "ofdm", "fft_size": 1024}"#, .captureRate),
        SceneRateCase(#"{"type": "ofdm", "fft_size": 1024, "pilot_spacing": 0}"#, .decimated),
        SceneRateCase(#"{"type": "ofdm", "fft_size": 4096, "occupied_subcarriers": 600, "cyclic_prefix_fraction": 0.25}"#, .decimated),
        SceneRateCase(#"{"type": "ofdm_wlan"}"#, .captureRate),
        SceneRateCase(#"{"type": "ofdm_wlan", "fft_oversampling": 16}"#, .decimated),
        SceneRateCase(#"{"type": "ofdm_lte"}"#, .captureRate),
        SceneRateCase(#"{"type": "ofdm_lte", "fft_oversampling": 8}"#, .decimated),
        SceneRateCase(#"{"type": "ofdm_lte", "lte_bandwidth": "20_mhz", "fft_oversampling": 2}"#, .captureRate),
        SceneRateCase(#"{"type": "am_dsb_wc"}"#, .decimated),
        SceneRateCase(#"{"type": "am_dsb_sc", "message": "tone"}"#, .decimated),
        SceneRateCase(#"{"type": "am_ssb_wc", "sideband": "lower", "message": "tones"}"#, .decimated),
        SceneRateCase(#"{"type": "am_ssb_sc"}"#, .decimated),
        SceneRateCase(#"{"type": "fm"}"#, .decimated),
        SceneRateCase(#"{"type": "fm", "message": "tone"}"#, .decimated),
        SceneRateCase(#"{"type": "fm", "message": "tones", "message_tone_count": 8}"#, .decimated),
        SceneRateCase(#"{"type": "fm", "deviation_hz": 5000}"#, .decimated),
        SceneRateCase(#"{"type": "lfm"}"#, .captureRate),
        SceneRateCase(#"{"type": "lfm", "chirp_duration_s": 2e-3, "bandwidth_hz": 100000, "chirp_direction": "down"}"#, .decimated),
        SceneRateCase(#"{"type": "fmcw"}"#, .captureRate),
        SceneRateCase(#"{"type": "fmcw", "bandwidth_hz": 100000}"#, .decimated),
        SceneRateCase(#"{"type": "fmcw", "fmcw_shape": "sawtooth", "bandwidth_hz": 100000}"#, .decimated),
        SceneRateCase(#"{"type": "css"}"#, .decimated),
        SceneRateCase(#"{"type": "css", "chirp_spreading_factor": 12, "bandwidth_hz": 62500}"#, .decimated),
        SceneRateCase(#"{"type": "radar_pulse"}"#, .noBand),
        SceneRateCase(#"{"type": "radar_lfm"}"#, .noBand),
        SceneRateCase(#"{"type": "radar_barker"}"#, .noBand),
        SceneRateCase(#"{"type": "radar_polyphase"}"#, .noBand),
        SceneRateCase(#"{"type": "radar_pulse", "pulse_width_s": 2e-3, "pri_s": 5e-3, "pri_mode": "jitter"}"#, .decimated),
        SceneRateCase(#"{"type": "radar_lfm", "pulse_width_s": 2e-3, "pri_s": 5e-3, "bandwidth_hz": 50000}"#, .decimated),
        SceneRateCase(#"{"type": "radar_barker", "pulse_width_s": 6.5e-3, "pri_s": 1e-2}"#, .captureRate),
        SceneRateCase(#"{"type": "radar_polyphase", "pulse_width_s": 1.6e-2, "pri_s": 2e-2}"#, .decimated),
        SceneRateCase(#"{"type": "dsss"}"#, .noBand),
        SceneRateCase(#"{"type": "dsss", "chip_shape": "rrc", "samples_per_chip": 8}"#, .decimated),
        SceneRateCase(#"{"type": "dsss", "chip_shape": "rrc", "samples_per_chip": 5.5, "rolloff": 0.2, "spreading_code": "gold"}"#, .decimated),
        SceneRateCase(#"{"type": "tone"}"#, .decimated),
        SceneRateCase(#"{"type": "tone", "frequency_hz": 100000}"#, .decimated),
        SceneRateCase(#"{"type": "tone", "frequency_hz": 300000}"#, .captureRate),
        SceneRateCase(#"{"type": "multitone"}"#, .decimated),
        SceneRateCase(#"{"type": "multitone", "tone_placement": "random", "tone_count": 8, "center_frequency_hz": -20000}"#, .decimated),
        SceneRateCase(#"{"type": "bandlimited_noise"}"#, .decimated),
        SceneRateCase(#"{"type": "bpsk", "samples_per_symbol": 16, "gating": {"on_s": 5e-3, "off_s": 5e-3}}"#, .decimated),
        SceneRateCase(#"{"type": "fm", "gating": {"on_s": 5e-3, "off_s": 5e-3}}"#, .captureRate),
        SceneRateCase(#"{"type": "tone", "gating": {"on_s": 1e-3, "off_s": 1e-3}}"#, .captureRate),
    ]

    /// Every family but fhss has at least one case.
    @Test func everyFamilyIsCovered() {
        let covered = Set(Self.cases.map { try! JSONSerialization.jsonObject(with: Data($0.emitter.utf8)) as! [String: Any] }.map { $0["type"] as! String })
        #expect(Set(EmitterCatalogue.typeNames).subtracting(covered) == ["fhss"])
    }

    /// (a) The declared band holds at least 99.9 % of the power of 2^18 samples rendered at the capture
    /// rate (32 segments of 8192), within three standard errors of the segments' ratio estimator; a
    /// family without a band has 99.9 % of its power spread beyond ±⅛ (no decimation is lost by not
    /// declaring one). (c) The outcome is the expected one.
    @Test(arguments: cases)
    func bandHoldsThePower(_ c: SceneRateCase) throws {
        let burst = try SceneBurst(c.emitter)
        let x = burst.render(decimation: 1, length: 1 << 18)
        guard let band = burst.band else {
            #expect(c.outcome == .noBand, "no band declared")
            if c.outcome == .noBand, !c.emitter.contains("gating") {
                let measured = occupiedBand(blackmanHarrisPSD(x, size: 8192), fraction: 0.999)
                #expect(max(-measured.low, measured.high) > 0.125, "99.9 % within [\(measured.low), \(measured.high)]")
            }
            return
        }
        let (share, error) = powerShare(x, in: band, size: 8192)
        #expect(share >= 0.999 - 3 * error, "\(share) ± \(error) in \(band)")
        #expect(c.outcome == (burst.decimation > 1 ? .decimated : .captureRate), "decimation \(burst.decimation) for \(band)")
    }

    /// (b) Rendered at the largest P the band and the family allow, then ideally interpolated by P, the
    /// burst has the capture-rate rendering's spectrum: the same power within 5 % and the same 99 %
    /// band edges within 4 bins of 2048.
    @Test(arguments: cases.filter { $0.outcome == .decimated })
    func decimatedRenderingMatches(_ c: SceneRateCase) throws {
        let burst = try SceneBurst(c.emitter)
        let p = burst.decimation
        try #require(p > 1)
        let full = burst.render(decimation: 1)
        let decimated = Array(upsample(burst.render(decimation: p), by: p)[0 ..< SceneBurst.length])
        #expect(abs(meanPower(decimated) / meanPower(full) - 1) < 0.05, "P = \(p)")
        let a = occupiedBand(blackmanHarrisPSD(full, size: 2048), fraction: 0.99)
        let b = occupiedBand(blackmanHarrisPSD(decimated, size: 2048), fraction: 0.99)
        #expect(abs(a.low - b.low) * 2048 <= 4 && abs(a.high - b.high) * 2048 <= 4, "P = \(p): [\(a.low), \(a.high)] against [\(b.low), \(b.high)]")
    }

    /// At decimation 1 the probe makes the emitter the synthesizer makes: same draws, same samples.
    @Test func probeMatchesTheSynthesizer() throws {
        for emitter in [#"{"type": "qpsk", "rolloff": {"uniform": {"low": 0.1, "high": 0.9}}}"#, #"{"type": "ofdm"}"#, #"{"type": "fm"}"#] {
            let plan = RunPlan(scenario: try scenario("""
            {"format": "specgen-scenario", "version": 1, "seed": 5, "examples": 3, "samples_per_example": 4096,
             "sample_rate_hz": 1e6, "snr_db": 10, "classes": [{"name": "X", "emitter": \(emitter)}]}
            """))
            for example in Generator.render(plan, examples: 0 ..< 3, noise: false) {
                let probe = SceneRateProbe(plan: plan, example: example.index)
                var stream = RandomStream(seed: plan.seed, example: UInt64(example.index), stream: .symbols)
                var x = [Complex<Float>](repeating: .zero, count: 4096)
                x.withUnsafeMutableBufferPointer { probe.emitter(decimation: 1).render(into: $0, stream: &stream, scratch: SynthesisScratch()) }
                #expect(x == example.iq)
            }
        }
    }

    /// The decimations a family supports follow its counts in capture samples.
    @Test func supportedDecimationsFollowTheCounts() throws {
        func supported(_ emitter: String) throws -> [Int] {
            let probe = try SceneBurst(emitter).probe
            return (1 ... 12).filter { probe.supports(decimation: $0) }
        }
        #expect(try supported(#"{"type": "qpsk", "samples_per_symbol": 8}"#) == [1, 2, 3, 4])
        #expect(try supported(#"{"type": "fsk", "samples_per_symbol": 8, "order": 4, "modulation_index": 1}"#) == [1, 2])
        #expect(try supported(#"{"type": "ofdm", "fft_size": 1024, "cyclic_prefix_fraction": 0.125}"#) == [1, 2, 4])
        #expect(try supported(#"{"type": "ofdm_wlan", "fft_oversampling": 6}"#) == [1, 2, 3, 6])
        #expect(try supported(#"{"type": "dsss", "chip_shape": "rrc", "samples_per_chip": 6, "rolloff": 0.5}"#) == [1, 2, 3, 4])
        #expect(try supported(#"{"type": "radar_barker", "pulse_width_s": 2.7e-4, "pri_s": 1e-3}"#) == Array(1 ... 10))
        #expect(try supported(#"{"type": "tone", "frequency_hz": 100000}"#) == [1, 2, 3, 4])
        #expect(try supported(#"{"type": "fhss", "base": {"type": "qpsk"}, "hop_channels": 4, "channel_spacing_hz": 100000}"#) == [1, 2])
    }

    /// The pulse band kernel against the closed form: a Gaussian pulse's energy spectrum is Gaussian of
    /// standard deviation 0.8493·BT symbol rates, holding 99.9 % within ±3.2905 of them (at a
    /// fractional rate, where the continuous pulse is transformed), to the kernel's two bins.
    @Test func gaussianPulseBandIsTheClosedForm() {
        let sps = 8.5, bt = 0.3
        let f = PulseShape.gaussian.powerBand(shape: bt, spanSymbols: 16, samplesPerSymbol: sps, fraction: 0.999)!
        let expected = 3.2905 * (bt / (2 * log(2.0)).squareRoot()) / sps
        #expect(abs(f - expected) <= 2 * 32 / 8192 / sps)
    }
}
