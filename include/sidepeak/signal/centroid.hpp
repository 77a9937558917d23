#pragma once
/// Centroiding of profile mass spectra, after the high-resolution peak picker of OpenMS
/// (PeakPickerHiRes; Weisser et al., J. Proteome Res. 12 (2013) 1628-1644):
///  1. every local maximum of the profile above the noise criterion starts a peak;
///  2. the peak extends left and right while the intensity keeps falling; where it rises again
///     (a shoulder or a second, close peak) the peak stops at that minimum, so close peaks stay
///     separate;
///  3. the apex m/z is the vertex of a parabola through the logarithms of the three highest
///     points (a Gaussian fit on three points, Caruana's algorithm), falling back to the
///     intensity-weighted centroid of the top three points when the log parabola is degenerate;
///  4. the centroid intensity is the interpolated apex height; the area is the trapezoid integral
///     over the peak's points (intensity x m/z).
/// The S/N of each peak is its apex over the spectrum noise (ms_noise.hpp: median of positive
/// intensities).
#include <span>
#include <vector>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::signal {

struct CentroidOptions {
    double min_snr = 0.0;          ///< drop peaks whose apex / spectrum noise is below this
    int min_points = 3;            ///< points a peak needs (apex included) to be fitted
    bool report_area = false;      ///< centroid intensity = area instead of apex height
};

/// One picked peak.
struct CentroidPeak {
    double mz = 0.0;         ///< apex m/z of the fitted Gaussian
    double intensity = 0.0;  ///< fitted apex height
    double area = 0.0;       ///< trapezoid area over the peak's points (intensity x m/z)
    double fwhm_mz = 0.0;    ///< full width at half maximum, interpolated on the profile (0 if unknown)
    double snr = 0.0;        ///< apex / spectrum noise (0 when the noise is 0)
};

/// Picks peaks in one profile spectrum. `mz` must be ascending and as long as `intensity`;
/// otherwise std::invalid_argument. Linear in the number of points.
[[nodiscard]] std::vector<CentroidPeak> centroid_peaks(std::span<const double> mz, std::span<const double> intensity,
                                                   const CentroidOptions& options = {});

/// The spectrum as a peak list: profile spectra are centroided, centroid spectra are returned as
/// they are (mode set to centroid either way). A profile whose points are out of m/z order is
/// sorted by m/z first (a copy; the input is not modified): never std::invalid_argument.
[[nodiscard]] MsSpectrum centroid_spectrum(const MsSpectrum& spectrum, const CentroidOptions& options = {});

/// Heuristic profile check for spectra whose file does not say. A profile spectrum is sampled on
/// a smooth grid: neighbouring m/z gaps are nearly equal (ratio within 0.8-1.25) for most points,
/// and every peak spans several points, so there are at least 4 points per local maximum above 3x the median
/// intensity (maxima of the noise floor are not counted). A peak
/// list has irregular gaps and about one local maximum in three points. Both criteria must hold.
/// Spectra under 16 points are taken as peak lists.
[[nodiscard]] bool looks_like_profile(std::span<const double> mz, std::span<const double> intensity);

/// The mode of a spectrum: as declared, or from looks_like_profile when unknown.
[[nodiscard]] SpectrumMode effective_mode(const MsSpectrum& spectrum);

}  // namespace sidepeak::signal
