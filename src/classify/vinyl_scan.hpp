#pragma once
// Matched-filter scan for a first-order multiplet of known J below the peak picker's threshold: the
// multiplet's Lorentzian band (at the sample's line width) is fitted with a local constant and
// slope at every centre of a window, and the centres where its amplitude stands out of the
// residual by the most standard errors are returned. Seeds for the joint vinyl fit
// (olefin_fit.hpp) when a weak =CH- ddt or =CH2 doublet has no picked lines of its own.
#include <vector>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

/// A local maximum of the scan: centre, fitted amplitude (height of a weight-1 line) and its
/// ratio to its standard error (the larger of the noise and the residual estimate).
struct ScanHit {
    double ppm = 0.0;
    double amp = 0.0;
    double t = 0.0;
};

/// Scans centres in [from, to] ppm (0.5 Hz steps) with the first-order multiplet of couplings
/// `j_hz` (Hz) at Lorentzian FWHM `w_hz`. Returns local maxima with t >= `t_min` and positive
/// amplitude, strongest first, at most `max_hits`, at least `min_sep_hz` apart.
std::vector<ScanHit> scan_multiplet(const signal::NmrResult& nmr, double from, double to,
                                    const std::vector<double>& j_hz, double w_hz, double t_min,
                                    std::size_t max_hits, double min_sep_hz);

}  // namespace sidepeak::classify::detail
