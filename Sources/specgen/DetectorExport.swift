import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenPlot

/// The work of `specgen export` once its input is checked (docs/export.md): for each example, its
/// spectrogram image and boxes into every destination's staging directory, then the label files, then
/// each directory renamed into place. A failure or an interruption removes the staging directories.
struct DetectorExport {
    /// Where the spectrogram comes from.
    enum Source {
        case stored(StoredSpectrogram)
        case computed(fftSize: Int, hop: Int)
    }

    /// One output directory and the label sets it gets.
    struct Destination {
        var directory: ExportDirectory
        var yolo: Bool
        var coco: Bool
    }

    let dataset: ExampleFile
    let channel: Int
    let examples: [Int]
    let annotations: [Annotation]
    let classNames: [String]
    let source: Source
    let pixels: (width: Int, height: Int)?
    let range: DecibelRange
    let colourMap: SpectrogramImage.ColourMap
    let destinations: [Destination]
    let progress: ProgressReporter.Style?

    var geometry: SpectrogramImageGeometry {
        let (size, hop, frames) = switch source {
        case .stored(let s): (s.fftSize, s.hop, s.frames)
        case .computed(let f, let h): (f, h, (dataset.samplesPerExample - f) / h + 1)
        }
        return SpectrogramImageGeometry(fftSize: size, hop: hop, frames: frames, width: pixels?.width, height: pixels?.height)
    }

    func run(cancellation: CancellationFlag) throws {
        precondition(!destinations.isEmpty)
        let geometry = self.geometry
        let origin = if case .stored = source { "/spectrogram" } else { "/iq" }
        let record = ExportRecord(
            file: URL(fileURLWithPath: dataset.path).lastPathComponent, channel: channel, spectrogram: origin, geometry: geometry,
            samplesPerExample: dataset.samplesPerExample, colormap: colourMap.rawValue, rangeDB: rangeArgument)
        let byExample = Dictionary(grouping: annotations, by: \.example)
        var coco = COCODataset(info: .init(description: "specgen export of \(record.file)", version: SpecGen.version, specgen: record),
                               classNames: classNames)
        let reporter = ProgressReporter(total: examples.count, samplesPerExample: dataset.samplesPerExample, label: "export", style: progress)
        var skipped = 0
        do {
            for d in destinations { try d.directory.create(labels: d.yolo) }
            for (done, i) in examples.enumerated() {
                if cancellation.isCancelled { throw RunCancelled() }
                let name = String(format: "%06d", i)
                let first = destinations[0].directory.staging + "/images/\(name).png"
                try image(example: i, geometry: geometry).writePNG(first)
                for d in destinations.dropFirst() {
                    try FileManager.default.copyItem(atPath: first, toPath: d.directory.staging + "/images/\(name).png")
                }
                var lines = ""
                for a in byExample[i] ?? [] {
                    guard let box = geometry.box(start: a.start, stop: a.stop, frequencyLow: a.frequencyLow, frequencyHigh: a.frequencyHigh) else {
                        skipped += 1
                        continue
                    }
                    lines += YOLOLabels.line(classIndex: a.classIndex, box: box, imageWidth: geometry.width, imageHeight: geometry.height) + "\n"
                    coco.annotations.append(.init(id: coco.annotations.count + 1, imageId: i, classIndex: a.classIndex, box: box))
                }
                coco.images.append(.init(id: i, fileName: "images/\(name).png", width: geometry.width, height: geometry.height))
                for d in destinations where d.yolo { try d.directory.write(Data(lines.utf8), to: "labels/\(name).txt") }
                reporter.update(done: done + 1)
            }
            if cancellation.isCancelled { throw RunCancelled() }
            for d in destinations {
                if d.yolo {
                    let yaml = YOLOLabels.dataYAML(directory: d.directory.target, names: classNames, record: record)
                    try d.directory.write(Data(yaml.utf8), to: "data.yaml")
                }
                if d.coco { try d.directory.write(try coco.json(), to: "annotations.json") }
                try d.directory.commit()
            }
        } catch {
            reporter.abandon()
            for d in destinations { d.directory.discard() }
            throw error
        }
        let where_ = destinations.map(\.directory.target).joined(separator: " and ")
        let outside = skipped == 0 ? "" : "; \(skipped) burst\(skipped == 1 ? "" : "s") outside the frames' reach left out"
        reporter.finish("exported \(examples.count) image\(examples.count == 1 ? "" : "s") of \(geometry.width)×\(geometry.height) pixels "
            + "(spectrogram from \(record.spectrogram), F = \(geometry.fftSize), hop \(geometry.hop)) with \(coco.annotations.count) boxes "
            + "to \(where_) in \(String(format: "%.1f", reporter.elapsed)) s\(outside)")
    }

    /// The `--range-db` value as the user would write it.
    private var rangeArgument: String {
        switch range {
        case .automatic: "auto"
        case .belowPeak(let r): "\(r)"
        case .fixed(let low, let high): "\(low):\(high)"
        }
    }

    /// Example `i`'s picture: its spectrogram on `channel`, flipped, resampled and coloured.
    private func image(example i: Int, geometry: SpectrogramImageGeometry) throws -> ImageSurface {
        let spectrogram = switch source {
        case .stored(let s):
            Spectrogram(fftSize: s.fftSize, hop: s.hop, frames: s.frames, power: try dataset.spectrogramPower(example: i, channel: channel, s))
        case .computed(let size, let hop):
            Spectrogram(samples: try dataset.samples(example: i, channel: channel), fftSize: size, hop: hop)
        }
        let decibels = SpectrogramImage.decibels(spectrogram, geometry: geometry)
        return try SpectrogramImage.render(decibels, width: geometry.width, height: geometry.height,
                                           range: range.resolve(decibels), colourMap: colourMap)
    }
}
