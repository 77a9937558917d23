#pragma once
/// Grouping of picked peaks into multiplets, first-order pattern recognition (s, d, t, q, quint,
/// sext, sept, dd, dt, td, ddd, else m) with coupling constants, and multiplet integrals.
/// See docs/algorithms/multiplets-and-integration.md.
#include <span>
#include <string>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::signal {

struct MultipletOptions {
    /// Neighbouring peaks (in ppm order) closer than this join one multiplet...
    double window_hz = 20.0;
    /// ...when the smaller of the two is at least this fraction of the larger (adjacent lines of a
    /// first-order multiplet up to a septet differ by at most 1:6); a weak line beside a strong
    /// one (a by-product, a 13C satellite, a sideband) stays a multiplet of its own.
    double min_adjacent_ratio = 0.1;
    /// Comparable peaks whose valley stays above this fraction of the smaller apex are one
    /// unresolved band and join whatever their distance.
    double connected_fraction = 0.5;
    /// The integration range reaches this many FWHM beyond each outer line (16 FWHM = 32
    /// half-widths: 99 % of a Lorentzian's area on that side), or stops at the lowest point
    /// towards the neighbouring multiplet if that comes first. A fixed multiple of the width (not
    /// "until the noise") keeps the captured fraction independent of the signal-to-noise ratio,
    /// which ratios of integrals need.
    /// The FWHM used here is capped at window_hz, so the range of a hump or a baseline error
    /// reaches at most 16 x 20 Hz beyond its outer line.
    double range_extension_fwhm = 16.0;
    /// A group never spans more than this from its first to its last line (Hz): a first-order
    /// pattern spans the sum of its couplings (a vinyl ddt ~40 Hz), and an unresolved band of
    /// lines cannot chain across a spectrum whose valleys a baseline error has raised.
    double max_span_hz = 80.0;
    /// Line positions must match a first-order pattern within max(this x median FWHM, 0.5 point).
    double position_tolerance_fwhm = 0.3;
    /// A coupling must be at least this many median FWHM to be reported: two lines closer than
    /// one line width show a dip of < 17 % and their apex spacing is not the splitting.
    double min_j_fwhm = 1.0;
    /// Observed / expected relative height of every line must lie in [1/(1+t), 1+t] (t = this):
    /// allows for roofing and for overlap of neighbouring lines.
    double intensity_tolerance = 0.4;
    /// Spectrometer frequency assumed when the spectrum does not carry one (MHz).
    double fallback_mhz = 400.0;
};

/// First-order pattern of a set of lines, with couplings in Hz (largest first).
struct PatternMatch {
    /// Multiplicities in order of decreasing J: "s", "d", "t", "q", "quint", "sext", "sept", or
    /// combinations such as "dd", "dt", "td", "ddd", "ddt", "dq", "tt", "dddd"; "m" when no
    /// first-order tree explains the lines.
    std::string pattern = "m";
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
