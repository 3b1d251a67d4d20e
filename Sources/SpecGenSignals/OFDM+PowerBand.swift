import Numerics
import SpecGenDSP
import Synchronization

extension OFDM {
    /// Grid points per subcarrier spacing of `powerBand`'s spectrum.
    static let bandGridPerSubcarrier = 8

    /// What the band depends on: the grid, not the data.
    private struct BandKey: Hashable {
        let fftSize: Int, shortestPrefix: Int, occupied: Int
        /// 0 none or LTE reference signals (counted as data), 1 comb (with its spacing), 2 802.11.
        let pilotKind: Int, pilotSpacing: Int
        let fraction: Double
    }

    /// Bands already computed (up to 4096, then started afresh): a run draws few grids, and the
    /// computation costs milliseconds at N = 4096.
    private static let bandCache = Mutex<[BandKey: ClosedRange<Double>]>([:])

    /// The occupied subcarriers widened by the same margin on both sides until all but `fraction` of
    /// the power is inside, from the power spectrum computed on a grid of 8 points per subcarrier
    /// spacing (M = 8·N points; milliseconds at N = 4096, so the bands are cached per grid).
    ///
    /// Each subcarrier is keyed once per symbol of T = N + CP samples (the shortest prefix is taken, the
    /// widest spectrum), so its spectrum is the rectangular window's, |W(f − k/N)|² with
    /// W(f) = Σ_{n<T} e^{−j2πfn}: the sinc² tails of unwindowed CP-OFDM, which leave ≈ ln(K/m)/(π²·K)
    /// beyond m spacings of the edge (Nee & Prasad, "OFDM for Wireless Multimedia Communications", 2000,
    /// §2.4: why standards window their symbols; these are not windowed), so small K needs tens of
    /// spacings. Independent data add these in power: Σ_k |W(f − k/N)|², a circular convolution of the
    /// data subcarriers with |W|², done by FFT. Pilots that share one polarity per symbol (the comb
    /// pilots, 802.11's four) add in amplitude: their part is the symbol's pilot waveform, prefix
    /// included, transformed — coherent tails, which for a dense comb leave several times the data's
    /// power out of band. LTE's reference signals differ from subcarrier to subcarrier and count as data.
    public func powerBand(fraction: Double) -> ClosedRange<Double>? {
        let (kind, spacing): (Int, Int)
        switch numerology.pilots {
        case .none, .lteCellReference: (kind, spacing) = (0, 0)
        case .comb(let s): (kind, spacing) = (1, s)
        case .wlan: (kind, spacing) = (2, 0)
        }
        let key = BandKey(fftSize: numerology.fftSize, shortestPrefix: numerology.cyclicPrefixes.min()!, occupied: numerology.occupied,
                          pilotKind: kind, pilotSpacing: spacing, fraction: fraction)
        if let band = Self.bandCache.withLock({ $0[key] }) { return band }
        let band = computedPowerBand(fraction: fraction)
        Self.bandCache.withLock { cache in
            if cache.count >= 4096 { cache.removeAll() }
            cache[key] = band
        }
        return band
    }

    /// `powerBand`, computed.
    func computedPowerBand(fraction: Double) -> ClosedRange<Double> {
        let n = numerology.fftSize, k = numerology.occupied, lower = numerology.lowerOccupied
        let r = Self.bandGridPerSubcarrier, m = r * n
        let cp = numerology.cyclicPrefixes.min()!, symbol = n + cp
        let forward = FFTPlan.cached(size: m, direction: .forward), inverse = FFTPlan.cached(size: m, direction: .inverse)
        let a = AlignedBuffer<Complex<Float>>(count: m), b = AlignedBuffer<Complex<Float>>(count: m), c = AlignedBuffer<Complex<Float>>(count: m)

        // Which occupied subcarriers carry coherent pilots, with their values.
        var pilots: [(index: Int, value: Complex<Float>)] = []
        if case .lteCellReference = numerology.pilots {} else { pilots = numerology.pilots(symbol: 0) }
        let pilotIndices = Set(pilots.map(\.index))

        // |W|² on the grid.
        a.baseAddress.update(repeating: .zero, count: m)
        a.baseAddress.update(repeating: Complex(1, 0), count: symbol)
        forward.execute(input: a.baseAddress, output: b.baseAddress)
        for i in 0 ..< m { b.baseAddress[i] = Complex(b.baseAddress[i].lengthSquared, 0) }
        // The data comb, convolved with |W|² through the transforms.
        a.baseAddress.update(repeating: .zero, count: m)
        for j in 0 ..< k where !pilotIndices.contains(j) {
            a.baseAddress[(r * numerology.subcarrier(occupiedIndex: j) + m) % m] = Complex(1, 0)
        }
        forward.execute(input: a.baseAddress, output: c.baseAddress)
        forward.execute(input: b.baseAddress, output: a.baseAddress)
        for i in 0 ..< m { c.baseAddress[i] = c.baseAddress[i] * a.baseAddress[i] }
        inverse.execute(input: c.baseAddress, output: b.baseAddress)
        var power = (0 ..< m).map { Double(b.baseAddress[$0].real) / Double(m) }
        // The pilots' waveform over one symbol, prefix first, and its spectrum.
        if !pilots.isEmpty {
            a.baseAddress.update(repeating: .zero, count: m)
            for (j, value) in pilots { a.baseAddress[numerology.bin(subcarrier: numerology.subcarrier(occupiedIndex: j))] = value }
            let body = AlignedBuffer<Complex<Float>>(count: n), bins = AlignedBuffer<Complex<Float>>(count: n)
            for i in 0 ..< n { bins.baseAddress[i] = a.baseAddress[i] }
            FFTPlan.cached(size: n, direction: .inverse).execute(input: bins.baseAddress, output: body.baseAddress)
            a.baseAddress.update(repeating: .zero, count: m)
            for t in 0 ..< symbol { a.baseAddress[t] = body.baseAddress[(t - cp + n) % n] }
            forward.execute(input: a.baseAddress, output: b.baseAddress)
            for i in 0 ..< m { power[i] += Double(b.baseAddress[i].lengthSquared) }
        }

        // Widen [lowest, highest subcarrier] by one grid step per side until the rest is small enough.
        let total = power.reduce(0, +)
        var low = -r * lower, high = r * (k - lower)
        var inside = (low ... high).reduce(0.0) { $0 + power[($1 + m) % m] }
        while inside < fraction * total, high - low + 2 < m {
            low -= 1
            high += 1
            inside += power[(low + m) % m] + power[(high + m) % m]
        }
        return Double(low - 1) / Double(m) ... Double(high + 1) / Double(m)
    }
}
