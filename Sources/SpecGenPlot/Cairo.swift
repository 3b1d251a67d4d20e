import CCairo

/// This file is the only one that calls Cairo (Debian's libcairo2, 1.16): the rest of SpecGenPlot sees
/// `ImageSurface` and `Canvas`. Objects release themselves; a Cairo failure becomes a `CairoError`
/// naming the function and Cairo's status message.

/// A failed Cairo call.
public struct CairoError: Error, CustomStringConvertible {
    public let function: String
    public let status: String
    public var description: String { "\(function) failed: \(status)" }

    static func check(_ status: cairo_status_t, _ function: String) throws {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(function: function, status: String(cString: cairo_status_to_string(status))) }
    }
}

/// An 8-bit RGBA colour (straight, not premultiplied alpha).
public struct Pixel: Equatable, Sendable, CustomStringConvertible {
    public var red, green, blue, alpha: UInt8
    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        (self.red, self.green, self.blue, self.alpha) = (red, green, blue, alpha)
    }
    public var description: String { "rgba(\(red), \(green), \(blue), \(alpha))" }
}

/// An image surface (`cairo_image_surface_create`), destroyed on deinit: ARGB32 (drawn on, the
/// default), RGB24 or an 8-bit grey level (`CAIRO_FORMAT_A8`, which Cairo writes as a greyscale PNG).
public final class ImageSurface {
    /// How pixels are stored, and so what kind of PNG `writePNG` makes.
    public enum Format: Sendable {
        /// 8-bit RGB with alpha: an RGBA PNG, or an RGB one when every pixel is opaque.
        case argb32
        /// 8-bit RGB, no alpha: an RGB PNG.
        case rgb24
        /// One byte per pixel, written as an 8-bit greyscale PNG. Cairo draws on it as an alpha mask:
        /// set it with `fillGrey`, not with a `Canvas`.
        case grey8
    }

    let surface: OpaquePointer
    public let width: Int
    public let height: Int
    public let format: Format

    /// A transparent (black, for `.grey8` and `.rgb24`) `width` × `height` image. Throws `CairoError`
    /// if Cairo cannot make it (a size beyond 32,767 or no memory).
    public init(width: Int, height: Int, format: Format = .argb32) throws {
        precondition(width >= 1 && height >= 1)
        let cairoFormat = switch format {
        case .argb32: CAIRO_FORMAT_ARGB32
        case .rgb24: CAIRO_FORMAT_RGB24
        case .grey8: CAIRO_FORMAT_A8
        }
        let surface = cairo_image_surface_create(cairoFormat, Int32(width), Int32(height))!
        try Self.adopt(surface, "cairo_image_surface_create")
        self.surface = surface
        self.width = width
        self.height = height
        self.format = format
    }

    /// Reads a PNG file (`cairo_image_surface_create_from_png`). Throws `CairoError` if it cannot be
    /// read or decoded.
    public init(png path: String) throws {
        let surface = cairo_image_surface_create_from_png(path)!
        try Self.adopt(surface, "cairo_image_surface_create_from_png(\(path))")
        self.surface = surface
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        format = switch cairo_image_surface_get_format(surface) {
        case CAIRO_FORMAT_A8: .grey8
        case CAIRO_FORMAT_RGB24: .rgb24
        default: .argb32
        }
    }

    /// Throws (after destroying it) if `surface` is one of Cairo's error surfaces.
    private static func adopt(_ surface: OpaquePointer, _ function: String) throws {
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(surface)
            try CairoError.check(status, function)
        }
    }

    deinit { cairo_surface_destroy(surface) }

    /// Writes the image as PNG (`cairo_surface_write_to_png`).
    public func writePNG(_ path: String) throws {
        cairo_surface_flush(surface)
        try CairoError.check(cairo_surface_write_to_png(surface, path), "cairo_surface_write_to_png(\(path))")
    }

    /// Sets every pixel, opaque, from `colour(x, y)` (direct writes to the surface's memory, then
    /// `cairo_surface_mark_dirty`); for images such as a spectrogram's heat map.
    /// - Precondition: the format is `.argb32` or `.rgb24`.
    public func fill(_ colour: (_ x: Int, _ y: Int) -> Pixel) {
        precondition(format != .grey8, "fill on a grey8 surface: use fillGrey")
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        for y in 0 ..< height {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0 ..< width {
                let p = colour(x, y)
                row[x] = 0xFF00_0000 | UInt32(p.red) << 16 | UInt32(p.green) << 8 | UInt32(p.blue)
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    /// Sets every pixel of a `.grey8` image from `level(x, y)` (0 black … 255 white; direct writes,
    /// then `cairo_surface_mark_dirty`).
    /// - Precondition: the format is `.grey8`.
    public func fillGrey(_ level: (_ x: Int, _ y: Int) -> UInt8) {
        precondition(format == .grey8, "fillGrey on a colour surface: use fill")
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        for y in 0 ..< height {
            let row = data + y * stride
            for x in 0 ..< width { row[x] = level(x, y) }
        }
        cairo_surface_mark_dirty(surface)
    }

    /// The pixel at (x, y), un-premultiplied (a `.grey8` level as an opaque grey).
    /// - Precondition: 0 ≤ x < width, 0 ≤ y < height.
    public func pixel(x: Int, y: Int) -> Pixel {
        precondition((0 ..< width).contains(x) && (0 ..< height).contains(y))
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        if format == .grey8 {
            let level = data[y * stride + x]
            return Pixel(red: level, green: level, blue: level)
        }
        let value = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)[x]
        let alpha = format == .rgb24 ? 255 : UInt8(value >> 24)  // RGB24 leaves the top byte unused
        func channel(_ shift: UInt32) -> UInt8 {
            let c = UInt32((value >> shift) & 0xFF)
            return alpha == 0 ? 0 : UInt8(min(255, (c * 255 + UInt32(alpha) / 2) / UInt32(alpha)))
        }
        return Pixel(red: channel(16), green: channel(8), blue: channel(0), alpha: alpha)
    }
}

/// Where a text's anchor point lies on the text.
public enum TextAnchor: Sendable {
    case left, centre, right
}

public enum TextBaseline: Sendable {
    /// The anchor is at the top of capital letters, in the middle of them, or on the baseline.
    case top, middle, baseline
}

/// A drawing context on an `ImageSurface` (`cairo_create`), in pixel coordinates with y down.
/// Drawing calls record errors in the context; `finish()` reports the first one.
public final class Canvas {
    let context: OpaquePointer
    public let surface: ImageSurface

    public init(_ surface: ImageSurface) throws {
        self.surface = surface
        context = cairo_create(surface.surface)!
        try CairoError.check(cairo_status(context), "cairo_create")
        cairo_select_font_face(context, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    }

    deinit { cairo_destroy(context) }

    /// Throws the context's error, if a call failed (`cairo_status`).
    public func finish() throws {
        try CairoError.check(cairo_status(context), "drawing")
        cairo_surface_flush(surface.surface)
    }

    public func setColour(_ c: Colour) { cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha) }
    public func setLineWidth(_ width: Double) { cairo_set_line_width(context, width) }
    /// Dashes of `lengths` pixels (on, off, …); empty for solid lines (`cairo_set_dash`).
    public func setDash(_ lengths: [Double]) { cairo_set_dash(context, lengths, Int32(lengths.count), 0) }
    /// Antialiasing of shapes on or off (`cairo_set_antialias`): off gives exact pixel edges.
    public func setAntialias(_ on: Bool) { cairo_set_antialias(context, on ? CAIRO_ANTIALIAS_DEFAULT : CAIRO_ANTIALIAS_NONE) }

    public func paint() { cairo_paint(context) }
    public func moveTo(_ x: Double, _ y: Double) { cairo_move_to(context, x, y) }
    public func lineTo(_ x: Double, _ y: Double) { cairo_line_to(context, x, y) }
    public func rectangle(_ r: Rect) { cairo_rectangle(context, r.x, r.y, r.width, r.height) }
    public func circle(x: Double, y: Double, radius: Double) {
        cairo_new_sub_path(context)
        cairo_arc(context, x, y, radius, 0, 2 * Double.pi)
    }
    public func stroke() { cairo_stroke(context) }
    public func fill() { cairo_fill(context) }

    /// A polyline through the points (x[i], y[i]), stroked.
    public func polyline(_ points: [(x: Double, y: Double)]) {
        guard let first = points.first else { return }
        cairo_move_to(context, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(context, p.x, p.y) }
        cairo_stroke(context)
    }

    /// Runs `body` with drawing restricted to `rect` (`cairo_save`, `cairo_clip`, `cairo_restore`).
    public func clipped(to rect: Rect, _ body: () throws -> Void) rethrows {
        cairo_save(context)
        defer { cairo_restore(context) }
        rectangle(rect)
        cairo_clip(context)
        try body()
    }

    /// Draws `image` scaled to fill `rect`, pixel for pixel without smoothing (`CAIRO_FILTER_NEAREST`).
    public func draw(_ image: ImageSurface, in rect: Rect) {
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_translate(context, rect.x, rect.y)
        cairo_scale(context, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(context, image.surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_NEAREST)
        cairo_rectangle(context, 0, 0, Double(image.width), Double(image.height))
        cairo_fill(context)
    }

    /// Draws `text` at (x, y) in the toy font API's sans-serif (`cairo_show_text`), `size` pixels,
    /// anchored as given, rotated by `angle` radians (−π/2: reading upwards) about the anchor.
    public func text(_ text: String, x: Double, y: Double, size: Double, bold: Bool = false,
                     anchor: TextAnchor = .left, baseline: TextBaseline = .baseline, angle: Double = 0) {
        cairo_save(context)
        defer { cairo_restore(context) }
        let advance = selectFont(measuring: text, size: size, bold: bold)
        let dx: Double = switch anchor {
        case .left: 0
        case .centre: -advance / 2
        case .right: -advance
        }
        // Capital height ≈ 0.72 em in DejaVu Sans; fixed so that labels line up whatever their letters.
        let dy: Double = switch baseline {
        case .top: 0.72 * size
        case .middle: 0.36 * size
        case .baseline: 0
        }
        cairo_translate(context, x, y)
        cairo_rotate(context, angle)
        cairo_move_to(context, dx, dy)
        cairo_show_text(context, text)
    }

    /// The advance width of `text` at `size` pixels (`cairo_text_extents`).
    public func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        cairo_save(context)
        defer { cairo_restore(context) }
        return selectFont(measuring: text, size: size, bold: bold)
    }

    /// Selects the sans-serif face at `size` pixels in the current state and returns `text`'s advance width.
    private func selectFont(measuring text: String, size: Double, bold: Bool) -> Double {
        cairo_select_font_face(context, "sans-serif", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }
}
