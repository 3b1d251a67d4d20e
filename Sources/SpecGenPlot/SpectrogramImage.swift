import Foundation

/// The picture of one spectrogram as `specgen export` writes it (docs/export.md "Images"): one pixel
/// per cell unless resampled, time along x, frequency along y with the highest frequency in row 0,
/// dB mapped linearly onto the colour map between the two ends of a `DecibelRange`.
public enum SpectrogramImage {
    /// How dB values become pixels.
    public enum ColourMap: String, Sendable, CaseIterable {
        /// An 8-bit greyscale PNG: level round(255·v).
        case gray
        /// An RGB PNG in the viridis-like map of `specgen plot` (`ColourMap.viridis`).
        case viridis
    }

    /// The image's dB values, row-major from the top-left pixel (`decibels[y * width + x]`): the
    /// spectrogram flipped so that the highest frequency is row 0, and resampled to
    /// `geometry.width` × `geometry.height` by averaging linear power over each pixel's footprint
    /// (each output pixel covers T/width frames and F/height rows, cells weighted by their overlap
    /// with it), so that a short or narrow burst stays visible when the image is shrunk.
    /// - Precondition: the spectrogram's F, T and hop are those of `geometry`.
    public static func decibels(_ spectrogram: Spectrogram, geometry: SpectrogramImageGeometry) -> [Double] {
        let (bins, frames) = (spectrogram.fftSize, spectrogram.frames)
        precondition(bins == geometry.fftSize && frames == geometry.frames && spectrogram.hop == geometry.hop)
        let (width, height) = (geometry.width, geometry.height)
        let columns = footprintWeights(cells: frames, pixels: width)
        let rows = footprintWeights(cells: bins, pixels: height)
        // Along time first, for each source row (frequency ascending), then along frequency, flipped.
        var across = [Double](repeating: 0, count: bins * width)
        spectrogram.power.withUnsafeBufferPointer { power in
            for f in 0 ..< bins {
                for x in 0 ..< width {
                    var sum = 0.0
                    for (t, weight) in columns[x] { sum += weight * Double(power[f * frames + t]) }
                    across[f * width + x] = sum
                }
            }
        }
        var out = [Double](repeating: 0, count: width * height)
        for y in 0 ..< height {
            for x in 0 ..< width {
                var sum = 0.0
                for (r, weight) in rows[y] { sum += weight * across[(bins - 1 - r) * width + x] }
                out[y * width + x] = sum > 1e-30 ? 10 * log10(sum) : -300
            }
        }
        return out
    }

    /// For each of `pixels` output pixels spanning `cells` cells, the cells it covers and their
    /// weights (overlap lengths, summing to 1): pixel j covers cells [j·c/p, (j+1)·c/p).
    public static func footprintWeights(cells: Int, pixels: Int) -> [[(Int, Double)]] {
        let scale = Double(cells) / Double(pixels)
        return (0 ..< pixels).map { j in
            let (a, b) = (Double(j) * scale, Double(j + 1) * scale)
            var weights: [(Int, Double)] = []
            for i in Int(a.rounded(.down)) ..< min(cells, Int(b.rounded(.up))) {
                let overlap = min(b, Double(i + 1)) - max(a, Double(i))
                if overlap > 0 { weights.append((i, overlap / scale)) }
            }
            return weights
        }
    }

    /// The position of dB value `value` on the colour scale between `range.low` (0) and
    /// `range.high` (1), clamped; NaN gives 0.
    public static func level(_ value: Double, range: (low: Double, high: Double)) -> Double {
        let v = (value - range.low) / max(range.high - range.low, 1e-9)
        return v.isNaN ? 0 : min(max(v, 0), 1)
    }

    /// Draws `decibels` (row-major, `width` × `height`, as `decibels(_:geometry:)` makes them).
    /// Throws `CairoError` if Cairo cannot make the surface.
    public static func render(_ decibels: [Double], width: Int, height: Int, range: (low: Double, high: Double),
                              colourMap: ColourMap) throws -> ImageSurface {
        precondition(decibels.count == width * height)
        switch colourMap {
        case .gray:
            let image = try ImageSurface(width: width, height: height, format: .grey8)
            image.fillGrey { x, y in UInt8((255 * level(decibels[y * width + x], range: range)).rounded()) }
            return image
        case .viridis:
            let image = try ImageSurface(width: width, height: height, format: .rgb24)
            image.fill { x, y in SpecGenPlot.ColourMap.viridis(level(decibels[y * width + x], range: range)).pixel }
            return image
        }
    }
}

/// The dB values that become the ends of an exported image's colour scale (`--range-db`).
public enum DecibelRange: Sendable, Equatable {
    /// As `specgen plot` does: from the image's largest value down by at most 60 dB, raised to its
    /// 5th percentile when the image has less contrast than that.
    case automatic
    /// From the image's largest value down by this many dB (per image).
    case belowPeak(Double)
    /// The same fixed dB levels for every image.
    case fixed(low: Double, high: Double)

    /// Parses `auto`, `R` (R > 0: `belowPeak(R)`) or `LOW:HIGH` (LOW < HIGH: `fixed`); nil otherwise.
    public init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        if text == "auto" { self = .automatic; return }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1, let range = Double(parts[0]), range.isFinite, range > 0 { self = .belowPeak(range); return }
        if parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite, low < high {
            self = .fixed(low: low, high: high)
            return
        }
        return nil
    }

    /// The ends of the colour scale for an image of these dB values (at least one).
    public func resolve(_ decibels: [Double]) -> (low: Double, high: Double) {
        switch self {
        case .automatic: return Spectrogram.colourRange(decibels: decibels)
        case .belowPeak(let range):
            let high = decibels.max() ?? 0
            return (high - range, high)
        case .fixed(let low, let high): return (low, high)
        }
    }
}
