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

// Point sum over the points of [ppm_a, ppm_b]; `positive_only` clips each value at 0.
double point_sum(const NmrSpectrum& s, double ppm_a, double ppm_b, bool positive_only) {
    if (s.size() < 2) return 0.0;
    double i0 = s.index_of(ppm_a), i1 = s.index_of(ppm_b);
    if (i0 > i1) std::swap(i0, i1);
    const double last = static_cast<double>(s.size() - 1);
    i0 = std::clamp(std::ceil(i0), 0.0, last);
    i1 = std::clamp(std::floor(i1), 0.0, last);
    double sum = 0.0;
    for (auto i = static_cast<std::size_t>(i0); i <= static_cast<std::size_t>(i1) && i < s.size(); ++i) {
        const double v = s.real[i];
        if (!std::isfinite(v)) continue;
        sum += positive_only ? std::max(v, 0.0) : v;
    }
    return sum * std::abs(s.ppm_step());
}

}  // namespace

double integrate_points(const NmrSpectrum& spectrum, double ppm_from, double ppm_to) {
    return point_sum(spectrum, ppm_from, ppm_to, false);
}

double integrate_positive_points(const NmrSpectrum& spectrum, double ppm_from, double ppm_to) {
    return point_sum(spectrum, ppm_from, ppm_to, true);
}

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
