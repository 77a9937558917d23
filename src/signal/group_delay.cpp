// Removal of the digital-filter group delay in the frequency domain (the approach TopSpin takes):
// a delay of d points multiplies bin f of the DFT by exp(-2 pi i f d / N); multiplying by the
// conjugate ramp removes it, for any fractional d.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "sidepeak/signal/fid.hpp"

namespace sidepeak::signal {

void remove_group_delay(std::span<std::complex<double>> spectrum, double delay_points) {
    const std::size_t n = spectrum.size();
    if (n == 0 || delay_points == 0.0 || !std::isfinite(delay_points)) return;
    const double nd = static_cast<double>(n);
    const double step = 2.0 * std::numbers::pi * delay_points / nd;
    // Bins 0..ceil(N/2)-1 are frequencies 0.., bins from ceil(N/2) are negative frequencies
    // -floor(N/2)... (numpy fftfreq). Recurrence on a unit phasor, re-anchored every 1024 points
    // so rounding cannot accumulate.
    const std::size_t half = n - n / 2;
    auto ramp = [&](std::size_t first, std::size_t last, double f0) {
        for (std::size_t k = first; k < last; k += 1024) {
            const std::size_t stop = std::min(last, k + 1024);
            std::complex<double> z = std::polar(1.0, step * (f0 + static_cast<double>(k - first)));
            const std::complex<double> dz = std::polar(1.0, step);
            for (std::size_t j = k; j < stop; ++j) {
                spectrum[j] *= z;
                z *= dz;
            }
        }
    };
    ramp(0, half, 0.0);
    ramp(half, n, -static_cast<double>(n / 2));
}

void scale_first_point(std::span<std::complex<double>> spectrum, double factor) {
    if (spectrum.empty() || factor == 1.0) return;
    std::complex<double> sum{0.0, 0.0};
    for (const auto& v : spectrum) sum += v;
    const std::complex<double> delta = (factor - 1.0) * sum / static_cast<double>(spectrum.size());
    for (auto& v : spectrum) v += delta;
}

}  // namespace sidepeak::signal
