#include "sidepeak/signal/ms_noise.hpp"

#include "sidepeak/signal/robust_stats.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sidepeak::signal {

double median_positive(std::span<const double> intensity) {
    std::vector<double> v;
    v.reserve(intensity.size());
    for (double x : intensity) {
        if (x > 0.0 && std::isfinite(x)) v.push_back(x);
    }
    return median_inplace(v);
}

double spectrum_noise(std::span<const double> intensity) { return median_positive(intensity); }

double run_noise(const MsRun& run) {
    std::vector<double> levels;
    for (const auto& s : run.spectra) {
        if (s.ms_level != 1) continue;
        const double n = spectrum_noise(s.intensity);
        if (n > 0.0) levels.push_back(n);
    }
    return median_positive(levels);
}

}  // namespace sidepeak::signal
