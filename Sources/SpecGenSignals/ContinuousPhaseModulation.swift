import Numerics
import SpecGenDSP

/// Continuous-phase modulation: x(t) = exp(j·φ(t)), φ(t) = φ₀ + 2π·h·Σᵢ aᵢ·q(t − i − ½), with
/// independent uniform symbols aᵢ ∈ {±1, ±3, …, ±(M − 1)}, modulation index h and the phase pulse q of
/// a `PhasePulse` (t in symbols; symbol i occupies [i, i + 1)). This is M-ary CPFSK for the rectangular
/// pulse (MSK at M = 2, h = ½) and GFSK/GMSK for the Gaussian one (Anderson, Aulin & Sundberg, "Digital
/// Phase Modulation", 1986; Proakis, "Digital Communications" 5th ed., §3.3-2).
///
/// Sample n is taken at t = n / samples_per_symbol, so the oversampling may be fractional: the phase
/// is a closed form of t. It is evaluated per sample as θₖ + h·Σ over the 2W + 1 symbols whose pulse
/// covers t (cubic Hermite interpolation of a q table, `PhasePulse.table`), where θₖ, the phase of
/// every symbol already complete, is accumulated in double precision and reduced modulo one cycle at
/// each symbol. The phase is therefore continuous across symbols and exact to ~1e-7 cycles anywhere in
/// arbitrarily long examples; the window is steady state (the symbols before sample 0 are drawn too).
///
/// Power: |x| = 1 for every sample (constant envelope), so the expected power is 1 with no scaling.
public struct ContinuousPhaseModulation: Emitter {
    /// Alphabet size M ≥ 2.
    public let order: Int
    /// h > 0: adjacent tones are h·Rs apart, the phase turns by π·h·a over a symbol.
    public let modulationIndex: Double
    /// Samples per symbol (real, ≥ 1).
    public let samplesPerSymbol: Double
    public let pulse: PhasePulse
    /// φ₀ in radians: the phase accumulated before the first symbol that reaches sample 0.
    public let phase: Double

    public var symbolLength: Double { samplesPerSymbol }

    public init(order: Int, modulationIndex: Double, samplesPerSymbol: Double, pulse: PhasePulse, phase: Double) {
        precondition(order >= 2 && order <= 256 && modulationIndex > 0 && samplesPerSymbol >= 1)
        self.order = order
        self.modulationIndex = modulationIndex
        self.samplesPerSymbol = samplesPerSymbol
        self.pulse = pulse
        self.phase = phase
    }

    /// Cache key of the pulse table in `SynthesisScratch` ("CPM" in ASCII, apart from other kernels' kinds).
    static let tableKind = 0x43_50_4D

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let length = output.count
        guard length > 0 else { return }
        let w = pulse.halfSpan
        // Symbols i = −W … last + W (stored at i + W): every symbol whose pulse reaches a sample, then
        // zeros up to 8 past the end for the vector loads of the Gaussian path.
        let invSps = 1 / samplesPerSymbol
        let lastInterval = Int(Double(length - 1) * invSps)
        let symbolCount = lastInterval + 2 * w + 1
        let words = scratch.words(0, count: symbolCount)
        stream.fill(words)
        let amplitude = scratch.floats(0, count: symbolCount + 8).baseAddress!
        let m = UInt64(order), top = Float(order - 1)
        for i in 0 ..< symbolCount {
            // ⌊word·M / 2³²⌋ is uniform on 0 ..< M (exactly for M a power of two, within M/2³² otherwise).
            amplitude[i] = 2 * Float((UInt64(words[i]) &* m) >> 32) - top
        }
        (amplitude + symbolCount).update(repeating: 0, count: 8)

        let cycles = scratch.floats(1, count: length).baseAddress!
        let theta = UnitPhasor.wrap(phase / (2 * Double.pi))
        if w == 0 {
            renderRectangular(cycles: cycles, length: length, amplitude: amplitude, theta: theta)
        } else {
            let resolution = pulse.resolution
            let shape: Double
            if case .gaussian(let bt) = pulse { shape = bt } else { shape = 0 }
            let table = scratch.pulse(kind: Self.tableKind, rolloff: shape, samplesPerSymbol: resolution, spanSymbols: w) {
                Self.laneTable(pulse.table(), halfSpan: w, resolution: resolution)
            }
            table.withUnsafeBufferPointer {
                renderSmooth(cycles: cycles, length: length, amplitude: amplitude, theta: theta, table: $0.baseAddress!, halfSpan: w, resolution: resolution)
            }
        }
        UnitPhasor.fill(output, cycles: cycles)
    }

    /// Full response (W = 0): inside symbol interval k the phase is θₖ + (h/2)·aₖ·(t − k) cycles.
    private func renderRectangular(cycles: UnsafeMutablePointer<Float>, length: Int, amplitude: UnsafeMutablePointer<Float>, theta start: Double) {
        let invSps = 1 / samplesPerSymbol, halfH = 0.5 * modulationIndex
        var theta = start
        var k = 0
        for n in 0 ..< length {
            let time = Double(n) * invSps
            let interval = Int(time)
            while k < interval {
                theta = UnitPhasor.wrap(theta + halfH * Double(amplitude[k]))
                k &+= 1
            }
            cycles[n] = Float(UnitPhasor.wrap(theta + halfH * Double(amplitude[k]) * (time - Double(interval))))
        }
    }

    /// Partial response: θₖ (the symbols that have left every pulse window) plus h·Σⱼ aₖ₊ⱼ·q(τⱼ) over the
    /// 2W + 1 symbols whose pulse covers t, eight symbols per vector operation: each table cell holds
    /// the cubic of every symbol of a group as four coefficient vectors, evaluated by Horner's rule.
    private func renderSmooth(cycles: UnsafeMutablePointer<Float>, length: Int, amplitude: UnsafeMutablePointer<Float>, theta start: Double,
                              table: UnsafePointer<Float>, halfSpan w: Int, resolution r: Int) {
        let invSps = 1 / samplesPerSymbol, h = modulationIndex, halfH = 0.5 * modulationIndex
        let groups = (2 * w + 1 + 7) / 8, groupBytes = 4 * r * 32
        let coefficients = UnsafeRawPointer(table)
        let symbols = UnsafeRawPointer(amplitude)
        let resolution = Double(r)
        var theta = start
        var k = 0
        for n in 0 ..< length {
            let time = Double(n) * invSps
            let interval = Int(time)
            while k < interval {
                // Symbol k − W has left every pulse window: its whole turn π·h·a joins θ.
                theta = UnitPhasor.wrap(theta + halfH * Double(amplitude[k]))
                k &+= 1
            }
            let position = (time - Double(interval)) * resolution
            let cell = Int(position)
            let u = SIMD8<Float>(repeating: Float(position - Double(cell)))
            var accumulator = SIMD8<Float>.zero
            var offset = 128 &* cell
            for g in 0 ..< groups {
                let c0 = coefficients.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                let c1 = coefficients.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD8<Float>.self)
                let c2 = coefficients.loadUnaligned(fromByteOffset: offset &+ 64, as: SIMD8<Float>.self)
                let c3 = coefficients.loadUnaligned(fromByteOffset: offset &+ 96, as: SIMD8<Float>.self)
                let a = symbols.loadUnaligned(fromByteOffset: 4 &* (interval &+ 8 &* g), as: SIMD8<Float>.self)
                accumulator += a * (c0 + u * (c1 + u * (c2 + u * c3)))
                offset &+= groupBytes
            }
            // Pairwise horizontal sum (three dependent adds instead of seven).
            let four = accumulator.lowHalf + accumulator.highHalf, two = four.lowHalf + four.highHalf
            cycles[n] = Float(UnitPhasor.wrap(theta + h * Double(two[0] + two[1])))
        }
    }

    /// `PhasePulse.table()` rearranged for the vector loop: for each group of eight window symbols
    /// j = 8g … 8g + 7 (zero past 2W + 1) and each table cell c, the cubic Hermite on the cell of
    /// q(c/R + u/R + W − j − ½), u ∈ [0, 1), as coefficient vectors c₀ … c₃ (monomials in u).
    static func laneTable(_ plain: [Float], halfSpan w: Int, resolution r: Int) -> [Float] {
        let points = (2 * w + 1) * r + 1, lanes = 2 * w + 1
        let groups = (lanes + 7) / 8
        var table = [Float](repeating: 0, count: groups * r * 32)
        for g in 0 ..< groups {
            for cell in 0 ..< r {
                for lane in 0 ..< 8 where 8 * g + lane < lanes {
                    let i = cell + (2 * w - (8 * g + lane)) * r
                    let q0 = plain[i], q1 = plain[i + 1], s0 = plain[points + i], s1 = plain[points + i + 1]
                    let base = (g * r + cell) * 32 + lane
                    table[base] = q0
                    table[base + 8] = s0
                    table[base + 16] = 3 * (q1 - q0) - 2 * s0 - s1
                    table[base + 24] = 2 * (q0 - q1) + s0 + s1
                }
            }
        }
        return table
    }
}
