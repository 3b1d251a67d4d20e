import Numerics
import SpecGenDSP
import SpecGenSignals
import SpecGenTestSupport
import Testing

/// `lookahead` is what a stage reads past its output time: the output on a row of N samples equals the
/// output on the same row continued by more input for every sample before N − lookahead, to float
/// rounding (the sample-rate offset's four-sample blocks fall differently on rows of other lengths and
/// round differently; a read past the row's end would be off by the signal itself, O(1)) (the last
/// `lookahead` samples are the only ones the end of the row can touch), and the stages that read ahead
/// say so (a lookahead of 0 there would leave corrupted samples in the example).
@Suite struct LookaheadTests {
    static let stages: [(String, any ChannelStage, Int)] = [
        ("fractional delay 0.3", FractionalDelay(delay: 0.3), 15),
        ("fractional delay 20.5", FractionalDelay(delay: 20.5), 0),
        ("fading, taps at 0.5 and 3.25", MultipathFading(taps: [.init(delay: 0.5, power: 1), .init(delay: 3.25, power: 0.5)], maximumDoppler: 0.001),
         FadingInterpolator.halfLength - 1),
        ("fading, band-limited input, taps at 0.5 and 3.25",
         MultipathFading(taps: [.init(delay: 0.5, power: 1), .init(delay: 3.25, power: 0.5)], maximumDoppler: 0.001, inputBand: 0.1),
         FadingInterpolator.halfLength(forBand: 0.1) - 1),
        ("fading, integer taps", MultipathFading(taps: [.init(delay: 0, power: 1), .init(delay: 3, power: 0.5)], maximumDoppler: 0.001), 0),
        ("receiver filter 63", ReceiverFilter(bandwidth: 0.5, length: 63), 31),
        ("sample-rate offset", SampleRateOffset(offset: 400e-6, drift: 1e-8, span: 1200), 16 + 1),
    ]

    @Test(arguments: 0 ..< stages.count)
    func outputBeforeTheLookaheadIgnoresWhatFollows(index: Int) {
        let (name, stage, expected) = Self.stages[index]
        #expect(stage.lookahead == expected, "\(name): lookahead \(stage.lookahead)")
        let x = ToneSum(tones: 30, band: 0.4, seed: 61).samples(1200)
        let short = applied(stage, to: Array(x[0 ..< 1000]), seed: 3)
        let long = applied(stage, to: x, seed: 3)
        for n in stage.history ..< 1000 - stage.lookahead {
            #expect((short[n] - long[n]).length <= 1e-6 * max(1, long[n].length), "\(name): sample \(n)")
        }
    }
}
