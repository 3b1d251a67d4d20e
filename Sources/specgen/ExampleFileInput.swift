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
