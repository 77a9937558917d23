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

double upper_median_inplace(std::span<double> v) {
    if (v.empty()) return 0.0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
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
