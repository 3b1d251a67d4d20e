// CBLAS from Debian's libblas-dev: the cblas_* symbols live inside libblas.so.3 (no libcblas).
#include <cblas.h>
