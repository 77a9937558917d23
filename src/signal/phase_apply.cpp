// Manual phase correction and the negative-area phase-quality measure.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "sidepeak/signal/phase.hpp"

namespace sidepeak::signal {

void apply_phase(std::span<std::complex<double>> spectrum, double p0_deg, double p1_deg) {
    const std::size_t n = spectrum.size();
    if (n == 0) return;
    constexpr double rad = std::numbers::pi / 180.0;
    const double p0 = p0_deg * rad;
    const double dp = p1_deg * rad / static_cast<double>(n);
    // Unit-phasor recurrence, re-anchored every 1024 points so rounding cannot accumulate.
    for (std::size_t k = 0; k < n; k += 1024) {
        const std::size_t stop = std::min(n, k + 1024);
        std::complex<double> z = std::polar(1.0, p0 + dp * static_cast<double>(k));
        const std::complex<double> dz = std::polar(1.0, dp);
        for (std::size_t j = k; j < stop; ++j) {
            spectrum[j] *= z;
            z *= dz;
        }
    }
}

double negative_area_fraction(std::span<const double> real) {
    double negative = 0.0;
    double total = 0.0;
    for (const double y : real) {
        total += std::abs(y);
        if (y < 0.0) negative -= y;
    }
    return total > 0.0 ? negative / total : 0.0;
}

}  // namespace sidepeak::signal
