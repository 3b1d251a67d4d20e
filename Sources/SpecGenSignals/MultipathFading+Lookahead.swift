extension MultipathFading {
    /// Samples of future input the taps read: a tap at a fractional delay d reads x up to
    /// n − ⌊d⌋ + H − 1 (`interpolate`), ahead of n when ⌊d⌋ < H − 1; integer taps read exactly x[n − d].
    public var lookahead: Int {
        let h = halfLength
        return zip(integerDelays, fractional).reduce(0) { most, tap in tap.1 ? max(most, h - 1 - tap.0) : most }
    }
}
