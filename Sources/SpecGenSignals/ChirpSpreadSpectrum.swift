import Numerics
import SpecGenDSP

/// LoRa-like chirp spread spectrum: each symbol s ∈ 0 ..< M = 2^SF is the base up-chirp across
/// [−B/2, B/2] cyclically shifted by s chips, so its instantaneous frequency starts at B·(s/M − ½),
/// rises at B²/M per second and wraps from B/2 to −B/2 after M − s chips.
///
/// Signal model (Vangelista, "Frequency shift chirp modulation: the LoRa modulation", IEEE Signal
/// Process. Lett. 24(12), 2017): chip rate B, symbol duration M/B. Sampled at the chip instants the
/// symbol is x_s[m] = e^{j2π((m + s)² − s²)/(2M) − jπm}, so multiplying by the conjugate base chirp
/// x_0[m]* leaves the tone e^{j2πms/M}: one DFT peak at bin s (the dechirp receiver).
///
/// The phase is continuous at the wrap and across symbols (only the frequency jumps); |x| = 1, unit
/// power. Symbols are independent and uniform, one Philox word each (the top SF bits). The capture
/// is a steady-state window: sample 0 falls at `gridOffset` (a fraction of a symbol) into a symbol,
/// whose start has phase `phase`.
public struct ChirpSpreadSpectrum: Emitter {
    /// SF, 7 … 12 for LoRa (any 1 … 16 is accepted here).
    public let spreadingFactor: Int
    /// Bandwidth (chip rate) B/Fs, cycles/sample, in (0, 1].
    public let bandwidth: Double
    /// Where sample 0 falls in its symbol, as a fraction of a symbol, in [0, 1].
    public let gridOffset: Double
    /// Phase at the start of the symbol containing sample 0, radians.
    public let phase: Double

    public init(spreadingFactor: Int, bandwidth: Double, gridOffset: Double, phase: Double) {
        precondition((1 ... 16).contains(spreadingFactor))
        precondition(bandwidth > 0 && bandwidth <= 1, "bandwidth must be in (0, 1] cycles/sample")
        precondition((0 ... 1).contains(gridOffset))
        self.spreadingFactor = spreadingFactor
        self.bandwidth = bandwidth
        self.gridOffset = gridOffset
        self.phase = phase
    }

    /// Symbols per alphabet, M = 2^SF.
    public var alphabetSize: Int { 1 << spreadingFactor }

    /// Samples per symbol, M·Fs/B (fractional in general).
    public var symbolLength: Double { Double(alphabetSize) / bandwidth }

    /// How many symbols touch samples 0 ..< length.
    public func symbolCount(length: Int) -> Int {
        let origin = -gridOffset * symbolLength
        return Int(((Double(length) - origin) / symbolLength).rounded(.up)) + 1
    }

    /// Draws `symbols.count` independent uniform symbol values from `stream` (the draws `render` makes).
    public func drawSymbols(_ stream: inout RandomStream, into symbols: UnsafeMutableBufferPointer<UInt32>) {
        stream.fill(symbols)
        let shift = UInt32(32 - spreadingFactor)
        for i in symbols.indices { symbols[i] >>= shift }
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let symbols = scratch.words(0, count: symbolCount(length: output.count))
        drawSymbols(&stream, into: symbols)
        render(symbols: UnsafeBufferPointer(symbols), into: output)
    }

    /// Renders the given symbol values (symbols[0] is the symbol containing sample 0; values < M),
    /// stopping at the end of `output` or of `symbols`.
    public func render(symbols: UnsafeBufferPointer<UInt32>, into output: UnsafeMutableBufferPointer<Complex<Float>>) {
        let length = output.count
        let m = Double(alphabetSize), duration = symbolLength
        let rate = bandwidth / duration
        let origin = -gridOffset * duration
        var cycles = phase / (2 * Double.pi)
        cycles -= cycles.rounded(.down)
        for (i, value) in symbols.enumerated() {
            precondition(Int(value) < alphabetSize, "symbol value \(value) ≥ M = \(alphabetSize)")
            let start = origin + Double(i) * duration, end = origin + Double(i + 1) * duration
            if ChirpSegment.firstSample(atOrAfter: start) >= length { break }
            let s = Double(value)
            // Before the wrap: from B(s/M − ½) up to B/2, for (M − s)/M of the symbol.
            let wrap = start + (m - s) / m * duration
            var rising = ChirpSegment(start: start, phase: cycles, frequency: bandwidth * (s / m - 0.5), rate: rate)
            var after = ChirpSegment(start: wrap, phase: rising.phase(at: wrap - start), frequency: -bandwidth / 2, rate: rate)
            render(&rising, from: start, to: wrap, output)
            render(&after, from: wrap, to: end, output)
            cycles = after.phase(at: end - wrap)
        }
    }

    @inline(__always)
    private func render(_ segment: inout ChirpSegment, from start: Double, to end: Double, _ output: UnsafeMutableBufferPointer<Complex<Float>>) {
        let first = max(0, ChirpSegment.firstSample(atOrAfter: start))
        let last = min(output.count, ChirpSegment.firstSample(atOrAfter: end))
        if first < last { segment.render(into: output.baseAddress!, samples: first ..< last) }
    }
}
