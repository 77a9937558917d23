#pragma once
/// Robust noise levels for mass spectra.
///
/// The noise of one spectrum is estimated from its intensity distribution, in the spirit of the
/// median estimator of OpenMS (SignalToNoiseEstimatorMedian, after Katajamaa & Oresic 2005):
/// most points of a spectrum (profile) or most peaks of a peak list (centroid) carry noise or
/// low-level background, so a median of the positive intensities is a robust, conservative noise
/// figure that a few intense analyte peaks do not move.
#include <span>

#include "sidepeak/core/ms_data.hpp"

namespace sidepeak::signal {

/// Median of the strictly positive values of `intensity` (0 when none are positive).
/// Linear time (nth_element on a copy).
[[nodiscard]] double median_positive(std::span<const double> intensity);

/// Noise level of one spectrum in intensity units: the median of its positive intensities.
/// For a profile spectrum this is the level of the baseline noise between peaks; for a peak
/// list it is the level of the bulk of small peaks (chemical and electronic noise).
[[nodiscard]] double spectrum_noise(std::span<const double> intensity);

/// Noise level of a run: the median over its MS1 spectra of spectrum_noise (0 when the run has
/// no MS1 points). A single figure to compare chromatographic apex heights against.
[[nodiscard]] double run_noise(const MsRun& run);

}  // namespace sidepeak::signal
