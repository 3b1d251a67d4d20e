import CHDF5

/// A dataset: hyperslab writes along the first axis, whole reads, attributes.
public struct HDF5Dataset {
    let handle: Handle
    /// The element type when this dataset was created here (nil when opened).
    public let type: HDF5Type?
    public let shape: [Int]

    /// Writes rows `first ..< first + rows` of the first axis (all of every other axis) from `data`,
    /// laid out C-order in memory with element type `type` (`H5Dwrite` on a hyperslab).
    public func writeRows(first: Int, rows: Int, type: HDF5Type, from data: UnsafeRawPointer) throws {
        precondition(first >= 0 && rows >= 0 && first + rows <= shape[0], "rows out of the dataset")
        if rows == 0 { return }
        let fileSpace = try Handle(HDF5Library.check(id: H5Dget_space(handle.id), "H5Dget_space"), .dataspace)
        var start = [hsize_t](repeating: 0, count: shape.count)
        var count = shape.map { hsize_t($0) }
        start[0] = hsize_t(first)
        count[0] = hsize_t(rows)
        try HDF5Library.check(H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, start, nil, count, nil), "H5Sselect_hyperslab")
        let memorySpace = try dataspace(count.map { Int($0) })
        let memoryType = try type.make()
        try HDF5Library.check(H5Dwrite(handle.id, memoryType.id, memorySpace.id, fileSpace.id, specgen_H5P_DEFAULT(), data), "H5Dwrite")
    }

    /// Reads the whole dataset converted to `type` (for tests and inspection).
    public func read<T>(as type: HDF5Type, element: T.Type) throws -> [T] {
        precondition(MemoryLayout<T>.stride == type.size)
        let count = shape.reduce(1, *)
        let memoryType = try type.make()
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try HDF5Library.check(H5Dread(handle.id, memoryType.id, specgen_H5S_ALL(), specgen_H5S_ALL(), specgen_H5P_DEFAULT(), buffer.baseAddress), "H5Dread")
            initialized = count
        }
    }

    /// Reads a one-dimensional variable-length string dataset.
    public func readStrings() throws -> [String] {
        let type = try utf8StringType()
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: shape.reduce(1, *))
        try HDF5Library.check(H5Dread(handle.id, type.id, specgen_H5S_ALL(), specgen_H5S_ALL(), specgen_H5P_DEFAULT(), &pointers), "H5Dread")
        defer { pointers.forEach { free($0) } }
        return pointers.map { $0.map { String(cString: $0) } ?? "" }
    }

    public var attributes: HDF5Attributes { HDF5Attributes(ownerHandle: handle) }
}

/// Attributes of a group or dataset. Each is written once (never overwritten or deleted: HDF5 keeps
/// the old bytes, REDACTION.md vector 1).
public struct HDF5Attributes {
    /// Kept alive for as long as the attributes are used.
    let ownerHandle: Handle
    var owner: hid_t { ownerHandle.id }

    private func create(_ name: String, type: Handle, space: Handle) throws -> Handle {
        let acpl = try Handle(HDF5Library.check(id: H5Pcreate(specgen_H5P_ATTRIBUTE_CREATE()), "H5Pcreate"), .propertyList)
        try HDF5Library.check(H5Pset_char_encoding(acpl.id, H5T_CSET_UTF8), "H5Pset_char_encoding")
        return try Handle(HDF5Library.check(id: H5Acreate2(owner, name, type.id, space.id, acpl.id, specgen_H5P_DEFAULT()), "H5Acreate2(\(name))"), .attribute)
    }

    public func write(_ name: String, string: String) throws {
        let type = try utf8StringType()
        let attribute = try create(name, type: type, space: try dataspace([]))
        try withCStrings([string]) { try HDF5Library.check(H5Awrite(attribute.id, type.id, $0), "H5Awrite(\(name))") }
    }

    public func write(_ name: String, strings: [String]) throws {
        let type = try utf8StringType()
        let attribute = try create(name, type: type, space: try dataspace([strings.count]))
        try withCStrings(strings) { try HDF5Library.check(H5Awrite(attribute.id, type.id, $0), "H5Awrite(\(name))") }
    }

    public func write(_ name: String, int64 value: Int64) throws {
        let type = try HDF5Type.int64.make()
        let attribute = try create(name, type: type, space: try dataspace([]))
        var v = value
        try HDF5Library.check(H5Awrite(attribute.id, type.id, &v), "H5Awrite(\(name))")
    }

    public func write(_ name: String, float64 value: Double) throws {
        let type = try HDF5Type.float64.make()
        let attribute = try create(name, type: type, space: try dataspace([]))
        var v = value
        try HDF5Library.check(H5Awrite(attribute.id, type.id, &v), "H5Awrite(\(name))")
    }

    /// An array of float64 of the given shape (C order; `values.count` = the product of `shape`).
    public func write(_ name: String, float64s values: [Double], shape: [Int]) throws {
        precondition(!shape.isEmpty && shape.reduce(1, *) == values.count, "attribute shape does not match its values")
        let type = try HDF5Type.float64.make()
        let attribute = try create(name, type: type, space: try dataspace(shape))
        try values.withUnsafeBufferPointer { try HDF5Library.check(H5Awrite(attribute.id, type.id, $0.baseAddress!), "H5Awrite(\(name))") }
    }

    private func open(_ name: String) throws -> Handle {
        try Handle(HDF5Library.check(id: H5Aopen(owner, name, specgen_H5P_DEFAULT()), "H5Aopen(\(name))"), .attribute)
    }

    public func readString(_ name: String) throws -> String {
        let attribute = try open(name)
        let type = try utf8StringType()
        var pointer: UnsafeMutablePointer<CChar>?
        try HDF5Library.check(H5Aread(attribute.id, type.id, &pointer), "H5Aread(\(name))")
        defer { free(pointer) }
        return pointer.map { String(cString: $0) } ?? ""
    }

    public func readInt64(_ name: String) throws -> Int64 {
        let attribute = try open(name)
        let type = try HDF5Type.int64.make()
        var v: Int64 = 0
        try HDF5Library.check(H5Aread(attribute.id, type.id, &v), "H5Aread(\(name))")
        return v
    }

    public func readFloat64(_ name: String) throws -> Double {
        let attribute = try open(name)
        let type = try HDF5Type.float64.make()
        var v = 0.0
        try HDF5Library.check(H5Aread(attribute.id, type.id, &v), "H5Aread(\(name))")
        return v
    }

    /// A float64 array attribute, flattened in C order (`H5Aread` into the attribute's element count).
    public func readFloat64s(_ name: String) throws -> [Double] {
        let attribute = try open(name)
        let space = try Handle(HDF5Library.check(id: H5Aget_space(attribute.id), "H5Aget_space"), .dataspace)
        let count = Int(H5Sget_simple_extent_npoints(space.id))
        let type = try HDF5Type.float64.make()
        var values = [Double](repeating: 0, count: count)
        try values.withUnsafeMutableBufferPointer { try HDF5Library.check(H5Aread(attribute.id, type.id, $0.baseAddress!), "H5Aread(\(name))") }
        return values
    }

    /// Attribute names in the library's (name) order.
    public func names() throws -> [String] {
        final class Box { var names: [String] = [] }
        let box = Box()
        var index: hsize_t = 0
        try withExtendedLifetime(box) {
            try HDF5Library.check(H5Aiterate2(owner, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().names.append(String(cString: name!))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque()), "H5Aiterate2")
        }
        return box.names
    }
}

#if canImport(Glibc)
import Glibc
#endif
