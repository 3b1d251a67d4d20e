import Numerics
import SpecGenDSP

#if canImport(Glibc)
import Glibc
#endif

/// Where each family's power lies: `Emitter.powerBand(fraction:)`, the band holding at least a given
/// fraction of the expected power, in cycles/sample at the emitter's own rate. A scene renders a burst
/// at a rate divided by P only when this band, stretched by P, stays inside the band its interpolator
/// passes (`docs/scene-rates.md`), so every bound errs on the wide side; the margins are derived below
/// and measured against the rendered spectra in `SceneRateTests`.
///
/// Four kinds of bound recur:
/// - **Exact** bands (tones, carriers, brick-wall noise, analog messages built in the frequency domain).
/// - **Computed** spectra: the pulse's for linear modulations and RRC chips (`PulseShape.powerBand`),
///   the subcarriers' and pilots' for OFDM (`OFDM+PowerBand.swift`).
/// - **Tails of discontinuities.** A jump of size Δ in the signal adds |Δ|²/(2πf)² to |X(f)|², so a
///   train of jumps leaves the fraction Σ|Δ|²/(2π²F·E) of the energy E beyond ±F; a jump Δf in the
///   instantaneous frequency of a constant-envelope signal adds Δf²/(4π²f⁴) per jump, leaving
///   E[Δf²]·rate/(6π²F³) beyond ±F of where the frequency jumps from; a jump Δκ in the chirp rate adds
///   Δκ²/(16π⁴f⁶), leaving Δκ²·rate/(40π⁴F⁵). (Integrate by parts twice or thrice: the Fourier
///   coefficients of a function with a jump in its k-th derivative decay as f^−(k+1); A. Papoulis,
///   "The Fourier Integral and its Applications", 1962, ch. 7.) Each is solved for F at the allowed
///   outside fraction; they bound rectangular CPM, sweeps, radar pulses and burst gates.
/// - **Fitted** margins where no tail formula is tight (Gaussian CPM, FM): constants fitted to simulated
///   spectra with room to spare, documented where they are used.
enum PowerBand {
    /// ±half as a band.
    static func symmetric(_ half: Double) -> ClosedRange<Double> { -half ... half }

    /// F beyond which jumps of total squared size `jumps` (per unit energy) leave `outside` of the energy.
    static func amplitudeJumps(_ jumps: Double, outside: Double) -> Double { jumps / (2 * Double.pi * Double.pi * outside) }

    /// F beyond which frequency jumps of mean square `meanSquare` (cycles/sample)² at `rate` per sample
    /// leave `outside` of the power of a constant-envelope signal.
    static func frequencyJumps(meanSquare: Double, rate: Double, outside: Double) -> Double {
        cbrt(meanSquare * rate / (6 * Double.pi * Double.pi * outside))
    }

    /// F beyond which jumps of the chirp rate of mean square `meanSquare` (cycles/sample²)² at `rate` per
    /// sample leave `outside` of the power of a constant-envelope signal.
    static func chirpRateJumps(meanSquare: Double, rate: Double, outside: Double) -> Double {
        pow(meanSquare * rate / (40 * pow(Double.pi, 4) * outside), 0.2)
    }

    /// F beyond which jumps of the instantaneous frequency from one edge of a band of width `b` to the
    /// other, at `rate` per sample, leave `outside` of the power of a constant-envelope signal. Each jump
    /// ends a tone at one edge and starts one at the other: |X(f)|² ≈ |1/u − 1/(u + b)|²/(4π²) at u beyond
    /// the nearer edge, so both edges together leave (rate/2π²)·[1/F + 1/(F + b) − (2/b)·ln(1 + b/F)]
    /// beyond ±F of the band — the amplitude-jump tail 1/(2π²F) per jump close to the band, the
    /// frequency-jump tail b²/(6π²F³) far from it. Solved by bisection.
    static func edgeJumps(size b: Double, rate: Double, outside: Double) -> Double {
        func leaves(_ f: Double) -> Double {
            let x = b / f
            let bracket = x < 1e-3 ? x * x / (3 * f) : 1 / f + 1 / (f + b) - 2 / b * log1p(x)
            return rate / (2 * Double.pi * Double.pi) * bracket
        }
        var low = 1e-12, high = 1e3
        for _ in 0 ..< 200 {
            let mid = (low * high).squareRoot()
            if leaves(mid) > outside { low = mid } else { high = mid }
        }
        return high
    }
}

extension LinearModulation {
    /// ±F with F the pulse's band at this rate (`PulseShape.powerBand`); nil for rectangular pulses.
    /// With the independent uniform symbols of every keying here (π/4-DQPSK's consecutive symbols are
    /// uncorrelated too) the spectrum is the pulse's; OOK adds lines at multiples of the symbol rate
    /// weighted by the same |H(f)|².
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        pulse.powerBand(shape: shape, spanSymbols: spanSymbols, samplesPerSymbol: samplesPerSymbol, fraction: fraction).map(PowerBand.symmetric)
    }
}

extension ContinuousPhaseModulation {
    /// ±(F_outer + excess)/sps, F_outer = (M − 1)·h/2 symbol rates, the outermost tone.
    ///
    /// Rectangular pulse: the excess is the frequency-jump tail — jumps h·(aₖ − aₖ₋₁)/2 once per symbol,
    /// mean square h²(M² − 1)/6 — plus 0.1 symbol rate, which the small-h spectra (h ≤ 0.1, a narrow main
    /// lobe whose tail is not yet the asymptote) need, all stretched by 1 + 1/sps: sampled in step with
    /// the symbols, the jumps spread further than the continuous signal's (measured: without the stretch
    /// the bound falls up to 7 % short at 8 samples per symbol and 11 % at 4, and holds from 16 on).
    ///
    /// Gaussian pulse: the smaller of that and min(1.9·BT·s + 0.02, (1.1 + 0.1·h(M − 1))·BT·s + 0.15)
    /// symbol rates, s = √(ln(1/ε)/ln 2000) (ε = 1 − fraction; the Gaussian's tail scales as √ln(1/ε)), fitted
    /// with at least 5 % to spare to the 99.9 % and 99.95 % bands of simulated GFSK over M = 2 … 8,
    /// h = 0.05 … 8, BT = 0.1 … 1 (the smoothed jumps spread less the smaller BT, and a little more the
    /// larger the jumps).
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let outside = 1 - fraction, h = modulationIndex, m = Double(order), sps = samplesPerSymbol
        let outer = (m - 1) * h / 2
        let rectangular = (outer + PowerBand.frequencyJumps(meanSquare: h * h * (m * m - 1) / 6, rate: 1, outside: outside) + 0.1) * (1 + 1 / sps)
        guard case .gaussian(let bt) = pulse else { return PowerBand.symmetric(rectangular / sps) }
        let s = (log(1 / outside) / log(2000.0)).squareRoot()
        let gaussian = outer + min(1.9 * bt * s + 0.02, (1.1 + 0.1 * h * (m - 1)) * bt * s + 0.15)
        return PowerBand.symmetric(min(rectangular, gaussian) / sps)
    }
}

extension LinearFrequencySweep {
    /// ±(B/2 + the jump tail + √κ), κ = B/T the chirp rate: a sawtooth sweep jumps from one edge of the
    /// band to the other once per ramp (`PowerBand.edgeJumps`); the triangle's frequency is continuous and
    /// only its rate jumps, by 2κ twice per period (`PowerBand.chirpRateJumps`, much smaller). √κ, the
    /// spectral width of the sweep's Fresnel zone (it crosses a frequency in 1/√κ samples; Skolnik,
    /// "Radar Handbook" 3rd ed., §8.2), is kept as an allowance for the edges the tails do not model;
    /// measured in `SceneRateTests`.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let outside = 1 - fraction
        let tail = shape == .triangle
            ? PowerBand.chirpRateJumps(meanSquare: 4 * rate * rate, rate: 1 / rampLength, outside: outside)
            : PowerBand.edgeJumps(size: bandwidth, rate: 1 / rampLength, outside: outside)
        return PowerBand.symmetric(bandwidth / 2 + tail + rate.squareRoot())
    }
}

extension ChirpSpreadSpectrum {
    /// ±(B/2 + the jump tail + √κ), κ = B²/M (as `LinearFrequencySweep`): per symbol of M/B samples the
    /// frequency wraps from one edge to the other (unless the symbol is 0) and jumps by B·(s′ − s)/M at
    /// the boundary; both are counted as edge-to-edge jumps (`PowerBand.edgeJumps`), twice per symbol.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let b = bandwidth
        let tail = PowerBand.edgeJumps(size: b, rate: 2 / symbolLength, outside: 1 - fraction)
        return PowerBand.symmetric(b / 2 + tail + (b / symbolLength).squareRoot())
    }
}

extension PulsedRadar {
    /// The pulses' rectangular edges and the code's phase jumps: per pulse of energy A²·W the jumps
    /// sum to A²·(2 + Σₖ|e^{jφₖ₊₁} − e^{jφₖ}|²), their tail leaves it all but `fraction` within
    /// ±F = (2 + Σ)/(2π²·ε·W) (a Barker-13 pulse of 2 µs chips needs F ≈ 51 MHz: usually past the capture);
    /// linear FM adds B/2 and √κ, κ = B/W (as `LinearFrequencySweep`). The train's lines (spaced 1/PRI)
    /// lie under the same envelope.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let chips = intrapulse.chipCount
        var phaseJumps = 0.0
        for k in 0 ..< chips - 1 {
            let d = intrapulse.chipPhase(k + 1) - intrapulse.chipPhase(k)
            phaseJumps += 2 - 2 * _cosine(d)
        }
        let edges = PowerBand.amplitudeJumps((2 + phaseJumps) / pulseWidth, outside: 1 - fraction)
        guard case .linearFM(let b) = intrapulse else { return PowerBand.symmetric(edges) }
        return PowerBand.symmetric(b / 2 + edges + (b / pulseWidth).squareRoot())
    }
}

extension DirectSequenceSpreadSpectrum {
    /// RRC chips: the pulse's band (`PulseShape.powerBand`) over samples per chip; nil for rectangular
    /// chips (a sinc² spectrum, as `PulseShape.rectangular`).
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        guard case .rootRaisedCosine(let rolloff, let span) = chipShape,
              let f = PulseShape.rootRaisedCosine.powerBand(shape: rolloff, spanSymbols: span, samplesPerSymbol: samplesPerChip,
                                                             fraction: fraction) else { return nil }
        return PowerBand.symmetric(f)
    }
}

extension AnalogMessage {
    /// The highest frequency of the message (cycles/sample): the tone's, or the band edge of `tones`
    /// and `noise` (whose realised bins lie at or below it).
    public var highestFrequency: Double {
        switch self {
        case .tone(let f): return f
        case .tones(_, let b), .noise(let b): return b
        }
    }
}

extension AmplitudeModulation {
    /// Exact: the message's band on both sides (double sideband) or on one, the carrier at 0.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let top = message.highestFrequency
        switch sideband {
        case .double: return -top ... top
        case .upper: return 0 ... top
        case .lower: return -top ... 0
        }
    }
}

extension FrequencyModulation {
    /// Tone messages: ±(Δ + f_m·(1.6·β^⅓ + 1)), β = Δ/f_m, f_m the message's highest frequency. For one
    /// tone the sidebands n·f_m carry J_n(β)² (Carson's rule 2(Δ + f_m) holds ≈ 98 %); the smallest N with
    /// Σ_{|n|≤N} J_n(β)² ≥ 0.9995 stays below β + 1.6·β^⅓ + 1 for every β from 0.01 to 3000 (computed),
    /// and K tones of deviation Δ/K each at frequencies up to f_m were measured inside the same bound.
    ///
    /// Noise message (Δ its 3σ deviation): ±(1.2·Δ + f_m·(0.8·(1.2·β)^⅓ + 0.5)): wide-band, the spectrum
    /// follows the Gaussian instantaneous frequency (Woodward's theorem), and 1.2Δ = 3.6σ holds 99.97 %;
    /// the f_m term covers the narrow-band sidebands (measured for β = 0.05 … 30 at 99.95 %).
    ///
    /// Calibrated at 99.95 %: nil for a larger fraction.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        guard fraction <= 0.9995 else { return nil }
        let fm = message.highestFrequency
        if case .noise = message {
            let peak = 1.2 * deviation
            return PowerBand.symmetric(peak + fm * (0.8 * cbrt(peak / fm) + 0.5))
        }
        return PowerBand.symmetric(deviation + fm * (1.6 * cbrt(deviation / fm) + 1))
    }
}

extension Tone {
    /// Exact: the line at `frequency`.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? { frequency ... frequency }
}

extension MultiTone {
    /// Exact: [f_c − B/2, f_c + B/2].
    public func powerBand(fraction: Double) -> ClosedRange<Double>? { centre - bandwidth / 2 ... centre + bandwidth / 2 }
}

extension BandLimitedNoise {
    /// Exact: [f_c − B/2, f_c + B/2] (the realised bins lie inside; a single bin within half a bin of f_c).
    public func powerBand(fraction: Double) -> ClosedRange<Double>? { centre - bandwidth / 2 ... centre + bandwidth / 2 }
}

extension BurstGate {
    /// The base's band (holding all but half of 1 − fraction) widened by the gate's spread: the on/off
    /// gate of on-time W (samples) has edges of size √(P/W) twice per period P, so its own spectrum
    /// leaves 1/(π²·F·W) beyond ±F (the `PowerBand.amplitudeJumps` tail); the gated spectrum is the
    /// base's convolved with the gate's (the cycle phase is uniform), holding at least the product of
    /// the two fractions within the widened band.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let half = (1 - fraction) / 2
        guard let band = base.powerBand(fraction: 1 - half) else { return nil }
        let spread = PowerBand.amplitudeJumps(2 / onSamples, outside: half)
        return band.lowerBound - spread ... band.upperBound + spread
    }
}
