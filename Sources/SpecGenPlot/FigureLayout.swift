import Foundation

/// Where a figure put its panels and how each maps data to pixels: written by `specgen plot
/// --layout-json F` so that a test (or a script) can find things in the picture without hard-coding
/// pixel positions. Pixel coordinates have the origin at the image's top-left corner, y down; pixel
/// (i, j) covers [i, i + 1) × [j, j + 1). A data point (u, v) of a panel lies at
/// x = rect.x + (u − x.min)/(x.max − x.min)·rect.width, y = rect.y + rect.height − (v − y.min)/(y.max − y.min)·rect.height.
public struct FigureLayout: Codable, Sendable {
    public var format = "specgen-plot-layout"
    public var version = 1
    public var width: Int
    public var height: Int
    /// `example` (one example's panels) or `grid` (a contact sheet).
    public var kind: String
    public var panels: [PanelLayout]

    public init(width: Int, height: Int, kind: String, panels: [PanelLayout]) {
        (self.width, self.height, self.kind, self.panels) = (width, height, kind, panels)
    }

    /// The layout as pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// One panel: `spectrogram`, `psd`, `time_series` or `constellation`.
public struct PanelLayout: Codable, Sendable {
    public var name: String
    public var example: Int
    public var channel: Int
    /// The plot area (inside the frame) in pixels.
    public var rect: Rect
    /// The axes; nil for a panel that was skipped (then `note` says why).
    public var x: Axis?
    public var y: Axis?
    /// Spectrogram parameters (spectrogram panels).
    public var fftSize: Int?
    public var hop: Int?
    public var frames: Int?
    /// The colour scale's dB range (spectrogram panels): the lowest and highest colour.
    public var colourLow: Double?
    public var colourHigh: Double?
    /// The annotation boxes drawn (spectrogram panels of an annotated file), in data units.
    public var boxes: [BoxLayout]?
    /// Why a panel is empty, or what its drawing assumed.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case name, example, channel, rect, x, y, hop, frames, boxes, note
        case fftSize = "fft_size", colourLow = "colour_low_db", colourHigh = "colour_high_db"
    }

    public init(name: String, example: Int, channel: Int, rect: Rect, x: Axis? = nil, y: Axis? = nil) {
        (self.name, self.example, self.channel, self.rect, self.x, self.y) = (name, example, channel, rect, x, y)
    }
}

/// One annotation box as drawn: the `/annotations` row's values (samples; cycles/sample).
public struct BoxLayout: Codable, Sendable {
    public var classIndex: Int
    public var className: String
    public var start: Int
    public var stop: Int
    public var frequencyLow: Double
    public var frequencyHigh: Double

    enum CodingKeys: String, CodingKey {
        case start, stop
        case classIndex = "class_index", className = "class_name", frequencyLow = "f_low", frequencyHigh = "f_high"
    }
}
