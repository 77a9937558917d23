#pragma once
/// Grouping of picked peaks into multiplets, first-order pattern recognition (s, d, t, q, quint,
/// sext, sept, dd, dt, td, ddd, else m) with coupling constants, and multiplet integrals.
/// See docs/algorithms/multiplets-and-integration.md.
#include <span>
#include <string>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_options.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {


/// First-order pattern of a set of lines, with couplings in Hz (largest first).
struct PatternMatch {
    /// Lines per coupling in order of decreasing J (name(): "s", "d", "t", "q", "quint", "sext",
    /// "sept", or combinations such as "dd", "dt", "td", "ddd", "ddt", "dq", "tt", "dddd");
    /// not first order ("m") when no first-order tree explains the lines.
    Multiplicity multiplicity;
    std::vector<double> j_hz;   ///< one value per distinct coupling, largest first
    double rms_error_hz = 0.0;  ///< fit residual of the line positions
};

/// Acceptance limits of classify_pattern.
struct PatternOptions {
    /// Every resolved line must lie within this distance of the refined pattern (Hz).
    double tolerance_hz = 0.3;
    /// Observed / expected relative height of every line must lie in [1/(1+t), 1+t] (t = this)
    /// unless the difference is within 3 noise sigmas: allows roofing and tails of neighbours.
    double intensity_tolerance = 0.4;
    /// Line width (FWHM, Hz) of the multiplet's lines. A coupling below it is not resolvable and
    /// is not reported; unresolved (merged) lines may sit up to half of it off their weighted
    /// mean. 0: no such limit.
    double line_width_hz = 0.0;
    /// Noise sigma in height units (0: noise-free).
    double noise = 0.0;
    /// Nearest possible coupling partner (Hz): bounds the roof effect a doublet may show
    /// (the grouping window plus J, since a closer partner would be in the same multiplet).
    double partner_distance_hz = 20.0;
};

/// First-order multiplet analysis of a set of lines (positions in Hz, any order, and heights):
///  1. coupling-tree search: the lowest line is always a pure component, so every J is the
///     distance from it to some line; each candidate doublet splitting is removed by
///     deconvolution (lowest remaining line -> component, its intensity taken off the line J
///     above), recursively with non-decreasing J, until one line is left (up to 7 splittings,
///     4 distinct couplings, 32 lines). Coincident lines carry summed intensity, so overlapping
///     lines of e.g. a ddt need no special case. Equal splittings are one coupling to n spins.
///  2. each tree is refined by linear least squares (centre and J) on the observed positions,
///     an unresolved group of simulated lines modelled at its intensity-weighted mean;
///  3. accepted when every line matches in position and intensity (see PatternOptions), every
///     J is >= line_width_hz, and for a doublet the two heights agree within roof effect and
///     noise; the tree with fewest distinct couplings, then fewest spins, then smallest rms wins.
/// Method after Hoye et al., J. Org. Chem. 1994, 59, 4096 and 2002, 67, 4014.
PatternMatch classify_pattern(std::span<const double> positions_hz, std::span<const double> heights,
                              const PatternOptions& options);

/// Same with default options except the position and intensity tolerances.
PatternMatch classify_pattern(std::span<const double> positions_hz, std::span<const double> heights,
                              double tolerance_hz, double intensity_tolerance = 0.4);

/// Groups `peaks` (as from pick_peaks, any order) into multiplets and integrates each over its
/// range with integrate(). Multiplet::peaks index into `peaks`. Returned in the order of the
/// spectrum's points (point 0 first); ppm_from is the range end nearer point 0.
std::vector<Multiplet> find_multiplets(const NmrSpectrum& spectrum, const std::vector<Peak>& peaks,
                                       const MultipletOptions& options = {});

}  // namespace sidepeak::signal
