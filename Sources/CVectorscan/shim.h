#ifndef WINNOW_CVECTORSCAN_SHIM_H
#define WINNOW_CVECTORSCAN_SHIM_H
// Vectorscan (the portable Hyperscan fork): multi-pattern scanning used as a prefilter.
#include <hs.h>
#endif
