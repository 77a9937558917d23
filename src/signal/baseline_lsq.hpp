#pragma once
// Helpers shared by the baselines: a small dense least-squares solve (modpoly, first-point roll)
// and a noise estimate that ignores a smooth baseline.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal::detail {

// Solves the small symmetric positive (semi)definite system a c = b (a is m x m, row-major) by
// Cholesky; tiny pivots are treated as zero so a rank-deficient basis degrades gracefully.
inline std::vector<double> cholesky_solve(std::vector<double> a, std::vector<double> b, std::size_t m) {
    for (std::size_t j = 0; j < m; ++j) {
        double d = a[j * m + j];
        for (std::size_t k = 0; k < j; ++k) d -= a[j * m + k] * a[j * m + k];
        d = d > 1e-12 * std::max(1.0, a[j * m + j]) ? std::sqrt(d) : 0.0;
        a[j * m + j] = d;
        for (std::size_t i = j + 1; i < m; ++i) {
            double s = a[i * m + j];
            for (std::size_t k = 0; k < j; ++k) s -= a[i * m + k] * a[j * m + k];
            a[i * m + j] = d > 0.0 ? s / d : 0.0;
        }
    }
    for (std::size_t i = 0; i < m; ++i) {  // L u = b
        double s = b[i];
        for (std::size_t k = 0; k < i; ++k) s -= a[i * m + k] * b[k];
        b[i] = a[i * m + i] > 0.0 ? s / a[i * m + i] : 0.0;
    }
    for (std::size_t i = m; i-- > 0;) {  // L^T c = u
        double s = b[i];
        for (std::size_t k = i + 1; k < m; ++k) s -= a[k * m + i] * b[k];
        b[i] = a[i * m + i] > 0.0 ? s / a[i * m + i] : 0.0;
    }
    return b;
}

// Noise sigma from second differences: 1.4826 MAD(d2) / sqrt(6). The second difference of a
// baseline roll sampled at a few Hz per point is far below the noise, and a narrow line touches
// only a few differences, so this sees the noise alone even when most of the spectrum is roll.
// The MAD takes the upper median (rank n/2, no averaging of the two middle values:
// upper_mad_sigma_inplace), not mad_sigma's averaging one: the fitted baselines were measured with
// it, and switching would move them.
inline double second_difference_sigma(std::span<const double> y) {
    // Fewer points than this give too few differences for a median that ignores a narrow line.
    constexpr std::size_t kMinPoints = 8;
    // Variance of the second difference of white noise: Var(y[i+2] - 2 y[i+1] + y[i]) = (1 + 4 + 1)
    // sigma^2 = 6 sigma^2 for independent points.
    constexpr double kSecondDifferenceVarianceGain = 6.0;
    if (y.size() < kMinPoints) return 0.0;
    std::vector<double> d(y.size() - 2);
    for (std::size_t i = 0; i + 2 < y.size(); ++i) d[i] = y[i + 2] - 2.0 * y[i + 1] + y[i];
    return upper_mad_sigma_inplace(d) / std::sqrt(kSecondDifferenceVarianceGain);
}

}  // namespace sidepeak::signal::detail
