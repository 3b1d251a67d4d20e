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
        HDF5Library.silence
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
        HDF5Library.silence
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
        HDF5Library.silence
        let type = try utf8StringType()
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: shape.reduce(1, *))
        try HDF5Library.check(H5Dread(handle.id, type.id, specgen_H5S_ALL(), specgen_H5S_ALL(), specgen_H5P_DEFAULT(), &pointers), "H5Dread")
        defer { pointers.forEach { free($0) } }
        return pointers.map { $0.map { String(cString: $0) } ?? "" }
    }

    public var attributes: HDF5Attributes { HDF5Attributes(ownerHandle: handle) }
}

#if canImport(Glibc)
import Glibc
#endif
