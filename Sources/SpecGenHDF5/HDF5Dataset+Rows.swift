import CHDF5

extension HDF5Dataset {
    /// Rows `first ..< first + rows` of the first axis (all of every other axis), converted to `type`
    /// (`H5Dread` on a hyperslab): for reading a large dataset a block at a time.
    public func readRows<T>(first: Int, rows: Int, as type: HDF5Type, element: T.Type) throws -> [T] {
        HDF5Library.silence
        precondition(MemoryLayout<T>.stride == type.size)
        precondition(!shape.isEmpty && first >= 0 && rows >= 0 && first + rows <= shape[0], "rows out of the dataset")
        let count = rows * shape.dropFirst().reduce(1, *)
        if count == 0 { return [] }
        let fileSpace = try Handle(HDF5Library.check(id: H5Dget_space(handle.id), "H5Dget_space"), .dataspace)
        var start = [hsize_t](repeating: 0, count: shape.count)
        var extent = shape.map { hsize_t($0) }
        start[0] = hsize_t(first)
        extent[0] = hsize_t(rows)
        try HDF5Library.check(H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, start, nil, extent, nil), "H5Sselect_hyperslab")
        let memorySpace = try dataspace(extent.map { Int($0) })
        let memoryType = try type.make()
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try HDF5Library.check(H5Dread(handle.id, memoryType.id, memorySpace.id, fileSpace.id, specgen_H5P_DEFAULT(), buffer.baseAddress), "H5Dread")
            initialized = count
        }
    }
}
