/// Spectral analysis windows (F. J. Harris, "On the use of windows for harmonic analysis with the
/// discrete Fourier transform", Proc. IEEE 66(1), 1978), periodic form (denominator N), the usual choice
/// for STFT frames.
public enum WindowKind: String, Sendable, CaseIterable, Codable {
    case hann, hamming, blackman, rectangular

    /// The N coefficients w[n], n = 0 … N−1.
    public func coefficients(_ count: Int) -> [Float] {
        precondition(count >= 1)
        let n = Double(count)
        return (0 ..< count).map { i -> Float in
            let x = 2 * Double.pi * Double(i) / n
            switch self {
            case .hann: return Float(0.5 - 0.5 * _cos(x))
            case .hamming: return Float(0.54 - 0.46 * _cos(x))
            case .blackman: return Float(0.42 - 0.5 * _cos(x) + 0.08 * _cos(2 * x))
            case .rectangular: return 1
            }
        }
    }
}
