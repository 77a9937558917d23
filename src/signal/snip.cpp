#include "sidepeak/signal/snip.hpp"

#include <algorithm>
#include <cmath>

namespace sidepeak::signal {
namespace {
// Log-log-square-root operator of Ryan et al. (1988): compresses the dynamic range so that one
// clipping rule fits peaks of every height.
double lls(double x) { return std::log(std::log(std::sqrt(std::max(x, 0.0) + 1.0) + 1.0) + 1.0); }
double lls_inverse(double v) {
    const double a = std::exp(std::exp(v) - 1.0) - 1.0;
    return a * a - 1.0;
}
}  // namespace

std::vector<double> snip_baseline(std::span<const double> y, const SnipOptions& options) {
    const std::size_t n = y.size();
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = options.lls_transform ? lls(y[i]) : y[i];
    if (n < 3 || options.iterations < 1) {
        return std::vector<double>(y.begin(), y.end());
    }
    std::vector<double> next(n);
    const int max_w = std::min(options.iterations, static_cast<int>((n - 1) / 2));
    auto clip = [&](int w) {
        const auto uw = static_cast<std::size_t>(w);
        for (std::size_t i = 0; i < n; ++i) {
            if (i < uw || i + uw >= n) {
                next[i] = v[i];
            } else {
                next[i] = std::min(v[i], 0.5 * (v[i - uw] + v[i + uw]));
            }
        }
        v.swap(next);
    };
    if (options.decreasing_window) {
        for (int w = max_w; w >= 1; --w) clip(w);
    } else {
        for (int w = 1; w <= max_w; ++w) clip(w);
    }
    std::vector<double> base(n);
    for (std::size_t i = 0; i < n; ++i) {
        base[i] = options.lls_transform ? lls_inverse(v[i]) : v[i];
        base[i] = std::min(base[i], y[i]);
    }
    return base;
}

}  // namespace sidepeak::signal
