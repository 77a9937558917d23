// Noise sigma from the quietest windows of a spectrum (see noise.hpp for the procedure).
#include "sidepeak/signal/noise.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal {

NoiseEstimate estimate_noise(std::span<const double> spectrum, const NoiseOptions& options) {
    NoiseEstimate est;
    const std::size_t n = spectrum.size();
    if (n < 8) return est;
    const double edge = std::clamp(options.edge_fraction, 0.0, 0.4);
    std::size_t first = static_cast<std::size_t>(edge * static_cast<double>(n));
    std::size_t last = n - first;
    if (last - first < 8) {
        first = 0;
        last = n;
    }
    const std::size_t usable = last - first;
    constexpr std::size_t min_window = 32;
    std::size_t windows = std::max<std::size_t>(1, std::min(options.windows, usable / min_window));
    const std::size_t width = usable / windows;

    std::vector<double> levels(windows);
    std::vector<double> buffer;
    buffer.reserve(width);
    for (std::size_t w = 0; w < windows; ++w) {
        const std::size_t a = first + w * width;
        const std::size_t half = width / 2;
        // Straight line through the medians of the two halves: a robust local trend.
        buffer.assign(spectrum.begin() + static_cast<std::ptrdiff_t>(a),
                      spectrum.begin() + static_cast<std::ptrdiff_t>(a + half));
        const double m1 = median_inplace(buffer);
        buffer.assign(spectrum.begin() + static_cast<std::ptrdiff_t>(a + half),
                      spectrum.begin() + static_cast<std::ptrdiff_t>(a + width));
        const double m2 = median_inplace(buffer);
        const double x1 = 0.5 * static_cast<double>(half - 1);
        const double x2 = static_cast<double>(half) + 0.5 * static_cast<double>(width - half - 1);
        const double slope = (m2 - m1) / (x2 - x1);
        buffer.resize(width);
        for (std::size_t i = 0; i < width; ++i)
            buffer[i] = spectrum[a + i] - (m1 + slope * (static_cast<double>(i) - x1));
        levels[w] = mad_sigma_inplace(buffer);
    }
    est.windows_total = windows;

    std::vector<double> positive;
    for (const double l : levels)
        if (l > 0.0) positive.push_back(l);
    if (positive.empty()) return est;  // every window constant: no measurable noise
    std::sort(positive.begin(), positive.end());
    const std::size_t q = std::min(positive.size() - 1,
                                   std::max<std::size_t>(positive.size() >= 2 ? 1 : 0, positive.size() / 10));
    const double s0 = positive[q];
    std::vector<double> quiet;
    for (const double l : positive)
        if (l <= 1.3 * s0) quiet.push_back(l);
    est.windows_used = quiet.size();
    est.sigma = median_inplace(quiet);
    const auto best = static_cast<std::size_t>(
        std::min_element(levels.begin(), levels.end(),
                         [](double x, double y) { return (x > 0.0 ? x : HUGE_VAL) < (y > 0.0 ? y : HUGE_VAL); }) -
        levels.begin());
    est.quietest_first = first + best * width;
    est.quietest_last = est.quietest_first + width;
    return est;
}

}  // namespace sidepeak::signal
