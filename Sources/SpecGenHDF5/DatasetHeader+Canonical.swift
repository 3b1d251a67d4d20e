import SpecGenPolicy

extension DatasetHeader {
    /// Everything a `DatasetWriter` makes of this header — the file-level fields with their values, the
    /// datasets' shapes, chunking, compression and attributes, the columns — as text lines in a fixed
    /// order: two headers give the same lines exactly when a writer makes the same objects from them.
    /// A resumed run compares its header with a stopped run's file (and with a finished target) this way.
    public var canonicalLines: [String] {
        let l = layout
        var lines = ["examples \(l.examples) of \(l.datasetExamples), \(l.channels) channels × \(l.samplesPerExample) samples, "
                     + "\(l.blockExamples) examples per block, "
                     + (l.compression.map { "deflate \($0.deflateLevel)\($0.shuffle ? " + shuffle" : "")" } ?? "uncompressed")]
        if l.clean { lines.append("iq_clean, as /iq") }
        if l.masks, let s = l.spectrogram { lines.append("masks \(s.rows) × \(s.frames) uint8") }
        if let s = l.spectrogram {
            lines.append("spectrogram \(s.rows) × \(s.frames), "
                         + s.attributes.sorted { $0.0 < $1.0 }.map { "\($0.0)=\(Self.canonical($0.1))" }.joined(separator: " "))
        }
        for (path, type) in columns {
            lines.append("column \(path): \(type)" + (l.units[path].map { " unit \($0)" } ?? "")
                         + (l.categories[path].map { " categories \($0.joined(separator: ","))" } ?? ""))
        }
        for (path, type) in annotations {
            lines.append("annotation \(path): \(type)" + (l.units[path].map { " unit \($0)" } ?? "")
                         + (l.categories[path].map { " categories \($0.joined(separator: ","))" } ?? ""))
        }
        for (path, value) in fields { lines.append("field \(path) = \(Self.canonical(value))") }
        if let marking {
            for (name, value) in marking.attributes { lines.append("marking \(name) = \(Self.canonical(value))") }
            for category in marking.categories { lines.append("marking category \(category.name.debugDescription) = \(Self.canonical(.texts(category.values)))") }
            lines.append("marking manifest " + marking.manifest.map { "\($0.field)=\($0.operator)" }.joined(separator: " "))
        }
        return lines
    }

    /// A value as text that tells every two values apart (doubles in their shortest exact form).
    public static func canonical(_ value: MetadataValue) -> String {
        switch value {
        case .integer(let v): "\(v)"
        case .real(let v): "\(v)"
        case .text(let v): v.debugDescription
        case .texts(let v): "[" + v.map(\.debugDescription).joined(separator: ", ") + "]"
        case .reals(let v, let shape): "\(shape.map(String.init).joined(separator: "×")) array [" + v.map { "\($0)" }.joined(separator: ", ") + "]"
        }
    }
}
