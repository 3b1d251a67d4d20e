import ArgumentParser
import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenPlot

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw one example of a dataset file (spectrogram, PSD, time series, constellation), or a contact sheet, as PNG.",
        discussion: """
            One example (--example, default 0): a spectrogram with the annotation boxes and class names of \
            /annotations when the file has them, the Welch PSD, I and Q against time and, for a single \
            linearly modulated emitter, the matched-filtered constellation (docs/plot.md). --grid N draws the \
            spectrograms of the first N examples (or of --examples i,j,k) on one page, with class and SNR \
            under each. Everything drawn comes from the file alone: a redacted file shows what it releases.

            --layout-json F writes where each panel is and how it maps data to pixels (docs/plot.md).

            Examples:
              specgen run Scenarios/quickstart.json -o quickstart.h5 --examples 100 --quiet
              specgen plot quickstart.h5 -o example0.png
              specgen plot quickstart.h5 --example 7 --size 1600x1200 -o example7.png
              specgen plot quickstart.h5 --grid 12 -o sheet.png
              specgen plot quickstart.h5 --examples 3,5,8 -o three.png \\
                  --layout-json three.json

            Exit status: 0 success, 2 bad input (no such file, not a specgen file, example or channel out \
            of range, an existing -o without --overwrite), 1 failure while drawing or writing.
            """)

    @Argument(help: "The dataset file (HDF5, written by specgen run or merge).")
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The PNG to write (under a temporary name beside it, renamed when complete).", valueName: "OUT.png"))
    var output: String

    @Option(help: ArgumentHelp("The example to draw (default 0).", valueName: "I"))
    var example: Int?

    @Option(help: "The receive channel to draw.")
    var channel: Int = 0

    @Option(help: ArgumentHelp("A contact sheet of the first N examples' spectrograms.", valueName: "N"))
    var grid: Int?

    @Option(help: ArgumentHelp("A contact sheet of these examples.", valueName: "i,j,k"))
    var examples: String?

    @Option(help: ArgumentHelp("Picture size in pixels.", valueName: "WxH"))
    var size: String = "1200x900"

    @Option(help: ArgumentHelp("STFT size of the spectrogram (default: the power of two nearest 2·√L, 16 … 512).", valueName: "F"))
    var fftSize: Int?

    @Option(help: ArgumentHelp("STFT hop in samples (default: a quarter of the FFT size).", valueName: "H"))
    var hop: Int?

    @Option(help: ArgumentHelp("Also write the panels' pixel rectangles and axis mappings as JSON.", valueName: "F.json"))
    var layoutJson: String?

    @Flag(help: "Replace existing output files.")
    var overwrite = false

    func run() throws {
        let pictureSize = try parsePixelSize(size, within: 64 ... 8192, example: "1200x900")
        let target = try OutputFile.checked(output, overwrite: overwrite)
        let layoutTarget = try layoutJson.map { try OutputFile.checked($0, overwrite: overwrite) }
        let dataset = try openExampleFile(file)
        guard (0 ..< dataset.channels).contains(channel) else {
            throw InputError(message: "--channel \(channel): \(file) has channels 0 … \(dataset.channels - 1)")
        }
        let indices = try chosenExamples(dataset)
        var options = PlotOptions()
        (options.width, options.height) = pictureSize
        if let fftSize {
            guard (2 ... dataset.samplesPerExample).contains(fftSize) else {
                throw InputError(message: "--fft-size \(fftSize): must be 2 … \(dataset.samplesPerExample) (the samples per example)")
            }
            options.fftSize = fftSize
        }
        if let hop {
            guard hop >= 1 else { throw InputError(message: "--hop \(hop): must be at least 1") }
            options.hop = hop
        }
        guard dataset.samplesPerExample >= 2 else { throw InputError(message: "\(file): examples of \(dataset.samplesPerExample) sample are too short to plot") }

        let source = URL(fileURLWithPath: file).lastPathComponent
        let data: [ExampleData]
        do {
            data = try indices.map { try ExampleData(file: dataset, index: $0, channel: channel) }
        } catch let error as DatasetFileError {
            throw InputError(message: error.description)
        }
        let (image, layout) = indices.count == 1 && grid == nil && examples == nil
            ? try ExampleFigure.render(data[0], options: options, source: source)
            : try ContactSheet.render(data, options: options, source: source)
        try OutputFile.write(target) { try image.writePNG($0) }
        if let layoutTarget {
            let json = try layout.json()
            try OutputFile.write(layoutTarget) { try json.write(to: URL(fileURLWithPath: $0)) }
        }
    }

    /// The examples to draw: `--example`, the first `--grid` N, or `--examples`.
    private func chosenExamples(_ dataset: ExampleFile) throws -> [Int] {
        let count = dataset.examples
        let range = count > 0 ? "examples 0 … \(count - 1)" : "no examples"
        if [example != nil, grid != nil, examples != nil].filter({ $0 }).count > 1 {
            throw InputError(message: "give one of --example, --grid and --examples")
        }
        if let grid {
            guard grid >= 1, grid <= count else { throw InputError(message: "--grid \(grid): \(file) has \(range)") }
            guard grid <= 400 else { throw InputError(message: "--grid \(grid): at most 400 examples on one sheet") }
            return Array(0 ..< grid)
        }
        if let examples {
            let indices = try parseExampleList(examples, count: count, file: file, distinct: false)
            guard (1 ... 400).contains(indices.count) else { throw InputError(message: "--examples: give 1 … 400 examples") }
            return indices
        }
        let i = example ?? 0
        guard (0 ..< count).contains(i) else { throw InputError(message: "--example \(i) is out of range: \(file) has \(range)") }
        return [i]
    }
}
