import Numerics
import SpecGenDSP

extension PulseShape {
    /// Size of the transform `powerBand` measures the pulse's spectrum with (resolution 1/8192 of the
    /// rate the pulse is sampled at).
    static let bandTransformSize = 8192
    /// Points per symbol `powerBand` samples the pulse at when the symbols do not fall on samples.
    static let bandPointsPerSymbol = 32

    /// The half-width F (cycles/sample) of the band |f| ≤ F that holds `fraction` of the power of a
    /// linear modulation with this pulse at `samplesPerSymbol`, or nil for the rectangular pulse, whose
    /// sinc² spectrum leaves 1/(π²F) of the power beyond ±F symbol rates (99.9 % needs ±101, past any
    /// sample rate in the catalogue). 0.5 when the power fills the sample rate.
    ///
    /// With independent zero-mean symbols the power spectrum is the pulse's energy spectrum |H(f)|²/T
    /// (Proakis, "Digital Communications" 5th ed., §3.4-1) — exactly, for the sampled modulation, when the
    /// symbols fall on samples (an integer `samplesPerSymbol`): the taps the modulator uses
    /// (`taps(shape:samplesPerSymbol:spanSymbols:)`) are transformed themselves, since sampling in step
    /// with the symbols folds the pulse's spectrum coherently (a half-sine pulse at 16 samples per symbol
    /// holds 99.9 % within 3.0 symbol rates, the continuous pulse within 2.9). At a fractional rate the
    /// symbols fall at every phase and the spectrum folds incoherently, so the continuous pulse is
    /// transformed instead (32 points per symbol), truncated to ±span/2 symbols like the polyphase
    /// table. Zero-padded to 8192 points (≈ 0.1 ms); the energy is accumulated from DC outwards and F
    /// rounded up to the next transform bin plus one.
    /// - Parameters:
    ///   - shape: α for rrc and rc, BT for gaussian, ignored by the one-symbol pulses.
    ///   - spanSymbols: the truncation (≥ 1), ignored by the one-symbol pulses.
    ///   - samplesPerSymbol: ≥ 1, real.
    ///   - fraction: in (0, 1).
    public func powerBand(shape: Double, spanSymbols: Int, samplesPerSymbol sps: Double, fraction: Double) -> Double? {
        precondition(fraction > 0 && fraction < 1 && spanSymbols >= 1 && sps >= 1)
        guard self != .rectangular else { return nil }
        let size = Self.bandTransformSize
        let taps: [Float]
        let rate: Double  // samples of `taps` per sample of the modulation
        if sps == sps.rounded(), Int(sps) * (usesSpan ? spanSymbols : 1) < size {
            taps = self.taps(shape: shape, samplesPerSymbol: Int(sps), spanSymbols: spanSymbols)
            rate = 1
        } else {
            let r = Self.bandPointsPerSymbol, span = usesSpan ? min(spanSymbols, size / r - 1) : 1
            taps = (-(span * r / 2) ... span * r / 2).map { Float(evaluate(Double($0) / Double(r), shape: shape)) }
            rate = Double(r) / sps
        }
        let buffer = AlignedBuffer<Complex<Float>>(count: size), bins = AlignedBuffer<Complex<Float>>(count: size)
        buffer.baseAddress.update(repeating: .zero, count: size)
        let centre = taps.count / 2
        for (i, h) in taps.enumerated() { buffer.baseAddress[(i - centre + size) % size] = Complex(h, 0) }
        FFTPlan.cached(size: size, direction: .forward).execute(input: buffer.baseAddress, output: bins.baseAddress)
        let power = UnsafeBufferPointer(start: bins.baseAddress, count: size).map { Double($0.lengthSquared) }
        let total = power.reduce(0, +)
        var inside = power[0]
        var k = 0
        while inside < fraction * total, k < size / 2 - 1 {
            k += 1
            inside += power[k] + power[size - k]
        }
        return min(0.5, Double(k + 1) / Double(size) * rate)
    }
}
