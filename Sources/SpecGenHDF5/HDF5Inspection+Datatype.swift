import CHDF5

/// A stored HDF5 datatype, described recursively (`H5Tget_class`, `H5Tget_size`, `H5Tget_order`,
/// `H5Tget_precision`, `H5Tget_offset`, `H5Tget_member_*`, `H5Tget_super`, …): what an audit compares
/// against the types specgen writes. Reduced precision, an enum's names or a non-IEEE float are visible
/// here although h5py hides them (REDACTION.md #9).
public indirect enum DatatypeDescription: Sendable, Equatable, CustomStringConvertible {
    /// Integers and floats: `standard` names the standard type it equals (`i32le`, `f64be`, …), nil for
    /// a non-standard one (reduced precision, an offset, custom float fields).
    case integer(size: Int, littleEndian: Bool, signed: Bool, precision: Int, offset: Int, standard: String?)
    case float(size: Int, littleEndian: Bool, precision: Int, offset: Int, standard: String?)
    /// `size` nil: variable length. `utf8`: the character set; `padding`: `H5T_str_t` raw value.
    case string(size: Int?, utf8: Bool, padding: Int)
    case compound(size: Int, members: [CompoundMember])
    /// An enumeration: its base type and its member names (the names are stored in the file).
    case enumeration(base: DatatypeDescription, names: [String])
    case variableLength(base: DatatypeDescription)
    case array(dims: [Int], base: DatatypeDescription)
    /// Opaque (with its tag), bitfield, reference, time: never written by specgen.
    case other(className: String, size: Int, tag: String?)

    public struct CompoundMember: Sendable, Equatable {
        public let name: String
        public let offset: Int
        public let type: DatatypeDescription
    }

    /// specgen's complex64: `{r: f32le @0, i: f32le @4}`, 8 bytes.
    public static let complex64 = DatatypeDescription.compound(size: 8, members: [
        CompoundMember(name: "r", offset: 0, type: .float(size: 4, littleEndian: true, precision: 32, offset: 0, standard: "f32le")),
        CompoundMember(name: "i", offset: 4, type: .float(size: 4, littleEndian: true, precision: 32, offset: 0, standard: "f32le")),
    ])

    public var description: String {
        switch self {
        case .integer(let size, let le, let signed, let precision, let offset, let standard):
            return standard ?? "\(signed ? "int" : "uint")\(size * 8)\(le ? "le" : "be")(precision \(precision), offset \(offset))"
        case .float(let size, let le, let precision, let offset, let standard):
            return standard ?? "float\(size * 8)\(le ? "le" : "be")(precision \(precision), offset \(offset), non-IEEE)"
        case .string(let size, let utf8, let padding):
            return "string(\(size.map { "\($0) bytes" } ?? "variable"), \(utf8 ? "UTF-8" : "ASCII"), pad \(padding))"
        case .compound(let size, let members):
            return "compound\(size){" + members.map { "\($0.name)@\($0.offset): \($0.type)" }.joined(separator: ", ") + "}"
        case .enumeration(let base, let names): return "enum(\(base)){\(names.joined(separator: ", "))}"
        case .variableLength(let base): return "vlen(\(base))"
        case .array(let dims, let base): return "array\(dims)(\(base))"
        case .other(let className, let size, let tag): return "\(className)\(size)" + (tag.map { "(tag \($0))" } ?? "")
        }
    }
}

extension DatatypeDescription {
    /// Describes the type `id` (which stays open; the caller owns it).
    static func describe(_ id: hid_t) throws -> DatatypeDescription {
        let size = Int(H5Tget_size(id))
        let typeClass = H5Tget_class(id)
        switch typeClass {
        case H5T_INTEGER, H5T_FLOAT:
            let littleEndian = H5Tget_order(id) == H5T_ORDER_LE
            let precision = Int(H5Tget_precision(id)), offset = Int(H5Tget_offset(id))
            let standard = try standardName(of: id)
            if typeClass == H5T_FLOAT { return .float(size: size, littleEndian: littleEndian, precision: precision, offset: offset, standard: standard) }
            return .integer(size: size, littleEndian: littleEndian, signed: H5Tget_sign(id) == H5T_SGN_2, precision: precision, offset: offset,
                            standard: standard)
        case H5T_STRING:
            let variable = H5Tis_variable_str(id) > 0
            return .string(size: variable ? nil : size, utf8: H5Tget_cset(id) == H5T_CSET_UTF8, padding: Int(H5Tget_strpad(id).rawValue))
        case H5T_COMPOUND:
            let count = try HDF5Library.check(H5Tget_nmembers(id), "H5Tget_nmembers")
            var members: [CompoundMember] = []
            for k in 0 ..< UInt32(count) {
                let member = try Handle(HDF5Library.check(id: H5Tget_member_type(id, k), "H5Tget_member_type"), .datatype)
                members.append(CompoundMember(name: memberName(id, k), offset: Int(H5Tget_member_offset(id, k)), type: try describe(member.id)))
            }
            return .compound(size: size, members: members)
        case H5T_ENUM:
            let count = try HDF5Library.check(H5Tget_nmembers(id), "H5Tget_nmembers")
            let base = try Handle(HDF5Library.check(id: H5Tget_super(id), "H5Tget_super"), .datatype)
            return .enumeration(base: try describe(base.id), names: (0 ..< UInt32(count)).map { memberName(id, $0) })
        case H5T_VLEN:
            let base = try Handle(HDF5Library.check(id: H5Tget_super(id), "H5Tget_super"), .datatype)
            return .variableLength(base: try describe(base.id))
        case H5T_ARRAY:
            let rank = try Int(HDF5Library.check(H5Tget_array_ndims(id), "H5Tget_array_ndims"))
            var dims = [hsize_t](repeating: 0, count: max(rank, 1))
            try HDF5Library.check(H5Tget_array_dims2(id, &dims), "H5Tget_array_dims2")
            let base = try Handle(HDF5Library.check(id: H5Tget_super(id), "H5Tget_super"), .datatype)
            return .array(dims: dims.prefix(rank).map { Int($0) }, base: try describe(base.id))
        case H5T_OPAQUE:
            let tag = H5Tget_tag(id)
            defer { if let tag { H5free_memory(tag) } }
            return .other(className: "opaque", size: size, tag: tag.map { String(cString: $0) })
        case H5T_BITFIELD: return .other(className: "bitfield", size: size, tag: nil)
        case H5T_REFERENCE: return .other(className: "reference", size: size, tag: nil)
        case H5T_TIME: return .other(className: "time", size: size, tag: nil)
        default: return .other(className: "class \(typeClass.rawValue)", size: size, tag: nil)
        }
    }

    private static func memberName(_ id: hid_t, _ index: UInt32) -> String {
        guard let name = H5Tget_member_name(id, index) else { return "" }
        defer { H5free_memory(name) }
        return String(cString: name)
    }

    /// The name of the standard atomic type `id` equals (`H5Tequal`), if any.
    private static func standardName(of id: hid_t) throws -> String? {
        let candidates: [(String, hid_t)] = [
            ("f32le", specgen_H5T_IEEE_F32LE()), ("f64le", specgen_H5T_IEEE_F64LE()), ("f32be", specgen_H5T_IEEE_F32BE()),
            ("f64be", specgen_H5T_IEEE_F64BE()), ("i32le", specgen_H5T_STD_I32LE()), ("i64le", specgen_H5T_STD_I64LE()),
            ("i32be", specgen_H5T_STD_I32BE()), ("i64be", specgen_H5T_STD_I64BE()), ("i8le", specgen_H5T_STD_I8LE()),
            ("i16le", specgen_H5T_STD_I16LE()), ("u8le", specgen_H5T_STD_U8LE()), ("u16le", specgen_H5T_STD_U16LE()),
            ("u32le", specgen_H5T_STD_U32LE()), ("u64le", specgen_H5T_STD_U64LE()),
        ]
        return candidates.first { H5Tequal(id, $0.1) > 0 }?.0
    }
}
