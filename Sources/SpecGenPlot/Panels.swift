import Foundation
import SpecGenDSP

/// The four panels of an example figure, each drawn into a given plot area (docs/plot.md says what each
/// shows). They draw only; the data comes from `ExampleData`, `Spectrogram` and `Constellation`.
enum Panels {
    /// The frequency axis: cycles/sample −0.5 … 0.5, labelled in Hz (k, M, G) when the sample rate is known.
    static func frequencyAxis(_ data: ExampleData) -> Axis {
        guard let rate = data.sampleRateHz else {
            return Axis(minimum: -0.5, maximum: 0.5, unit: "cycles/sample", label: "frequency (cycles/sample)")
        }
        let (scale, prefix): (Double, String) = rate / 2 >= 1e9 ? (1e-9, "GHz") : rate / 2 >= 1e6 ? (1e-6, "MHz") : rate / 2 >= 1e3 ? (1e-3, "kHz") : (1, "Hz")
        return Axis(minimum: -0.5, maximum: 0.5, unit: "cycles/sample", label: "frequency (\(prefix))", displayScale: rate * scale)
    }

    static func timeAxis(_ data: ExampleData) -> Axis {
        Axis(minimum: 0, maximum: Double(data.sampleCount), unit: "sample", label: "time (samples)")
    }

    /// A panel title above the area.
    static func title(_ text: String, area: Rect, on canvas: Canvas, fontSize: Double) {
        canvas.setColour(.black)
        canvas.text(text, x: area.x, y: area.y - 0.6 * fontSize, size: fontSize, bold: true)
    }

    /// The heat map (STFT power, dB, viridis between `range`; grey where no frame is centred) and the annotation boxes with class names.
    /// Returns the boxes drawn.
    @discardableResult
    static func spectrogram(_ spectrogram: Spectrogram, data: ExampleData, area: PlotArea, range: (low: Double, high: Double),
                            on canvas: Canvas, fontSize: Double, labelBoxes: Bool = true) throws -> [BoxLayout] {
        let (bins, frames, hop) = (spectrogram.fftSize, spectrogram.frames, spectrogram.hop)
        let decibels = spectrogram.decibels
        let image = try ImageSurface(width: frames, height: bins)
        let span = max(range.high - range.low, 1e-9)
        image.fill { t, row in
            let f = bins - 1 - row
            return ColourMap.viridis((decibels[f * frames + t] - range.low) / span).pixel
        }
        // Column t is centred on its frame's centre sample t·hop + F/2; row f on (f − F/2)/F.
        let centre = Double(bins) / 2, halfHop = Double(hop) / 2, halfBin = 0.5 / Double(bins)
        let left = area.pixelX(centre - halfHop), right = area.pixelX(Double(frames - 1) * Double(hop) + centre + halfHop)
        let top = area.pixelY(0.5 - halfBin), bottom = area.pixelY(-0.5 - halfBin)
        canvas.clipped(to: area.rect) {
            canvas.setColour(.noData)
            canvas.rectangle(area.rect)
            canvas.fill()
            canvas.draw(image, in: Rect(x: left, y: top, width: right - left, height: bottom - top))
        }
        return boxes(data: data, area: area, on: canvas, fontSize: fontSize, labels: labelBoxes)
    }

    /// Annotation boxes: red outlines, two pixels wide and not antialiased, on whole pixels
    /// (x from the start sample to the stop sample, y from f_high to f_low), each with its class name on
    /// a red tag above it (inside, when the box touches the top).
    static func boxes(data: ExampleData, area: PlotArea, on canvas: Canvas, fontSize: Double, labels: Bool) -> [BoxLayout] {
        var drawn: [BoxLayout] = []
        canvas.clipped(to: Rect(x: area.rect.x - 1, y: area.rect.y - 1, width: area.rect.width + 2, height: area.rect.height + 2)) {
            canvas.setAntialias(false)
            canvas.setLineWidth(2)
            for a in data.annotations {
                let name = data.annotationClassName(a.classIndex)
                drawn.append(BoxLayout(classIndex: a.classIndex, className: name, start: a.start, stop: a.stop,
                                       frequencyLow: a.frequencyLow, frequencyHigh: a.frequencyHigh))
                let x0 = area.pixelX(Double(a.start)).rounded(), x1 = area.pixelX(Double(a.stop)).rounded()
                let y0 = area.pixelY(a.frequencyHigh).rounded(), y1 = area.pixelY(a.frequencyLow).rounded()
                canvas.setColour(.box)
                canvas.rectangle(Rect(x: x0, y: y0, width: max(x1 - x0, 1), height: max(y1 - y0, 1)))
                canvas.stroke()
                guard labels else { continue }
                let size = 0.85 * fontSize
                let tagWidth = canvas.textWidth(name, size: size) + 6, tagHeight = size + 4
                let tagY = y0 - 1 - tagHeight >= area.rect.y ? y0 - 1 - tagHeight : y0 + 1
                canvas.rectangle(Rect(x: x0 - 1, y: tagY, width: tagWidth, height: tagHeight))
                canvas.fill()
                canvas.setAntialias(true)
                canvas.setColour(.white)
                canvas.text(name, x: x0 + 2, y: tagY + tagHeight / 2, size: size, baseline: .middle)
                canvas.setAntialias(false)
            }
            canvas.setAntialias(true)
        }
        return drawn
    }

    /// A vertical colour bar for `range` (dB) in `rect`, ticks on its right.
    static func colourBar(range: (low: Double, high: Double), rect: Rect, on canvas: Canvas, fontSize: Double) throws {
        let image = try ImageSurface(width: 1, height: 256)
        image.fill { _, row in ColourMap.viridis(1 - (Double(row) + 0.5) / 256).pixel }
        canvas.draw(image, in: rect)
        let axis = Axis(minimum: range.low, maximum: range.high, unit: "dB", label: "power (dB)")
        let bar = PlotArea(rect: rect, x: Axis(minimum: 0, maximum: 1, unit: "", label: ""), y: axis)
        canvas.setColour(.black)
        canvas.setLineWidth(1)
        canvas.rectangle(Rect(x: rect.x - 0.5, y: rect.y - 0.5, width: rect.width + 1, height: rect.height + 1))
        canvas.stroke()
        let ticks = axis.ticks(count: 5)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for v in ticks {
            let y = bar.pixelY(v).rounded() + 0.5
            canvas.moveTo(rect.maxX, y)
            canvas.lineTo(rect.maxX + 4, y)
            canvas.stroke()
            canvas.text(axis.tickLabel(v, step: step), x: rect.maxX + 6, y: y, size: 0.9 * fontSize, baseline: .middle)
        }
        canvas.text("dB", x: rect.x, y: rect.y - 0.5 * fontSize, size: 0.9 * fontSize)
    }

    /// Welch PSD in dB against frequency. Returns the y axis used.
    static func psd(_ spectrogram: Spectrogram, data: ExampleData, rect: Rect, on canvas: Canvas, fontSize: Double) -> PlotArea {
        let values = spectrogram.welchDecibels
        let low = (values.min() ?? 0), high = (values.max() ?? 1)
        let y = Axis(minimum: floor((low - 3) / 5) * 5, maximum: max(ceil((high + 3) / 5) * 5, floor((low - 3) / 5) * 5 + 5),
                     unit: "dB", label: "power per bin (dB)")
        let area = PlotArea(rect: rect, x: frequencyAxis(data), y: y)
        area.drawGrid(on: canvas)
        let bins = spectrogram.fftSize
        canvas.clipped(to: rect) {
            canvas.setColour(.blue)
            canvas.setLineWidth(1.5)
            canvas.polyline((0 ..< bins).map { f in (area.pixelX(Double(f - bins / 2) / Double(bins)), area.pixelY(values[f])) })
        }
        area.drawAxes(on: canvas, fontSize: fontSize)
        return area
    }

    /// I and Q against sample index.
    static func timeSeries(_ data: ExampleData, rect: Rect, on canvas: Canvas, fontSize: Double) -> PlotArea {
        let peak = max(data.samples.lazy.map { abs(Double($0)) }.max() ?? 1, 1e-12) * 1.05
        let area = PlotArea(rect: rect, x: Axis(minimum: 0, maximum: Double(max(data.sampleCount - 1, 1)), unit: "sample", label: "time (samples)"),
                            y: Axis(minimum: -peak, maximum: peak, unit: "amplitude", label: "amplitude"))
        area.drawGrid(on: canvas)
        canvas.clipped(to: rect) {
            canvas.setLineWidth(1)
            for (component, colour) in [(0, Colour.blue), (1, Colour.orange)] {
                canvas.setColour(colour)
                canvas.polyline((0 ..< data.sampleCount).map { n in (area.pixelX(Double(n)), area.pixelY(Double(data.samples[2 * n + component]))) })
            }
        }
        for (i, (name, colour)) in [("I", Colour.blue), ("Q", Colour.orange)].enumerated() {
            let x = rect.maxX - 70 + Double(i) * 35, y = rect.y + 12
            canvas.setColour(colour)
            canvas.setLineWidth(2)
            canvas.moveTo(x, y)
            canvas.lineTo(x + 14, y)
            canvas.stroke()
            canvas.setColour(.black)
            canvas.text(name, x: x + 17, y: y, size: fontSize, baseline: .middle)
        }
        area.drawAxes(on: canvas, fontSize: fontSize)
        return area
    }

    /// A square scatter plot of the symbols, ±r with r covering 99 % of the points.
    static func constellation(_ constellation: Constellation, rect: Rect, on canvas: Canvas, fontSize: Double) -> PlotArea {
        let radii = constellation.points.map { max(abs($0.0), abs($0.1)) }.sorted()
        let r = max(1.5, 1.1 * radii[min(radii.count - 1, Int(0.99 * Double(radii.count)))])
        let side = min(rect.width, rect.height)
        let square = Rect(x: rect.x + (rect.width - side) / 2, y: rect.y, width: side, height: side).pixelAligned
        let area = PlotArea(rect: square, x: Axis(minimum: -r, maximum: r, unit: "unit power", label: "in-phase"),
                            y: Axis(minimum: -r, maximum: r, unit: "unit power", label: "quadrature"))
        area.drawGrid(on: canvas, tickCount: (5, 5))
        canvas.clipped(to: square) {
            canvas.setColour(Colour(0.12, 0.40, 0.70, alpha: 0.55))
            let dot = max(1.5, side / 180)
            for p in constellation.points {
                canvas.circle(x: area.pixelX(p.0), y: area.pixelY(p.1), radius: dot)
                canvas.fill()
            }
        }
        area.drawAxes(on: canvas, fontSize: fontSize, tickCount: (5, 5))
        return area
    }

    /// A grey note centred in an empty panel (a skipped constellation).
    static func note(_ text: String, rect: Rect, on canvas: Canvas, fontSize: Double) {
        canvas.setColour(.lightGrey)
        canvas.setLineWidth(1)
        canvas.rectangle(Rect(x: rect.x - 0.5, y: rect.y - 0.5, width: rect.width + 1, height: rect.height + 1))
        canvas.stroke()
        canvas.setColour(.grey)
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if canvas.textWidth(candidate, size: fontSize) > rect.width - 20, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        for (i, l) in lines.enumerated() {
            let y = rect.y + rect.height / 2 + (Double(i) - Double(lines.count - 1) / 2) * 1.4 * fontSize
            canvas.text(l, x: rect.x + rect.width / 2, y: y, size: fontSize, anchor: .centre, baseline: .middle)
        }
    }
}
