/// A colour with components in 0 … 1.
public struct Colour: Sendable, Equatable {
    public var red, green, blue, alpha: Double
    public init(_ red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        (self.red, self.green, self.blue, self.alpha) = (red, green, blue, alpha)
    }

    /// The colour as 8-bit components (rounded).
    public var pixel: Pixel {
        func byte(_ v: Double) -> UInt8 { UInt8((min(max(v, 0), 1) * 255).rounded()) }
        return Pixel(red: byte(red), green: byte(green), blue: byte(blue), alpha: byte(alpha))
    }

    public static let white = Colour(1, 1, 1)
    public static let black = Colour(0, 0, 0)
    public static let grey = Colour(0.45, 0.45, 0.45)
    public static let lightGrey = Colour(0.88, 0.88, 0.88)
    /// Spectrogram background where no frame's column reaches (the first and last half frame).
    public static let noData = Colour(0.75, 0.75, 0.75)
    /// In-phase and quadrature traces, constellation points.
    public static let blue = Colour(0.12, 0.40, 0.70)
    public static let orange = Colour(0.90, 0.45, 0.10)
    /// Annotation boxes: pure red, a hue the viridis map never takes, so box outlines can be found in
    /// the picture (Tests/python/test_plot.py does).
    public static let box = Colour(1, 0, 0)
}

/// A perceptually ordered colour map close to matplotlib's viridis (van der Walt & Smith, 2015): dark
/// blue-violet for low values through green to yellow; its lightness grows monotonically, so the
/// brightest pixel is the largest value. Nine stops of viridis, interpolated linearly.
public enum ColourMap {
    static let stops: [(Double, Double, Double)] = [
        (0.267004, 0.004874, 0.329415), (0.282623, 0.140926, 0.457517), (0.229739, 0.322361, 0.545706),
        (0.172719, 0.448791, 0.557885), (0.127568, 0.566949, 0.550556), (0.157851, 0.683765, 0.501686),
        (0.369214, 0.788888, 0.382914), (0.678489, 0.863742, 0.189503), (0.993248, 0.906157, 0.143936),
    ]

    /// The colour of `value` ∈ [0, 1] (clamped; NaN gives the lowest colour).
    public static func viridis(_ value: Double) -> Colour {
        let v = value.isNaN ? 0 : min(max(value, 0), 1)
        let position = v * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        let t = position - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        return Colour(a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1), a.2 + t * (b.2 - a.2))
    }
}

/// A rectangle in pixels, y down.
public struct Rect: Sendable, Equatable, Codable {
    public var x, y, width, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    /// The rectangle shrunk by the given margins.
    public func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        Rect(x: x + left, y: y + top, width: max(1, width - left - right), height: max(1, height - top - bottom))
    }
    /// Rounded to whole pixels, so that one-pixel lines on its edges (at +0.5) are crisp.
    public var pixelAligned: Rect {
        let x0 = x.rounded(), y0 = y.rounded()
        return Rect(x: x0, y: y0, width: (x + width).rounded() - x0, height: (y + height).rounded() - y0)
    }
}
