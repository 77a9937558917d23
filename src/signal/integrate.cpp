#include "sidepeak/signal/integrate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sidepeak::signal {

namespace {

double value_at(const std::vector<double>& y, double x) {  // linear interpolation, x in [0, n-1]
    const auto i = static_cast<std::size_t>(std::floor(x));
    if (i + 1 >= y.size()) return y.back();
    const double t = x - static_cast<double>(i);
    return y[i] + t * (y[i + 1] - y[i]);
}

}  // namespace

double integrate(const NmrSpectrum& spectrum, double ppm_from, double ppm_to) {
    const std::vector<double>& y = spectrum.real;
    const std::size_t n = y.size();
    if (n < 2 || spectrum.ppm_step() == 0.0) return 0.0;
    const double last = static_cast<double>(n - 1);
    double a = std::clamp(spectrum.index_of(ppm_from), 0.0, last);
    double b = std::clamp(spectrum.index_of(ppm_to), 0.0, last);
    if (a > b) std::swap(a, b);
    if (!(b > a)) return 0.0;
    const double ia = std::ceil(a), ib = std::floor(b);
    double sum = 0.0;
    if (ia > ib) {  // both ends inside one interval
        sum = 0.5 * (value_at(y, a) + value_at(y, b)) * (b - a);
    } else {
        sum += 0.5 * (value_at(y, a) + y[static_cast<std::size_t>(ia)]) * (ia - a);
        for (auto k = static_cast<std::size_t>(ia); k < static_cast<std::size_t>(ib); ++k) sum += 0.5 * (y[k] + y[k + 1]);
        sum += 0.5 * (y[static_cast<std::size_t>(ib)] + value_at(y, b)) * (b - ib);
    }
    return sum * std::abs(spectrum.ppm_step());
}

void normalise(std::vector<Multiplet>& multiplets, std::size_t ref_index, double protons) {
    if (ref_index >= multiplets.size()) throw std::invalid_argument("normalise: reference index out of range");
    if (!(protons > 0.0)) throw std::invalid_argument("normalise: proton count must be positive");
    const double ref = multiplets[ref_index].area;
    if (!(ref > 0.0) || !std::isfinite(ref)) throw std::invalid_argument("normalise: reference area is not positive");
    for (Multiplet& m : multiplets) m.relative_area = m.area / ref * protons;
}

}  // namespace sidepeak::signal
