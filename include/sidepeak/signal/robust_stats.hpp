#pragma once
/// Robust location and scale: the median and the MAD (median absolute deviation) scaled to a
/// Gaussian sigma (1.4826 x MAD; Rousseeuw & Croux, JASA 88 (1993) 1273). All O(n) by selection
/// (std::nth_element), not sorting. The `_inplace` forms reorder their argument.
#include <span>

namespace sidepeak::signal {

/// 1 / Phi^-1(3/4): the MAD of a Gaussian times this is its standard deviation.
inline constexpr double kMadToSigma = 1.4826;

/// The median: the middle value, or the mean of the two middle values for an even count.
/// 0 for an empty input. Reorders `values`.
double median_inplace(std::span<double> values);
/// median_inplace of a copy.
double median(std::span<const double> values);

/// The upper median: the value of rank n/2 (0-based) in ascending order, i.e. the middle value for
/// an odd count and the upper of the two middle values for an even count (no averaging).
/// 0 for an empty input. Reorders `values`.
double upper_median_inplace(std::span<double> values);

/// kMadToSigma x median(|x - median(x)|), with the averaging median. 0 for an empty input.
/// Overwrites `values` with the absolute deviations (reordered).
double mad_sigma_inplace(std::span<double> values);
/// mad_sigma_inplace of a copy.
double mad_sigma(std::span<const double> values);

}  // namespace sidepeak::signal
