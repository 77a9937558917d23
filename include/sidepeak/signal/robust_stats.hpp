#pragma once
/// Robust location and scale: the median and the MAD (median absolute deviation) scaled to a
/// Gaussian sigma (1.4826 x MAD; Rousseeuw & Croux, JASA 88 (1993) 1273). All O(n) by selection
/// (std::nth_element), not sorting. The `_inplace` forms reorder their argument.
#include <cstddef>
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

/// The order statistic of rank `rank` (0-based) in ascending order; a rank past the end is the
/// largest value. 0 for an empty input. Reorders `values`.
double order_statistic_inplace(std::span<double> values, std::size_t rank);

/// The upper empirical q-quantile: the order statistic of rank floor(q n) (0-based; q in [0, 1],
/// q = 1 gives the largest value; q below 0 or NaN reads as 0). It is the Hyndman-Fan type-1 quantile (inverse of the empirical
/// distribution function; Hyndman R.J., Fan Y., Am. Stat. 50 (1996) 361) except when q n is a
/// whole number, where it takes the upper of the two candidate values, as upper_median_inplace
/// does (q = 0.5 is the upper median). 0 for an empty input. Reorders `values`.
double upper_quantile_inplace(std::span<double> values, double q);

/// kMadToSigma x the upper median of |x - m|, m the upper median of x: the MAD with the
/// non-averaging median (upper_median_inplace). Differs from mad_sigma only for an even count.
/// 0 for an empty input. Overwrites `values` with the absolute deviations (reordered).
double upper_mad_sigma_inplace(std::span<double> values);

/// kMadToSigma x median(|x - median(x)|), with the averaging median. 0 for an empty input.
/// Overwrites `values` with the absolute deviations (reordered).
double mad_sigma_inplace(std::span<double> values);
/// mad_sigma_inplace of a copy.
double mad_sigma(std::span<const double> values);

}  // namespace sidepeak::signal
