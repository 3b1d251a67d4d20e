import CHDF5

/// The HDF5*.swift files are the only ones that call the HDF5 C library (Debian's serial 1.10.8); the rest
/// of specgen sees their Swift types. Handles close themselves; C failures become `HDF5Error` carrying the function name and
/// the library's error stack. HDF5 is serialised by one global lock: drive it from one thread.

/// A failed HDF5 call.
public struct HDF5Error: Error, CustomStringConvertible {
    public let function: String
    public let detail: String
    /// The system error behind the failure, when the library reported one (its file drivers put
    /// `errno = N` in their messages): `ENOSPC` for a full disk, `EDQUOT` for a quota, `EIO`, …
    public let systemError: Int32?

    public init(function: String, detail: String, systemError: Int32? = nil) {
        self.function = function
        self.detail = detail
        self.systemError = systemError
    }

    public var description: String { detail.isEmpty ? "\(function) failed" : "\(function) failed: \(detail)" }
}

enum HDF5Library {
    /// Turns automatic error printing off for the calling thread (HDF5 keeps it per thread), so failures
    /// are reported only through `HDF5Error`. Every public entry point of the wrapper evaluates it first.
    static var silence: Void { specgen_H5_silence_this_thread() }

    /// The outermost messages of the current error stack, joined, and the `errno = N` that one of its
    /// messages (a file driver's, usually the innermost) reports.
    static func errorStack() -> (detail: String, systemError: Int32?) {
        final class Box { var messages: [String] = [] }
        let box = Box()
        withExtendedLifetime(box) {
            let context = Unmanaged.passUnretained(box).toOpaque()
            H5Ewalk2(specgen_H5E_DEFAULT(), H5E_WALK_DOWNWARD, { _, entry, data in
                let box = Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue()
                if let desc = entry?.pointee.desc { box.messages.append(String(cString: desc)) }
                return 0
            }, context)
        }
        H5Eclear2(specgen_H5E_DEFAULT())
        let marker = Array("errno = ".utf8)
        let systemError = box.messages.lazy.compactMap { message -> Int32? in
            let bytes = Array(message.utf8)
            guard bytes.count > marker.count,
                  let start = (0 ... bytes.count - marker.count).first(where: { bytes[$0 ..< $0 + marker.count].elementsEqual(marker) }) else { return nil }
            return Int32(String(decoding: bytes[(start + marker.count)...].prefix { (48 ... 57).contains($0) }, as: UTF8.self))
        }.first
        return (box.messages.prefix(3).joined(separator: "; "), systemError)
    }

    /// An `HDF5Error` for `function` from the current error stack.
    static func error(_ function: String) -> HDF5Error {
        let (detail, systemError) = errorStack()
        return HDF5Error(function: function, detail: detail, systemError: systemError)
    }

    @discardableResult
    static func check(_ status: herr_t, _ function: String) throws -> herr_t {
        if status < 0 { throw error(function) }
        return status
    }

    static func check(id: hid_t, _ function: String) throws -> hid_t {
        if id < 0 { throw error(function) }
        return id
    }
}

/// An open HDF5 identifier with the close function of its kind, closed on deinit.
final class Handle {
    enum Kind { case file, group, dataset, dataspace, datatype, attribute, propertyList, object }
    let id: hid_t
    let kind: Kind
    init(_ id: hid_t, _ kind: Kind) {
        self.id = id
        self.kind = kind
    }
    deinit {
        switch kind {
        case .file: H5Fclose(id)
        case .group: H5Gclose(id)
        case .dataset: H5Dclose(id)
        case .dataspace: H5Sclose(id)
        case .datatype: H5Tclose(id)
        case .attribute: H5Aclose(id)
        case .propertyList: H5Pclose(id)
        case .object: H5Oclose(id)
        }
    }
}

/// Element types specgen stores, with their file (little-endian) and memory forms.
public enum HDF5Type: Sendable {
    case int32, int64, float32, float64, uint8
    /// `{r: float32, i: float32}`: read by h5py as complex64.
    case complex64

    func make() throws -> Handle {
        switch self {
        case .int32: return try Handle(HDF5Library.check(id: H5Tcopy(specgen_H5T_STD_I32LE()), "H5Tcopy"), .datatype)
        case .int64: return try Handle(HDF5Library.check(id: H5Tcopy(specgen_H5T_STD_I64LE()), "H5Tcopy"), .datatype)
        case .float32: return try Handle(HDF5Library.check(id: H5Tcopy(specgen_H5T_IEEE_F32LE()), "H5Tcopy"), .datatype)
        case .float64: return try Handle(HDF5Library.check(id: H5Tcopy(specgen_H5T_IEEE_F64LE()), "H5Tcopy"), .datatype)
        case .uint8: return try Handle(HDF5Library.check(id: H5Tcopy(specgen_H5T_STD_U8LE()), "H5Tcopy"), .datatype)
        case .complex64:
            let type = try Handle(HDF5Library.check(id: H5Tcreate(H5T_COMPOUND, 8), "H5Tcreate"), .datatype)
            try HDF5Library.check(H5Tinsert(type.id, "r", 0, specgen_H5T_IEEE_F32LE()), "H5Tinsert")
            try HDF5Library.check(H5Tinsert(type.id, "i", 4, specgen_H5T_IEEE_F32LE()), "H5Tinsert")
            return type
        }
    }

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .uint8: 1
        case .int32, .float32: 4
        case .int64, .float64, .complex64: 8
        }
    }
}

/// A variable-length UTF-8 string type.
func utf8StringType() throws -> Handle {
    let type = try Handle(HDF5Library.check(id: H5Tcopy(specgen_H5T_C_S1()), "H5Tcopy"), .datatype)
    try HDF5Library.check(H5Tset_size(type.id, specgen_H5T_VARIABLE()), "H5Tset_size")
    try HDF5Library.check(H5Tset_cset(type.id, H5T_CSET_UTF8), "H5Tset_cset")
    return type
}

/// A scalar (no dims) or simple dataspace; `maxShape` nil or equal to `dims` makes it fixed-size.
func dataspace(_ dims: [Int], maxShape: [Int]? = nil) throws -> Handle {
    if dims.isEmpty { return try Handle(HDF5Library.check(id: H5Screate(H5S_SCALAR), "H5Screate"), .dataspace) }
    let sizes = dims.map { hsize_t($0) }
    // A maximum below 0 is unlimited (an extensible dimension).
    let maxSizes = maxShape.flatMap { $0 == dims ? nil : $0.map { $0 < 0 ? specgen_H5S_UNLIMITED() : hsize_t($0) } }
    return try Handle(HDF5Library.check(id: H5Screate_simple(Int32(dims.count), sizes, maxSizes), "H5Screate_simple"), .dataspace)
}

/// A property list of `listClass` with object timestamps off (REDACTION.md vector 5).
func creationList(_ listClass: hid_t, trackTimes: Bool = false) throws -> Handle {
    let list = try Handle(HDF5Library.check(id: H5Pcreate(listClass), "H5Pcreate"), .propertyList)
    try HDF5Library.check(H5Pset_obj_track_times(list.id, hbool_t(trackTimes)), "H5Pset_obj_track_times")
    return list
}
