import Numerics
import SpecGenDSP

/// Automatic gain control: scales the signal to a target RMS level (the receiver's front-end level
/// control ahead of the ADC).
///
/// Two modes:
/// - **block**: the row is cut into blocks of `blockLength` samples (the last one may be shorter; 0 means
///   the whole row) and each block is multiplied by target/RMS(block), so every block's RMS is exactly
///   the target. Memoryless: `history` is 0.
/// - **tracking**: a feed-forward power detector with separate attack and decay time constants (samples),
///   p[n] = p[n−1] + α·(|x[n]|² − p[n−1]), α = 1 − e^{−1/τ_attack} when |x|² > p[n−1], else
///   1 − e^{−1/τ_decay}, and y[n] = x[n]·target/√p[n] (the usual peak-detector AGC of e.g. liquid-dsp's
///   `agc_crcf` with asymmetric smoothing; J. Proakis, *Digital Communications*, §6.1). The detector starts
///   at the mean power of the first τ_decay samples; `history` = ⌈5·max(τ_attack, τ_decay)⌉ samples
///   lets it settle (e^{−5} < 1 % of the start error) before the example begins.
public struct AutomaticGainControl: ChannelStage {
    public enum Mode: Sendable, Equatable {
        /// Fixed blocks of this many samples (0: the whole row), 0 … 2^24.
        case block(length: Int)
        /// Exponential power tracking with these time constants in samples, each 1 … 10^6.
        case tracking(attack: Double, decay: Double)
    }

    public let mode: Mode
    /// Output RMS (linear amplitude), 1e-3 … 1e3; default 1.
    public let targetRMS: Double

    public init(mode: Mode, targetRMS: Double) {
        switch mode {
        case .block(let n): precondition(n >= 0 && n <= 1 << 24, "AGC block length must be 0 … 2^24")
        case .tracking(let a, let d): precondition(a >= 1 && a <= 1e6 && d >= 1 && d <= 1e6, "AGC time constants must be 1 … 10^6 samples")
        }
        precondition(targetRMS >= 1e-3 && targetRMS <= 1e3, "AGC target RMS must be 1e-3 … 1e3")
        self.mode = mode
        self.targetRMS = targetRMS
    }

    public var history: Int {
        switch mode {
        case .block: return 0
        case .tracking(let a, let d): return Int((5 * max(a, d)).rounded(.up))
        }
    }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        guard let x = row.baseAddress, row.count > 0 else { return }
        let count = row.count
        switch mode {
        case .block(let length):
            let block = length == 0 ? count : length
            var start = 0
            while start < count {
                let end = min(count, start + block)
                var power = 0.0
                for k in start ..< end { power += Double(x[k].lengthSquared) }
                power /= Double(end - start)
                let gain = power > 0 ? Float(targetRMS / power.squareRoot()) : 1
                for k in start ..< end { x[k] = x[k].multiplied(by: gain) }
                start = end
            }
        case .tracking(let attack, let decay):
            let up = Float(-_expm1(-1 / attack)), down = Float(-_expm1(-1 / decay))
            let target = Float(targetRMS)
            let first = min(count, Int(decay.rounded(.up)))
            var start = 0.0
            for k in 0 ..< first { start += Double(x[k].lengthSquared) }
            var p = Float(start / Double(first))
            let floor = Float.leastNormalMagnitude
            for k in 0 ..< count {
                let e = x[k].lengthSquared
                p += (e > p ? up : down) * (e - p)
                x[k] = x[k].multiplied(by: target / max(p, floor).squareRoot())
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
func _expm1(_ x: Double) -> Double { Glibc.expm1(x) }
#endif
