#include "sidepeak/signal/robust_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace sidepeak::signal {

double median_inplace(std::span<double> v) {
    if (v.empty()) return 0.0;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) {
        const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
        m = 0.5 * (m + lower);
    }
    return m;
}

double median(std::span<const double> values) {
    std::vector<double> v(values.begin(), values.end());
    return median_inplace(v);
}

double order_statistic_inplace(std::span<double> v, std::size_t rank) {
    if (v.empty()) return 0.0;
    const auto at = v.begin() + static_cast<std::ptrdiff_t>(std::min(rank, v.size() - 1));
    std::nth_element(v.begin(), at, v.end());
    return *at;
}

double upper_median_inplace(std::span<double> v) { return order_statistic_inplace(v, v.size() / 2); }

double upper_quantile_inplace(std::span<double> v, double q) {
    const double p = q >= 0.0 ? std::min(q, 1.0) : 0.0;  // a NaN q reads as 0
    const double rank = std::floor(p * static_cast<double>(v.size()));
    return order_statistic_inplace(v, static_cast<std::size_t>(rank));
}

double upper_mad_sigma_inplace(std::span<double> v) {
    const double med = upper_median_inplace(v);
    for (double& x : v) x = std::abs(x - med);
    return kMadToSigma * upper_median_inplace(v);
}

double mad_sigma_inplace(std::span<double> v) {
    const double med = median_inplace(v);
    for (double& x : v) x = std::abs(x - med);
    return kMadToSigma * median_inplace(v);
}

double mad_sigma(std::span<const double> values) {
    std::vector<double> v(values.begin(), values.end());
    return mad_sigma_inplace(v);
}

}  // namespace sidepeak::signal
