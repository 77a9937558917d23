#pragma once
// A group singlet read as one line or as two unresolved lines at the product's own line width.
// At 8-15 Hz lines (viscous crudes, poor shims) the 1,4-disubstituted ring's group line, 0.01-0.05
// ppm (4-20 Hz at 400 MHz) from the mono product's (over_alkylation_species.hpp), merges with it
// into one band. Both are Lorentzians of the width every line of the product shares (measured on
// its C6-H2 quintet): one line of that width leaves the merged band's extra width as residual,
// two lines explain it.
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

struct LinePair {
    bool read = false;           ///< the window held enough points and the fits ran
    double single_r2 = 0.0;      ///< best R^2 of one Lorentzian at 0.85-1.15x the width
    double pair_r2 = 0.0;        ///< best R^2 of two Lorentzians of one width (0.85-1.15x)
    double main_ppm = 0.0, second_ppm = 0.0;
    double main_area = 0.0, second_area = 0.0;  ///< intensity x ppm, as Peak::area
};

/// Fits the band at `ppm` (its apex within +-width/2) as one Lorentzian and as two of one width
/// near `width_hz`, the second `min_sep_hz`..`max_sep_hz` away on either side; each with a local
/// constant and slope (a neighbour's tail, a broad line beneath).
LinePair fit_line_pair(const signal::NmrResult& nmr, double ppm, double width_hz, double min_sep_hz, double max_sep_hz);

}  // namespace sidepeak::classify::detail
