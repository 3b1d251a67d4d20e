import Numerics
import SpecGenDSP

/// Cyclic-prefix OFDM (Weinstein & Ebert, IEEE Trans. Commun. Technol. 19(5), 1971; Nee & Prasad,
/// *OFDM for Wireless Multimedia Communications*, 2000): each symbol is the N-point inverse DFT of
/// independent uniform points of `constellation` on the occupied subcarriers (known values on the
/// pilots, zeros on DC and the guard bands), preceded by a copy of its last CP samples.
///
/// Normalisation: every occupied subcarrier has unit expected energy (unit-energy constellations;
/// pilots of unit magnitude), and the unnormalised IFFT gives E|x|² = K, so the points are scaled by
/// 1/√K: unit expected power, prefix included (it copies samples of the same power).
///
/// The capture is a steady-state window: symbols run before sample 0 and past the end, and sample 0
/// lies `gridOffset` (a fraction of the numerology's period, which also fixes the pilot pattern and
/// the prefix pattern) into the period. Subcarrier k is at k·Fs/N.
///
/// Cost per symbol: one N-point FFTW inverse transform, K table look-ups and a copy of N + CP samples.
public struct OFDM: Emitter {
    public let numerology: OFDMNumerology
    public let constellation: Constellation
    /// Position of sample 0 in the period, as a fraction of it, in [0, 1].
    public let gridOffset: Double
    private let plan: FFTPlan

    public init(numerology: OFDMNumerology, constellation: Constellation, gridOffset: Double) {
        precondition(constellation.points.count <= 256, "one random byte per subcarrier: M ≤ 256")
        precondition((0 ... 1).contains(gridOffset))
        self.numerology = numerology
        self.constellation = constellation
        self.gridOffset = gridOffset
        plan = FFTPlan.cached(size: numerology.fftSize, direction: .inverse)
    }

    /// Samples per subcarrier symbol, (N + mean CP)/K: Es/N0 is the energy of one subcarrier symbol
    /// (the prefix's share included) over N0.
    public var symbolLength: Double {
        Double(numerology.prefixCycleLength) / Double(numerology.cyclicPrefixes.count * numerology.occupied)
    }

    /// The symbol of the period that contains sample 0 and where it starts (≤ 0).
    public var firstSymbol: (symbol: Int, start: Int) {
        let period = numerology.periodLength
        let position = Int((gridOffset * Double(period)).rounded(.down)) % period
        let (l, offset) = numerology.symbol(containing: position)
        return (l, -offset)
    }

    public func render(into output: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        let n = numerology.fftSize, k = numerology.occupied, lower = numerology.lowerOccupied, upper = k - lower
        let length = output.count
        let bins = scratch.complex(0, count: n).baseAddress!, body = scratch.complex(1, count: n).baseAddress!
        let mask = constellation.points.count - 1
        let scale = 1 / Float(k).squareRoot()
        // The constellation scaled by 1/√K, so the IFFT output is already at unit power.
        let points = scratch.complex(2, count: mask + 1).baseAddress!
        for (i, p) in constellation.points.enumerated() { points[i] = p.multiplied(by: scale) }
        // DC and the guard bands stay zero: bins 0 and upper + 1 ..< n − lower.
        bins.update(repeating: .zero, count: n)
        let words = scratch.words(0, count: (k + 3) / 4)
        let bytes = UnsafeRawPointer(words.baseAddress!).assumingMemoryBound(to: UInt8.self)
        let out = output.baseAddress!

        var (l, start) = firstSymbol
        while start < length {
            stream.fill(words)
            // Occupied index j < lower → bin n − lower + j; j ≥ lower → bin j − lower + 1.
            let negative = bins + (n - lower)
            for j in 0 ..< lower { negative[j] = points[Int(bytes[j]) & mask] }
            let positive = bins + 1
            for j in 0 ..< upper { positive[j] = points[Int(bytes[lower + j]) & mask] }
            numerology.forEachPilot(symbol: l) { j, value in
                bins[numerology.bin(subcarrier: numerology.subcarrier(occupiedIndex: j))] = value.multiplied(by: scale)
            }
            plan.execute(input: bins, output: body)

            // Symbol samples: prefix body[n − cp ..< n], then body[0 ..< n].
            let cp = numerology.cyclicPrefixes[l % numerology.cyclicPrefixes.count]
            let prefixEnd = start + cp, end = prefixEnd + n
            let prefixFrom = max(0, start), prefixTo = min(length, prefixEnd)
            if prefixFrom < prefixTo { (out + prefixFrom).update(from: body + (n - cp + prefixFrom - start), count: prefixTo - prefixFrom) }
            let from = max(0, prefixEnd), to = min(length, end)
            if from < to { (out + from).update(from: body + (from - prefixEnd), count: to - from) }
            start = end
            l = (l + 1) % numerology.symbolsPerPeriod
        }
    }
}
