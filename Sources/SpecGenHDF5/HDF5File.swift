import CHDF5

/// An HDF5 file, created for writing with the settings of shared/REDACTION.md — object timestamps off,
/// no user block, library version bounds pinned to (earliest, 1.8), no creation-order tracking — so that
/// identical content gives identical bytes; or opened read-only.
public final class HDF5File {
    let handle: Handle
    public let path: String

    /// Creates (or truncates) `path`.
    public static func create(_ path: String) throws -> HDF5File {
        HDF5Library.silence
        let fcpl = try creationList(specgen_H5P_FILE_CREATE())
        let fapl = try Handle(HDF5Library.check(id: H5Pcreate(specgen_H5P_FILE_ACCESS()), "H5Pcreate"), .propertyList)
        try HDF5Library.check(H5Pset_libver_bounds(fapl.id, H5F_LIBVER_EARLIEST, H5F_LIBVER_V18), "H5Pset_libver_bounds")
        let id = try HDF5Library.check(id: H5Fcreate(path, specgen_H5F_ACC_TRUNC(), fcpl.id, fapl.id), "H5Fcreate(\(path))")
        return HDF5File(Handle(id, .file), path: path)
    }

    /// Opens `path` read-only.
    public static func open(_ path: String) throws -> HDF5File {
        HDF5Library.silence
        let id = try HDF5Library.check(id: H5Fopen(path, specgen_H5F_ACC_RDONLY(), specgen_H5P_DEFAULT()), "H5Fopen(\(path))")
        return HDF5File(Handle(id, .file), path: path)
    }

    init(_ handle: Handle, path: String) {
        self.handle = handle
        self.path = path
    }

    /// The root group.
    public var root: HDF5Group { HDF5Group(handle: handle) }

    /// Bytes of the user block before the HDF5 data (`H5Fget_create_plist`, `H5Pget_userblock`): file
    /// addresses are offsets from its end. specgen writes none.
    public func userBlockSize() throws -> Int {
        HDF5Library.silence
        let fcpl = try Handle(HDF5Library.check(id: H5Fget_create_plist(handle.id), "H5Fget_create_plist"), .propertyList)
        var size: hsize_t = 0
        try withExtendedLifetime(fcpl) { _ = try HDF5Library.check(H5Pget_userblock(fcpl.id, &size), "H5Pget_userblock") }
        return Int(size)
    }

    /// Flushes buffers to the file (`H5Fflush`).
    public func flush() throws {
        HDF5Library.silence
        try HDF5Library.check(H5Fflush(handle.id, H5F_SCOPE_LOCAL), "H5Fflush")
    }
}

/// A group (or the root): makes children and attributes.
public struct HDF5Group {
    let handle: Handle
    init(handle: Handle) { self.handle = handle }

    /// Creates a child group with timestamps off.
    public func createGroup(_ name: String) throws -> HDF5Group {
        HDF5Library.silence
        let gcpl = try creationList(specgen_H5P_GROUP_CREATE())
        let id = try HDF5Library.check(id: H5Gcreate2(handle.id, name, specgen_H5P_DEFAULT(), gcpl.id, specgen_H5P_DEFAULT()), "H5Gcreate2(\(name))")
        return HDF5Group(handle: Handle(id, .group))
    }

    /// Creates a chunked dataset with timestamps off, default fill, optional shuffle + deflate
    /// (`H5Pset_shuffle`, `H5Pset_deflate`). Its shape is fixed unless `maxRows` (≥ shape[0]) gives the
    /// first axis a larger maximum — a shard's datasets record the whole dataset's row count that way,
    /// and may then be smaller than one chunk.
    /// `maxRows` of an extensible first dimension (`HDF5Dataset.extend(rows:)`).
    public static let unlimitedRows = -1

    public func createDataset(_ name: String, type: HDF5Type, shape: [Int], chunk: [Int], deflateLevel: Int? = nil, shuffle: Bool = false,
                              maxRows: Int? = nil) throws -> HDF5Dataset {
        precondition(shape.count == chunk.count && !shape.isEmpty)
        let fileType = try type.make()
        var maxShape = shape
        if let maxRows {
            precondition(maxRows >= shape[0] || maxRows == HDF5Group.unlimitedRows)
            maxShape[0] = maxRows
        }
        let space = try dataspace(shape, maxShape: maxShape)
        let dcpl = try creationList(specgen_H5P_DATASET_CREATE())
        try HDF5Library.check(H5Pset_chunk(dcpl.id, Int32(chunk.count), chunk.map { hsize_t(max(1, $0)) }), "H5Pset_chunk")
        if let deflateLevel {
            if shuffle { try HDF5Library.check(H5Pset_shuffle(dcpl.id), "H5Pset_shuffle") }
            try HDF5Library.check(H5Pset_deflate(dcpl.id, UInt32(deflateLevel)), "H5Pset_deflate")
        }
        let id = try HDF5Library.check(
            id: H5Dcreate2(handle.id, name, fileType.id, space.id, specgen_H5P_DEFAULT(), dcpl.id, specgen_H5P_DEFAULT()), "H5Dcreate2(\(name))")
        return HDF5Dataset(handle: Handle(id, .dataset), type: type, shape: shape)
    }

    /// Writes a one-dimensional dataset of UTF-8 strings (contiguous, timestamps off).
    @discardableResult
    public func writeStrings(_ name: String, _ strings: [String]) throws -> HDF5Dataset {
        HDF5Library.silence
        let type = try utf8StringType()
        let space = try dataspace([strings.count])
        let dcpl = try creationList(specgen_H5P_DATASET_CREATE())
        let id = try HDF5Library.check(
            id: H5Dcreate2(handle.id, name, type.id, space.id, specgen_H5P_DEFAULT(), dcpl.id, specgen_H5P_DEFAULT()), "H5Dcreate2(\(name))")
        let dataset = Handle(id, .dataset)
        try withCStrings(strings) { pointers in
            try HDF5Library.check(H5Dwrite(dataset.id, type.id, specgen_H5S_ALL(), specgen_H5S_ALL(), specgen_H5P_DEFAULT(), pointers), "H5Dwrite(\(name))")
        }
        return HDF5Dataset(handle: dataset, type: nil, shape: [strings.count])
    }

    /// Opens a child group (`H5Gopen2`).
    public func openGroup(_ path: String) throws -> HDF5Group {
        HDF5Library.silence
        return HDF5Group(handle: Handle(try HDF5Library.check(id: H5Gopen2(handle.id, path, specgen_H5P_DEFAULT()), "H5Gopen2(\(path))"), .group))
    }

    /// True if a link `name` exists in this group (`H5Lexists`).
    public func contains(_ name: String) -> Bool {
        HDF5Library.silence
        return H5Lexists(handle.id, name, specgen_H5P_DEFAULT()) > 0
    }

    /// The names of the group's links in name order (`H5Literate`).
    public func linkNames() throws -> [String] {
        HDF5Library.silence
        final class Box { var names: [String] = [] }
        let box = Box()
        var index: hsize_t = 0
        try withExtendedLifetime(box) {
            try HDF5Library.check(H5Literate(handle.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().names.append(String(cString: name!))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque()), "H5Literate")
        }
        return box.names
    }

    public func openDataset(_ path: String) throws -> HDF5Dataset {
        HDF5Library.silence
        let id = try HDF5Library.check(id: H5Dopen2(handle.id, path, specgen_H5P_DEFAULT()), "H5Dopen2(\(path))")
        let dataset = Handle(id, .dataset)
        let space = try Handle(HDF5Library.check(id: H5Dget_space(id), "H5Dget_space"), .dataspace)
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        var dims = [hsize_t](repeating: 0, count: rank)
        H5Sget_simple_extent_dims(space.id, &dims, nil)
        return HDF5Dataset(handle: dataset, type: nil, shape: dims.map { Int($0) })
    }

    public var attributes: HDF5Attributes { HDF5Attributes(ownerHandle: handle) }
}

/// Runs `body` with an array of NUL-terminated C strings that lives for the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafeRawPointer) throws -> R) throws -> R {
    let copies = strings.map { strdup($0)! }
    defer { copies.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
    return try pointers.withUnsafeMutableBufferPointer { try body(UnsafeRawPointer($0.baseAddress!)) }
}

#if canImport(Glibc)
import Glibc
#endif
