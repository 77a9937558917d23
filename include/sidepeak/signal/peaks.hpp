#pragma once
/// Peak picking on a phased, baseline-corrected real spectrum. See docs/algorithms/peak-picking.md.
#include <cstddef>
#include <vector>

#include "sidepeak/core/nmr_data.hpp"
#include "sidepeak/signal/nmr_types.hpp"

namespace sidepeak::signal {

/// Minimum dip, in noise sigmas, between two maxima for both to count as peaks:
/// 3 sqrt(2) = a 3-sigma excursion of the difference of two independent noise values (a noise
/// wiggle on a flat-topped line fakes such a dip with probability ~0.1 %).
inline constexpr double min_dip_sigmas = 4.242640687119285;

/// Every local maximum of spectrum.real with height >= snr_threshold * noise and topographic
/// prominence >= min_dip_sigmas * noise (the dip to the higher of the two bases, each base the
/// lowest point between the maximum and the nearest higher point on that side, or the spectrum
/// end). No threshold relative to the tallest peak: a 1 % line is reported when it clears the noise.
///
/// Per peak:
///  - apex: three-point Lorentzian interpolation (a parabola through 1/y, exact for a sampled
///    Lorentzian), falling back to the parabola through y when a neighbour is not positive;
///  - height: the interpolated apex value;
///  - fwhm_hz: half-height crossings on each side, located by a parabola through 1/y on the three
///    points around the crossing (exact for a Lorentzian; linear interpolation when it fails);
///    twice the half width of the one side that reaches half height; when neither side does (a
///    line on a raised or sloping base), the crossings at half the prominence above the higher
///    base. A maximum narrower than half of max(min_fwhm_hz, 1 point) is a spike and is not
///    reported; a width between that and the floor is raised to the floor, so no peak has
///    width 0. process_nmr passes the width of the truncated FID, 1.21 / acquisition time (the
///    FWHM of its sinc lineshape), or the exponential line broadening if that is larger;
///  - area: trapezoid integral (intensity x |ppm step|) from the apex out to the valley to the
///    next peak or to 32 half-widths (the 98 % point of a Lorentzian), whichever is nearer, plus
///    the analytic Lorentzian tail beyond a side that was cut at 32 half-widths (not at a valley);
///  - snr: height / noise.
/// Peaks are returned in index order (point 0 first). Returns nothing when noise <= 0 or the
/// spectrum has fewer than 3 points.
std::vector<Peak> pick_peaks(const NmrSpectrum& spectrum, double noise, double snr_threshold,
                             double min_fwhm_hz = 0.0);

}  // namespace sidepeak::signal
