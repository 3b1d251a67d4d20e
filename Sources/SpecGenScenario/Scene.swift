/// A wideband scene (`scene` in a scenario, docs/scenes.md): every example is one capture holding a
/// number of bursts, each of a class drawn by weight, with its own parameters, time, band and SNR.
/// The scenario's `snr_db` is then each burst's SNR in its own band, and its `channel` stages act on
/// each burst (at the burst's own rate); `receiver` stages and the thermal noise act once, on the sum.
public struct SceneSpec: Sendable {
    /// Bursts per capture (0: noise only).
    public var bursts: Distribution
    /// On-time of a burst that is not continuous, seconds.
    public var durationS: Distribution
    /// Probability that a burst lasts the whole capture.
    public var continuousProbability: Double
    /// The burst's centre frequency, Hz relative to the capture centre; nil: anywhere its band fits.
    public var centreHz: Distribution?
    public var overlap: Overlap
    /// With `overlap: any`: the probability that a burst may overlap the others; otherwise 0.
    public var overlapProbability: Double
    /// Placements tried per burst before the example is refused.
    public var maxPlacementAttempts: Int

    public enum Overlap: String, Sendable, CaseIterable {
        /// Boxes disjoint in time × frequency.
        case none
        /// Bands disjoint: bursts may share time, never band.
        case frequency
        /// A burst may overlap the others with `overlap_probability`; otherwise as `none`.
        case any
    }

    public init(bursts: Distribution, durationS: Distribution, continuousProbability: Double, centreHz: Distribution?, overlap: Overlap,
                overlapProbability: Double, maxPlacementAttempts: Int) {
        self.bursts = bursts
        self.durationS = durationS
        self.continuousProbability = continuousProbability
        self.centreHz = centreHz
        self.overlap = overlap
        self.overlapProbability = overlapProbability
        self.maxPlacementAttempts = maxPlacementAttempts
    }

    /// The drawn scene parameters (each a distribution).
    public static let burstsSpec = ParameterSpec(name: "bursts", unit: "bursts", summary: "bursts per capture (0: noise only)", isInteger: true,
                                                 bounds: .closed(0 ... 64), defaultValue: .uniform(low: 1, high: 4))
    public static let durationSpec = ParameterSpec(name: "duration_s", unit: "s", summary: "on-time of a burst that is not continuous",
                                                   bounds: .positive, defaultValue: .constant(1e-3))
    public static let centreSpec = ParameterSpec(name: "centre_hz", unit: "Hz", summary: "burst centre frequency relative to the capture centre (absent: anywhere its band fits)",
                                                 bounds: ParameterBounds(lower: -0.5, lowerInclusive: false, upper: 0.5, upperInclusive: false,
                                                                         relativeToSampleRate: true),
                                                 defaultValue: .constant(0))
    /// The shortest burst, in capture samples: its band is measured from its samples.
    public static let minimumBurstSamples = 64
    public static let defaultMaxPlacementAttempts = 100
}
