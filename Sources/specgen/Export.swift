import ArgumentParser
import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenPlot

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a scene file's examples as spectrogram images with detector labels: YOLO, COCO or both.",
        discussion: """
            One PNG per example (images/000007.png for example 7): its spectrogram on one receive channel, \
            time along x, frequency along y with +1/2 cycles/sample at the top, one pixel per STFT cell \
            unless --size resamples it. Each burst of /annotations becomes a box: samples [start, stop) \
            map to x through the frames' centre samples, [f_low, f_high] to y (docs/export.md). \
            --yolo DIR writes labels/000007.txt (`class cx cy w h`, normalised) and data.yaml; \
            --coco DIR writes annotations.json (bbox in pixels, category_id = class_index + 1). Give both \
            to get both; the same DIR twice gives one directory with both label sets.

            The spectrogram is the file's /spectrogram when it is two-sided power (dB or linear), \
            otherwise (or with --fft-size or --hop) one computed from /iq like specgen plot's. dB values \
            map linearly onto the colour map between the ends --range-db chooses: auto (each image's \
            peak down by at most 60 dB, raised to its 5th percentile), R (each image's peak down by R dB) \
            or LOW:HIGH (fixed levels; write --range-db=-40:20 when LOW is negative).

            DIR is built under a hidden name beside it and renamed when complete; an existing DIR must be \
            empty, or hold a previous export and --overwrite be given.

            Examples (scene.h5: a file with /annotations, docs/scenes.md):
              specgen run Scenarios/wideband.json --examples 20 -o scene.h5
              specgen export --yolo yolo scene.h5
              specgen export --yolo both --coco both scene.h5 --limit 8 --colormap gray
              specgen export --coco coco scene.h5 --examples 0,2 --size 256x256
              specgen export --yolo yolo scene.h5 --range-db 50 --overwrite
              specgen export --yolo yolo scene.h5 --fft-size 128 --hop 32 \\
                  --range-db=-60:10 --overwrite

            Exit status: 0 success, 2 bad input (no such file, not a specgen file, no /annotations, an \
            example or channel out of range, a non-empty DIR without --overwrite), 1 failure while \
            drawing or writing, 130 interrupted (nothing is left at DIR).
            """)

    enum Colormap: String, ExpressibleByArgument, CaseIterable { case gray, viridis }

    @Argument(help: "The scene file (HDF5 with /annotations, written by specgen run or merge).")
    var file: String

    @Option(help: ArgumentHelp("Write a YOLO dataset here: images/, labels/, data.yaml.", valueName: "DIR"))
    var yolo: String?

    @Option(help: ArgumentHelp("Write a COCO dataset here: images/, annotations.json.", valueName: "DIR"))
    var coco: String?

    @Option(help: "The receive channel to draw.")
    var channel: Int = 0

    @Option(help: "Colour map: gray (8-bit greyscale PNG) or viridis (RGB PNG).")
    var colormap: Colormap = .viridis

    @Option(help: ArgumentHelp("STFT size; computes the spectrogram from /iq (default: /spectrogram's, else the power of two nearest 2·√L, 16 … 512).", valueName: "F"))
    var fftSize: Int?

    @Option(help: ArgumentHelp("STFT hop in samples; computes the spectrogram from /iq (default: /spectrogram's for the same F, else F/4).", valueName: "H"))
    var hop: Int?

    @Option(help: ArgumentHelp("Resample every image to this size in pixels (default: frames × FFT size).", valueName: "WxH"))
    var size: String?

    @Option(help: ArgumentHelp("The dB values at the ends of the colour map: auto, R (dB below each image's peak) or LOW:HIGH.", valueName: "RANGE"))
    var rangeDb: String = "auto"

    @Option(help: ArgumentHelp("Export only these examples.", valueName: "i,j,k"))
    var examples: String?

    @Option(help: ArgumentHelp("Export only the first N examples.", valueName: "N"))
    var limit: Int?

    @Flag(help: "Replace a DIR that holds a previous export.")
    var overwrite = false

    @Flag(name: .shortAndLong, help: "No progress or summary on standard error.")
    var quiet = false

    func run() throws {
        guard yolo != nil || coco != nil else { throw InputError(message: "nothing to write: give --yolo DIR, --coco DIR or both") }
        guard let range = DecibelRange(argument: rangeDb) else {
            throw InputError(message: "--range-db \(rangeDb): give auto, a range in dB below each image's peak (e.g. 60) or fixed dB levels LOW:HIGH (e.g. --range-db=-40:20)")
        }
        let pixels = try size.map { try parsePixelSize($0, within: 1 ... 32_767, example: "640x640") }  // Cairo's limit
        let dataset = try openExampleFile(file)
        guard dataset.hasAnnotations else { throw InputError(message: "\(file): no /annotations: export needs a scene file; see docs/scenes.md") }
        guard (0 ..< dataset.channels).contains(channel) else {
            throw InputError(message: "--channel \(channel): \(file) has channels 0 … \(dataset.channels - 1)")
        }
        let indices = try chosenExamples(count: dataset.examples)
        let annotations: [Annotation]
        let storedNames: [String]?
        do {
            (annotations, storedNames) = (try dataset.allAnnotations(), try dataset.classNames())
        } catch let error as DatasetFileError {
            throw InputError(message: error.description)
        }
        let names = try classNames(storedNames, annotations: annotations, examples: dataset.examples)
        let source = try spectrogramSource(dataset)
        var destinations: [DetectorExport.Destination] = []
        if let yolo { destinations.append(.init(directory: try ExportDirectory.checked(yolo, option: "--yolo", overwrite: overwrite), yolo: true, coco: false)) }
        if let coco {
            let directory = try ExportDirectory.checked(coco, option: "--coco", overwrite: overwrite)
            if let i = destinations.firstIndex(where: { $0.directory.target == directory.target }) {
                destinations[i].coco = true  // the same DIR twice: one directory with both label sets
            } else {
                destinations.append(.init(directory: directory, yolo: false, coco: true))
            }
        }
        let export = DetectorExport(
            dataset: dataset, channel: channel, examples: indices, annotations: annotations, classNames: names,
            source: source.source, pixels: pixels, range: range, colourMap: colormap == .gray ? .gray : .viridis,
            destinations: destinations, progress: quiet ? .quiet : nil)
        if let note = source.note, !quiet { FileHandle.standardError.write(Data("specgen export: \(note)\n".utf8)) }
        try withCancellation { try export.run(cancellation: $0) }
    }

    /// All examples, the first `--limit`, or `--examples` (in the order given, each once).
    private func chosenExamples(count: Int) throws -> [Int] {
        if examples != nil && limit != nil { throw InputError(message: "give one of --examples and --limit") }
        if let limit {
            guard limit >= 1 else { throw InputError(message: "--limit \(limit): must be at least 1") }
            return Array(0 ..< min(limit, count))
        }
        guard let examples else { return Array(0 ..< count) }
        return try parseExampleList(examples, count: count, file: file, distinct: true)
    }

    /// `/labels/class_names`, or `class_0`, `class_1`, … when the file has none; every annotation's
    /// class index must name one of them and its example must exist.
    private func classNames(_ stored: [String]?, annotations: [Annotation], examples: Int) throws -> [String] {
        let highest = annotations.map(\.classIndex).max() ?? -1
        let names = stored ?? (0 ... max(highest, 0)).map { "class_\($0)" }
        for (row, a) in annotations.enumerated() {
            guard (0 ..< names.count).contains(a.classIndex) else {
                throw InputError(message: "\(file): /annotations row \(row) has class_index \(a.classIndex), but /labels/class_names has \(names.count) names")
            }
            guard (0 ..< examples).contains(a.example) else {
                throw InputError(message: "\(file): /annotations row \(row) belongs to example \(a.example), but the file has \(examples) examples")
            }
        }
        return names
    }

    /// The file's `/spectrogram` when usable and no STFT option was given, else one computed from `/iq`;
    /// with a note when a stored one was passed over for a reason the user did not give.
    private func spectrogramSource(_ dataset: ExampleFile) throws -> (source: DetectorExport.Source, note: String?) {
        let availability = try dataset.storedSpectrogram()
        if fftSize == nil, hop == nil, case .usable(let stored) = availability { return (.stored(stored), nil) }
        let length = dataset.samplesPerExample
        var stored: StoredSpectrogram?
        if case .usable(let s) = availability { stored = s }
        let size = fftSize ?? stored?.fftSize ?? Spectrogram.defaultFFTSize(samples: length)
        guard length >= 2, (2 ... length).contains(size) else {
            throw InputError(message: "--fft-size \(size): must be 2 … \(length) (the samples per example)")
        }
        let step = hop ?? (stored?.fftSize == size ? stored!.hop : max(1, size / 4))
        guard step >= 1 else { throw InputError(message: "--hop \(step): must be at least 1") }
        var note: String?
        if case .unusable(let reason) = availability, fftSize == nil, hop == nil { note = "\(reason): computing the spectrogram from /iq instead" }
        return (.computed(fftSize: size, hop: step), note)
    }
}
