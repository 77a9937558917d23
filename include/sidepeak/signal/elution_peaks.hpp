#pragma once
/// Chromatographic peak detection inside one mass trace, after FeatureFinderMetabo's
/// ElutionPeakDetection (Kenar et al. 2014) with the peak model of centWave (Tautenhahn 2008):
///  1. the trace intensities are smoothed with a Gaussian kernel whose width follows the expected
///     chromatographic FWHM (in scans, from the trace's median scan interval);
///  2. local maxima of the smoothed trace are apices; each peak extends from its apex down to
///     the nearest local minimum on each side (or the trace end);
///  3. neighbouring peaks are merged when the valley between them is shallow (valley above
///     `split_valley_ratio` x the lower apex), so only true multiple peaks split a trace;
///  4. per peak: apex RT and height (raw intensity at the smoothed apex), area by the trapezoid
///     rule over time on the raw intensities, FWHM by linear interpolation of the smoothed trace
///     at half height, m/z as the intensity-weighted mean over the peak's points.
/// S/N = smoothed apex intensity / noise, where the noise is `noise_floor` (the run noise of the
/// MS signal, ms_noise.hpp) when it is positive, otherwise the trace-level noise below. This is the
/// ion's signal against the noise of the spectra, the figure FeatureFinderMetabo's feature height
/// is compared with in docs/algorithms/features.md.
/// A peak must also rise above its local baseline: prominence = (smoothed apex - local baseline) /
/// trace-level noise >= `min_prominence`. The local baseline is the lowest smoothed intensity of the
/// trace within max(30 s, 3 x the peak's width) of the apex (a raised background or the tail of a
/// neighbour is not part of the rise; the valley to an overlapping neighbour is not the baseline).
/// The trace-level noise is the robust sd (1.4826 x MAD) of raw minus smoothed intensities over
/// the trace points outside every peak's half-height core (at least 5), else the RMS residual
/// over the whole trace (the noise of FeatureFinderMetabo); it follows the scan-to-scan spread of
/// the ion itself, so the wiggles of an intense background ion are not peaks. A flat background
/// ion has no peak narrower than `max_fwhm_s`.
#include <cstddef>
#include <vector>

#include "sidepeak/signal/mass_traces.hpp"

namespace sidepeak::signal {

struct ElutionPeakOptions {
    double expected_fwhm_s = 5.0;      ///< typical chromatographic FWHM; sets the smoothing width
    double min_fwhm_s = 0.0;           ///< peaks narrower than this are dropped (0: keep)
    double max_fwhm_s = 120.0;         ///< peaks wider than this are dropped
    double split_valley_ratio = 0.7;   ///< split only where the valley is below this x the lower apex
    double noise_floor = 0.0;          ///< noise for the S/N (run noise), intensity units; 0: trace-level
    double min_prominence = 3.0;       ///< rise above the local baseline, in trace-level noise units
    std::size_t min_points = 3;        ///< points a peak needs
};

/// One chromatographic peak in a mass trace; indices refer to the trace's points.
struct ElutionPeak {
    std::size_t first = 0;   ///< first point (inclusive)
    std::size_t last = 0;    ///< last point (inclusive)
    std::size_t apex = 0;
    double mz = 0.0;
    double rt_s = 0.0;
    double rt_from_s = 0.0;
    double rt_to_s = 0.0;
    double height = 0.0;     ///< raw intensity at the apex
    double area = 0.0;       ///< trapezoid over time (intensity x s)
    double fwhm_s = 0.0;
    double snr = 0.0;
    double noise = 0.0;      ///< the noise used for snr
    double baseline = 0.0;   ///< local baseline (smoothed intensity) under the apex
    double prominence = 0.0; ///< (smoothed apex - baseline) / trace-level noise
    double trace_noise = 0.0;///< the trace-level noise the prominence is measured in
    double window_s = 0.0;   ///< half-width of the window the local baseline was taken from (s)
};

/// Gaussian-kernel smoothing of `y` with standard deviation `sigma_points` (in points), kernel
/// cut at 3 sigma and renormalised at the ends. sigma <= 0 returns y unchanged.
[[nodiscard]] std::vector<double> gaussian_smooth(const std::vector<double>& y, double sigma_points);

/// Detects the chromatographic peaks of `trace` (see the header comment).
[[nodiscard]] std::vector<ElutionPeak> detect_elution_peaks(const MassTrace& trace,
                                                            const ElutionPeakOptions& options = {});

}  // namespace sidepeak::signal
