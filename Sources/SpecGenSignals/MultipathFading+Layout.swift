import Synchronization

extension MultipathFading {
    /// The part of a delay line that depends only on its delays and the interpolator length: per tap the
    /// integer delay, whether it is fractional and its 2H interpolator coefficients; the lags all taps span;
    /// and, when the combined evaluation is the cheaper order, the taps' kernels over those lags.
    ///
    /// Stages are made per example, almost always with the same delays (a preset at one sample rate), so
    /// layouts are cached by (delays, H) — at most 256, shared by all threads: building one costs more
    /// than the rest of the stage's set-up.
    struct Layout: Sendable {
        let integerDelays: [Int]
        let fractional: [Bool]
        /// 2H coefficients per tap (zeros for integer delays, which skip the interpolator).
        let coefficients: [Float]
        /// The lowest lag any tap's kernel reaches (d − H + 1 for a fractional tap, d for an integer one).
        let lowestLag: Int
        /// Lags from `lowestLag` to the highest any kernel reaches.
        let kernelLength: Int
        /// Whether one complex FIR over all lags takes fewer vector operations than one filter per tap:
        /// combined 12 per lag per 8 samples; per tap 2 per coefficient and 8 for the gain (fractional),
        /// 8 (integer).
        let combinedIsCheaper: Bool
        /// `combinedKernels()` when `combinedIsCheaper` (nil otherwise: a long sparse line's kernels could
        /// be large, and only a forced combined evaluation needs them).
        let cheaperKernels: [Float]?

        /// - Parameters:
        ///   - delays: per tap, in samples, ≥ 0 (whole numbers already snapped).
        ///   - halfLength: H of the interpolator (`FadingInterpolator`).
        init(delays: [Double], halfLength h: Int) {
            var integers: [Int] = [], fractional: [Bool] = [], coefficients: [Float] = []
            for delay in delays {
                let whole = delay.rounded(.down)
                let mu = delay - whole
                integers.append(Int(whole))
                fractional.append(mu != 0)
                coefficients += mu != 0 ? FadingInterpolator.coefficients(fraction: mu, halfLength: h) : [Float](repeating: 0, count: 2 * h)
            }
            integerDelays = integers
            self.fractional = fractional
            self.coefficients = coefficients
            // Lags each tap's kernel covers: ℓ = d + m − H + 1, m = 0 ..< 2H (fractional), ℓ = d (integer).
            lowestLag = zip(integers, fractional).map { $1 ? $0 - h + 1 : $0 }.min()!
            kernelLength = zip(integers, fractional).map { $1 ? $0 + h : $0 }.max()! - lowestLag + 1
            combinedIsCheaper = 12 * kernelLength < fractional.reduce(0) { $0 + ($1 ? 4 * h + 8 : 8) }
            cheaperKernels = combinedIsCheaper
                ? Self.kernels(integerDelays: integers, fractional: fractional, coefficients: coefficients, lowestLag: lowestLag, length: kernelLength)
                : nil
        }

        /// Per tap, its real kernel over the lags `lowestLag ..< lowestLag + kernelLength` (`kernelLength`
        /// floats per tap).
        func combinedKernels() -> [Float] {
            Self.kernels(integerDelays: integerDelays, fractional: fractional, coefficients: coefficients, lowestLag: lowestLag, length: kernelLength)
        }

        /// Each tap's coefficients placed at its integer delay (fractional), or a one at its delay (integer).
        private static func kernels(integerDelays: [Int], fractional: [Bool], coefficients: [Float], lowestLag low: Int, length: Int) -> [Float] {
            let h = coefficients.count / (2 * integerDelays.count)
            var kernels = [Float](repeating: 0, count: integerDelays.count * length)
            for i in integerDelays.indices {
                if fractional[i] {
                    for m in 0 ..< 2 * h { kernels[i * length + integerDelays[i] + m - h + 1 - low] = coefficients[2 * h * i + m] }
                } else {
                    kernels[i * length + integerDelays[i] - low] = 1
                }
            }
            return kernels
        }

        /// The layout for `delays` and `halfLength`, from the cache or built and cached.
        static func cached(delays: [Double], halfLength: Int) -> Layout {
            let key = Key(delays: delays, halfLength: halfLength)
            if let layout = cache.withLock({ $0[key] }) { return layout }
            let layout = Layout(delays: delays, halfLength: halfLength)
            cache.withLock { cache in
                if cache.count >= 256 { cache.removeAll() }
                cache[key] = layout
            }
            return layout
        }

        private struct Key: Hashable { let delays: [Double], halfLength: Int }
        private static let cache = Mutex<[Key: Layout]>([:])
    }
}
