// HDF5 1.10 (Debian's serial build, libhdf5-dev). The handles below are macros over `..._g` globals that
// Swift 6 refuses to import; each gets a `static inline` accessor named `specgen_<macro>`.
#include <hdf5/serial/hdf5.h>

static inline hid_t specgen_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t specgen_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t specgen_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline hsize_t specgen_H5S_UNLIMITED(void) { return H5S_UNLIMITED; }
static inline size_t specgen_H5T_VARIABLE(void) { return H5T_VARIABLE; }

static inline unsigned specgen_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline unsigned specgen_H5F_ACC_EXCL(void) { return H5F_ACC_EXCL; }
static inline unsigned specgen_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned specgen_H5F_ACC_RDWR(void) { return H5F_ACC_RDWR; }

static inline hid_t specgen_H5P_FILE_CREATE(void) { return H5P_FILE_CREATE; }
static inline hid_t specgen_H5P_FILE_ACCESS(void) { return H5P_FILE_ACCESS; }
static inline hid_t specgen_H5P_GROUP_CREATE(void) { return H5P_GROUP_CREATE; }
static inline hid_t specgen_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t specgen_H5P_DATATYPE_CREATE(void) { return H5P_DATATYPE_CREATE; }
static inline hid_t specgen_H5P_ATTRIBUTE_CREATE(void) { return H5P_ATTRIBUTE_CREATE; }
static inline hid_t specgen_H5P_LINK_CREATE(void) { return H5P_LINK_CREATE; }

static inline hid_t specgen_H5T_NATIVE_FLOAT(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t specgen_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t specgen_H5T_NATIVE_INT32(void) { return H5T_NATIVE_INT32; }
static inline hid_t specgen_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t specgen_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t specgen_H5T_IEEE_F32LE(void) { return H5T_IEEE_F32LE; }
static inline hid_t specgen_H5T_IEEE_F64LE(void) { return H5T_IEEE_F64LE; }
static inline hid_t specgen_H5T_STD_I32LE(void) { return H5T_STD_I32LE; }
static inline hid_t specgen_H5T_STD_I64LE(void) { return H5T_STD_I64LE; }
static inline hid_t specgen_H5T_STD_U8LE(void) { return H5T_STD_U8LE; }
static inline hid_t specgen_H5T_C_S1(void) { return H5T_C_S1; }

// Reference types for the read-only inventory (HDF5Inspection.swift): every standard atomic type a
// foreign writer could use, so that a stored type can be named.
static inline hid_t specgen_H5T_IEEE_F32BE(void) { return H5T_IEEE_F32BE; }
static inline hid_t specgen_H5T_IEEE_F64BE(void) { return H5T_IEEE_F64BE; }
static inline hid_t specgen_H5T_STD_I8LE(void) { return H5T_STD_I8LE; }
static inline hid_t specgen_H5T_STD_I16LE(void) { return H5T_STD_I16LE; }
static inline hid_t specgen_H5T_STD_I32BE(void) { return H5T_STD_I32BE; }
static inline hid_t specgen_H5T_STD_I64BE(void) { return H5T_STD_I64BE; }
static inline hid_t specgen_H5T_STD_U16LE(void) { return H5T_STD_U16LE; }
static inline hid_t specgen_H5T_STD_U32LE(void) { return H5T_STD_U32LE; }
static inline hid_t specgen_H5T_STD_U64LE(void) { return H5T_STD_U64LE; }
static inline hid_t specgen_H5P_LINK_ACCESS(void) { return H5P_LINK_ACCESS; }
static inline unsigned specgen_H5O_INFO_ALL(void) { return H5O_INFO_ALL; }

// HDF5's automatic error printing belongs to each thread's error stack in a thread-safe build: turning it
// off on one thread leaves it on for the others (the writer, a test runner's workers). Every wrapper
// entry point calls this; the thread-local flag makes all but the first call on a thread a load.
static inline void specgen_H5_silence_this_thread(void) {
    static __thread int silenced = 0;
    if (!silenced) {
        H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
        silenced = 1;
    }
}
