extension MultipathFading {
    /// Samples of future input the taps read: a tap at a fractional delay d reads x up to
    /// n − ⌊d⌋ + H − 1 (`interpolate`), ahead of n when ⌊d⌋ < H − 1; integer taps read exactly x[n − d].
    /// (Computed once per delay line, `DelayLine.init`.)
    public var lookahead: Int { line.lookahead }
}
