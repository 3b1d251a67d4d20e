import Numerics
import SpecGenDSP

/// Linear digital modulation: independent uniform symbols from a constellation, root-raised-cosine
/// pulse shaping. The output is a steady-state window: symbols start before sample 0 and run past the
/// end, so no filter transient shows; symbol n is centred on sample n·sps.
///
/// Shaping is done "symbol-major": every symbol adds its scaled pulse into planar accumulators (one SAXPY
/// per symbol and part, which vectorises), then the window is interleaved into the output. Cost: about
/// (span + 1/sps) real multiply-adds per output sample and part.
public struct LinearModulation: Emitter {
    public let constellation: Constellation
    public let samplesPerSymbol: Int
    public let rolloff: Double
    public let spanSymbols: Int

    public init(constellation: Constellation, samplesPerSymbol: Int, rolloff: Double, spanSymbols: Int) {
        precondition(samplesPerSymbol >= 1 && spanSymbols >= 1 && (0 ... 1).contains(rolloff))
        self.constellation = constellation
        self.samplesPerSymbol = samplesPerSymbol
        self.rolloff = rolloff
        self.spanSymbols = spanSymbols
    }

    public var symbolLength: Double { Double(samplesPerSymbol) }

    var tapCount: Int { 2 * ((spanSymbols * samplesPerSymbol + 1) / 2) + 1 }

    /// The symbols that touch output samples 0 ..< length: (first index, count).
    func symbolRange(length: Int) -> (first: Int, count: Int) {
        let centre = (tapCount - 1) / 2
        let first = ceilDiv(centre - tapCount + 1, samplesPerSymbol)
        let last = floorDiv(centre + length - 1, samplesPerSymbol)
        return (first, last - first + 1)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        let taps = scratch.pulse(kind: 0, rolloff: rolloff, samplesPerSymbol: samplesPerSymbol, spanSymbols: spanSymbols) {
            RootRaisedCosine.taps(rolloff: rolloff, samplesPerSymbol: samplesPerSymbol, spanSymbols: spanSymbols)
        }
        let (first, symbolCount) = symbolRange(length: length)
        let tapCount = taps.count
        let sps = samplesPerSymbol
        let span = (symbolCount - 1) * sps + tapCount
        let re = scratch.floats(0, count: span).baseAddress!, im = scratch.floats(1, count: span).baseAddress!
        re.update(repeating: 0, count: span)
        im.update(repeating: 0, count: span)

        // One byte of randomness per symbol (M ≤ 256), whole Philox blocks of 16 bytes.
        let words = scratch.words(0, count: (symbolCount + 3) / 4)
        stream.fill(words)
        let bytes = UnsafeRawPointer(words.baseAddress!).assumingMemoryBound(to: UInt8.self)
        let mask = constellation.points.count - 1

        constellation.points.withUnsafeBufferPointer { points in
            taps.withUnsafeBufferPointer { h in
                let hp = h.baseAddress!
                for s in 0 ..< symbolCount {
                    let point = points[Int(bytes[s]) & mask]
                    let pr = point.real, pi = point.imaginary
                    let r = re + s * sps, i = im + s * sps
                    for j in 0 ..< tapCount {
                        r[j] += pr * hp[j]
                        i[j] += pi * hp[j]
                    }
                }
            }
        }
        let offset = (tapCount - 1) / 2 - first * sps
        let out = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: Float.self)
        for k in 0 ..< length {
            out[2 * k] = re[offset + k]
            out[2 * k + 1] = im[offset + k]
        }
    }
}

@inline(__always) func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
@inline(__always) func ceilDiv(_ a: Int, _ b: Int) -> Int { -floorDiv(-a, b) }
