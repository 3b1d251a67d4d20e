import Numerics
import SpecGenDSP
import SpecGenTestSupport
import Testing

/// The pulse-train kernels (CKernels `specgen_shape.h`) against the symbol-major Swift code they replaced
/// (every symbol's pulse added into zeroed planar accumulators, then interleaved), bit for bit, at every
/// level this machine runs: seeded random symbols and taps with signed zeros, subnormals and exactly
/// cancelling products mixed in, output lengths around the vector and block sizes (8, 16, 32, 64, 128),
/// symbol runs that stop short of the output or reach past it.
@Suite(.serialized) struct PulseTrainTests {
    static let lengths = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 127, 128, 129, 255, 1000]

    /// Mostly uniform in [−1, 1); one in six a value that tests signed zeros and rounding.
    static func value(_ random: inout SplitMix64) -> Float {
        let specials: [Float] = [0, -0.0, 0.5, -0.5, .leastNormalMagnitude / 1024, -.leastNormalMagnitude / 1024, 1e-25, -1e-25, .leastNonzeroMagnitude]
        let word = random.next()
        if word % 6 == 0 { return specials[Int(word >> 8) % specials.count] }
        return Float(word >> 40) / Float(1 << 23) - 1
    }

    static func values(_ count: Int, _ random: inout SplitMix64) -> [Float] { (0 ..< count).map { _ in value(&random) } }

    static func bits(_ output: [Complex<Float>]) -> [UInt32] { output.flatMap { [$0.real.bitPattern, $0.imaginary.bitPattern] } }

    // MARK: integer samples per symbol

    static func integerReference(length: Int, offset: Int, re: [Float], im: [Float], sps: Int, delay: Int, taps: [Float]) -> [Complex<Float>] {
        let span = max(re.count * sps + taps.count + delay, length + offset)
        var accRe = [Float](repeating: 0, count: span), accIm = accRe
        for s in re.indices {
            for j in taps.indices { accRe[s * sps + j] += re[s] * taps[j] }
        }
        for s in im.indices {
            for j in taps.indices { accIm[s * sps + delay + j] += im[s] * taps[j] }
        }
        return (0 ..< length).map { Complex(accRe[$0 + offset], accIm[$0 + offset]) }
    }

    static func integer(length: Int, offset: Int, re: [Float], im: [Float], sps: Int, delay: Int, taps: [Float]) -> [Complex<Float>] {
        var output = [Complex<Float>](repeating: Complex(.nan, .nan), count: length)
        var work = [Float](repeating: .nan, count: taps.count + PulseTrain.integerWorkExtra)
        output.withUnsafeMutableBufferPointer { out in
            taps.withUnsafeBufferPointer { h in
                PulseTrain.integer(into: out, offset: offset, re: re, im: im, count: re.count, samplesPerSymbol: sps, delay: delay,
                                   taps: h, work: &work)
            }
        }
        return output
    }

    @Test(arguments: KernelLevel.available)
    func integerMatchesSymbolMajorSum(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var random = SplitMix64(seed: 20_260_513)
        var trials = 0
        for length in Self.lengths {
            for sps in [1, 2, 3, 5, 8, 13] {
                for tapCount in [1, 7, 8, 9, 33, 81, 255] {
                    let delay = [0, sps / 2, Int(random.next() % 4)][trials % 3]
                    let centre = (tapCount - 1) / 2
                    // As LinearModulation.symbolRange, sometimes a symbol short or one too many.
                    let first = -((centre + delay + sps - 1) / sps)
                    let last = (centre + length - 1 + sps * 4) / sps - 4
                    let count = max(0, last - first + 1 + Int(random.next() % 3) - 1)
                    let offset = centre - first * sps
                    let re = Self.values(count, &random), im = Self.values(count, &random), taps = Self.values(tapCount, &random)
                    let got = Self.integer(length: length, offset: offset, re: re, im: im, sps: sps, delay: delay, taps: taps)
                    let expected = Self.integerReference(length: length, offset: offset, re: re, im: im, sps: sps, delay: delay, taps: taps)
                    #expect(Self.bits(got) == Self.bits(expected), "length \(length) sps \(sps) taps \(tapCount) delay \(delay) count \(count)")
                    trials += 1
                }
            }
        }
    }

    // MARK: polyphase table

    struct Design {
        var sps: Double, phases: Int, length: Int, half: Double
        init(sps: Double, span: Int) {
            self.sps = sps
            phases = max(2, Int((128 / sps).rounded(.up)))
            half = Double(span) * sps / 2
            length = Int((2 * half).rounded(.down)) + 1
        }
    }

    static func phase(of start: Double, phases: Int) -> (sample: Int, row: Int, weight: Float) {
        let sample = start.rounded(.up)
        let position = (sample - start) * Double(phases)
        let row = min(Int(position), phases - 1)
        return (Int(sample), row, Float(position - Double(row)))
    }

    /// The replaced `LinearModulation.accumulateTable` pair, on accumulators indexed from sample `base`.
    static func polyphaseReference(length: Int, re: [Float], im: [Float], first: Int, delay: Double, design d: Design,
                                   table: [Float]) -> [Complex<Float>] {
        let base = min(0, Int((Double(first) * d.sps - d.half).rounded(.down)) - 1)
        let top = max(length, Int((Double(first + re.count) * d.sps + delay + d.half).rounded(.up)) + d.length + 2)
        var accRe = [Float](repeating: 0, count: top - base), accIm = accRe
        let L = d.length
        if delay == 0 {
            for s in re.indices {
                let (sample, row, w) = phase(of: Double(first + s) * d.sps - d.half, phases: d.phases)
                let ar = re[s] * (1 - w), br = re[s] * w, ai = im[s] * (1 - w), bi = im[s] * w
                for j in 0 ..< L {
                    let a = table[row * L + j], b = table[(row + 1) * L + j]
                    accRe[sample - base + j] += ar * a + br * b
                    accIm[sample - base + j] += ai * a + bi * b
                }
            }
        } else {
            for (values, shift, rail) in [(re, 0.0, 0), (im, delay, 1)] {
                for s in values.indices {
                    let (sample, row, w) = phase(of: Double(first + s) * d.sps + shift - d.half, phases: d.phases)
                    let va = values[s] * (1 - w), vb = values[s] * w
                    for j in 0 ..< L {
                        let term = va * table[row * L + j] + vb * table[(row + 1) * L + j]
                        if rail == 0 { accRe[sample - base + j] += term } else { accIm[sample - base + j] += term }
                    }
                }
            }
        }
        return (0 ..< length).map { Complex(accRe[$0 - base], accIm[$0 - base]) }
    }

    @Test(arguments: KernelLevel.available)
    func polyphaseMatchesSymbolMajorSum(level: KernelLevel) {
        let hold = KernelLevelHold(level)
        defer { hold.release() }
        #expect(hold.level == level)
        var random = SplitMix64(seed: 20_260_514)
        var trials = 0
        for length in Self.lengths {
            for sps in [1.25, 2.37, 3.5, 4.3, 7.9, 12.01] {
                for span in [1, 2, 6, 11] {
                    let design = Design(sps: sps, span: span)
                    let delay = [0, sps / 2, Double(random.next() % 1000) / 997][trials % 3]
                    let first = Int(((-design.half - delay) / sps).rounded(.up)) - Int(random.next() % 2)
                    let last = Int(((Double(length - 1) + design.half) / sps).rounded(.down)) + Int(random.next() % 2)
                    let count = max(0, last - first + 1)
                    let re = Self.values(count, &random), im = Self.values(count, &random)
                    let table = Self.values((design.phases + 1) * design.length, &random)
                    let padded = PulseTrain.paddedTable(table, rowLength: design.length)
                    var output = [Complex<Float>](repeating: Complex(.nan, .nan), count: length)
                    var work = [Float](repeating: .nan, count: count * PulseTrain.polyphaseWorkPerSymbol)
                    output.withUnsafeMutableBufferPointer { out in
                        PulseTrain.polyphase(into: out, re: re, im: im, count: count, first: first, samplesPerSymbol: sps, delay: delay,
                                             half: design.half, phases: design.phases, rowLength: design.length, table: padded,
                                             work: &work)
                    }
                    let expected = Self.polyphaseReference(length: length, re: re, im: im, first: first, delay: delay, design: design,
                                                           table: table)
                    #expect(Self.bits(output) == Self.bits(expected), "length \(length) sps \(sps) span \(span) delay \(delay) count \(count)")
                    trials += 1
                }
            }
        }
    }

    /// The builds agree with each other on a long run (the reference comparison covers each alone).
    @Test func levelsAgree() {
        var random = SplitMix64(seed: 20_260_515)
        let re = Self.values(150, &random), im = Self.values(150, &random), taps = Self.values(81, &random)
        let outputs = KernelLevel.available.map { level -> [UInt32] in
            let hold = KernelLevelHold(level)
            defer { hold.release() }
            return Self.bits(Self.integer(length: 1111, offset: 40 + 6 * 8, re: re, im: im, sps: 8, delay: 4, taps: taps))
        }
        #expect(Set(outputs).count == 1)
    }
}
