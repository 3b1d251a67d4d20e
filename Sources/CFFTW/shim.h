// FFTW 3 (single precision) from Debian's libfftw3-dev.
#include <fftw3.h>

// FFTW_FORWARD/FFTW_BACKWARD and the planner flags are plain integer macros that import as Int32;
// nothing else is needed here.
