import Numerics
import SpecGenDSP

/// How a requested SNR maps to a noise variance, for a signal of unit expected power (P = 1) and complex
/// white Gaussian noise of variance σ² over the whole sample-rate band.
public enum SNRDefinition: String, Sendable, CaseIterable {
    /// SNR = P/σ²: signal power over noise power in the full band.
    case perSample = "per_sample"
    /// Es/N0 = P·T_sym/(σ²/Fs) = (P/σ²)·sps: energy per symbol over noise spectral density.
    case esN0 = "es_n0"

    /// σ² for a requested SNR in dB, given the emitter's samples per symbol.
    public func noiseVariance(snrDB: Double, samplesPerSymbol: Double) -> Double {
        let linear = _pow10(snrDB / 10)
        switch self {
        case .perSample: return 1 / linear
        case .esN0: return samplesPerSymbol / linear
        }
    }

    /// The per-sample SNR in dB equivalent to `snrDB` under this definition.
    public func perSampleDB(snrDB: Double, samplesPerSymbol: Double) -> Double {
        -10 * _log10(noiseVariance(snrDB: snrDB, samplesPerSymbol: samplesPerSymbol))
    }
}

/// The receiver's thermal noise: complex AWGN of a given variance, drawn from the example's noise stream.
public struct AdditiveNoise: Sendable {
    public let variance: Double
    public init(variance: Double) { self.variance = variance }

    public func apply(to samples: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        GaussianNoise.add(to: samples, variance: Float(variance), stream: &stream, scratch: scratch.words(1, count: 2 * GaussianNoise.chunk))
    }
}

#if canImport(Glibc)
import Glibc
func _pow10(_ x: Double) -> Double { Glibc.pow(10, x) }
func _log10(_ x: Double) -> Double { Glibc.log10(x) }
#endif
