import Foundation
import Numerics
import SpecGenDSP
import SpecGenPolicy
import SpecGenScenario
import SpecGenSignals

/// A scene that cannot be made as the scenario asks (bad input: exit status 2): which example and burst,
/// and why.
public struct SceneFailure: Error, CustomStringConvertible {
    public let example: Int
    public let burst: Int
    public let path: String
    public let reason: String
    public var description: String { "example \(example), burst \(burst): \(reason) (\(path))" }
}

/// The arithmetic of placing scene bursts: FFT sizes and free intervals.
public enum ScenePlacement {
    /// FFT sizes used for bursts: 2^k, 5·2^k/4, 3·2^k/2 and 7·2^k/4 (few plans, each fast), at least n.
    public static func burstTransformSize(atLeast n: Int) -> Int {
        var power = 16
        while true {
            for size in [power, power * 5 / 4, power * 3 / 2, power * 7 / 4] where size >= n { return size }
            power *= 2
        }
    }

    /// `range` without the open intervals `blocked`, as closed intervals in increasing order.
    public static func freeIntervals(_ range: ClosedRange<Double>, minus blocked: [(Double, Double)]) -> [ClosedRange<Double>] {
        var free = [range]
        for (a, b) in blocked {
            free = free.flatMap { interval -> [ClosedRange<Double>] in
                guard a < interval.upperBound, b > interval.lowerBound else { return [interval] }
                var pieces: [ClosedRange<Double>] = []
                if a > interval.lowerBound { pieces.append(interval.lowerBound ... a) }
                if b < interval.upperBound { pieces.append(b ... interval.upperBound) }
                return pieces
            }
        }
        return free
    }
}

/// One burst of a scene as placed and measured: a row of `/annotations`.
struct SceneBurst {
    var classIndex: Int32
    var start: Int
    var stop: Int
    var frequencyLow: Double
    var frequencyHigh: Double
    var snrDB: Double
    /// The burst's drawn parameters: the values of `plan.emitterParameters` (NaN where its class has none).
    var parameters: [Double]
}

/// The buffers of one worker's scene synthesis.
final class SceneScratch {
    /// A burst at its own rate (with its stages' lead-in and tail).
    var burst = AlignedBuffer<Complex<Float>>(count: 0)
    /// Its spectrum, zero-padded: M = 2·N₁ bins.
    var spectrum = AlignedBuffer<Complex<Float>>(count: 0)
    /// The placed burst: N₂ = N₁·P samples.
    var placed = AlignedBuffer<Complex<Float>>(count: 0)
    /// Per-bin power, for the occupied band.
    var power = [Double]()
    /// Masks: the strongest burst's power in each spectrogram cell so far (in units of the noise's), one
    /// windowed frame and its spectrum, and the window.
    var cellPower = [Float]()
    var frame = AlignedBuffer<Complex<Float>>(count: 0)
    var bins = AlignedBuffer<Complex<Float>>(count: 0)
    var window: [Float] = []
}

/// Scenes (docs/scenes.md): every burst is rendered at its own rate Fs/P (P a power of two chosen from
/// the family's declared band and the channel stages' reach), switched on and off by short ramps,
/// measured and placed in the frequency domain: one FFT of M = 2·N₁ points (N₁ ≥ n + 16) at its rate
/// gives its spectrum, from which its box (the band holding 99.2 % of its power) and its power are read;
/// the N₁ even bins, scaled to the burst's SNR in that band and moved by its centre frequency, go into
/// an N₂ = N₁·P-point inverse FFT, whose first D samples are the burst at the capture rate (band-limited
/// interpolation by P and a frequency shift in one step). The sum of the bursts gets the thermal noise (variance 1: the
/// noise power in a band of width w cycles/sample is w) and the receiver stages.
extension ExampleSynthesizer {
    /// The largest decimation tried (the burst rate is at least Fs/1024).
    static let maximumDecimation = 1024
    /// Bins of zero padding at least: the burst's end does not wrap onto its start.
    static let spectrumGuard = 16
    /// The interpolated band is kept within ±`rateMargin` of the burst rate (the rest is margin).
    static let rateMargin = 0.25
    /// Samples (at the burst's rate) of the raised-cosine ramps that switch a burst on and off.
    static let rampSamples = 4
    /// The share of a burst's power beyond ±3/8 of its own rate above which it is made again at twice
    /// the rate (its band was wider than its family declared).
    static let aliasShare = 2e-3
    /// The share of a burst's power left out of its box on either side: the box holds 99.2 %, so that
    /// "at least 99 %" holds with room for float32 rounding and the measurement's grid.
    static let boxTail = 0.004

    /// Fills `buffer` with scene examples `range`, their per-example fields (the burst count, the
    /// receiver's parameters) and their `/annotations` rows; a scene that cannot be placed leaves its
    /// `SceneFailure` in `buffer.failure`.
    func synthesizeScenes(examples range: Range<Int>, into buffer: BlockBuffer, noise: Bool, scene: SceneSpec) {
        let n = range.count
        var burstCount = [Int32](repeating: 0, count: n)
        let receiverSlots = plan.classSlots[0].filter { RunPlan.isPerExampleInScene($0.path) }
        var receiverColumns = [[Double]](repeating: [Double](repeating: .nan, count: n), count: receiverSlots.count)
        var bursts: [(example: Int, burst: SceneBurst)] = []
        buffer.failure = nil
        for (j, i) in range.enumerated() {
            var values = [Double](repeating: .nan, count: plan.emitterParameters.count)
            for (r, slot) in receiverSlots.enumerated() {
                var stream = RandomStream(seed: plan.seed, example: UInt64(i), stream: slot.stream)
                values[slot.column] = slot.distribution.draw(&stream, isInteger: slot.isInteger, bounds: slot.bounds)
                receiverColumns[r][j] = values[slot.column]
            }
            let size = plan.length
            let samples = buffer.iq.slice(j * size ..< (j + 1) * size)
            let clean = plan.clean && noise ? buffer.clean.slice(j * size ..< (j + 1) * size) : nil
            let cells = plan.spectrogram.map { $0.rows * plan.spectrogramFrames } ?? 0
            let masks = plan.masks ? buffer.masks.slice(j * cells ..< (j + 1) * cells) : nil
            do {
                let placed = try renderScene(example: i, exampleValues: values, noise: noise, into: samples, clean: clean, masks: masks,
                                             scene: scene, work: sceneScratch)
                bursts += placed.map { (i - firstExample, $0) }
                burstCount[j] = Int32(placed.count)
            } catch {
                buffer.failure = error
                return
            }
            finishExample(j, samples: samples, clean: clean, buffer: buffer)
        }
        var raw: [String: ColumnValues] = ["labels.burst_count": .int32(burstCount)]
        for (r, slot) in receiverSlots.enumerated() { raw[slot.path] = .float64(receiverColumns[r]) }
        buffer.raw = raw
        buffer.released = policy.release(block: raw, layout: layout)
        var rows: [String: ColumnValues] = [
            "annotations.example": .int64(bursts.map { Int64($0.example) }),
            "annotations.class_index": .int32(bursts.map(\.burst.classIndex)),
            "annotations.start": .int64(bursts.map { Int64($0.burst.start) }),
            "annotations.stop": .int64(bursts.map { Int64($0.burst.stop) }),
            "annotations.f_low": .float64(bursts.map(\.burst.frequencyLow)),
            "annotations.f_high": .float64(bursts.map(\.burst.frequencyHigh)),
            "annotations.snr_db": .float64(bursts.map(\.burst.snrDB)),
        ]
        for (k, (path, _)) in plan.emitterParameters.enumerated() where !RunPlan.isPerExampleInScene(path) {
            rows[MetadataPath.annotation(path)] = .float64(bursts.map { $0.burst.parameters[k] })
        }
        buffer.rawAnnotations = rows
        buffer.annotations = annotationLayout.map { policy.release(block: rows, layout: $0) }
    }

    /// Renders scene example `example` into `samples` (L samples, one channel), `clean` without the
    /// thermal noise; returns its bursts in placement order. `exampleValues` holds the example's drawn
    /// receiver parameters (by `columnIndex`).
    func renderScene(example: Int, exampleValues: [Double], noise: Bool, into samples: UnsafeMutableBufferPointer<Complex<Float>>,
                     clean: UnsafeMutableBufferPointer<Complex<Float>>?, masks: UnsafeMutableBufferPointer<UInt8>? = nil, scene: SceneSpec,
                     work: SceneScratch) throws(SceneFailure) -> [SceneBurst] {
        let seed = plan.seed, e = UInt64(example), length = plan.length
        // Receiver stages at the capture rate, with their lead-in and tail around the capture.
        var receiver: [(stage: any ChannelStage, stream: StreamID)] = receiverResolved.map { resolved in
            (resolved.make(exampleValues, columns: columnIndex, context: context), resolved.stream)
        }
        let total = receiver.reduce(0) { $0 + $1.stage.history }, totalTail = receiver.reduce(0) { $0 + $1.stage.lookahead }
        for i in receiver.indices where receiverResolved[i].sizesFromRow {
            var sized = context
            sized.otherHistory = total - receiver[i].stage.history
            sized.otherLookahead = totalTail - receiver[i].stage.lookahead
            receiver[i].stage = receiverResolved[i].make(exampleValues, columns: columnIndex, context: sized)
        }
        let leadIn = receiver.reduce(0) { $0 + $1.stage.history }, tail = receiver.reduce(0) { $0 + $1.stage.lookahead }
        let rowLength = leadIn + length + tail
        if row.count < rowLength { row = AlignedBuffer(count: rowLength) }
        let capture = row.slice(0 ..< rowLength)
        capture.initialize(repeating: Complex(0, 0))

        var countStream = RandomStream(seed: seed, example: e, stream: .parameter("scene.bursts"))
        let count = Int(scene.bursts.draw(&countStream, isInteger: true, bounds: SceneSpec.burstsSpec.bounds))
        var placed: [SceneBurst] = []
        if let masks {
            masks.initialize(repeating: 0)
            if work.cellPower.count < masks.count { work.cellPower = [Float](repeating: 0, count: masks.count) }
            for k in 0 ..< masks.count { work.cellPower[k] = 1 }  // the noise's level: a burst must rise above it
        }
        for k in 0 ..< count {
            try addBurst(k, example: example, scene: scene, into: UnsafeMutableBufferPointer(rebasing: capture[leadIn ..< leadIn + length]),
                         exampleValues: exampleValues, placed: &placed, masks: masks, work: work)
        }

        let cleanRow: UnsafeMutableBufferPointer<Complex<Float>>? = clean.map { _ in
            if self.cleanRow.count < rowLength { self.cleanRow = AlignedBuffer(count: rowLength) }
            let copy = self.cleanRow.slice(0 ..< rowLength)
            copy.baseAddress!.update(from: capture.baseAddress!, count: rowLength)
            return copy
        }
        if noise {
            var noiseStream = RandomStream(seed: seed, example: e, stream: .noise)
            AdditiveNoise(variance: 1).apply(to: capture, stream: &noiseStream, scratch: scratch)
        }
        for (stage, id) in receiver {
            var stream = RandomStream(seed: seed, example: e, stream: id)
            stage.apply(to: capture, stream: &stream, scratch: scratch)
            if let cleanRow {
                var cleanStream = RandomStream(seed: seed, example: e, stream: id)
                stage.apply(to: cleanRow, stream: &cleanStream, scratch: scratch)
            }
        }
        samples.baseAddress!.update(from: capture.baseAddress! + leadIn, count: length)
        if let clean, let cleanRow { clean.baseAddress!.update(from: cleanRow.baseAddress! + leadIn, count: length) }
        return placed
    }

    /// Draws, renders, measures and places burst k (a hopper: one burst per dwell) into `capture`.
    private func addBurst(_ k: Int, example: Int, scene: SceneSpec, into capture: UnsafeMutableBufferPointer<Complex<Float>>,
                          exampleValues: [Double], placed: inout [SceneBurst], masks: UnsafeMutableBufferPointer<UInt8>?,
                          work: SceneScratch) throws(SceneFailure) {
        let seed = plan.seed, e = UInt64(example), length = plan.length, fs = plan.scenario.sampleRateHz
        func stream(_ name: String) -> RandomStream { RandomStream(seed: seed, example: e, stream: .parameter("scene.\(k).\(name)")) }
        var classStream = stream("class")
        let c = pick(weights: classWeights, u: classStream.nextUnitDouble())
        let signalClass = plan.scenario.classes[c]
        var values = exampleValues
        for slot in plan.classSlots[c] where !slot.path.hasPrefix("receiver.") {
            var parameterStream = stream(slot.path)
            values[slot.column] = slot.distribution.draw(&parameterStream, isInteger: slot.isInteger, bounds: slot.bounds)
        }
        var snrStream = stream("snr_db")
        let snrDB = plan.scenario.snrDB.draw(&snrStream, isInteger: false, bounds: snrParameter.bounds)
        var durationStream = stream("duration")
        var duration = length
        if durationStream.nextUnitDouble() >= scene.continuousProbability {
            let seconds = scene.durationS.draw(&durationStream, isInteger: false, bounds: SceneSpec.durationSpec.bounds)
            duration = min(length, max(SceneSpec.minimumBurstSamples, Int((seconds * fs).rounded())))
        }
        let fail = { (reason: String) in SceneFailure(example: example, burst: k, path: "$.classes[\(c)]", reason: "class \(signalClass.name): " + reason) }
        let emitterValues = ParameterValues(values: values, source: emitterSources[c])

        // A hopper: its base, one segment per dwell on a channel of the hop set; anything else: one segment.
        var segments: [(offset: Int, length: Int, shift: Double)] = [(0, duration, 0)]
        var segmentValues = emitterValues
        var footprint = 0.0  // extra half-width of the hop set
        if signalClass.emitter.type == "fhss" {
            segmentValues = emitterValues.base
            let channels = emitterValues.integer("hop_channels"), spacing = emitterValues.real("channel_spacing_hz") / fs
            let dwell = max(SceneSpec.minimumBurstSamples, Int((emitterValues.real("dwell_s") * fs).rounded()))
            // Whole dwells: the on-time rounded to a multiple of the dwell (within the capture).
            duration = min(length / dwell * dwell, max(1, Int((Double(duration) / Double(dwell)).rounded())) * dwell)
            if duration == 0 { duration = length }
            var hopStream = stream("hops")
            segments = stride(from: 0, to: duration, by: dwell).map { offset in
                let channel = Int(hopStream.nextUnitDouble() * Double(channels))
                return (offset, min(dwell, duration - offset), (Double(min(channel, channels - 1)) - Double(channels - 1) / 2) * spacing)
            }
            // A last dwell shorter than half a dwell (a capture shorter than a dwell) joins the one before it.
            if segments.count > 1, let last = segments.last, last.length < dwell / 2 {
                segments.removeLast()
                segments[segments.count - 1].length += last.length
            }
            footprint = Double(channels - 1) / 2 * spacing
        }

        // Render and measure every segment at the burst's rate (into its own spectrum buffer each). A
        // segment without power (a gated emitter whose gate stays off) is no burst: it gets no row.
        var measured: [(spectrum: [Complex<Float>], n1: Int, p: Int, low: Double, high: Double, power: Double)] = []
        var kept: [(offset: Int, length: Int, shift: Double)] = []
        for (s, segment) in segments.enumerated() {
            if let m = renderSegment(segmentValues, length: segment.length, example: example, burst: k, segment: s, values: values, work: work) {
                measured.append(m)
                kept.append(segment)
            }
        }
        segments = kept
        guard !measured.isEmpty else { return }
        // The box of the whole burst (a hopper's whole hop set) decides where it may go.
        let low = measured.map(\.low).min()! - footprint, high = measured.map(\.high).max()! + footprint
        guard high - low < 1 else {
            throw fail(String(format: "its band is %.4g cycles/sample wide, wider than the capture (1)", high - low))
        }
        var placeStream = stream("place")
        var overlapStream = stream("overlap")
        let mayOverlap = scene.overlap == .any && overlapStream.nextUnitDouble() < scene.overlapProbability
        // Each segment's centre is rounded to its own grid of 1/N₂ cycles/sample: the boxes are checked with
        // that much room, so that the rounded ones keep the policy.
        let slack = 1 / Double(measured.map { $0.n1 * $0.p }.min()!)
        var start = 0, centre = 0.0
        var attempt = 0
        while true {
            attempt += 1
            start = duration == length ? 0 : min(length - duration, Int(placeStream.nextUnitDouble() * Double(length - duration + 1)))
            // The bursts this one must keep clear of, as forbidden intervals of its centre.
            let others = mayOverlap ? [] : placed.filter { scene.overlap == .frequency || ($0.start < start + duration && start < $0.stop) }
            let blocked = others.map { ($0.frequencyLow - high - slack, $0.frequencyHigh - low + slack) }
            let lowest = -0.5 - low + 2 * slack, highest = 0.5 - high - 2 * slack
            if let given = scene.centreHz {
                centre = given.draw(&placeStream, isInteger: false, bounds: SceneSpec.centreSpec.bounds.resolved(sampleRate: fs)) / fs
            } else {
                // Uniform over the centres where it fits and is clear, given its start.
                let free = ScenePlacement.freeIntervals(lowest ... max(lowest, highest), minus: blocked)
                let total = free.reduce(0) { $0 + $1.upperBound - $1.lowerBound }
                var u = placeStream.nextUnitDouble() * total
                centre = free.first?.lowerBound ?? lowest
                for interval in free {
                    let width = interval.upperBound - interval.lowerBound
                    if u <= width { centre = interval.lowerBound + u; break }
                    u -= width
                }
            }
            let inside = centre >= lowest && centre <= highest
            let clear = !blocked.contains { $0.0 < centre && centre < $0.1 }
            if inside && clear { break }
            if attempt >= scene.maxPlacementAttempts {
                let why = inside ? "overlap \"\(scene.overlap.rawValue)\" could not be met" : "its band does not fit inside the capture at the centres drawn"
                throw SceneFailure(example: example, burst: k, path: inside ? "$.scene.overlap" : scene.centreHz == nil ? "$.classes[\(c)]" : "$.scene.centre_hz",
                                   reason: "class \(signalClass.name): \(why) after \(attempt) placements (max_placement_attempts); "
                                   + (inside ? "make the bursts fewer, shorter or narrower, or allow overlap" : "narrow centre_hz or remove it"))
            }
        }

        // Place each segment: its bins scaled to the SNR in its own band and moved to its centre.
        for (segment, m) in zip(segments, measured) {
            let width = m.high - m.low
            let gain = (pow(10, snrDB / 10) * width / m.power).squareRoot()
            let n2 = m.n1 * m.p
            let shift = Int(((centre + segment.shift) * Double(n2)).rounded())
            let exact = Double(shift) / Double(n2)
            if work.placed.count < n2 { work.placed = AlignedBuffer(count: n2) }
            let y = work.placed.slice(0 ..< n2)
            y.initialize(repeating: Complex(0, 0))
            let scale = Float(gain / Double(m.n1))
            m.spectrum.withUnsafeBufferPointer { x in
                for bin in 0 ..< m.n1 {
                    let signed = bin < m.n1 / 2 ? bin : bin - m.n1
                    var target = (signed + shift) % n2
                    if target < 0 { target += n2 }
                    y[target] = Complex(x[bin].real * scale, x[bin].imaginary * scale)
                }
            }
            FFTPlan.cached(size: n2, direction: .inverse, inPlace: true).execute(input: y.baseAddress!, output: y.baseAddress!)
            let first = start + segment.offset
            let out = UnsafeMutableRawPointer(capture.baseAddress! + first).assumingMemoryBound(to: Float.self)
            let source = UnsafeRawPointer(y.baseAddress!).assumingMemoryBound(to: Float.self)
            for j in 0 ..< 2 * segment.length { out[j] += source[j] }
            if let masks {
                markCells(masks, burst: UnsafeBufferPointer(rebasing: y[0 ..< segment.length]), first: first,
                          band: exact + m.low ... exact + m.high, label: UInt8(c + 1), work: work)
            }
            var parameters = [Double](repeating: .nan, count: plan.emitterParameters.count)
            for slot in plan.classSlots[c] where !slot.path.hasPrefix("receiver.") { parameters[slot.column] = values[slot.column] }
            placed.append(SceneBurst(classIndex: Int32(c), start: first, stop: first + segment.length, frequencyLow: exact + m.low,
                                     frequencyHigh: exact + m.high, snrDB: snrDB, parameters: parameters))
        }
    }

    /// Labels the spectrogram cells of this burst's box (its rows whose frequency lies in `band` give or
    /// take half a row, its frames that overlap its on-time) where the burst (alone, at the capture rate,
    /// samples from `first`) is stronger than the noise and than every burst labelled there before: the
    /// same frames, window and rows as `/spectrogram`, the power in units of the white noise's expected
    /// cell power (Σw²·σ², σ² = 1), before the receiver stages. Cells outside every box stay background,
    /// whatever a strong burst's edges splatter there.
    private func markCells(_ masks: UnsafeMutableBufferPointer<UInt8>, burst: UnsafeBufferPointer<Complex<Float>>, first: Int,
                           band: ClosedRange<Double>, label: UInt8, work: SceneScratch) {
        guard let options = plan.spectrogram else { return }
        let size = options.fftSize, hop = options.hop, frames = plan.spectrogramFrames, rows = options.rows
        if work.window.count != size { work.window = WindowKind(rawValue: options.window)!.coefficients(size) }
        if work.frame.count < size { work.frame = AlignedBuffer(count: size); work.bins = AlignedBuffer(count: size) }
        let normalisation = 1 / work.window.reduce(0) { $0 + $1 * $1 }
        let shift = options.sides == "one" ? 0 : size / 2
        let plan = FFTPlan.cached(size: size, direction: .forward)
        let last = first + burst.count
        let firstFrame = max(0, (first - size + hop) / hop), lastFrame = min(frames - 1, (last - 1) / hop)
        guard firstFrame <= lastFrame else { return }
        let frame = work.frame.slice(0 ..< size), bins = work.bins.slice(0 ..< size)
        for t in firstFrame ... lastFrame {
            let begin = t * hop
            guard begin < last, begin + size > first else { continue }
            for n in 0 ..< size {
                let k = begin + n - first
                frame[n] = k >= 0 && k < burst.count ? Complex(burst[k].real * work.window[n], burst[k].imaginary * work.window[n]) : Complex(0, 0)
            }
            plan.execute(input: frame.baseAddress!, output: bins.baseAddress!)
            for f in 0 ..< rows {
                let frequency = Double(f - shift) / Double(size)
                guard frequency >= band.lowerBound - 0.5 / Double(size), frequency <= band.upperBound + 0.5 / Double(size) else { continue }
                let power = bins[(f + shift) % size].lengthSquared * normalisation
                let cell = f * frames + t
                if power > work.cellPower[cell] {
                    work.cellPower[cell] = power
                    masks[cell] = label
                }
            }
        }
    }

    /// How far (capture cycles/sample) the channel stages can move a burst's band, from their drawn
    /// values: every frequency in Hz (an offset, a Doppler spread), every rate in Hz/s over the burst's
    /// `seconds`, and a moving emitter's Doppler shift; nil when a stage brings a band of its own (an
    /// interferer): such a burst is made at the capture rate. Stages whose parameters are only valid
    /// below half the rate (an offset, a Doppler) then stay valid at the burst's rate; a band a stage
    /// spreads otherwise (a nonlinear amplifier) is caught by the aliasing check.
    private func channelReach(_ values: [Double], seconds: Double) -> Double? {
        if plan.scenario.channel.isEmpty { return 0 }
        if plan.scenario.channel.contains(where: { $0.emitter != nil }) { return nil }
        var hz = 0.0
        for (k, (path, spec)) in plan.emitterParameters.enumerated() where path.hasPrefix("channel.") && values[k].isFinite {
            if spec.unit == "Hz", !path.hasSuffix(".carrier_frequency_hz") { hz += abs(values[k]) }
            if spec.unit == "Hz/s" { hz += abs(values[k]) * seconds }
        }
        if let fc = columnIndex["channel.geometry.carrier_frequency_hz"].map({ values[$0] }), fc.isFinite {
            let speed = ["vx", "vy", "vz"].reduce(0.0) { sum, axis in sum + abs(columnIndex["channel.geometry.emitter_\(axis)_mps"].map { values[$0] } ?? 0) }
            hz += speed / 299_792_458 * fc
        }
        return hz / plan.scenario.sampleRateHz
    }

    /// Renders `length` capture samples of the emitter at its own rate, through the channel stages at
    /// that rate, and measures it: its spectrum (N₁ bins, unscaled FFT), its band [low, high] relative to
    /// its zero frequency in capture cycles/sample (`boxTail` … 1 − `boxTail` of its power, to the bin edges) and
    /// its mean power per sample; nil when it renders no power at all (nothing to measure or scale).
    private func renderSegment(_ values: ParameterValues, length: Int, example: Int, burst k: Int, segment: Int, values all: [Double],
                               work: SceneScratch) -> (spectrum: [Complex<Float>], n1: Int, p: Int, low: Double, high: Double, power: Double)? {
        let fs = plan.scenario.sampleRateHz
        // The decimation: the largest power of two that keeps the declared band within the margin.
        var p = 1
        if let band = EmitterFactory.sceneBand(values, context: context), let moved = channelReach(all, seconds: Double(length) / fs) {
            let edge = max(abs(band.lowerBound), abs(band.upperBound)) + moved
            while p < Self.maximumDecimation, edge * Double(2 * p) <= Self.rateMargin, length / (2 * p) >= SceneSpec.minimumBurstSamples / 4 {
                var next = context
                next.decimation = 2 * p
                guard EmitterFactory.supports(decimation: 2 * p, values, context: next) else { break }
                p *= 2
            }
        }
        while true {
            let n = (length + p - 1) / p
            var rate = EmitterContext(sampleRateHz: fs / Double(p), length: n)
            rate.decimation = p
            let emitter = EmitterFactory.make(values, context: rate)
            // Channel stages at the burst's rate, over a row with their lead-in and tail.
            var first = rate
            first.inputBand = emitter.occupiedBand
            var channel: [(stage: any ChannelStage, stream: StreamID)] = channelResolved.indices.map { i in
                (channelResolved[i].make(all, columns: columnIndex, context: i == 0 ? first : rate), channelResolved[i].stream)
            }
            let total = channel.reduce(0) { $0 + $1.stage.history }, totalTail = channel.reduce(0) { $0 + $1.stage.lookahead }
            for i in channel.indices where channelResolved[i].sizesFromRow {
                var sized = i == 0 ? first : rate
                sized.otherHistory = total - channel[i].stage.history
                sized.otherLookahead = totalTail - channel[i].stage.lookahead
                channel[i].stage = channelResolved[i].make(all, columns: columnIndex, context: sized)
            }
            let leadIn = channel.reduce(0) { $0 + $1.stage.history }, rowLength = leadIn + n + channel.reduce(0) { $0 + $1.stage.lookahead }
            if work.burst.count < rowLength { work.burst = AlignedBuffer(count: rowLength) }
            let source = work.burst.slice(0 ..< rowLength)
            let seed = plan.seed, e = UInt64(example)
            let symbols = StreamID.parameter("scene.\(k).\(segment).symbols")
            var symbolStream = RandomStream(seed: seed, example: e, stream: symbols)
            emitter.render(into: source, stream: &symbolStream, scratch: scratch)
            for (i, (stage, id)) in channel.enumerated() {
                var stream = RandomStream(seed: seed, example: e, stream: StreamID(rawValue: id.rawValue ^ symbols.rawValue ^ UInt32(i)))
                stage.apply(to: source, stream: &stream, scratch: scratch)
            }

            // The spectrum on a grid twice as fine as the placement's N₁ (M = 2N₁ points): the band is read from
            // it, and its even bins are the N₁-point spectrum the placement needs. A grid of only ≈ n points
            // can fall on the nulls of a short burst's sidelobes and hide the power outside its main lobe.
            let n1 = ScenePlacement.burstTransformSize(atLeast: n + Self.spectrumGuard), m = 2 * n1
            if work.spectrum.count < m { work.spectrum = AlignedBuffer(count: m) }
            let x = work.spectrum.slice(0 ..< m)
            x.initialize(repeating: Complex(0, 0))
            x.baseAddress!.update(from: source.baseAddress! + leadIn, count: n)
            // Raised-cosine ramps over its first and last few samples: a burst switches on and off smoothly, so
            // that its band-limited interpolation does not ring past its ends (which are cut at the capture
            // rate) and its band, measured here, is the band of what is placed.
            let ramp = min(Self.rampSamples, n / 8)
            for k in 0 ..< ramp {
                let w = Float(0.5 - 0.5 * cos(Double.pi * (Double(k) + 0.5) / Double(ramp)))
                x[k] = Complex(x[k].real * w, x[k].imaginary * w)
                x[n - 1 - k] = Complex(x[n - 1 - k].real * w, x[n - 1 - k].imaginary * w)
            }
            var energy = 0.0
            for j in 0 ..< n { energy += Double(x[j].lengthSquared) }
            FFTPlan.cached(size: m, direction: .forward, inPlace: true).execute(input: x.baseAddress!, output: x.baseAddress!)
            guard energy > 0 else { return nil }
            // Power per bin in frequency order (bin M/2 … M − 1, then 0 … M/2 − 1), cumulated.
            if work.power.count < m { work.power = [Double](repeating: 0, count: m) }
            var sum = 0.0
            for j in 0 ..< m {
                let bin = (j + m / 2) % m
                sum += Double(x[bin].lengthSquared)
                work.power[j] = sum
            }
            var lowBin = 0
            while work.power[lowBin] < Self.boxTail * sum { lowBin += 1 }
            var highBin = m - 1
            while highBin > 0, work.power[highBin - 1] >= (1 - Self.boxTail) * sum { highBin -= 1 }
            let scale = 1 / (Double(m) * Double(p))
            let low = (Double(lowBin - m / 2) - 0.5) * scale, high = (Double(highBin - m / 2) + 0.5) * scale
            // What lies beyond ±3/8 of the burst's rate came from a band wider than declared (a channel
            // stage that shifts or spreads it: an offset, Doppler, a nonlinear amplifier) and may be
            // aliased: the burst is made again at twice the rate, down to the capture rate.
            let edge = Int((0.125 * Double(m)).rounded())
            let outside = work.power[edge - 1] + (sum - work.power[m - edge - 1])
            if p > 1, outside > Self.aliasShare * sum {
                p /= 2
                continue
            }
            return ((0 ..< n1).map { x[2 * $0] }, n1, p, low, high, energy / Double(n))
        }
    }
}
