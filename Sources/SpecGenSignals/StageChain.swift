import Numerics
import SpecGenDSP

/// Several stages applied in order as one (e.g. a geometry-derived delay followed by its Doppler shift).
/// Its history and lookahead are the sums of the parts'; they share the stream in order.
public struct StageChain: ChannelStage {
    public let stages: [any ChannelStage]
    public init(_ stages: [any ChannelStage]) { self.stages = stages }

    public var history: Int { stages.reduce(0) { $0 + $1.history } }
    public var lookahead: Int { stages.reduce(0) { $0 + $1.lookahead } }

    public func apply(to row: UnsafeMutableBufferPointer<Complex<Float>>, stream: inout RandomStream, scratch: SynthesisScratch) {
        for stage in stages { stage.apply(to: row, stream: &stream, scratch: scratch) }
    }
}
