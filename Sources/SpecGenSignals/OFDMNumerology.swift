import Numerics

/// The time-frequency grid of an OFDM signal: IFFT size, cyclic prefixes, occupied subcarriers and
/// pilots. Everything is relative to the sample rate: the IFFT runs at Fs, so the subcarrier spacing
/// is Fs/N and the occupied bandwidth K·Fs/N; a standard's numerology in Hz holds when Fs is the
/// standard's rate times `oversampling` (802.11a/g: 20 MHz; LTE: N·15 kHz).
///
/// Occupied subcarriers are −⌊K/2⌋ … −1 and 1 … K − ⌊K/2⌋ (DC is null); the rest are guard bands. They
/// are indexed j = 0 … K − 1 from the lowest ("occupied index").
public struct OFDMNumerology: Sendable, Equatable {
    /// Which occupied subcarriers of which symbol carry known values instead of data.
    public enum Pilots: Sendable, Equatable {
        case none
        /// Occupied indices j ≡ ⌊spacing/2⌋ (mod spacing) carry p_n, the 802.11 polarity of symbol n.
        case comb(spacing: Int)
        /// 802.11a/g (IEEE 802.11-2016 §17.3.5.10): subcarriers −21, −7, 7, 21 carry (1, 1, 1, −1)·p_n.
        case wlan(oversampling: Int)
        /// LTE cell-specific reference signals of antenna port 0 in cell 0 (3GPP TS 36.211 §6.10.1):
        /// symbols 0 and 4 of every slot, every sixth subcarrier (offset 0 and 3), QPSK Gold-sequence
        /// values that repeat every radio frame (20 slots).
        case lteCellReference(resourceBlocks: Int)
    }

    /// IFFT size N (64 … 4096 in scenarios).
    public let fftSize: Int
    /// Cyclic-prefix lengths of consecutive symbols, repeating (one entry, or seven for an LTE slot).
    public let cyclicPrefixes: [Int]
    /// Occupied subcarriers K (DC excluded).
    public let occupied: Int
    public let pilots: Pilots
    /// Symbols after which the whole pattern (prefixes and pilots) repeats: 127 (the 802.11 polarity
    /// sequence) or 140 (an LTE radio frame).
    public let symbolsPerPeriod: Int

    public init(fftSize: Int, cyclicPrefixes: [Int], occupied: Int, pilots: Pilots, symbolsPerPeriod: Int) {
        precondition(fftSize >= 2 && occupied >= 1 && occupied < fftSize, "need 1 ≤ K < N (DC is null)")
        precondition(!cyclicPrefixes.isEmpty && cyclicPrefixes.allSatisfy { (0 ... fftSize).contains($0) })
        precondition(symbolsPerPeriod % cyclicPrefixes.count == 0)
        self.fftSize = fftSize
        self.cyclicPrefixes = cyclicPrefixes
        self.occupied = occupied
        self.pilots = pilots
        self.symbolsPerPeriod = symbolsPerPeriod
    }

    /// Free choice: `occupied` subcarriers, cyclic prefix `cyclicPrefix` samples, comb pilots every
    /// `pilotSpacing` occupied subcarriers (0: none).
    public static func custom(fftSize: Int, occupied: Int, cyclicPrefix: Int, pilotSpacing: Int) -> OFDMNumerology {
        OFDMNumerology(fftSize: fftSize, cyclicPrefixes: [cyclicPrefix], occupied: occupied,
                       pilots: pilotSpacing > 0 ? .comb(spacing: pilotSpacing) : .none,
                       symbolsPerPeriod: WLANPilotPolarity.period)
    }

    /// 802.11a/g-like: 64·L-point IFFT, 48 data and 4 pilot subcarriers of the 64-point grid, CP 16·L
    /// (0.8 µs of 4 µs at Fs = 20·L MHz).
    public static func wlan(oversampling: Int) -> OFDMNumerology {
        precondition(oversampling >= 1)
        return OFDMNumerology(fftSize: 64 * oversampling, cyclicPrefixes: [16 * oversampling], occupied: 52,
                              pilots: .wlan(oversampling: oversampling), symbolsPerPeriod: WLANPilotPolarity.period)
    }

    /// LTE downlink channel bandwidths: resource blocks and the native IFFT size at 15 kHz spacing.
    public enum LTEBandwidth: Int, Sendable, CaseIterable {
        case mhz1_4 = 6, mhz3 = 15, mhz5 = 25, mhz10 = 50, mhz15 = 75, mhz20 = 100
        public var resourceBlocks: Int { rawValue }
        /// 128 … 2048 (1536 for 15 MHz): Fs = N·15 kHz = 1.92 … 30.72 MHz.
        public var nativeFFTSize: Int {
            switch self {
            case .mhz1_4: 128
            case .mhz3: 256
            case .mhz5: 512
            case .mhz10: 1024
            case .mhz15: 1536
            case .mhz20: 2048
            }
        }
    }

    /// LTE-like downlink, normal cyclic prefix (TS 36.211 Table 6.12-1): 12·N_RB subcarriers of an
    /// N·L-point IFFT, 7 symbols per slot with prefixes 160 and 144 (× N·L/2048), cell reference signals.
    /// At Fs = N·L·15 kHz the spacing is 15 kHz and a slot lasts 0.5 ms.
    public static func lte(_ bandwidth: LTEBandwidth, oversampling: Int) -> OFDMNumerology {
        let n = bandwidth.nativeFFTSize * oversampling
        let first = 160 * n / 2048, other = 144 * n / 2048
        return OFDMNumerology(fftSize: n, cyclicPrefixes: [first] + Array(repeating: other, count: 6),
                              occupied: 12 * bandwidth.resourceBlocks,
                              pilots: .lteCellReference(resourceBlocks: bandwidth.resourceBlocks), symbolsPerPeriod: 140)
    }

    /// Occupied subcarriers below DC, ⌊K/2⌋.
    public var lowerOccupied: Int { occupied / 2 }

    /// The subcarrier (signed, DC = 0) of occupied index j.
    public func subcarrier(occupiedIndex j: Int) -> Int { j < lowerOccupied ? j - lowerOccupied : j - lowerOccupied + 1 }

    /// The IFFT bin of subcarrier k (negative k wrap to N + k).
    public func bin(subcarrier k: Int) -> Int { k < 0 ? fftSize + k : k }

    /// Samples of symbol l (its prefix and its N useful samples).
    public func symbolLength(_ l: Int) -> Int { fftSize + cyclicPrefixes[l % cyclicPrefixes.count] }

    /// Samples of one repetition of the cyclic-prefix pattern.
    public var prefixCycleLength: Int { cyclicPrefixes.count * fftSize + cyclicPrefixes.reduce(0, +) }

    /// Samples of the whole period (`symbolsPerPeriod` symbols).
    public var periodLength: Int { symbolsPerPeriod / cyclicPrefixes.count * prefixCycleLength }

    /// Where symbol l of the period starts (its prefix), in samples from the period start.
    public func symbolStart(_ l: Int) -> Int {
        let cycles = l / cyclicPrefixes.count
        var start = cycles * prefixCycleLength
        for i in 0 ..< l % cyclicPrefixes.count { start += fftSize + cyclicPrefixes[i] }
        return start
    }

    /// The symbol containing position p of the period, and p's offset into it.
    public func symbol(containing p: Int) -> (symbol: Int, offset: Int) {
        precondition((0 ..< periodLength).contains(p))
        var l = p / prefixCycleLength * cyclicPrefixes.count
        var offset = p % prefixCycleLength
        while offset >= symbolLength(l) {
            offset -= symbolLength(l)
            l += 1
        }
        return (l, offset)
    }

    /// The pilots of symbol l of the period, as (occupied index, value) pairs.
    public func pilots(symbol l: Int) -> [(index: Int, value: Complex<Float>)] {
        var result: [(index: Int, value: Complex<Float>)] = []
        forEachPilot(symbol: l) { result.append(($0, $1)) }
        return result
    }

    /// Calls `body(occupied index, value)` for each pilot of symbol l of the period.
    @inline(__always)
    func forEachPilot(symbol l: Int, _ body: (Int, Complex<Float>) -> Void) {
        switch pilots {
        case .none:
            return
        case .comb(let spacing):
            let value = Complex<Float>(WLANPilotPolarity.values[l % WLANPilotPolarity.period], 0)
            for j in stride(from: spacing / 2, to: occupied, by: spacing) { body(j, value) }
        case .wlan:
            let p = WLANPilotPolarity.values[l % WLANPilotPolarity.period]
            // Occupied indices of subcarriers −21, −7, 7, 21 in the 52-subcarrier layout.
            body(26 - 21, Complex(p, 0))
            body(26 - 7, Complex(p, 0))
            body(26 + 7 - 1, Complex(p, 0))
            body(26 + 21 - 1, Complex(-p, 0))
        case .lteCellReference(let resourceBlocks):
            let inSlot = l % 7
            guard inSlot == 0 || inSlot == 4 else { return }
            let table = LTECellReference.values(slot: (l / 7) % 20, symbol: inSlot)
            let shift = inSlot == 0 ? 0 : 3
            let first = LTECellReference.maximumResourceBlocks - resourceBlocks
            for m in 0 ..< 2 * resourceBlocks { body(6 * m + shift, table[first + m]) }
        }
    }
}
