import CKernels
import Numerics

/// Sums of pulses placed symbol by symbol, the linear modulations' shaping: C kernels (CKernels,
/// `specgen_shape.h`) built for the x86-64 baseline, AVX2 and AVX-512, same bits at every level and the
/// same bits as adding each symbol's pulse into zeroed planar accumulators, in symbol order, then
/// interleaving.
public enum PulseTrain {
    /// Floats of work buffer `integer` needs beyond the taps.
    public static let integerWorkExtra = 2 * Int(SPECGEN_PULSE_PAD)

    /// Integer samples per symbol: output sample k (k < `output.count`) sits at position p = k + `offset`,
    /// where symbol s puts `re[s]·taps[p − s·sps]` on the real rail and `im[s]·taps[p − s·sps − delay]`
    /// on the imaginary one. Symbols must be finite; `work` holds `taps.count + integerWorkExtra` floats.
    /// Wraps `specgen_pulse_train_integer`.
    public static func integer(into output: UnsafeMutableBufferPointer<Complex<Float>>, offset: Int,
                               re: UnsafePointer<Float>, im: UnsafePointer<Float>, count: Int, samplesPerSymbol sps: Int,
                               delay: Int, taps: UnsafeBufferPointer<Float>, work: UnsafeMutablePointer<Float>) {
        precondition(sps > 0 && delay >= 0 && offset >= 0, "pulse train layout")
        guard let out = output.baseAddress, let h = taps.baseAddress else { return }
        out.withMemoryRebound(to: Float.self, capacity: 2 * output.count) { floats in
            specgen_pulse_train_integer(floats, output.count, offset, re, im, count, sps, delay, h, taps.count, work)
        }
    }
}

extension PulseTrain {
    /// Floats of work buffer `polyphase` needs per symbol.
    public static let polyphaseWorkPerSymbol = Int(SPECGEN_PULSE_POLYPHASE_WORK)

    /// The layout `polyphase` reads: rows of `rowLength` taps with `SPECGEN_PULSE_PAD` zeros before,
    /// between and after them.
    public static func paddedTable(_ table: [Float], rowLength: Int) -> [Float] {
        precondition(rowLength > 0 && table.count % rowLength == 0, "whole rows")
        let pad = Int(SPECGEN_PULSE_PAD)
        var padded = [Float](repeating: 0, count: pad + table.count / rowLength * (rowLength + pad))
        for row in 0 ..< table.count / rowLength {
            for j in 0 ..< rowLength { padded[pad + row * (rowLength + pad) + j] = table[row * rowLength + j] }
        }
        return padded
    }

    /// Real samples per symbol, from a polyphase table of `phases` + 1 rows (`paddedTable`): output
    /// sample k is absolute sample k; symbol s's real-rail pulse starts at t = (first + s)·sps − half, at
    /// sample ⌈t⌉, interpolated between rows i and i + 1 (i = min(⌊(⌈t⌉ − t)·P⌋, P − 1)); the imaginary
    /// rail's at t + delay. Symbols must be finite; `work` holds `count * polyphaseWorkPerSymbol` floats.
    /// Wraps `specgen_pulse_train_polyphase`.
    public static func polyphase(into output: UnsafeMutableBufferPointer<Complex<Float>>, re: UnsafePointer<Float>,
                                 im: UnsafePointer<Float>, count: Int, first: Int, samplesPerSymbol sps: Double, delay: Double,
                                 half: Double, phases: Int, rowLength: Int, table: UnsafePointer<Float>,
                                 work: UnsafeMutablePointer<Float>) {
        precondition(sps > 0 && phases > 0 && rowLength > 0, "pulse train layout")
        guard let out = output.baseAddress else { return }
        out.withMemoryRebound(to: Float.self, capacity: 2 * output.count) { floats in
            specgen_pulse_train_polyphase(floats, output.count, re, im, count, first, sps, delay, half, phases, rowLength, table, work)
        }
    }
}
