import Foundation

/// The label files of `specgen export` (docs/export.md): YOLO text lines and `data.yaml` (Ultralytics
/// layout), and the COCO detection JSON. Text only; the caller writes the files.
public enum YOLOLabels {
    /// One label line, `class cx cy w h`, the box normalised to the image (six decimals).
    public static func line(classIndex: Int, box: PixelBox, imageWidth: Int, imageHeight: Int) -> String {
        let b = box.normalised(imageWidth: imageWidth, imageHeight: imageHeight)
        return "\(classIndex) " + [b.centreX, b.centreY, b.width, b.height].map { String(format: "%.6f", $0) }.joined(separator: " ")
    }

    /// `data.yaml`: `path` (the export directory, absolute), `train` and `val` (both `images`, the one
    /// set of images), `nc`, `names` as a mapping index → name, each name a double-quoted YAML scalar
    /// (so `yes`, `1e3` or `a: b` stay strings), and `specgen`, the source file and the image geometry
    /// needed to map pixels back to samples and frequencies. Loads with PyYAML's `safe_load`.
    public static func dataYAML(directory: String, names: [String], record: ExportRecord) -> String {
        var lines = [
            "# YOLO detection dataset written by specgen export (docs/export.md).",
            "# Images: spectrograms, time along x, frequency along y with +1/2 cycles/sample at the top.",
            "# If you move this directory, change `path` (or delete it: recent Ultralytics then uses this file's directory).",
            "path: \(quoted(directory))",
            "train: images",
            "val: images",
            "nc: \(names.count)",
            "names:",
        ]
        lines += names.enumerated().map { "  \($0.offset): \(quoted($0.element))" }
        lines.append("specgen:")
        lines += record.fields.map { "  \($0.key): \($0.text ?? quoted($0.string!))" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a YAML double-quoted scalar: `"` and `\` escaped, control characters as `\uXXXX`
    /// (YAML 1.1 and 1.2 both read these escapes), everything else as UTF-8.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                || (0x2028 ... 0x2029).contains(scalar.value):
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// How an export was made: where its images come from and their geometry, enough to map pixels back
/// to samples and frequencies (`SpectrogramImageGeometry`). In `data.yaml` under `specgen:` and in
/// `annotations.json` under `info.specgen`.
public struct ExportRecord: Encodable, Sendable {
    /// The dataset file's name.
    public var file: String
    public var channel: Int
    /// `/spectrogram` (the file's) or `/iq` (computed from the samples).
    public var spectrogram: String
    public var fftSize: Int
    public var hop: Int
    public var frames: Int
    public var samplesPerExample: Int
    public var width: Int
    public var height: Int
    /// `gray` or `viridis`.
    public var colormap: String
    /// The `--range-db` argument: `auto`, `R` or `LOW:HIGH`.
    public var rangeDB: String

    enum CodingKeys: String, CodingKey {
        case file, channel, spectrogram, fftSize = "fft_size", hop, frames, samplesPerExample = "samples_per_example", width, height, colormap
        case rangeDB = "range_db"
    }

    public init(file: String, channel: Int, spectrogram: String, geometry: SpectrogramImageGeometry, samplesPerExample: Int,
                colormap: String, rangeDB: String) {
        (self.file, self.channel, self.spectrogram) = (file, channel, spectrogram)
        (fftSize, hop, frames, width, height) = (geometry.fftSize, geometry.hop, geometry.frames, geometry.width, geometry.height)
        (self.samplesPerExample, self.colormap, self.rangeDB) = (samplesPerExample, colormap, rangeDB)
    }

    /// The fields in their JSON names: integers as `text`, strings as `string`.
    var fields: [(key: String, text: String?, string: String?)] {
        [("file", nil, file), ("channel", "\(channel)", nil), ("spectrogram", nil, spectrogram), ("fft_size", "\(fftSize)", nil),
         ("hop", "\(hop)", nil), ("frames", "\(frames)", nil), ("samples_per_example", "\(samplesPerExample)", nil),
         ("width", "\(width)", nil), ("height", "\(height)", nil), ("colormap", nil, colormap), ("range_db", nil, rangeDB)]
    }
}

/// The COCO object-detection file (`annotations.json`; Lin et al., "Microsoft COCO", 2014, and the
/// format page cocodataset.org/#format-data), with the keys specgen fills.
public struct COCODataset: Encodable, Sendable {
    public struct Info: Encodable, Sendable {
        public var description: String
        /// specgen's version.
        public var version: String
        public var specgen: ExportRecord

        public init(description: String, version: String, specgen: ExportRecord) {
            (self.description, self.version, self.specgen) = (description, version, specgen)
        }
    }

    public struct Image: Encodable, Sendable {
        /// The example index (the row of `/iq`).
        public var id: Int
        /// Relative to the export directory: `images/000007.png`.
        public var fileName: String
        public var width: Int
        public var height: Int
        enum CodingKeys: String, CodingKey { case id, fileName = "file_name", width, height }

        public init(id: Int, fileName: String, width: Int, height: Int) {
            (self.id, self.fileName, self.width, self.height) = (id, fileName, width, height)
        }
    }

    public struct Annotation: Encodable, Sendable {
        /// 1, 2, … in file order (pycocotools' evaluation treats id 0 as "no match").
        public var id: Int
        public var imageId: Int
        /// class_index + 1.
        public var categoryId: Int
        /// [x, y, width, height] in pixels, origin at the image's top-left corner.
        public var bbox: [Double]
        public var area: Double
        public var iscrowd = 0
        enum CodingKeys: String, CodingKey { case id, imageId = "image_id", categoryId = "category_id", bbox, area, iscrowd }

        public init(id: Int, imageId: Int, classIndex: Int, box: PixelBox) {
            self.id = id
            self.imageId = imageId
            categoryId = classIndex + 1
            bbox = [box.left, box.top, box.width, box.height].map(Self.rounded)
            area = Self.rounded(bbox[2] * bbox[3])  // of the box as written
        }

        /// Thousandths of a pixel: exact enough, and short in the file.
        static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
    }

    public struct Category: Encodable, Sendable {
        /// class_index + 1: COCO ids start at 1, torchvision-style detectors keep 0 for background.
        public var id: Int
        public var name: String
        public var supercategory = "signal"
    }

    public var info: Info
    public var licenses: [String] = []
    public var images: [Image] = []
    public var annotations: [Annotation] = []
    public var categories: [Category]

    /// An empty dataset with one category per class name.
    public init(info: Info, classNames: [String]) {
        self.info = info
        categories = classNames.enumerated().map { Category(id: $0.offset + 1, name: $0.element) }
    }

    /// Compact JSON with sorted keys (the same export gives the same bytes).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
