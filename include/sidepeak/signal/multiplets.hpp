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
    double range_extension_fwhm = 16.0;
    /// Line positions must match a first-order pattern within max(this x median FWHM, 0.5 point).
    double position_tolerance_fwhm = 0.3;
    /// Observed / expected relative height of every line must lie in [1/(1+t), 1+t] (t = this):
    /// allows for roofing and for overlap of neighbouring lines.
    double intensity_tolerance = 0.4;
    /// Spectrometer frequency assumed when the spectrum does not carry one (MHz).
    double fallback_mhz = 400.0;
};

/// First-order pattern of a set of lines, with couplings in Hz (largest first).
struct PatternMatch {
    std::string pattern = "m";  ///< "s", "d", "t", "q", "quint", "sext", "sept", "dd", "dt", "td", "ddd" or "m"
    std::vector<double> j_hz;
    double rms_error_hz = 0.0;  ///< fit residual of the line positions
};

/// Recognises a first-order multiplet from line positions (Hz, any order) and heights: every
/// combination of 1-3 couplings to 1-6 equivalent spins (binomial intensities) whose line count
/// equals the observed one is simulated from initial couplings taken from the observed spacings,
/// the couplings and the centre are refined by linear least squares on the sorted line positions,
/// and the simplest combination within `tolerance_hz` (every line) and the intensity tolerance
/// with the smallest residual wins. The name lists the multiplicities in order of decreasing J
/// ("dt": the doublet splitting is the larger). More than 8 lines, or no match: "m".
PatternMatch classify_pattern(std::span<const double> positions_hz, std::span<const double> heights,
                              double tolerance_hz, double intensity_tolerance = 0.4);

/// Groups `peaks` (as from pick_peaks, any order) into multiplets and integrates each over its
/// range with integrate(). Multiplet::peaks index into `peaks`. Returned in the order of the
/// spectrum's points (point 0 first); ppm_from is the range end nearer point 0.
std::vector<Multiplet> find_multiplets(const NmrSpectrum& spectrum, const std::vector<Peak>& peaks,
                                       const MultipletOptions& options = {});

}  // namespace sidepeak::signal
