import Foundation

/// One axis of a panel: the data range it shows and how its ticks are labelled.
///
/// `minimum` and `maximum` are in the data's own unit (`unit`: samples, cycles/sample, dB, …); tick
/// labels show value × `displayScale` (e.g. cycles/sample × Fs/1000 for kHz), so the mapping from data
/// to pixels never depends on the display unit.
public struct Axis: Sendable, Codable, Equatable {
    public var minimum: Double
    public var maximum: Double
    /// The data unit of `minimum`/`maximum`.
    public var unit: String
    /// The axis title as drawn, with the display unit.
    public var label: String
    public var displayScale: Double

    public init(minimum: Double, maximum: Double, unit: String, label: String, displayScale: Double = 1) {
        precondition(maximum > minimum, "an axis needs maximum > minimum")
        (self.minimum, self.maximum, self.unit, self.label, self.displayScale) = (minimum, maximum, unit, label, displayScale)
    }

    enum CodingKeys: String, CodingKey {
        case minimum = "min", maximum = "max", unit, label
        case displayScale = "display_scale"
    }

    /// Tick positions (data units) at "nice" display values (1, 2 or 5 × 10ᵏ steps), about `count` of them.
    public func ticks(count: Int = 6) -> [Double] {
        let low = minimum * displayScale, high = maximum * displayScale
        let (a, b) = (min(low, high), max(low, high))
        let rough = (b - a) / Double(max(count, 2))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var values: [Double] = []
        var v = ceil(a / step - 1e-9) * step
        while v <= b + step * 1e-9 {
            values.append((abs(v) < step * 1e-9 ? 0 : v) / displayScale)
            v += step
        }
        return values
    }

    /// A tick label: the display value with as many decimals as the tick step needs.
    public func tickLabel(_ value: Double, step: Double) -> String {
        // The fewest decimals (≤ 6) that show the step exactly.
        let shownStep = abs(step * displayScale)
        let decimals = (0 ... 6).first { d in
            let scaled = shownStep * pow(10, Double(d))
            return abs(scaled - scaled.rounded()) < 1e-6 * max(scaled, 1)
        } ?? 6
        return String(format: "%.\(decimals)f", value * displayScale)
    }
}

/// A panel's plot area: a pixel rectangle and the two axes it maps. Data (u, v) is drawn at
/// x = rect.x + (u − x.min)/(x.max − x.min)·rect.width and y = rect.y + rect.height − (v − y.min)/(y.max − y.min)·rect.height
/// (y grows upwards in data, downwards in pixels): the mapping `--layout-json` documents.
public struct PlotArea: Sendable {
    public var rect: Rect
    public var x: Axis
    public var y: Axis

    public init(rect: Rect, x: Axis, y: Axis) {
        (self.rect, self.x, self.y) = (rect, x, y)
    }

    public func pixelX(_ u: Double) -> Double { rect.x + (u - x.minimum) / (x.maximum - x.minimum) * rect.width }
    public func pixelY(_ v: Double) -> Double { rect.maxY - (v - y.minimum) / (y.maximum - y.minimum) * rect.height }

    /// Draws the frame, ticks with labels (outside the area) and the axis titles.
    public func drawAxes(on canvas: Canvas, fontSize: Double = 12, tickCount: (x: Int, y: Int) = (6, 5)) {
        canvas.setColour(.black)
        canvas.setLineWidth(1)
        canvas.rectangle(Rect(x: rect.x - 0.5, y: rect.y - 0.5, width: rect.width + 1, height: rect.height + 1))
        canvas.stroke()
        let xTicks = x.ticks(count: tickCount.x), yTicks = y.ticks(count: tickCount.y)
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : x.maximum - x.minimum
        let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : y.maximum - y.minimum
        for u in xTicks {
            let px = pixelX(u).rounded() + 0.5
            canvas.moveTo(px, rect.maxY + 0.5)
            canvas.lineTo(px, rect.maxY + 5.5)
            canvas.stroke()
            canvas.text(x.tickLabel(u, step: xStep), x: px, y: rect.maxY + 8, size: fontSize, anchor: .centre, baseline: .top)
        }
        var widest = 0.0
        for v in yTicks {
            let py = pixelY(v).rounded() + 0.5
            canvas.moveTo(rect.x - 5.5, py)
            canvas.lineTo(rect.x - 0.5, py)
            canvas.stroke()
            let label = y.tickLabel(v, step: yStep)
            widest = max(widest, canvas.textWidth(label, size: fontSize))
            canvas.text(label, x: rect.x - 8, y: py, size: fontSize, anchor: .right, baseline: .middle)
        }
        canvas.text(x.label, x: rect.x + rect.width / 2, y: rect.maxY + 12 + 1.6 * fontSize, size: fontSize, anchor: .centre, baseline: .top)
        canvas.text(y.label, x: rect.x - 14 - widest, y: rect.y + rect.height / 2, size: fontSize, anchor: .centre, baseline: .baseline, angle: -Double.pi / 2)
    }

    /// Light grid lines at the ticks, inside the area.
    public func drawGrid(on canvas: Canvas, tickCount: (x: Int, y: Int) = (6, 5)) {
        canvas.setColour(.lightGrey)
        canvas.setLineWidth(1)
        for u in x.ticks(count: tickCount.x) {
            let px = pixelX(u).rounded() + 0.5
            canvas.moveTo(px, rect.y)
            canvas.lineTo(px, rect.maxY)
        }
        for v in y.ticks(count: tickCount.y) {
            let py = pixelY(v).rounded() + 0.5
            canvas.moveTo(rect.x, py)
            canvas.lineTo(rect.maxX, py)
        }
        canvas.stroke()
    }
}
