import Foundation
import SpecGenPlot
import Testing

/// The Cairo layer (`ImageSurface`, `Canvas`): what is drawn lands on the expected pixels, and a PNG
/// written is read back (`cairo_image_surface_create_from_png`) with the same pixels.
@Suite struct CairoTests {
    /// A white 40×30 surface with a filled red rectangle at (10, 5) of 8×6 pixels, antialiasing off.
    static func redRectangle() throws -> ImageSurface {
        let surface = try ImageSurface(width: 40, height: 30)
        let canvas = try Canvas(surface)
        canvas.setColour(.white)
        canvas.paint()
        canvas.setAntialias(false)
        canvas.setColour(Colour(1, 0, 0))
        canvas.rectangle(Rect(x: 10, y: 5, width: 8, height: 6))
        canvas.fill()
        try canvas.finish()
        return surface
    }

    @Test func aFilledRectangleCoversExactlyItsPixels() throws {
        let surface = try Self.redRectangle()
        let red = Pixel(red: 255, green: 0, blue: 0), white = Pixel(red: 255, green: 255, blue: 255)
        for y in 0 ..< 30 {
            for x in 0 ..< 40 {
                let inside = (10 ..< 18).contains(x) && (5 ..< 11).contains(y)
                #expect(surface.pixel(x: x, y: y) == (inside ? red : white), "pixel (\(x), \(y))")
            }
        }
    }

    @Test func aStrokedOutlineLeavesTheInsideUntouched() throws {
        let surface = try ImageSurface(width: 30, height: 30)
        let canvas = try Canvas(surface)
        canvas.setColour(.white)
        canvas.paint()
        canvas.setAntialias(false)
        canvas.setLineWidth(2)
        canvas.setColour(.box)
        canvas.rectangle(Rect(x: 5, y: 5, width: 20, height: 10))
        canvas.stroke()
        try canvas.finish()
        // A two-pixel line on x = 5 covers columns 4 and 5; inside stays white.
        #expect(surface.pixel(x: 4, y: 10) == Colour.box.pixel)
        #expect(surface.pixel(x: 5, y: 10) == Colour.box.pixel)
        #expect(surface.pixel(x: 24, y: 10) == Colour.box.pixel)
        #expect(surface.pixel(x: 15, y: 4) == Colour.box.pixel)
        #expect(surface.pixel(x: 15, y: 14) == Colour.box.pixel)
        #expect(surface.pixel(x: 15, y: 10) == Colour.white.pixel)
        #expect(surface.pixel(x: 2, y: 2) == Colour.white.pixel)
    }

    @Test func aPNGIsWrittenAndReadBackPixelForPixel() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cairo-\(UUID()).png").path
        defer { unlink(path) }
        let surface = try Self.redRectangle()
        try surface.writePNG(path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let read = try ImageSurface(png: path)
        #expect(read.width == 40 && read.height == 30)
        for y in 0 ..< 30 {
            for x in 0 ..< 40 { #expect(read.pixel(x: x, y: y) == surface.pixel(x: x, y: y)) }
        }
    }

    @Test func readingAMissingOrBrokenPNGThrows() throws {
        #expect(throws: CairoError.self) { try ImageSurface(png: "/nonexistent/specgen-\(UUID()).png") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).png").path
        defer { unlink(path) }
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CairoError.self) { try ImageSurface(png: path) }
    }

    @Test func anImageIsScaledWithoutSmoothing() throws {
        // A 2×2 checkerboard drawn into 20×20 pixels: four solid 10×10 quadrants.
        let board = try ImageSurface(width: 2, height: 2)
        board.fill { x, y in (x + y) % 2 == 0 ? Pixel(red: 0, green: 0, blue: 0) : Pixel(red: 0, green: 0, blue: 255) }
        let surface = try ImageSurface(width: 20, height: 20)
        let canvas = try Canvas(surface)
        canvas.draw(board, in: Rect(x: 0, y: 0, width: 20, height: 20))
        try canvas.finish()
        #expect(surface.pixel(x: 9, y: 9) == Pixel(red: 0, green: 0, blue: 0))
        #expect(surface.pixel(x: 10, y: 9) == Pixel(red: 0, green: 0, blue: 255))
        #expect(surface.pixel(x: 9, y: 10) == Pixel(red: 0, green: 0, blue: 255))
        #expect(surface.pixel(x: 19, y: 19) == Pixel(red: 0, green: 0, blue: 0))
    }

    @Test func textDrawsInkNearItsAnchor() throws {
        let surface = try ImageSurface(width: 120, height: 40)
        let canvas = try Canvas(surface)
        canvas.setColour(.white)
        canvas.paint()
        canvas.setColour(.black)
        canvas.text("QPSK", x: 60, y: 20, size: 16, anchor: .centre, baseline: .middle)
        let width = canvas.textWidth("QPSK", size: 16)
        try canvas.finish()
        #expect(width > 20 && width < 80)
        var ink: [(Int, Int)] = []
        for y in 0 ..< 40 {
            for x in 0 ..< 120 where surface.pixel(x: x, y: y).red < 128 { ink.append((x, y)) }
        }
        #expect(ink.count > 40, "no glyphs drawn (is a font installed?)")
        // All ink within the text's advance around x = 60 and within one em around y = 20.
        #expect(ink.allSatisfy { abs(Double($0.0) - 60) <= width / 2 + 2 && abs($0.1 - 20) <= 16 })
    }

    @Test func viridisRunsDarkToLightAndClamps() {
        func lightness(_ c: Colour) -> Double { 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue }
        let samples = stride(from: 0.0, through: 1.0, by: 0.01).map { lightness(ColourMap.viridis($0)) }
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ColourMap.viridis(-1) == ColourMap.viridis(0))
        #expect(ColourMap.viridis(2) == ColourMap.viridis(1))
        #expect(ColourMap.viridis(.nan) == ColourMap.viridis(0))
    }
}
