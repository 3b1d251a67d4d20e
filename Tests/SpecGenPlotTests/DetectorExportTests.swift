import Foundation
import SpecGenPlot
import Testing

/// The pure parts of `specgen export` (docs/export.md): where samples and frequencies land in the
/// image, how bursts become boxes, the resampling and colour scale, and the label text.
@Suite struct DetectorExportTests {
    /// F = 64, hop 16, L = 1024: T = 61 frames.
    static let plain = SpectrogramImageGeometry(fftSize: 64, hop: 16, frames: 61)

    @Test func columnCentresAreFrameCentresAndRowCentresAreBinCentres() {
        let g = Self.plain
        #expect(g.width == 61 && g.height == 64)
        for t in 0 ..< g.frames {
            #expect(g.x(sample: Double(t * g.hop + g.fftSize / 2)) == Double(t) + 0.5)
        }
        for f in 0 ..< g.fftSize {  // bin f, (f − F/2)/F cycles/sample, is row F − 1 − f
            let frequency = Double(f - g.fftSize / 2) / Double(g.fftSize)
            #expect(abs(g.y(frequency: frequency) - (Double(g.fftSize - 1 - f) + 0.5)) < 1e-12)
        }
        // The image's edges: half a hop outside the first and last frame centres, half a bin below each bin.
        #expect(g.sample(x: 0) == 32 - 8 && g.sample(x: 61) == Double(60 * 16 + 32 + 8))
        #expect(abs(g.frequency(y: 0) - (0.5 - 1.0 / 128)) < 1e-12 && abs(g.frequency(y: 64) - (-0.5 - 1.0 / 128)) < 1e-12)
    }

    @Test func inverseMappingsUndoTheMappingAtAnySize() {
        var random = XorShift(seed: 7)
        for _ in 0 ..< 200 {
            let g = SpectrogramImageGeometry(fftSize: 1 << random.int(in: 1 ... 10), hop: random.int(in: 1 ... 300), frames: random.int(in: 1 ... 2000),
                                             width: random.int(in: 1 ... 4000), height: random.int(in: 1 ... 4000))
            let sample = random.double(in: -1000 ... 100_000), frequency = random.double(in: -0.5 ... 0.5)
            #expect(abs(g.sample(x: g.x(sample: sample)) - sample) < 1e-6 * max(1, abs(sample)))
            #expect(abs(g.frequency(y: g.y(frequency: frequency)) - frequency) < 1e-12)
        }
    }

    @Test func aBurstInsideTheImageMapsEdgeForEdge() throws {
        let g = Self.plain
        let box = try #require(g.box(start: 200, stop: 600, frequencyLow: -0.25, frequencyHigh: 0.125))
        #expect(box.left == (200 - 32) / 16 + 0.5 && box.right == (600 - 32) / 16 + 0.5)
        #expect(box.top == 0.375 * 64 - 0.5 && box.bottom == 0.75 * 64 - 0.5)
        #expect(abs(g.sample(x: box.left) - 200) < 1e-9 && abs(g.sample(x: box.right) - 600) < 1e-9)
        #expect(abs(g.frequency(y: box.top) - 0.125) < 1e-12 && abs(g.frequency(y: box.bottom) + 0.25) < 1e-12)
        // f_low and f_high the wrong way round give the same box.
        #expect(g.box(start: 200, stop: 600, frequencyLow: 0.125, frequencyHigh: -0.25) == box)
    }

    @Test func boxesAreClippedToTheImage() throws {
        let g = Self.plain
        let whole = try #require(g.box(start: 0, stop: 1024, frequencyLow: -0.5, frequencyHigh: 0.5))
        #expect(whole == PixelBox(left: 0, top: 0, right: 61, bottom: 63.5))
        let corner = try #require(g.box(start: 900, stop: 5000, frequencyLow: 0.3, frequencyHigh: 0.9))
        #expect(corner.right == 61 && corner.top == 0 && corner.left > 0 && corner.bottom < 64)
        let n = whole.normalised(imageWidth: 61, imageHeight: 64)
        #expect(n.centreX == 0.5 && n.width == 1 && abs(n.centreY - 31.75 / 64) < 1e-12 && n.height == 63.5 / 64)
    }

    @Test func burstsNoColumnReachesAndEmptyBurstsHaveNoBox() {
        let g = Self.plain
        #expect(g.box(start: 0, stop: 20, frequencyLow: -0.1, frequencyHigh: 0.1) == nil)  // wholly before x = 0 (sample 24)
        #expect(g.box(start: 1010, stop: 1024, frequencyLow: -0.1, frequencyHigh: 0.1) == nil)  // after sample 1000
        #expect(g.box(start: 500, stop: 500, frequencyLow: -0.1, frequencyHigh: 0.1) == nil)
        #expect(g.box(start: 500, stop: 400, frequencyLow: -0.1, frequencyHigh: 0.1) == nil)
    }

    @Test func aToneOrAClickIsWidenedToOneCell() throws {
        let g = SpectrogramImageGeometry(fftSize: 64, hop: 16, frames: 61, width: 122, height: 256)  // 2 × 4 pixels per cell
        let tone = try #require(g.box(start: 100, stop: 900, frequencyLow: 0.2, frequencyHigh: 0.2))
        #expect(abs(tone.height - 4) < 1e-9 && abs((tone.top + tone.bottom) / 2 - g.y(frequency: 0.2)) < 1e-9)
        let click = try #require(g.box(start: 500, stop: 501, frequencyLow: -0.4, frequencyHigh: 0.4))
        #expect(abs(click.width - 2) < 1e-9 && abs((click.left + click.right) / 2 - g.x(sample: 500.5)) < 1e-9)
    }

    @Test func resamplingScalesBoxesAndKeepsTheirNormalisedPlace() throws {
        let big = SpectrogramImageGeometry(fftSize: 64, hop: 16, frames: 61, width: 640, height: 480)
        let a = try #require(Self.plain.box(start: 300, stop: 700, frequencyLow: -0.2, frequencyHigh: 0.3))
        let b = try #require(big.box(start: 300, stop: 700, frequencyLow: -0.2, frequencyHigh: 0.3))
        let (na, nb) = (a.normalised(imageWidth: 61, imageHeight: 64), b.normalised(imageWidth: 640, imageHeight: 480))
        for (u, v) in [(na.centreX, nb.centreX), (na.centreY, nb.centreY), (na.width, nb.width), (na.height, nb.height)] {
            #expect(abs(u - v) < 1e-12)
        }
        #expect(abs(b.left - a.left * 640 / 61) < 1e-9 && abs(b.bottom - a.bottom * 480 / 64) < 1e-9)
    }

    @Test func theImageIsFlippedAndResampledByAveragingPower() {
        // Power 1 in the highest bin (f = F − 1), 4 in bin 0, 0.01 elsewhere; 8 bins, 6 frames.
        let (bins, frames) = (8, 6)
        var power = [Float](repeating: 0.01, count: bins * frames)
        for t in 0 ..< frames { (power[(bins - 1) * frames + t], power[t]) = (1, 4) }
        let spectrogram = Spectrogram(fftSize: bins, hop: 2, frames: frames, power: power)
        let same = SpectrogramImage.decibels(spectrogram, geometry: SpectrogramImageGeometry(fftSize: bins, hop: 2, frames: frames))
        #expect(same.count == 48 && (0 ..< 6).allSatisfy { abs(same[$0]) < 1e-6 })  // row 0: the highest bin, 0 dB
        #expect((0 ..< 6).allSatisfy { abs(same[7 * 6 + $0] - 10 * log10(4)) < 1e-6 })  // the last row: bin 0
        // Halving the height averages pairs of rows: the top row is (1 + 0.01)/2.
        let half = SpectrogramImage.decibels(spectrogram, geometry: SpectrogramImageGeometry(fftSize: bins, hop: 2, frames: frames, width: 4, height: 4))
        #expect(abs(half[0] - 10 * log10(1.01 / 2)) < 1e-5 && abs(half[4] - 10 * log10(0.01)) < 1e-5)
        // Footprints: weights sum to one, and an identical size is the identity.
        for (cells, pixels) in [(61, 640), (640, 61), (7, 7), (5, 3)] {
            for footprint in SpectrogramImage.footprintWeights(cells: cells, pixels: pixels) {
                #expect(abs(footprint.reduce(0) { $0 + $1.1 } - 1) < 1e-12)
            }
        }
        #expect(SpectrogramImage.footprintWeights(cells: 3, pixels: 3).map { $0.map(\.0) } == [[0], [1], [2]])
    }

    @Test func decibelRangesParseAndResolve() {
        #expect(DecibelRange(argument: "auto") == .automatic)
        #expect(DecibelRange(argument: "50") == .belowPeak(50))
        #expect(DecibelRange(argument: "-40:20") == .fixed(low: -40, high: 20))
        for bad in ["0", "-3", "x", "20:10", "1:2:3", "", "nan"] { #expect(DecibelRange(argument: bad) == nil, "\(bad)") }
        let values = [-100.0, -20, 0, 10]
        #expect(DecibelRange.belowPeak(50).resolve(values) == (-40, 10))
        #expect(DecibelRange.fixed(low: -40, high: 20).resolve(values) == (-40, 20))
        #expect(SpectrogramImage.level(-40, range: (-40, 20)) == 0 && SpectrogramImage.level(20, range: (-40, 20)) == 1)
        #expect(SpectrogramImage.level(-10, range: (-40, 20)) == 0.5 && SpectrogramImage.level(99, range: (-40, 20)) == 1)
    }

    @Test func greyImagesAreWrittenAndReadBackLevelForLevel() throws {
        let decibels = (0 ..< 12).map { Double($0) * 10 - 60 }  // −60 … 50 dB, 4 × 3
        let image = try SpectrogramImage.render(decibels, width: 4, height: 3, range: (-60, 50), colourMap: .gray)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("specgen-grey-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try image.writePNG(path)
        let back = try ImageSurface(png: path)
        for k in 0 ..< 12 {
            let level = UInt8((255 * Double(k) / 11).rounded())
            #expect(back.pixel(x: k % 4, y: k / 4) == Pixel(red: level, green: level, blue: level), "pixel \(k)")
        }
        let colour = try SpectrogramImage.render(decibels, width: 4, height: 3, range: (-60, 50), colourMap: .viridis)
        #expect(colour.pixel(x: 3, y: 2) == ColourMap.viridis(1).pixel && colour.pixel(x: 0, y: 0) == ColourMap.viridis(0).pixel)
    }

    @Test func labelTextIsYOLOAndCOCO() throws {
        let box = PixelBox(left: 10, top: 20, right: 30, bottom: 60)
        #expect(YOLOLabels.line(classIndex: 3, box: box, imageWidth: 100, imageHeight: 80) == "3 0.200000 0.500000 0.200000 0.500000")
        #expect(YOLOLabels.quoted("yes") == "\"yes\"" && YOLOLabels.quoted("a: \"b\" \\ c") == "\"a: \\\"b\\\" \\\\ c\"")
        #expect(YOLOLabels.quoted("tone-ω\n") == "\"tone-ω\\u000A\"")
        let annotation = COCODataset.Annotation(id: 1, imageId: 4, classIndex: 0, box: PixelBox(left: 1.23456, top: 2, right: 3, bottom: 4.6))
        #expect(annotation.categoryId == 1 && annotation.bbox == [1.235, 2, 1.765, 2.6] && annotation.area == 4.589)
        let record = ExportRecord(file: "scene.h5", channel: 0, spectrogram: "/iq", geometry: Self.plain, samplesPerExample: 1024,
                                  colormap: "gray", rangeDB: "auto")
        let yaml = YOLOLabels.dataYAML(directory: "/data/out", names: ["BPSK", "on"], record: record)
        #expect(yaml.contains("\nnames:\n  0: \"BPSK\"\n  1: \"on\"\n") && yaml.contains("\n  fft_size: 64\n") && yaml.hasSuffix("range_db: \"auto\"\n"))
        var coco = COCODataset(info: .init(description: "d", version: "v", specgen: record), classNames: ["BPSK", "on"])
        coco.annotations.append(annotation)
        let json = try #require(try JSONSerialization.jsonObject(with: coco.json()) as? [String: Any])
        #expect(Set(json.keys) == ["info", "licenses", "images", "annotations", "categories"])
        let first = try #require((json["annotations"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["id", "image_id", "category_id", "bbox", "area", "iscrowd"])
    }
}

/// Marsaglia's xorshift64 (J. Stat. Softw. 8(14), 2003): a fixed, seeded stream for the property tests.
struct XorShift {
    var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}
