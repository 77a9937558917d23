// First-order multiplet expansion: repeated convolution with binomial splitting patterns.
#include "spin_system.hpp"

#include <algorithm>
#include <cmath>

namespace sidepeak::spikein {

namespace {

// Binomial coefficients C(n, k) / 2^n for k = 0..n.
std::vector<double> binomial_weights(int n) {
    std::vector<double> w(static_cast<std::size_t>(n) + 1, 0.0);
    w[0] = 1.0;
    for (int row = 1; row <= n; ++row)
        for (int k = row; k > 0; --k) w[static_cast<std::size_t>(k)] += w[static_cast<std::size_t>(k) - 1];
    const double scale = std::ldexp(1.0, -n);
    for (auto& v : w) v *= scale;
    return w;
}

struct HzLine {
    double hz;
    double area;
};

}  // namespace

std::vector<Line> expand_group(const SpinGroup& group, double spectrometer_mhz, double fwhm_hz, double gauss_fraction,
                               const Satellites& satellites) {
    std::vector<HzLine> lines{{0.0, group.n_h}};
    for (const Coupling& c : group.couplings) {
        if (c.partners <= 0 || c.j_hz == 0.0) continue;
        const auto w = binomial_weights(c.partners);
        const double first = -0.5 * c.j_hz * c.partners;
        std::vector<HzLine> next;
        next.reserve(lines.size() * w.size());
        for (const HzLine& l : lines)
            for (std::size_t k = 0; k < w.size(); ++k)
                next.push_back({l.hz + first + c.j_hz * static_cast<double>(k), l.area * w[k]});
        lines = std::move(next);
    }
    std::sort(lines.begin(), lines.end(), [](const HzLine& a, const HzLine& b) { return a.hz < b.hz; });
    std::vector<HzLine> merged;
    for (const HzLine& l : lines) {
        if (!merged.empty() && std::abs(l.hz - merged.back().hz) < 1e-6)
            merged.back().area += l.area;
        else
            merged.push_back(l);
    }

    std::vector<Line> out;
    const double mhz = spectrometer_mhz > 0.0 ? spectrometer_mhz : 1.0;
    const double centre = satellites.enabled ? 1.0 - 2.0 * satellites.fraction : 1.0;
    for (const HzLine& l : merged) out.push_back({group.ppm + l.hz / mhz, l.area * centre, fwhm_hz, gauss_fraction});
    if (satellites.enabled) {
        for (const double side : {-0.5, 0.5})
            for (const HzLine& l : merged)
                out.push_back({group.ppm + (l.hz + side * satellites.j_ch_hz) / mhz, l.area * satellites.fraction, fwhm_hz,
                               gauss_fraction});
        std::sort(out.begin(), out.end(), [](const Line& a, const Line& b) { return a.ppm < b.ppm; });
    }
    return out;
}

}  // namespace sidepeak::spikein
