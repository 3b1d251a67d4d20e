import Foundation

/// Searches a file's raw bytes for hidden values in every plausible encoding (REDACTION.md #1, #2: a
/// deleted attribute or dataset keeps its bytes; any other way a raw value could have been written).
///
/// Which values are looked for, and in which encodings (`patterns(for:)`):
/// - a number: float64 little- and big-endian always; float32 both orders when the value is exactly
///   a float32 with at least 8 significant bits (a rounded float32 copy of an arbitrary real would
///   collide with the millions of float32 samples and spectrogram values by chance); int32 and int64
///   both orders when it is an integer of magnitude ≥ 256; decimal text at %.6g, %.9g, %.12g, %.17g,
///   Swift's `description` and, for integers, plain digits — each text only if at least 6 characters;
/// - trivial numbers are skipped: 0, ±1 and integers of magnitude < 256 (they occur everywhere in
///   HDF5's own metadata), and any number whose float64 bits equal a value the file releases (a
///   generalised value that did not move, a power normalised by 1, a value another field releases);
/// - text: its UTF-8 bytes if at least 4 bytes long and not contained in a name or released string of
///   the file.
struct ByteScan {
    struct Pattern {
        let bytes: [UInt8]
        let field: String
        let encoding: String
    }

    struct Hit {
        let pattern: Int
        let offset: Int
    }

    private(set) var patterns: [Pattern] = []
    private var seen: Set<[UInt8]> = []

    mutating func add(_ bytes: [UInt8], field: String, encoding: String) {
        guard bytes.count >= 4, seen.insert(bytes).inserted else { return }
        patterns.append(Pattern(bytes: bytes, field: field, encoding: encoding))
    }

    /// Adds the encodings of a hidden number.
    mutating func add(number value: Double, field: String) {
        guard value.isFinite, value != 0, abs(value) != 1 else { return }
        let integral = value.rounded() == value
        if integral && abs(value) < 256 { return }
        add(bytes(value.bitPattern.littleEndian), field: field, encoding: "float64 LE")
        add(bytes(value.bitPattern.bigEndian), field: field, encoding: "float64 BE")
        let single = Float(value)
        if Double(single) == value, 24 - single.significandBitPattern.trailingZeroBitCount >= 8 {
            add(bytes(single.bitPattern.littleEndian), field: field, encoding: "float32 LE")
            add(bytes(single.bitPattern.bigEndian), field: field, encoding: "float32 BE")
        }
        if integral, abs(value) < 9.2e18 {
            let integer = Int64(value)
            if let small = Int32(exactly: integer) {
                add(bytes(small.littleEndian), field: field, encoding: "int32 LE")
                add(bytes(small.bigEndian), field: field, encoding: "int32 BE")
            }
            add(bytes(integer.littleEndian), field: field, encoding: "int64 LE")
            add(bytes(integer.bigEndian), field: field, encoding: "int64 BE")
            addText(String(integer), field: field, encoding: "decimal text")
        }
        for precision in [6, 9, 12, 17] { addText(String(format: "%.\(precision)g", value), field: field, encoding: "text %.\(precision)g") }
        addText(value.description, field: field, encoding: "text (Swift description)")
    }

    private mutating func addText(_ text: String, field: String, encoding: String) {
        guard text.utf8.count >= 6 else { return }
        add(Array(text.utf8), field: field, encoding: encoding)
    }

    private func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    /// Every occurrence of every pattern in `data`, by pattern then offset.
    func scan(_ data: Data) -> [Hit] {
        guard !patterns.isEmpty else { return [] }
        // Index the patterns by their first 4 bytes; a 2^20-bit filter skips almost every offset.
        var index: [UInt32: [Int]] = [:]
        var filter = [UInt64](repeating: 0, count: 1 << 14)
        func key(_ p: UnsafeRawPointer) -> UInt32 { p.loadUnaligned(as: UInt32.self) }
        func slot(_ k: UInt32) -> Int { Int((k &* 0x9E37_79B1) >> 12) }
        for (i, pattern) in patterns.enumerated() {
            let k = pattern.bytes.withUnsafeBytes { key($0.baseAddress!) }
            index[k, default: []].append(i)
            let s = slot(k)
            filter[s >> 6] |= 1 << UInt64(s & 63)
        }
        var hits: [Hit] = []
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard buffer.count >= 4, let base = buffer.baseAddress else { return }
            for offset in 0 ... buffer.count - 4 {
                let k = key(base + offset)
                let s = slot(k)
                guard filter[s >> 6] & (1 << UInt64(s & 63)) != 0, let candidates = index[k] else { continue }
                for i in candidates {
                    let pattern = patterns[i].bytes
                    guard offset + pattern.count <= buffer.count else { continue }
                    if memcmp(base + offset, pattern, pattern.count) == 0 { hits.append(Hit(pattern: i, offset: offset)) }
                }
            }
        }
        return hits.sorted { ($0.pattern, $0.offset) < ($1.pattern, $1.offset) }
    }
}
