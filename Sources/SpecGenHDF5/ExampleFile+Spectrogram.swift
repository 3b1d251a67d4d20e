import SpecGenPolicy

/// The file's `/spectrogram` (N, C, F, T) float32, described by its attributes (docs/dataset.md
/// "Spectrogram"): F = `fft_size` rows on the centred two-sided axis (row f is (f − F/2)/F
/// cycles/sample), T frames, frame t covering samples [t·hop, t·hop + F).
public struct StoredSpectrogram: Sendable, Equatable {
    /// F, the rows (frequency bins) of each example's spectrogram.
    public let fftSize: Int
    /// Samples between frames.
    public let hop: Int
    /// T, the frames (time columns).
    public let frames: Int
    /// True when the values are dB (`scale` = `db`), false for linear power.
    public let decibels: Bool
}

/// Whether `/spectrogram` can be read back as power on the two-sided axis.
public enum StoredSpectrogramAvailability: Sendable, Equatable {
    case usable(StoredSpectrogram)
    /// The file has one, but it cannot be used as power; the reason says why (for a message).
    case unusable(reason: String)
    case absent
}

extension ExampleFile {
    /// Describes `/spectrogram`. It is usable when `scale` is `db` or `linear`, `sides` is `two`,
    /// `normalize` is `none`, `peak` or `mean` (each a rescaling of power; `standardize` is not) and its
    /// shape is (N, C, F, T) with the file's N and C. `hop` comes from its attribute or, when a
    /// classification level dropped that, from the shape: (L − F)/(T − 1) when that is a whole number
    /// (F when T = 1). Throws `HDF5Error` only when the file cannot be read.
    public func storedSpectrogram() throws -> StoredSpectrogramAvailability {
        guard file.root.contains("spectrogram") else { return .absent }
        let dataset = try file.root.openDataset("spectrogram")
        let attributes = dataset.attributes
        let names = Set(try attributes.names())
        func text(_ name: String) throws -> String? {
            guard names.contains(name), case .text(let value) = try attributes.read(name) else { return nil }
            return value
        }
        let shape = dataset.shape
        guard shape.count == 4, shape[0] == examples, shape[1] == channels, shape[2] >= 2, shape[3] >= 1 else {
            return .unusable(reason: "/spectrogram is not (examples, channels, frequency, time) with this file's examples and channels")
        }
        guard try dataset.elementType() == .float32 else { return .unusable(reason: "/spectrogram is not float32") }
        guard let sides = try text("sides"), sides == "two" else {
            return .unusable(reason: "/spectrogram is not two-sided (sides = \(try text("sides") ?? "absent"))")
        }
        guard let scale = try text("scale"), scale == "db" || scale == "linear" else {
            return .unusable(reason: "/spectrogram has no scale attribute db or linear")
        }
        guard let normalize = try text("normalize"), ["none", "peak", "mean"].contains(normalize) else {
            return .unusable(reason: "/spectrogram's normalize is \(try text("normalize") ?? "absent"), not a rescaling of power (none, peak, mean)")
        }
        let (bins, frames) = (shape[2], shape[3])
        var hop: Int?
        if names.contains("hop"), case .integer(let value) = try attributes.read("hop"), value >= 1 { hop = Int(value) }
        if hop == nil {
            if frames == 1 { hop = bins }
            else if (samplesPerExample - bins) % (frames - 1) == 0 && samplesPerExample > bins { hop = (samplesPerExample - bins) / (frames - 1) }
        }
        guard let hop, bins + (frames - 1) * hop <= samplesPerExample else {
            return .unusable(reason: "/spectrogram's hop is absent and does not follow from its shape")
        }
        return .usable(StoredSpectrogram(fftSize: bins, hop: hop, frames: frames, decibels: scale == "db"))
    }

    /// Example `example`'s stored spectrogram on `channel` as linear power, frequency-major
    /// (`power[f * T + t]`, row f the frequency (f − F/2)/F): dB values become 10^(v/10); anything
    /// not finite becomes 1e-30 (−300 dB, the writer's floor).
    /// - Precondition: `storedSpectrogram()` is `.usable(spectrogram)`; example and channel in range.
    public func spectrogramPower(example: Int, channel: Int, _ spectrogram: StoredSpectrogram) throws -> [Float] {
        precondition((0 ..< examples).contains(example) && (0 ..< channels).contains(channel))
        let dataset = try file.root.openDataset("spectrogram")
        let row = try dataset.readRows(first: example, rows: 1, as: .float32, element: Float.self)
        let count = spectrogram.fftSize * spectrogram.frames
        let start = channel * count
        return (0 ..< count).map { k in
            let value = row[start + k]
            let power = spectrogram.decibels ? Float(pow(10, Double(value) / 10)) : value
            return power.isFinite && power > 1e-30 ? power : 1e-30
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
