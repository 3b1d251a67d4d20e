import CHDF5
import SpecGenPolicy

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
        HDF5Library.silence
        let type = try utf8StringType()
        let attribute = try create(name, type: type, space: try dataspace([]))
        try withCStrings([string]) { try HDF5Library.check(H5Awrite(attribute.id, type.id, $0), "H5Awrite(\(name))") }
    }

    public func write(_ name: String, strings: [String]) throws {
        HDF5Library.silence
        let type = try utf8StringType()
        let attribute = try create(name, type: type, space: try dataspace([strings.count]))
        try withCStrings(strings) { try HDF5Library.check(H5Awrite(attribute.id, type.id, $0), "H5Awrite(\(name))") }
    }

    public func write(_ name: String, int64 value: Int64) throws {
        HDF5Library.silence
        let type = try HDF5Type.int64.make()
        let attribute = try create(name, type: type, space: try dataspace([]))
        var v = value
        try HDF5Library.check(H5Awrite(attribute.id, type.id, &v), "H5Awrite(\(name))")
    }

    public func write(_ name: String, float64 value: Double) throws {
        HDF5Library.silence
        let type = try HDF5Type.float64.make()
        let attribute = try create(name, type: type, space: try dataspace([]))
        var v = value
        try HDF5Library.check(H5Awrite(attribute.id, type.id, &v), "H5Awrite(\(name))")
    }

    /// An array of float64 of the given shape (C order; `values.count` = the product of `shape`).
    public func write(_ name: String, float64s values: [Double], shape: [Int]) throws {
        HDF5Library.silence
        precondition(!shape.isEmpty && shape.reduce(1, *) == values.count, "attribute shape does not match its values")
        let type = try HDF5Type.float64.make()
        let attribute = try create(name, type: type, space: try dataspace(shape))
        try values.withUnsafeBufferPointer { try HDF5Library.check(H5Awrite(attribute.id, type.id, $0.baseAddress!), "H5Awrite(\(name))") }
    }

    private func open(_ name: String) throws -> Handle {
        try Handle(HDF5Library.check(id: H5Aopen(owner, name, specgen_H5P_DEFAULT()), "H5Aopen(\(name))"), .attribute)
    }

    public func readString(_ name: String) throws -> String {
        HDF5Library.silence
        let attribute = try open(name)
        let type = try utf8StringType()
        var pointer: UnsafeMutablePointer<CChar>?
        try HDF5Library.check(H5Aread(attribute.id, type.id, &pointer), "H5Aread(\(name))")
        defer { free(pointer) }
        return pointer.map { String(cString: $0) } ?? ""
    }

    public func readInt64(_ name: String) throws -> Int64 {
        HDF5Library.silence
        let attribute = try open(name)
        let type = try HDF5Type.int64.make()
        var v: Int64 = 0
        try HDF5Library.check(H5Aread(attribute.id, type.id, &v), "H5Aread(\(name))")
        return v
    }

    public func readFloat64(_ name: String) throws -> Double {
        HDF5Library.silence
        let attribute = try open(name)
        let type = try HDF5Type.float64.make()
        var v = 0.0
        try HDF5Library.check(H5Aread(attribute.id, type.id, &v), "H5Aread(\(name))")
        return v
    }

    /// A float64 attribute of any shape, flattened in C order.
    public func readFloat64s(_ name: String) throws -> [Double] {
        HDF5Library.silence
        let attribute = try open(name)
        let space = try Handle(HDF5Library.check(id: H5Aget_space(attribute.id), "H5Aget_space"), .dataspace)
        let count = Int(H5Sget_simple_extent_npoints(space.id))
        let type = try HDF5Type.float64.make()
        var values = [Double](repeating: 0, count: count)
        try values.withUnsafeMutableBufferPointer { try HDF5Library.check(H5Aread(attribute.id, type.id, $0.baseAddress!), "H5Aread(\(name))") }
        return values
    }

    /// Reads an attribute written by one of the `write` methods back as the value it was written from:
    /// an integer or float scalar, a float array (any rank), a string, or a one-dimensional array of
    /// strings. Anything else (a
    /// foreign file's attribute of another kind) is nil.
    public func read(_ name: String) throws -> MetadataValue? {
        HDF5Library.silence
        let attribute = try open(name)
        let type = try Handle(HDF5Library.check(id: H5Aget_type(attribute.id), "H5Aget_type(\(name))"), .datatype)
        let space = try Handle(HDF5Library.check(id: H5Aget_space(attribute.id), "H5Aget_space(\(name))"), .dataspace)
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        switch H5Tget_class(type.id) {
        case H5T_INTEGER where rank == 0: return .integer(try readInt64(name))
        case H5T_FLOAT where rank == 0: return .real(try readFloat64(name))
        case H5T_FLOAT where rank >= 1:
            var dims = [hsize_t](repeating: 0, count: rank)
            H5Sget_simple_extent_dims(space.id, &dims, nil)
            let shape = dims.map { Int($0) }
            var values = [Double](repeating: 0, count: shape.reduce(1, *))
            let memoryType = try HDF5Type.float64.make()
            try values.withUnsafeMutableBufferPointer {
                try HDF5Library.check(H5Aread(attribute.id, memoryType.id, $0.baseAddress!), "H5Aread(\(name))")
            }
            return .reals(values, shape: shape)
        case H5T_STRING where rank == 0 && H5Tis_variable_str(type.id) > 0: return .text(try readString(name))
        case H5T_STRING where rank == 1 && H5Tis_variable_str(type.id) > 0:
            var count: hsize_t = 0
            H5Sget_simple_extent_dims(space.id, &count, nil)
            let memoryType = try utf8StringType()
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: Int(count))
            try HDF5Library.check(H5Aread(attribute.id, memoryType.id, &pointers), "H5Aread(\(name))")
            defer { pointers.forEach { free($0) } }
            return .texts(pointers.map { $0.map { String(cString: $0) } ?? "" })
        default: return nil
        }
    }

    /// Attribute names in the library's (name) order.
    public func names() throws -> [String] {
        HDF5Library.silence
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
