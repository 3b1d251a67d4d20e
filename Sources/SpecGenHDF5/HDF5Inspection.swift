import CHDF5
import SpecGenPolicy

/// A read-only structural inventory of an HDF5 file, taken with the C API because h5py's `visititems`
/// misses what an audit must see (shared/REDACTION.md, "What an audit must look at"): every link and its
/// type, every object's header info (the four timestamps), comment and attributes, datatypes
/// recursively, dataset layout, filters with their parameters, fill values, external and virtual
/// storage, creation-order tracking, the user block and where the HDF5 signature is.
public struct HDF5Inventory: Sendable {
    public let path: String
    /// Bytes of the file (`H5Fget_filesize`, user block included).
    public let fileSize: Int
    /// Where the HDF5 signature `\x89HDF\r\n\x1a\n` was found (0, 512, 1024, …); nil: not found.
    public let signatureOffset: Int?
    /// `H5Pget_userblock` of the file creation property list.
    public let userBlockSize: Int
    /// `H5Fget_info2`: superblock version and the free space the file's managers track.
    public let superblockVersion: Int
    public let freeSpace: Int
    /// Every link reachable from the root (`H5Lvisit`, hard links followed once), sorted by path.
    public let links: [LinkRecord]
    /// The root and every object a hard link reaches, sorted by path (an object reached by several
    /// links is listed once, under its first path, with the others in `aliases`).
    public let objects: [ObjectRecord]

    public func object(_ path: String) -> ObjectRecord? { objects.first { $0.path == path } }
}

/// One link in a group.
public struct LinkRecord: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case hard
        case soft(target: String)
        case external(file: String, object: String)
        /// A user-defined link class (its `H5L_type_t` value).
        case userDefined(Int)
    }
    /// Absolute path (`/meta/snr_db`).
    public let path: String
    public let kind: Kind
    /// The link's creation order, when the group tracks it.
    public let creationOrder: Int64?
}

/// One object: a group, a dataset or a committed datatype.
public struct ObjectRecord: Sendable {
    public enum Kind: String, Sendable { case group, dataset, namedDatatype = "named datatype", unknown }
    public let path: String
    public let aliases: [String]
    public let kind: Kind
    /// (atime, mtime, ctime, btime) from the object header, seconds since the epoch; 0 when not stored.
    public let timestamps: [Int]
    /// The object comment (`H5Oget_comment_by_name`), nil when there is none.
    public let comment: String?
    public let attributes: [AttributeRecord]
    /// `H5Pget_attr_creation_order` flags of the object's creation property list (0: not tracked).
    public let attributeCreationOrder: UInt32
    /// `H5Pget_obj_track_times` of the creation property list the library returns for the object. HDF5 1.10 does not
    /// reconstruct it from the header (it reports its default, true, for objects without timestamps): judge by `timestamps`.
    public let tracksTimes: Bool
    public let dataset: DatasetRecord?
    public let group: GroupRecord?
    /// A committed datatype's description.
    public let namedType: DatatypeDescription?
}

/// One attribute, with its value when it is one of the kinds specgen writes (`HDF5Attributes.read`).
public struct AttributeRecord: Sendable {
    public let name: String
    public let type: DatatypeDescription
    /// Dataspace dimensions ([] for a scalar).
    public let shape: [Int]
    public let value: MetadataValue?
}

/// A dataset's storage as created.
public struct DatasetRecord: Sendable {
    public enum Layout: String, Sendable { case compact, contiguous, chunked, virtual, unknown }
    public enum FillValueState: String, Sendable { case undefined, libraryDefault = "default", userDefined = "user-defined" }
    public enum FillTime: String, Sendable { case ifSet = "ifset", allocation = "alloc", never, unknown }
    public struct Filter: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let flags: UInt32
        public let parameters: [UInt32]
    }
    public let type: DatatypeDescription
    public let shape: [Int]
    /// Maximum dimensions; -1 for an unlimited one.
    public let maxShape: [Int]
    public let layout: Layout
    public let chunk: [Int]?
    public let filters: [Filter]
    public let fillValueState: FillValueState
    public let fillTime: FillTime
    /// The fill value's bytes in the file type (empty for variable-length types or when undefined).
    public let fillValue: [UInt8]
    /// External raw-data files (`H5Pget_external`).
    public let externalFiles: [String]
    /// Source files of a virtual dataset's mappings (`H5Pget_virtual_filename`).
    public let virtualSources: [String]
    /// Bytes of raw data stored (`H5Dget_storage_size`).
    public let storageSize: Int
}

/// A group's link bookkeeping.
public struct GroupRecord: Sendable {
    /// `H5Pget_link_creation_order` flags (0: not tracked).
    public let linkCreationOrder: UInt32
    /// `H5Gget_info`: symbol table, compact or dense link storage (dense keeps deleted names, #4).
    public let linkStorage: String
    public let linkCount: Int
    /// The largest creation order handed out (-1 … when not tracked).
    public let maxCreationOrder: Int64
}

extension HDF5File {
    /// The inventory of this file (see `HDF5Inventory`).
    public func inventory() throws -> HDF5Inventory {
        HDF5Library.silence
        var size: hsize_t = 0
        try HDF5Library.check(H5Fget_filesize(handle.id, &size), "H5Fget_filesize")
        var info = H5F_info2_t()
        try HDF5Library.check(H5Fget_info2(handle.id, &info), "H5Fget_info2")
        let userBlock = try userBlockSize()

        // Every link, recursively, in name order.
        final class Box { var links: [(String, H5L_info_t)] = [] }
        let box = Box()
        try withExtendedLifetime(box) {
            try HDF5Library.check(H5Lvisit(handle.id, H5_INDEX_NAME, H5_ITER_INC, { _, name, info, data in
                Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue().links.append((String(cString: name!), info!.pointee))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque()), "H5Lvisit")
        }
        var links: [LinkRecord] = []
        var hardPaths = ["/"]
        for (name, info) in box.links {
            let path = "/" + name
            links.append(LinkRecord(path: path, kind: try linkKind(path, info), creationOrder: info.corder_valid ? info.corder : nil))
            if info.type == H5L_TYPE_HARD { hardPaths.append(path) }
        }
        // One record per object address.
        var seen: [haddr_t: Int] = [:]
        var objects: [(path: String, aliases: [String], info: H5O_info_t)] = []
        for path in hardPaths.sorted() {
            var objectInfo = H5O_info_t()
            try HDF5Library.check(H5Oget_info_by_name2(handle.id, path, &objectInfo, specgen_H5O_INFO_ALL(), specgen_H5P_DEFAULT()),
                                  "H5Oget_info_by_name2(\(path))")
            if let index = seen[objectInfo.addr] {
                objects[index].aliases.append(path)
            } else {
                seen[objectInfo.addr] = objects.count
                objects.append((path, [], objectInfo))
            }
        }
        return HDF5Inventory(path: path, fileSize: Int(size), signatureOffset: Self.signatureOffset(path), userBlockSize: userBlock,
                             superblockVersion: Int(info.super.version), freeSpace: Int(info.free.tot_space),
                             links: links, objects: try objects.map { try objectRecord($0.path, aliases: $0.aliases, info: $0.info) })
    }

    private func linkKind(_ path: String, _ info: H5L_info_t) throws -> LinkRecord.Kind {
        switch info.type {
        case H5L_TYPE_HARD: return .hard
        case H5L_TYPE_SOFT, H5L_TYPE_EXTERNAL:
            var value = [UInt8](repeating: 0, count: Int(info.u.val_size) + 1)
            try HDF5Library.check(H5Lget_val(handle.id, path, &value, value.count, specgen_H5P_DEFAULT()), "H5Lget_val(\(path))")
            if info.type == H5L_TYPE_SOFT { return .soft(target: String(decoding: value.prefix { $0 != 0 }, as: UTF8.self)) }
            var flags: UInt32 = 0
            var file: UnsafePointer<CChar>?, object: UnsafePointer<CChar>?
            try HDF5Library.check(H5Lunpack_elink_val(&value, Int(info.u.val_size), &flags, &file, &object), "H5Lunpack_elink_val(\(path))")
            return .external(file: file.map { String(cString: $0) } ?? "", object: object.map { String(cString: $0) } ?? "")
        default: return .userDefined(Int(info.type.rawValue))
        }
    }

    private func objectRecord(_ path: String, aliases: [String], info: H5O_info_t) throws -> ObjectRecord {
        let commentLength = H5Oget_comment_by_name(handle.id, path, nil, 0, specgen_H5P_DEFAULT())
        var comment: String?
        if commentLength > 0 {
            var buffer = [CChar](repeating: 0, count: Int(commentLength) + 1)
            _ = H5Oget_comment_by_name(handle.id, path, &buffer, buffer.count, specgen_H5P_DEFAULT())
            comment = String(cString: buffer)
        }
        let object = try Handle(HDF5Library.check(id: H5Oopen(handle.id, path, specgen_H5P_DEFAULT()), "H5Oopen(\(path))"), .object)
        let attributes = try attributeRecords(object)
        let timestamps = [info.atime, info.mtime, info.ctime, info.btime].map { Int($0) }
        switch info.type {
        case H5O_TYPE_GROUP:
            let gcpl = try Handle(HDF5Library.check(id: H5Gget_create_plist(object.id), "H5Gget_create_plist(\(path))"), .propertyList)
            var linkOrder: UInt32 = 0
            try HDF5Library.check(H5Pget_link_creation_order(gcpl.id, &linkOrder), "H5Pget_link_creation_order")
            var groupInfo = H5G_info_t()
            try HDF5Library.check(H5Gget_info(object.id, &groupInfo), "H5Gget_info(\(path))")
            let storage = switch groupInfo.storage_type {
            case H5G_STORAGE_TYPE_SYMBOL_TABLE: "symbol table"
            case H5G_STORAGE_TYPE_COMPACT: "compact"
            case H5G_STORAGE_TYPE_DENSE: "dense"
            default: "unknown"
            }
            let (order, times) = try creationSettings(gcpl)
            return ObjectRecord(path: path, aliases: aliases, kind: .group, timestamps: timestamps, comment: comment, attributes: attributes,
                                attributeCreationOrder: order, tracksTimes: times, dataset: nil,
                                group: GroupRecord(linkCreationOrder: linkOrder, linkStorage: storage, linkCount: Int(groupInfo.nlinks),
                                                   maxCreationOrder: groupInfo.max_corder), namedType: nil)
        case H5O_TYPE_DATASET:
            let dcpl = try Handle(HDF5Library.check(id: H5Dget_create_plist(object.id), "H5Dget_create_plist(\(path))"), .propertyList)
            let (order, times) = try creationSettings(dcpl)
            return ObjectRecord(path: path, aliases: aliases, kind: .dataset, timestamps: timestamps, comment: comment, attributes: attributes,
                                attributeCreationOrder: order, tracksTimes: times, dataset: try datasetRecord(object, dcpl: dcpl, path: path),
                                group: nil, namedType: nil)
        case H5O_TYPE_NAMED_DATATYPE:
            return ObjectRecord(path: path, aliases: aliases, kind: .namedDatatype, timestamps: timestamps, comment: comment, attributes: attributes,
                                attributeCreationOrder: 0, tracksTimes: timestamps.contains { $0 != 0 }, dataset: nil, group: nil,
                                namedType: try DatatypeDescription.describe(object.id))
        default:
            return ObjectRecord(path: path, aliases: aliases, kind: .unknown, timestamps: timestamps, comment: comment, attributes: attributes,
                                attributeCreationOrder: 0, tracksTimes: timestamps.contains { $0 != 0 }, dataset: nil, group: nil, namedType: nil)
        }
    }

    /// Attribute creation-order flags and track-times of an object creation property list.
    private func creationSettings(_ list: Handle) throws -> (UInt32, Bool) {
        var order: UInt32 = 0
        var times: hbool_t = false
        try HDF5Library.check(H5Pget_attr_creation_order(list.id, &order), "H5Pget_attr_creation_order")
        try HDF5Library.check(H5Pget_obj_track_times(list.id, &times), "H5Pget_obj_track_times")
        return (order, times)
    }

    private func attributeRecords(_ object: Handle) throws -> [AttributeRecord] {
        let attributes = HDF5Attributes(ownerHandle: object)
        return try attributes.names().map { name in
            let attribute = try Handle(HDF5Library.check(id: H5Aopen(object.id, name, specgen_H5P_DEFAULT()), "H5Aopen(\(name))"), .attribute)
            let type = try Handle(HDF5Library.check(id: H5Aget_type(attribute.id), "H5Aget_type(\(name))"), .datatype)
            let space = try Handle(HDF5Library.check(id: H5Aget_space(attribute.id), "H5Aget_space(\(name))"), .dataspace)
            let description = try DatatypeDescription.describe(type.id)
            // Only the kinds specgen writes are read back (a foreign enum or compound is judged by its type).
            let readable: Bool = switch description {
            case .integer, .float: true
            case .string(nil, _, _): true
            default: false
            }
            return AttributeRecord(name: name, type: description, shape: try dimensions(space),
                                   value: readable ? try? attributes.read(name) : nil)
        }
    }

    private func dimensions(_ space: Handle) throws -> [Int] {
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        guard rank > 0 else { return [] }
        var dims = [hsize_t](repeating: 0, count: rank)
        try HDF5Library.check(H5Sget_simple_extent_dims(space.id, &dims, nil), "H5Sget_simple_extent_dims")
        return dims.map { Int($0) }
    }

    private func datasetRecord(_ object: Handle, dcpl: Handle, path: String) throws -> DatasetRecord {
        let type = try Handle(HDF5Library.check(id: H5Dget_type(object.id), "H5Dget_type(\(path))"), .datatype)
        let description = try DatatypeDescription.describe(type.id)
        let space = try Handle(HDF5Library.check(id: H5Dget_space(object.id), "H5Dget_space(\(path))"), .dataspace)
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        var dims = [hsize_t](repeating: 0, count: max(rank, 1)), maxDims = dims
        if rank > 0 { try HDF5Library.check(H5Sget_simple_extent_dims(space.id, &dims, &maxDims), "H5Sget_simple_extent_dims") }
        let unlimited = specgen_H5S_UNLIMITED()

        let layout: DatasetRecord.Layout
        var chunk: [Int]?
        switch H5Pget_layout(dcpl.id) {
        case H5D_COMPACT: layout = .compact
        case H5D_CONTIGUOUS: layout = .contiguous
        case H5D_CHUNKED:
            layout = .chunked
            var chunkDims = [hsize_t](repeating: 0, count: 32)
            let chunkRank = try Int(HDF5Library.check(H5Pget_chunk(dcpl.id, 32, &chunkDims), "H5Pget_chunk"))
            chunk = chunkDims.prefix(chunkRank).map { Int($0) }
        case H5D_VIRTUAL: layout = .virtual
        default: layout = .unknown
        }
        var filters: [DatasetRecord.Filter] = []
        let filterCount = try HDF5Library.check(H5Pget_nfilters(dcpl.id), "H5Pget_nfilters")
        for k in 0 ..< UInt32(filterCount) {
            var flags: UInt32 = 0, parameterCount = 32, configuration: UInt32 = 0
            var parameters = [UInt32](repeating: 0, count: 32)
            var name = [CChar](repeating: 0, count: 257)
            let id = H5Pget_filter2(dcpl.id, k, &flags, &parameterCount, &parameters, 256, &name, &configuration)
            if id < 0 { throw HDF5Library.error("H5Pget_filter2") }
            filters.append(.init(id: Int(id), name: String(cString: name), flags: flags, parameters: Array(parameters.prefix(min(parameterCount, 32)))))
        }
        var defined = H5D_FILL_VALUE_UNDEFINED, fillTime = H5D_FILL_TIME_IFSET
        try HDF5Library.check(H5Pfill_value_defined(dcpl.id, &defined), "H5Pfill_value_defined")
        try HDF5Library.check(H5Pget_fill_time(dcpl.id, &fillTime), "H5Pget_fill_time")
        var fillBytes: [UInt8] = []
        let variable: Bool = switch description {
        case .string(nil, _, _), .variableLength: true
        default: false
        }
        if !variable && defined != H5D_FILL_VALUE_UNDEFINED {
            fillBytes = [UInt8](repeating: 0, count: Int(H5Tget_size(type.id)))
            try HDF5Library.check(H5Pget_fill_value(dcpl.id, type.id, &fillBytes), "H5Pget_fill_value")
        }
        var externalFiles: [String] = []
        let externalCount = try HDF5Library.check(H5Pget_external_count(dcpl.id), "H5Pget_external_count")
        for k in 0 ..< UInt32(externalCount) {
            var name = [CChar](repeating: 0, count: 4097)
            var offset = off_t(0), size = hsize_t(0)
            try HDF5Library.check(H5Pget_external(dcpl.id, k, 4096, &name, &offset, &size), "H5Pget_external")
            externalFiles.append(String(cString: name))
        }
        var virtualSources: [String] = []
        if layout == .virtual {
            var count = 0
            try HDF5Library.check(H5Pget_virtual_count(dcpl.id, &count), "H5Pget_virtual_count")
            for k in 0 ..< count {
                var name = [CChar](repeating: 0, count: 4097)
                _ = H5Pget_virtual_filename(dcpl.id, k, &name, 4096)
                virtualSources.append(String(cString: name))
            }
        }
        return DatasetRecord(
            type: description, shape: dims.prefix(rank).map { Int($0) }, maxShape: maxDims.prefix(rank).map { $0 == unlimited ? -1 : Int($0) },
            layout: layout, chunk: chunk, filters: filters,
            fillValueState: defined == H5D_FILL_VALUE_USER_DEFINED ? .userDefined : defined == H5D_FILL_VALUE_DEFAULT ? .libraryDefault : .undefined,
            fillTime: fillTime == H5D_FILL_TIME_IFSET ? .ifSet : fillTime == H5D_FILL_TIME_ALLOC ? .allocation : fillTime == H5D_FILL_TIME_NEVER ? .never : .unknown,
            fillValue: fillBytes, externalFiles: externalFiles, virtualSources: virtualSources, storageSize: Int(H5Dget_storage_size(object.id)))
    }

    /// Where the HDF5 signature is: at 0, or at 512, 1024, 2048, … (after a user block); nil if nowhere.
    static func signatureOffset(_ path: String) -> Int? {
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var candidates = [0]
        var offset = 512
        while offset <= 1 << 30 { candidates.append(offset); offset *= 2 }
        var bytes = [UInt8](repeating: 0, count: 8)
        for candidate in candidates {
            guard fseeko(file, off_t(candidate), SEEK_SET) == 0, fread(&bytes, 1, 8, file) == 8 else { return nil }
            if bytes == signature { return candidate }
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#endif
