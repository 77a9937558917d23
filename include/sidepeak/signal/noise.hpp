#pragma once
/// Robust noise level of a 1D spectrum: 1.4826 x MAD (median absolute deviation, the consistent
/// estimator of a Gaussian sigma; Rousseeuw & Croux, JASA 88 (1993) 1273) over the signal-free
/// part of the spectrum, found as the quietest windows. See docs/algorithms/noise.md.
#include <cstddef>
#include <span>

#include "sidepeak/signal/robust_stats.hpp"  // mad_sigma, median

namespace sidepeak::signal {

struct NoiseOptions {
    /// The spectrum (less its edges) is cut into this many equal windows (each at least 32 points).
    std::size_t windows = 64;
    /// Fraction of the points dropped at each end before windowing: the digital filter of
    /// oversampled acquisitions attenuates the noise over the outer few percent of the width.
    double edge_fraction = 0.05;
};

struct NoiseEstimate {
    double sigma = 0.0;              ///< robust noise standard deviation, in intensity units
    std::size_t windows_used = 0;    ///< windows judged signal-free
    std::size_t windows_total = 0;
    std::size_t quietest_first = 0;  ///< point range [first, last) of the quietest window
    std::size_t quietest_last = 0;
};

/// Noise of a (baseline-corrected or not) real spectrum:
///  1. each window's level is the MAD sigma of the window after removing the straight line
///     through the medians of its two halves (so a residual baseline slope does not count);
///  2. s0 = the 10th percentile of the window levels (at least the second lowest): a value from
///     windows that hold noise only, as long as at least ~10 % of the width is signal-free;
///  3. windows with level <= 1.3 s0 are taken as signal-free (a MAD sigma of m points scatters by
///     about 1.1 / sqrt(m) relative, so noise-only windows lie well inside the band for m >= 64);
///     sigma = the median of their levels.
/// Windows whose level is exactly 0 (zeroed or constant regions) are ignored unless all are.
/// O(n). Returns sigma = 0 for fewer than 8 points.
NoiseEstimate estimate_noise(std::span<const double> spectrum, const NoiseOptions& options = {});

}  // namespace sidepeak::signal
