import Foundation

/// Picture size and spectrogram parameters shared by both figures.
public struct PlotOptions: Sendable {
    public var width = 1200
    public var height = 900
    /// STFT size and hop; nil: `Spectrogram.defaultFFTSize` and a quarter of it.
    public var fftSize: Int?
    public var hop: Int?
    public init() {}

    func spectrogramParameters(samples: Int) -> (fftSize: Int, hop: Int) {
        let size = min(fftSize ?? Spectrogram.defaultFFTSize(samples: samples), samples)
        return (size, hop ?? max(1, size / 4))
    }

    /// Text size in pixels for a picture of this size.
    var fontSize: Double { min(16, max(9, Double(min(width, height)) / 70)) }
}

/// One example on one page: title, spectrogram with boxes (top left), PSD (top right), I/Q time series
/// (bottom left), constellation or a note (bottom right).
public enum ExampleFigure {
    /// Draws `data` and returns the image and where its panels are.
    public static func render(_ data: ExampleData, options: PlotOptions, source: String) throws -> (ImageSurface, FigureLayout) {
        let (width, height) = (Double(options.width), Double(options.height))
        let fs = options.fontSize
        let image = try ImageSurface(width: options.width, height: options.height)
        let canvas = try Canvas(image)
        canvas.setColour(.white)
        canvas.paint()

        // Title: class, SNR, example (and channel of a multi-channel file); the file below it.
        let titleHeight = 3.4 * fs
        var title = [data.headline, data.snrText, "example \(data.index)"].compactMap { $0 }.joined(separator: " · ")
        if data.channel > 0 { title += " · channel \(data.channel)" }
        canvas.setColour(.black)
        canvas.text(title, x: width / 2, y: 0.4 * fs, size: 1.35 * fs, bold: true, anchor: .centre, baseline: .top)
        canvas.setColour(.grey)
        canvas.text(source, x: width / 2, y: 2.1 * fs, size: 0.85 * fs, anchor: .centre, baseline: .top)

        let body = Rect(x: 0, y: titleHeight, width: width, height: height - titleHeight)
        let split = (x: (body.width * 0.6).rounded(), y: (body.height * 0.55).rounded())
        func cell(_ column: Int, _ row: Int) -> Rect {
            let x = column == 0 ? body.x : body.x + split.x, w = column == 0 ? split.x : body.width - split.x
            let y = row == 0 ? body.y : body.y + split.y, h = row == 0 ? split.y : body.height - split.y
            return Rect(x: x, y: y, width: w, height: h)
        }
        let margin = (left: 6.5 * fs, top: 2.2 * fs, right: 1.5 * fs, bottom: 4.2 * fs)
        func plotRect(_ cell: Rect, extraRight: Double = 0) -> Rect {
            cell.inset(left: margin.left, top: margin.top, right: margin.right + extraRight, bottom: margin.bottom).pixelAligned
        }

        var panels: [PanelLayout] = []
        let (fftSize, hop) = options.spectrogramParameters(samples: data.sampleCount)
        let spectrogram = Spectrogram(samples: data.samples, fftSize: fftSize, hop: hop)

        // (a) Spectrogram with its colour bar.
        let spectrogramRect = plotRect(cell(0, 0), extraRight: 5 * fs)
        let spectrogramArea = PlotArea(rect: spectrogramRect, x: Panels.timeAxis(data), y: Panels.frequencyAxis(data))
        let range = spectrogram.colourRange()
        let boxes = try Panels.spectrogram(spectrogram, data: data, area: spectrogramArea, range: range, on: canvas, fontSize: fs)
        spectrogramArea.drawAxes(on: canvas, fontSize: fs)
        try Panels.colourBar(range: range, rect: Rect(x: spectrogramRect.maxX + 1.2 * fs, y: spectrogramRect.y, width: 0.9 * fs, height: spectrogramRect.height).pixelAligned,
                             on: canvas, fontSize: fs)
        Panels.title("Spectrogram (STFT \(fftSize), hop \(hop), Hann)", area: spectrogramRect, on: canvas, fontSize: fs)
        var panel = PanelLayout(name: "spectrogram", example: data.index, channel: data.channel, rect: spectrogramRect,
                                x: spectrogramArea.x, y: spectrogramArea.y)
        (panel.fftSize, panel.hop, panel.frames) = (fftSize, hop, spectrogram.frames)
        (panel.colourLow, panel.colourHigh) = range
        if data.annotated { panel.boxes = boxes }
        panels.append(panel)

        // (b) PSD.
        let psdRect = plotRect(cell(1, 0))
        let psd = Panels.psd(spectrogram, data: data, rect: psdRect, on: canvas, fontSize: fs)
        Panels.title("PSD (Welch, \(spectrogram.frames) frames)", area: psdRect, on: canvas, fontSize: fs)
        panels.append(PanelLayout(name: "psd", example: data.index, channel: data.channel, rect: psdRect, x: psd.x, y: psd.y))

        // (c) Time series.
        let timeRect = plotRect(cell(0, 1))
        let time = Panels.timeSeries(data, rect: timeRect, on: canvas, fontSize: fs)
        Panels.title("Time series", area: timeRect, on: canvas, fontSize: fs)
        panels.append(PanelLayout(name: "time_series", example: data.index, channel: data.channel, rect: timeRect, x: time.x, y: time.y))

        // (d) Constellation, or why there is none.
        let constellationRect = plotRect(cell(1, 1))
        var constellationPanel = PanelLayout(name: "constellation", example: data.index, channel: data.channel, rect: constellationRect)
        switch data.symbols {
        case .success(let timing):
            if let points = Constellation(samples: data.samples, samplesPerSymbol: timing.samplesPerSymbol, pulse: timing.pulse,
                                          pulseParameter: timing.pulseParameter, spanSymbols: timing.spanSymbols) {
                let area = Panels.constellation(points, rect: constellationRect, on: canvas, fontSize: fs)
                constellationPanel.rect = area.rect
                (constellationPanel.x, constellationPanel.y) = (area.x, area.y)
                let parameter = switch timing.pulse {
                case .rootRaisedCosine, .raisedCosine: " α \(formatted(timing.pulseParameter, decimals: 2))"
                case .gaussian: " BT \(formatted(timing.pulseParameter, decimals: 2))"
                default: ""
                }
                Panels.title("Constellation (\(timing.pulse.rawValue)\(parameter), \(points.points.count) symbols)",
                             area: area.rect, on: canvas, fontSize: fs)
                if !timing.assumptions.isEmpty {
                    let note = timing.assumptions.joined(separator: "; ")
                    canvas.setColour(.grey)
                    canvas.text(note, x: area.rect.x, y: area.rect.y + 0.2 * fs, size: 0.8 * fs, baseline: .top)
                    constellationPanel.note = note
                }
            } else {
                let reason = "too few symbols after the matched filter's transient"
                Panels.note(reason, rect: constellationRect, on: canvas, fontSize: fs)
                Panels.title("Constellation", area: constellationRect, on: canvas, fontSize: fs)
                constellationPanel.note = reason
            }
        case .failure(let why):
            Panels.note(why.reason, rect: constellationRect, on: canvas, fontSize: fs)
            Panels.title("Constellation", area: constellationRect, on: canvas, fontSize: fs)
            constellationPanel.note = why.reason
        }
        panels.append(constellationPanel)

        try canvas.finish()
        return (image, FigureLayout(width: options.width, height: options.height, kind: "example", panels: panels))
    }
}

/// A contact sheet: spectrogram thumbnails of several examples in a grid, each with its class name and
/// SNR below it and its annotation boxes.
public enum ContactSheet {
    public static func render(_ examples: [ExampleData], options: PlotOptions, source: String) throws -> (ImageSurface, FigureLayout) {
        precondition(!examples.isEmpty)
        let (width, height) = (Double(options.width), Double(options.height))
        let fs = options.fontSize * 0.85
        let image = try ImageSurface(width: options.width, height: options.height)
        let canvas = try Canvas(image)
        canvas.setColour(.white)
        canvas.paint()
        canvas.setColour(.black)
        canvas.text("\(source) · \(examples.count) examples", x: width / 2, y: 0.5 * fs, size: 1.2 * fs, bold: true, anchor: .centre, baseline: .top)

        // As many columns as keep the cells near the page's aspect ratio.
        let count = examples.count
        let columns = max(1, min(count, Int((Double(count) * width / height).squareRoot().rounded(.up))))
        let rows = (count + columns - 1) / columns
        let top = 2.4 * fs
        let cellWidth = width / Double(columns), cellHeight = (height - top) / Double(rows)
        var panels: [PanelLayout] = []
        for (k, data) in examples.enumerated() {
            let cell = Rect(x: Double(k % columns) * cellWidth, y: top + Double(k / columns) * cellHeight, width: cellWidth, height: cellHeight)
            let rect = cell.inset(left: 0.6 * fs, top: 0.3 * fs, right: 0.6 * fs, bottom: 3 * fs).pixelAligned
            let (fftSize, hop) = options.spectrogramParameters(samples: data.sampleCount)
            let spectrogram = Spectrogram(samples: data.samples, fftSize: fftSize, hop: hop)
            let area = PlotArea(rect: rect, x: Panels.timeAxis(data), y: Panels.frequencyAxis(data))
            let range = spectrogram.colourRange()
            let boxes = try Panels.spectrogram(spectrogram, data: data, area: area, range: range, on: canvas, fontSize: fs,
                                               labelBoxes: rect.width > 160)
            canvas.setColour(.black)
            canvas.setLineWidth(1)
            canvas.rectangle(Rect(x: rect.x - 0.5, y: rect.y - 0.5, width: rect.width + 1, height: rect.height + 1))
            canvas.stroke()
            canvas.text("#\(data.index) \(data.headline)", x: rect.x + rect.width / 2, y: rect.maxY + 0.4 * fs, size: fs,
                        bold: true, anchor: .centre, baseline: .top)
            if let snr = data.snrText {
                canvas.setColour(.grey)
                canvas.text(snr, x: rect.x + rect.width / 2, y: rect.maxY + 1.6 * fs, size: 0.9 * fs, anchor: .centre, baseline: .top)
            }
            var panel = PanelLayout(name: "spectrogram", example: data.index, channel: data.channel, rect: rect, x: area.x, y: area.y)
            (panel.fftSize, panel.hop, panel.frames) = (fftSize, hop, spectrogram.frames)
            (panel.colourLow, panel.colourHigh) = range
            if data.annotated { panel.boxes = boxes }
            panels.append(panel)
        }
        try canvas.finish()
        return (image, FigureLayout(width: options.width, height: options.height, kind: "grid", panels: panels))
    }
}
