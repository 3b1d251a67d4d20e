import Numerics
import SpecGenDSP

/// Pulse shaping. The output is defined "symbol-major": every symbol adds its scaled pulse into zeroed
/// planar accumulators, in symbol order, and the window is interleaved into the output. The tap and
/// polyphase-table paths compute exactly that (same bits) block by block of outputs held in registers
/// (`PulseTrain`, C kernels at the baseline, AVX2 and AVX-512 levels); the rectangular and half-sine pulses at a
/// real number of samples per symbol still use the accumulators. Cost: about span real multiply-adds
/// per output sample and rail on the integer path, twice that on the polyphase path (two interpolated
/// rows), plus a block's width of zero products at each pulse edge.
extension LinearModulation {
    /// Cache kind of a pulse design in `SynthesisScratch.pulse` (0 = RRC taps, as before); polyphase
    /// tables are 8 + that.
    var pulseKind: Int {
        switch pulse {
        case .rootRaisedCosine: return 0
        case .raisedCosine: return 1
        case .gaussian: return 2
        case .rectangular: return 3
        case .halfSine: return 4
        }
    }
    /// The shape parameter the design depends on (none for the one-symbol pulses).
    var designShape: Double { pulse.usesSpan ? shape : 0 }

    func shapeInteger(_ output: UnsafeMutableBufferPointer<Complex<Float>>, first: Int, count: Int,
                      re symbolRe: UnsafeMutablePointer<Float>, im symbolIm: UnsafeMutablePointer<Float>,
                      sps: Int, scratch: SynthesisScratch) {
        let shape = designShape, spanSymbols = self.spanSymbols, pulse = self.pulse
        let taps = scratch.pulse(kind: pulseKind, rolloff: shape, samplesPerSymbol: sps, spanSymbols: spanSymbols) {
            pulse.taps(shape: shape, samplesPerSymbol: sps, spanSymbols: spanSymbols)
        }
        let mean = meanMagnitude
        if mean > 0 {
            // G = (1/sps)·Σ_r (Σ_{j ≡ r} h_j)²: the mean component's power for these very taps.
            var gain = 0.0
            for r in 0 ..< sps {
                let g = stride(from: r, to: taps.count, by: sps).reduce(0.0) { $0 + Double(taps[$1]) }
                gain += g * g / Double(sps)
            }
            scaleSymbols(symbolRe, symbolIm, count: count, by: Self.meanCorrection(mean: mean, gain: gain))
        }
        let tapCount = taps.count
        let work = scratch.floats(0, count: tapCount + PulseTrain.integerWorkExtra).baseAddress!
        taps.withUnsafeBufferPointer { h in
            PulseTrain.integer(into: output, offset: (tapCount - 1) / 2 - first * sps, re: symbolRe, im: symbolIm, count: count,
                               samplesPerSymbol: sps, delay: Int(quadratureDelay), taps: h, work: work)
        }
    }

    func shapeFractional(_ output: UnsafeMutableBufferPointer<Complex<Float>>, first: Int, count: Int,
                         re symbolRe: UnsafeMutablePointer<Float>, im symbolIm: UnsafeMutablePointer<Float>,
                         scratch: SynthesisScratch) {
        let sps = samplesPerSymbol, delay = quadratureDelay
        let design = PolyphasePulse(samplesPerSymbol: sps, spanSymbols: spanSymbols)
        let mean = meanMagnitude

        switch pulse {
        case .rectangular, .halfSine:
            let reach = sps / 2
            let base = Int((Double(first) * sps - reach).rounded(.down)) - 1
            let top = Int((Double(first + count - 1) * sps + delay + reach).rounded(.up)) + 2
            let span = top - base + 1
            let (re, im) = accumulators(span, scratch)
            // One-symbol pulses have G = ∫p² = 1, so OOK needs no correction.
            if pulse == .rectangular {
                Self.accumulateRectangular(re - base, values: symbolRe, count: count, first: first, sps: sps, delay: 0)
                Self.accumulateRectangular(im - base, values: symbolIm, count: count, first: first, sps: sps, delay: delay)
            } else {
                Self.accumulateHalfSine(re - base, values: symbolRe, count: count, first: first, sps: sps, delay: 0)
                Self.accumulateHalfSine(im - base, values: symbolIm, count: count, first: first, sps: sps, delay: delay)
            }
            interleave(output, re: re - base, im: im - base, count: output.count)
        default:
            let shape = designShape, pulse = self.pulse
            // The cache key holds the real sps exactly through its bit pattern. The table is stored padded
            // for PulseTrain.polyphase; the last element is G.
            let stored = scratch.pulse(kind: 8 + pulseKind, rolloff: shape, samplesPerSymbol: Int(truncatingIfNeeded: sps.bitPattern),
                                       spanSymbols: spanSymbols) {
                let (table, scale) = design.tableAndScale(pulse: pulse, shape: shape)
                return PulseTrain.paddedTable(table, rowLength: design.length)
                    + [Float(design.meanComponentGain(pulse: pulse, shape: shape, scale: scale))]
            }
            if mean > 0 {
                scaleSymbols(symbolRe, symbolIm, count: count, by: Self.meanCorrection(mean: mean, gain: Double(stored.last!)))
            }
            let work = scratch.floats(0, count: count * PulseTrain.polyphaseWorkPerSymbol).baseAddress!
            stored.withUnsafeBufferPointer { table in
                PulseTrain.polyphase(into: output, re: symbolRe, im: symbolIm, count: count, first: first, samplesPerSymbol: sps,
                                     delay: delay, half: design.half, phases: design.phases, rowLength: design.length,
                                     table: table.baseAddress!, work: work)
            }
        }
    }

    /// Two zeroed planar accumulators of `span` floats in one scratch slot, the second starting half a
    /// page (2 KiB) past a 4 KiB boundary after the first: a loop that stores re[j] and loads im[j] then
    /// never meets 4K aliasing (the store buffer matching the low 12 address bits), which slowed the
    /// shaping loop by ~15 % when two separate slots happened to sit a multiple of 4 KiB apart.
    func accumulators(_ span: Int, _ scratch: SynthesisScratch) -> (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) {
        let offset = (span + 1023) / 1024 * 1024 + 512
        let re = scratch.floats(0, count: offset + span).baseAddress!
        re.update(repeating: 0, count: span)
        (re + offset).update(repeating: 0, count: span)
        return (re, re + offset)
    }

    /// Rectangular pulses, exact: symbol n holds over the samples in [bₙ, bₙ₊₁), bₙ = n·sps + delay − sps/2.
    /// Each boundary is computed once and shared by the two symbols it separates, so the symbols tile
    /// the samples exactly once whatever the rounding of a boundary that falls on an integer.
    static func accumulateRectangular(_ acc: UnsafeMutablePointer<Float>, values: UnsafePointer<Float>, count: Int, first: Int,
                                      sps: Double, delay: Double) {
        let shift = delay - sps / 2
        var low = Int((Double(first) * sps + shift).rounded(.up))
        for s in 0 ..< count {
            let high = Int((Double(first + s + 1) * sps + shift).rounded(.up))
            let v = values[s]
            for k in low ..< high { acc[k] += v }
            low = high
        }
    }

    /// Half-sine pulses √2·cos(π(k − c)/sps) over |k − c| ≤ sps/2, exact: the cosine advances by a
    /// double-precision rotation from one anchor per symbol (≤ 33 steps: error ~1e-15).
    static func accumulateHalfSine(_ acc: UnsafeMutablePointer<Float>, values: UnsafePointer<Float>, count: Int, first: Int,
                                   sps: Double, delay: Double) {
        let step = Double.pi / sps
        let cosStep = _cosine(step), sinStep = _sine(step)
        let amplitude = 2.0.squareRoot()
        for s in 0 ..< count {
            let c = Double(first + s) * sps + delay
            let low = Int((c - sps / 2).rounded(.up)), high = Int((c + sps / 2).rounded(.down))
            guard low <= high else { continue }
            let angle = step * (Double(low) - c)
            var x = _cosine(angle) * amplitude, y = _sine(angle) * amplitude
            let v = Double(values[s])
            for k in low ... high {
                acc[k] += Float(v * x)
                (x, y) = (x * cosStep - y * sinStep, y * cosStep + x * sinStep)
            }
        }
    }

    func scaleSymbols(_ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, count: Int, by factor: Float) {
        for s in 0 ..< count {
            re[s] *= factor
            im[s] *= factor
        }
    }

    /// out[k] = (re[k], im[k]) for k = 0 ..< count.
    func interleave(_ output: UnsafeMutableBufferPointer<Complex<Float>>, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>, count: Int) {
        let out = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: Float.self)
        for k in 0 ..< count {
            out[2 * k] = re[k]
            out[2 * k + 1] = im[k]
        }
    }
}
