#pragma once
/// SNIP baseline (Statistics-sensitive Non-linear Iterative Peak-clipping) for mass spectra and
/// chromatograms: C.G. Ryan, E. Clayton, W.L. Griffin, S.H. Sie, D.R. Cousens, "SNIP, a
/// statistics-sensitive background treatment for the quantitative analysis of PIXE spectra in
/// geoscience applications", Nucl. Instrum. Methods B 34 (1988) 396-402, with the decreasing
/// clipping window of Morhac et al., NIM A 401 (1997) 113-132.
#include <span>
#include <vector>

namespace sidepeak::signal {

struct SnipOptions {
    int iterations = 40;          ///< largest clipping half-window in points (peaks wider than
                                  ///< about 2 x iterations points are treated as baseline)
    bool lls_transform = true;    ///< clip in the log-log-sqrt domain (Ryan 1988) so the clipping
                                  ///< follows counting statistics
    bool decreasing_window = true;///< windows from `iterations` down to 1 (Morhac 1997)
};

/// Baseline under `y` (same length, never above y). Cost O(n x iterations).
[[nodiscard]] std::vector<double> snip_baseline(std::span<const double> y, const SnipOptions& options = {});

}  // namespace sidepeak::signal
