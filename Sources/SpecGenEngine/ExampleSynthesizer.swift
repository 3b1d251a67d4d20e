import Foundation
import Numerics
import SpecGenDSP
import SpecGenPolicy
import SpecGenScenario
import SpecGenSignals

/// Makes examples: one per worker thread, with its own scratch and STFT, so nothing is allocated per
/// sample and nothing is shared. Example i depends only on (seed, i): the same bytes come out whatever
/// thread, block size or order makes it.
final class ExampleSynthesizer {
    let plan: RunPlan
    let policy: ReleasePolicy
    let layout: ReleasedColumnLayout
    let scratch: SynthesisScratch
    private let stft: ShortTimeFourierTransform?
    private let spectrogramNormalization: SpectrogramNormalization
    let classWeights: [Double]
    private let snrStream = StreamID.parameter("snr_db")
    /// Metadata path → column in `plan.emitterParameters`.
    let columnIndex: [String: Int]
    let context: EmitterContext
    /// Per channel and receiver stage, resolved once for the run: its parameters' columns by name, its
    /// process stream and whether it is made again knowing the row's layout (`StageFactory.sizesFromRow`)
    /// (building the paths per example cost ≈ 40 instructions per sample).
    let channelResolved: [ResolvedStage]
    let receiverResolved: [ResolvedStage]
    /// Per class, its emitter's spec, parameter columns by name and maker (`ParameterValues.Source`),
    /// resolved once for the run by this worker.
    let emitterSources: [ParameterValues.Source]
    /// The long row (lead-in + example) when the scenario has channel or receiver stages.
    var row = AlignedBuffer<Complex<Float>>(count: 0)
    /// The array's rows (channels × row length).
    private var rows = AlignedBuffer<Complex<Float>>(count: 0)
    /// One receive channel's row without the thermal noise (`plan.clean`).
    var cleanRow = AlignedBuffer<Complex<Float>>(count: 0)
    /// One example's channel and receiver stages, and the receiver stages' spans of the row (storage kept
    /// from example to example by `renderThroughStages`).
    private var channelStages: [any ChannelStage] = []
    private var receiverStages: [any ChannelStage] = []
    private var receiverSpans: [Range<Int>] = []

    /// The released layout of a scene's `/annotations` (nil without a scene).
    let annotationLayout: ReleasedColumnLayout?
    /// The file's first example: `/annotations/example` counts from it (a shard's rows from 0).
    let firstExample: Int
    /// Scene buffers (empty without a scene).
    let sceneScratch = SceneScratch()

    init(plan: RunPlan, policy: ReleasePolicy, layout: ReleasedColumnLayout, annotationLayout: ReleasedColumnLayout? = nil, firstExample: Int = 0) {
        self.plan = plan
        self.policy = policy
        self.layout = layout
        self.annotationLayout = annotationLayout
        self.firstExample = firstExample
        scratch = SynthesisScratch()
        stft = plan.spectrogram.map {
            ShortTimeFourierTransform(fftSize: $0.fftSize, hop: $0.hop, window: WindowKind(rawValue: $0.window)!,
                                      inputLength: plan.length, decibels: $0.decibels, oneSided: $0.sides == "one")
        }
        spectrogramNormalization = plan.spectrogram.flatMap { SpectrogramNormalization(rawValue: $0.normalization) } ?? .none
        classWeights = plan.scenario.classes.map(\.weight)
        context = EmitterContext(sampleRateHz: plan.scenario.sampleRateHz, length: plan.length)
        // The worker's own copy of the column index (new storage: the reference counts of a dictionary every
        // worker retained per example were a cache line the cores fought over).
        columnIndex = Dictionary(uniqueKeysWithValues: plan.columnIndex.map { ($0.key, $0.value) })
        channelResolved = plan.scenario.channel.map { ResolvedStage("channel", $0, columns: plan.columnIndex) }
        receiverResolved = plan.scenario.receiver.map { ResolvedStage("receiver", $0, columns: plan.columnIndex) }
        let columns = columnIndex
        emitterSources = plan.scenario.classes.map { ParameterValues.Source(resolving: $0.emitter, columns: columns) }
    }

    /// Fills `buffer` with the examples of block `b` and their released per-example fields.
    func synthesize(block b: Int, into buffer: BlockBuffer) {
        synthesize(examples: plan.exampleRange(block: b), into: buffer, noise: true)
        buffer.index = b
    }

    /// Fills `buffer` with examples `range` (at most `plan.blockExamples`); without `noise` the samples
    /// are the clean received signal (the same draws otherwise). With `plan.clean` (and `noise`),
    /// `buffer.clean` gets each example without the thermal noise as well: the signal copied just before
    /// the noise is added, through the same receiver stages with the same streams, and scaled by the noisy
    /// example's unit-power factor, so that without receiver stages `iq − clean` is exactly the noise.
    func synthesize(examples range: Range<Int>, into buffer: BlockBuffer, noise: Bool) {
        let n = range.count
        precondition(n <= plan.blockExamples)
        buffer.count = n
        if let scene = plan.scene {
            synthesizeScenes(examples: range, into: buffer, noise: noise, scene: scene)
            return
        }
        var classIndex = [Int32](repeating: 0, count: n)
        var snrLabel = [Float](repeating: 0, count: n)
        var snr = [Double](repeating: 0, count: n), esN0 = snr, sampleSNR = snr
        var parameters = [[Double]](repeating: [Double](repeating: .nan, count: n), count: plan.emitterParameters.count)
        var values = [Double](repeating: .nan, count: plan.emitterParameters.count)
        let exampleSize = plan.channels * plan.length

        for (j, i) in range.enumerated() {
            let example = UInt64(i)
            var classStream = RandomStream(seed: plan.seed, example: example, stream: .classChoice)
            let c = pick(weights: classWeights, u: classStream.nextUnitDouble())
            var stream = RandomStream(seed: plan.seed, example: example, stream: snrStream)
            let snrDB = plan.scenario.snrDB.draw(&stream, isInteger: false, bounds: snrParameter.bounds)
            for k in values.indices { values[k] = .nan }
            // Through the buffer, field by field: `for slot in` copied every slot (its strings and arrays
            // retained and released: ≈ 3 instructions per sample in the realistic chain).
            plan.classSlots[c].withUnsafeBufferPointer { slots in
                for k in slots.indices {
                    var parameterStream = RandomStream(seed: plan.seed, example: example, stream: slots[k].stream)
                    let column = slots[k].column
                    values[column] = slots[k].distribution.draw(&parameterStream, isInteger: slots[k].isInteger, bounds: slots[k].bounds)
                    parameters[column][j] = values[column]
                }
            }
            let emitter = EmitterFactory.make(ParameterValues(values: values, source: emitterSources[c]),
                                              context: context)
            let samples = buffer.iq.slice(j * exampleSize ..< (j + 1) * exampleSize)
            let clean = plan.clean && noise ? buffer.clean.slice(j * exampleSize ..< (j + 1) * exampleSize) : nil
            let variance = plan.snrDefinition.noiseVariance(snrDB: snrDB, samplesPerSymbol: emitter.symbolLength)
            if plan.scenario.channel.isEmpty && plan.scenario.receiver.isEmpty && plan.scenario.array == nil {
                var symbolStream = RandomStream(seed: plan.seed, example: example, stream: .symbols)
                emitter.render(into: samples, stream: &symbolStream, scratch: scratch)
                if let clean { clean.baseAddress!.update(from: samples.baseAddress!, count: samples.count) }
                if noise {
                    var noiseStream = RandomStream(seed: plan.seed, example: example, stream: .noise)
                    AdditiveNoise(variance: variance).apply(to: samples, stream: &noiseStream, scratch: scratch)
                }
            } else {
                renderThroughStages(emitter, values: values, example: example, noiseVariance: noise ? variance : nil, into: samples, clean: clean)
            }
            finishExample(j, samples: samples, clean: clean, buffer: buffer)
            classIndex[j] = Int32(c)
            snrLabel[j] = Float(snrDB)
            snr[j] = snrDB
            sampleSNR[j] = -10 * log10(variance)
            esN0[j] = sampleSNR[j] + 10 * log10(emitter.symbolLength)
        }

        var raw: [String: ColumnValues] = [
            "labels.class_index": .int32(classIndex), "labels.snr_db": .float32(snrLabel),
            "snr_db": .float64(snr), "noise.es_n0_db": .float64(esN0), "noise.sample_snr_db": .float64(sampleSNR),
        ]
        for (k, (path, _)) in plan.emitterParameters.enumerated() { raw[path] = .float64(parameters[k]) }
        buffer.raw = raw
        buffer.released = policy.release(block: raw, layout: layout)
    }

    /// What every example gets after synthesis: the unit-power scaling (the clean copy by the same
    /// factor) and its spectrogram, into row j of the block.
    func finishExample(_ j: Int, samples: UnsafeMutableBufferPointer<Complex<Float>>, clean: UnsafeMutableBufferPointer<Complex<Float>>?,
                       buffer: BlockBuffer) {
        if plan.unitPower {
            let scale = Self.normalizePower(samples)
            if let clean, let scale { Self.scale(clean, by: scale) }
        }
        if let stft {
            let size = stft.outputCount, channels = plan.channels, length = plan.length
            let out = buffer.spectrogram.buffer
            for m in 0 ..< channels {
                let first = (j * channels + m) * size
                stft.compute(UnsafeBufferPointer(rebasing: samples[m * length ..< (m + 1) * length]),
                             into: UnsafeMutableBufferPointer(rebasing: out[first ..< first + size]))
            }
            spectrogramNormalization.apply(to: UnsafeMutableBufferPointer(rebasing: out[j * channels * size ..< (j + 1) * channels * size]),
                                           decibels: stft.decibels)
        }
    }

    /// Scales an example to unit mean power (an all-zero example stays zero) and returns the factor
    /// (nil if it was left alone). Eight floats at a time: partial sums in Float over 64-float runs,
    /// added up in Double, then one multiply per float.
    @discardableResult
    static func normalizePower(_ samples: UnsafeMutableBufferPointer<Complex<Float>>) -> Float? {
        guard let base = samples.baseAddress else { return nil }
        let raw = UnsafeMutableRawPointer(base)
        let floats = 2 * samples.count, whole = floats & ~63
        var energy = 0.0
        var k = 0
        while k < whole {
            var acc = SIMD8<Float>()
            for j in stride(from: 0, to: 64, by: 8) {
                let x = raw.loadUnaligned(fromByteOffset: 4 * (k + j), as: SIMD8<Float>.self)
                acc += x * x  // not addProduct: without FMA in the target it calls fmaf lane by lane
            }
            energy += Double(acc.sum())
            k += 64
        }
        let tail = raw.assumingMemoryBound(to: Float.self)
        for i in whole ..< floats { energy += Double(tail[i] * tail[i]) }
        guard energy > 0 else { return nil }
        let factor = Float(1 / (energy / Double(samples.count)).squareRoot())
        scale(samples, by: factor)
        return factor
    }

    /// Multiplies every sample by `factor`, eight floats at a time.
    static func scale(_ samples: UnsafeMutableBufferPointer<Complex<Float>>, by factor: Float) {
        guard let base = samples.baseAddress else { return }
        let raw = UnsafeMutableRawPointer(base)
        let floats = 2 * samples.count
        var k = 0
        while k + 8 <= floats {
            raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 4 * k, as: SIMD8<Float>.self) * factor, toByteOffset: 4 * k, as: SIMD8<Float>.self)
            k += 8
        }
        let tail = raw.assumingMemoryBound(to: Float.self)
        for i in k ..< floats { tail[i] *= factor }
    }

    /// The emitter, its channel stages, thermal noise and the receiver stages, over a row that starts
    /// with enough lead-in for every stage's history and ends with a tail for every stage's lookahead; the
    /// example is the L samples in between. Windowable receiver stages (`ChannelStage.isWindowable`), and
    /// the thermal noise when every receiver stage is, cover only those samples (plus what later stages
    /// read): a 1,024-sample example's phase noise takes a 1,024-point FFT instead of one over the row.
    /// With `clean`, each channel's row is also copied just before its thermal noise and taken through
    /// the same receiver stages with the same streams into `clean`: the cost of the receiver stages again,
    /// not of the emitter and channel.
    private func renderThroughStages(_ emitter: any Emitter, values: [Double], example: UInt64, noiseVariance: Double?,
                                     into samples: UnsafeMutableBufferPointer<Complex<Float>>, clean: UnsafeMutableBufferPointer<Complex<Float>>?) {
        // The first channel stage sees the emitter's output as rendered: its band, when the emitter knows it.
        var first = context
        first.inputBand = emitter.occupiedBand
        // The stage lists live in the synthesizer (kept capacity: no allocation per example), taken out for
        // the example so that they are uniquely referenced; stages are indexed, never copied (copying a
        // tuple of an existential and its stream went through the runtime's generic value witnesses).
        var channel: [any ChannelStage] = [], receiver: [any ChannelStage] = [], spans: [Range<Int>] = []
        swap(&channel, &channelStages)
        swap(&receiver, &receiverStages)
        swap(&spans, &receiverSpans)
        defer {
            swap(&channel, &channelStages)
            swap(&receiver, &receiverStages)
            swap(&spans, &receiverSpans)
        }
        channel.removeAll(keepingCapacity: true)
        receiver.removeAll(keepingCapacity: true)
        // Each stage's lead-in, tail and windowing, read once from the stage as made (a local value): a
        // property read through the list's existential copied a stage that holds references (the fading and
        // phase-noise stages 4 times each per example).
        withUnsafeTemporaryAllocation(of: StageExtent.self, capacity: channelResolved.count + receiverResolved.count) { extents in
        for i in channelResolved.indices {
            let stage = channelResolved[i].make(values, columns: columnIndex, context: i == 0 ? first : context)
            extents[i] = StageExtent(stage)
            channel.append(stage)
        }
        for i in receiverResolved.indices {
            let stage = receiverResolved[i].make(values, columns: columnIndex, context: context)
            extents[channel.count + i] = StageExtent(stage)
            receiver.append(stage)
        }
        // From here on the stages are reached through buffer pointers: in place, where an array's subscript
        // copied the existential out (retaining what the stage holds) for every property read and call.
        channel.withUnsafeMutableBufferPointer { channel in
        receiver.withUnsafeMutableBufferPointer { receiver in
        func sums() -> (history: Int, lookahead: Int) {
            var history = 0, lookahead = 0
            for e in extents {
                history += e.history
                lookahead += e.lookahead
            }
            return (history, lookahead)
        }
        // Stages whose history depends on the row length are made again, knowing the others' lead-in and tail.
        let (total, totalTail) = sums()
        for i in channel.indices where channelResolved[i].sizesFromRow {
            var sized = i == 0 ? first : context
            sized.otherHistory = total - extents[i].history
            sized.otherLookahead = totalTail - extents[i].lookahead
            let stage = channelResolved[i].make(values, columns: columnIndex, context: sized)
            extents[i] = StageExtent(stage)
            channel[i] = stage
        }
        for i in receiver.indices where receiverResolved[i].sizesFromRow {
            var sized = context
            sized.otherHistory = total - extents[channel.count + i].history
            sized.otherLookahead = totalTail - extents[channel.count + i].lookahead
            let stage = receiverResolved[i].make(values, columns: columnIndex, context: sized)
            extents[channel.count + i] = StageExtent(stage)
            receiver[i] = stage
        }
        let (leadIn, tail) = sums()
        let length = leadIn + plan.length + tail
        // Without lead-in, tail or array the row is the example's own place in the block: no copy at the end.
        let inPlace = length == plan.length && plan.scenario.array == nil
        if !inPlace, row.count < length { row = AlignedBuffer(count: max(length, row.count * 3 / 2)) }
        let source = inPlace ? samples : row.slice(0 ..< length)
        var symbolStream = RandomStream(seed: plan.seed, example: example, stream: .symbols)
        emitter.render(into: source, stream: &symbolStream, scratch: scratch)
        for i in channel.indices {
            var stream = RandomStream(seed: plan.seed, example: example, stream: channelResolved[i].stream)
            channel[i].apply(to: source, stream: &stream, scratch: scratch)
        }
        // Receiver stages from the last back: a windowable one (no history or lookahead) runs over only the
        // samples the example and the stages after it read; any other stage takes the whole row, and so
        // does everything before it. Thermal noise covers what the first receiver stage reads.
        var reads = leadIn ..< leadIn + plan.length
        spans.removeAll(keepingCapacity: true)
        spans.append(contentsOf: repeatElement(0 ..< length, count: receiver.count))
        for i in receiver.indices.reversed() {
            if extents[channel.count + i].isWindowable { spans[i] = reads } else { reads = 0 ..< length }
        }
        // One row per receive channel: the array's steering (a BLAS outer product), or the source itself.
        let channels = plan.channels
        let rowsBuffer: UnsafeMutableBufferPointer<Complex<Float>>
        if let array = plan.scenario.array {
            if rows.count < channels * length { rows = AlignedBuffer(count: channels * length) }
            rowsBuffer = rows.slice(0 ..< channels * length)
            var errorStream = RandomStream(seed: plan.seed, example: example, stream: StreamID.parameter("array.errors"))
            let steering = ArraySteering.vector(array, values: { values[columnIndex["array." + $0]!] }, stream: &errorStream)
            steering.withUnsafeBufferPointer { a in
                ComplexMatrix.multiply(m: channels, n: length, k: 1, a: a, b: UnsafeBufferPointer(source), c: rowsBuffer)
            }
        } else {
            rowsBuffer = source
        }
        if clean != nil, cleanRow.count < length { cleanRow = AlignedBuffer(count: max(length, cleanRow.count * 3 / 2)) }
        for m in 0 ..< channels {
            let elementRow = UnsafeMutableBufferPointer(rebasing: rowsBuffer[m * length ..< (m + 1) * length])
            let cleanElementRow = clean.map { _ in cleanRow.slice(0 ..< length) }
            if let cleanElementRow { cleanElementRow.baseAddress!.update(from: elementRow.baseAddress!, count: length) }
            if let noiseVariance {
                // Element 0 keeps the single-channel noise stream; the others have their own.
                var noiseStream = RandomStream(seed: plan.seed, example: example, stream: m == 0 ? .noise : StreamID.parameter("noise.element.\(m)"))
                AdditiveNoise(variance: noiseVariance).apply(to: UnsafeMutableBufferPointer(rebasing: elementRow[reads]), stream: &noiseStream,
                                                             scratch: scratch)
            }
            for i in receiver.indices {
                let id = receiverResolved[i].stream
                let streamID = m == 0 ? id : StreamID(rawValue: id.rawValue ^ UInt32(m) &* 0x9E37_79B9)
                var stream = RandomStream(seed: plan.seed, example: example, stream: streamID)
                receiver[i].apply(to: UnsafeMutableBufferPointer(rebasing: elementRow[spans[i]]), stream: &stream, scratch: scratch)
                if let cleanElementRow {
                    var cleanStream = RandomStream(seed: plan.seed, example: example, stream: streamID)
                    receiver[i].apply(to: UnsafeMutableBufferPointer(rebasing: cleanElementRow[spans[i]]), stream: &cleanStream, scratch: scratch)
                }
            }
            if !inPlace { (samples.baseAddress! + m * plan.length).update(from: elementRow.baseAddress! + leadIn, count: plan.length) }
            if let clean, let cleanElementRow {
                (clean.baseAddress! + m * plan.length).update(from: cleanElementRow.baseAddress! + leadIn, count: plan.length)
            }
        }
        }
        }
        }
    }
}

/// What the synthesizer needs to know of a stage before applying it, read once per example.
private struct StageExtent {
    let history: Int
    let lookahead: Int
    let isWindowable: Bool

    init(_ stage: any ChannelStage) {
        history = stage.history
        lookahead = stage.lookahead
        isWindowable = stage.isWindowable
    }
}
