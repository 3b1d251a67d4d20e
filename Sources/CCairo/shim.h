// Cairo 1.16 (Debian's libcairo2-dev): image surfaces, paths, the toy text API and PNG output, for
// `specgen plot`. Only SpecGenPlot/Cairo*.swift calls it.
#include <cairo/cairo.h>
