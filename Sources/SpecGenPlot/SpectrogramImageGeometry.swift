/// Where an exported spectrogram image (`specgen export`, docs/export.md) puts samples and
/// frequencies: pure arithmetic, no drawing.
///
/// The image shows F frequency rows and T frames, resampled to `width` × `height` pixels (by default
/// T × F, one pixel per cell). Pixel coordinates are continuous, origin at the top-left corner, y down;
/// pixel (i, j) covers [i, i + 1) × [j, j + 1).
///
/// - Time along x: before resampling, column t is frame t and its centre, x = t + ½, is the frame's
///   centre sample t·hop + F/2, so x(s) = (s − F/2)/hop + ½ (times width/T). A column whose frame lies
///   more than half inside a burst is inside the burst's box, one less than half inside is outside.
/// - Frequency along y, highest at the top: before resampling, row r is bin f = F − 1 − r, whose
///   centre is (f − F/2)/F cycles/sample, so y(ν) = (½ − ν)·F − ½ (times height/F). The image spans
///   −½ − 1/(2F) (bottom edge) … ½ − 1/(2F) (top edge), as `specgen plot` draws it.
public struct SpectrogramImageGeometry: Sendable, Equatable {
    /// F: the FFT size, and the frequency rows before resampling.
    public let fftSize: Int
    /// Samples between frames.
    public let hop: Int
    /// T: frames, the columns before resampling.
    public let frames: Int
    /// The image size in pixels.
    public let width: Int
    public let height: Int

    /// - Parameters: `width` and `height` default to T and F (no resampling).
    /// - Precondition: all positive.
    public init(fftSize: Int, hop: Int, frames: Int, width: Int? = nil, height: Int? = nil) {
        precondition(fftSize >= 1 && hop >= 1 && frames >= 1 && (width ?? 1) >= 1 && (height ?? 1) >= 1)
        self.fftSize = fftSize
        self.hop = hop
        self.frames = frames
        self.width = width ?? frames
        self.height = height ?? fftSize
    }

    /// Pixels per frame and per frequency row.
    var columnWidth: Double { Double(width) / Double(frames) }
    var rowHeight: Double { Double(height) / Double(fftSize) }

    /// x (pixels) of sample position `sample` (a sample index, or a boundary between samples).
    public func x(sample: Double) -> Double {
        ((sample - Double(fftSize) / 2) / Double(hop) + 0.5) * columnWidth
    }

    /// The sample position at x; the inverse of `x(sample:)`.
    public func sample(x: Double) -> Double {
        (x / columnWidth - 0.5) * Double(hop) + Double(fftSize) / 2
    }

    /// y (pixels, down) of frequency `frequency` in cycles/sample.
    public func y(frequency: Double) -> Double {
        ((0.5 - frequency) * Double(fftSize) - 0.5) * rowHeight
    }

    /// The frequency (cycles/sample) at y; the inverse of `y(frequency:)`.
    public func frequency(y: Double) -> Double {
        0.5 - (y / rowHeight + 0.5) / Double(fftSize)
    }

    /// The pixel box of a burst of samples `start ..< stop` and band `frequencyLow … frequencyHigh`
    /// (cycles/sample), clipped to the image. A box shorter than one frame or narrower than one
    /// frequency row (a tone's band can be a single frequency) is first widened about its centre to
    /// that size, the image's resolution, so that no burst gets an empty box. Nil when nothing of it
    /// is left inside the image: a burst wholly within the half frame at either end that no column
    /// is centred on, or one with stop ≤ start.
    public func box(start: Int, stop: Int, frequencyLow: Double, frequencyHigh: Double) -> PixelBox? {
        guard stop > start else { return nil }
        var (left, right) = (x(sample: Double(start)), x(sample: Double(stop)))
        var (top, bottom) = (y(frequency: max(frequencyLow, frequencyHigh)), y(frequency: min(frequencyLow, frequencyHigh)))
        (left, right) = Self.widened(left, right, to: columnWidth)
        (top, bottom) = Self.widened(top, bottom, to: rowHeight)
        let clipped = PixelBox(left: max(left, 0), top: max(top, 0), right: min(right, Double(width)), bottom: min(bottom, Double(height)))
        guard clipped.right > clipped.left, clipped.bottom > clipped.top else { return nil }
        return clipped
    }

    /// `low … high` widened about its centre to at least `size`.
    static func widened(_ low: Double, _ high: Double, to size: Double) -> (Double, Double) {
        guard high - low < size else { return (low, high) }
        let centre = (low + high) / 2
        return (centre - size / 2, centre + size / 2)
    }
}

/// A box in an image's pixel coordinates (origin top-left, y down), right and bottom exclusive edges.
public struct PixelBox: Sendable, Equatable {
    public var left, top, right, bottom: Double

    public init(left: Double, top: Double, right: Double, bottom: Double) {
        (self.left, self.top, self.right, self.bottom) = (left, top, right, bottom)
    }

    public var width: Double { right - left }
    public var height: Double { bottom - top }

    /// YOLO's normalised box: centre x, centre y, width and height as fractions (0 … 1) of an image of
    /// `imageWidth` × `imageHeight` pixels.
    public func normalised(imageWidth: Int, imageHeight: Int) -> (centreX: Double, centreY: Double, width: Double, height: Double) {
        let (w, h) = (Double(imageWidth), Double(imageHeight))
        return ((left + right) / 2 / w, (top + bottom) / 2 / h, width / w, height / h)
    }
}
