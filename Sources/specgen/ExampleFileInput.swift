import Foundation
import SpecGenHDF5

/// Opens a dataset file for `plot` and `export`, turning "missing", "not HDF5" and "not a specgen
/// dataset" into input errors (exit 2) that name it.
func openExampleFile(_ path: String) throws -> ExampleFile {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw InputError(message: "\(path): no such file")
    }
    do {
        return try ExampleFile(path: path)
    } catch let error as DatasetFileError {
        throw InputError(message: error.description)
    } catch is HDF5Error {
        throw InputError(message: "\(path): not an HDF5 file (or not readable as one)")
    }
}

/// `--size WxH`, each side in `bounds` pixels; the message's `example` shows a typical value.
func parsePixelSize(_ text: String, within bounds: ClosedRange<Int>, example: String) throws -> (width: Int, height: Int) {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), bounds.contains(w), bounds.contains(h) else {
        throw InputError(message: "--size \(text): give WIDTHxHEIGHT in pixels, each \(bounds.lowerBound) … \(bounds.upperBound) (e.g. \(example))")
    }
    return (w, h)
}

/// `--examples i,j,k`: example indices of `file`, which holds `count` examples, in the order given; with
/// `distinct`, each at most once.
func parseExampleList(_ text: String, count: Int, file: String, distinct: Bool) throws -> [Int] {
    let range = count > 0 ? "examples 0 … \(count - 1)" : "no examples"
    var indices: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
        guard let i = Int(part.trimmingCharacters(in: .whitespaces)) else {
            throw InputError(message: "--examples \(text): give example indices separated by commas (e.g. 3,5,8)")
        }
        guard (0 ..< count).contains(i) else { throw InputError(message: "--examples: example \(i) is out of range: \(file) has \(range)") }
        guard !distinct || !indices.contains(i) else { throw InputError(message: "--examples: example \(i) is given twice") }
        indices.append(i)
    }
    return indices
}
