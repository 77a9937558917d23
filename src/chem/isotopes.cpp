#include "sidepeak/chem/isotopes.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {
namespace {

// A distribution over nominal shifts from `origin` (the lightest possible nominal mass).
// p[i]: probability of origin + i; pm[i]: p[i] times the centroid mass.
struct Dist {
    int origin = 0;
    std::vector<double> p;
    std::vector<double> pm;
};

Dist unit() { return Dist{0, {1.0}, {0.0}}; }

void prune(Dist& d, int max_bins, double rel) {
    if (d.p.empty()) return;
    const double top = *std::max_element(d.p.begin(), d.p.end());
    // Trim the low end (only for elements whose light isotopes are rare) and the high end.
    std::size_t first = 0;
    while (first + 1 < d.p.size() && d.p[first] < rel * top) ++first;
    std::size_t last = d.p.size();
    while (last > first + 1 && d.p[last - 1] < rel * top) --last;
    last = std::min(last, first + static_cast<std::size_t>(max_bins));
    d.p = std::vector<double>(d.p.begin() + static_cast<std::ptrdiff_t>(first),
                              d.p.begin() + static_cast<std::ptrdiff_t>(last));
    d.pm = std::vector<double>(d.pm.begin() + static_cast<std::ptrdiff_t>(first),
                               d.pm.begin() + static_cast<std::ptrdiff_t>(last));
    d.origin += static_cast<int>(first);
}

Dist convolve(const Dist& a, const Dist& b, int max_bins, double rel) {
    Dist out;
    out.origin = a.origin + b.origin;
    out.p.assign(a.p.size() + b.p.size() - 1, 0.0);
    out.pm.assign(out.p.size(), 0.0);
    for (std::size_t i = 0; i < a.p.size(); ++i) {
        for (std::size_t j = 0; j < b.p.size(); ++j) {
            out.p[i + j] += a.p[i] * b.p[j];
            out.pm[i + j] += a.pm[i] * b.p[j] + a.p[i] * b.pm[j];
        }
    }
    prune(out, max_bins, rel);
    return out;
}

Dist element_dist(const Element& e) {
    Dist d;
    d.origin = e.isotopes.front().mass_number;
    const int span = e.isotopes.back().mass_number - d.origin + 1;
    d.p.assign(static_cast<std::size_t>(span), 0.0);
    d.pm.assign(d.p.size(), 0.0);
    for (const auto& iso : e.isotopes) {
        const auto k = static_cast<std::size_t>(iso.mass_number - d.origin);
        d.p[k] += iso.abundance;
        d.pm[k] += iso.abundance * iso.mass;
    }
    return d;
}

Dist power(Dist base, int n, int max_bins, double rel) {
    Dist result = unit();
    while (n > 0) {
        if ((n & 1) != 0) result = convolve(result, base, max_bins, rel);
        n >>= 1;
        if (n > 0) base = convolve(base, base, max_bins, rel);
    }
    return result;
}

}  // namespace

std::vector<IsotopePeak> isotope_pattern(const Formula& f, const IsotopeOptions& options) {
    if (f.has_negative()) throw UsageError("isotope pattern of a formula with negative counts: " + f.to_string());
    if (options.max_peaks < 1) throw UsageError("isotope pattern: max_peaks must be >= 1");
    // Bins are kept a little wider than asked so that low-side peaks (Fe-54) do not push M+n out.
    const int bins = options.max_peaks + 4;
    const double rel = std::max(options.prune, 0.0);
    Dist total = unit();
    int mono_nominal = 0;
    for (const auto& [sym, n] : f.elements()) {
        const Element* e = find_element(sym);
        if (e == nullptr || n == 0) continue;
        mono_nominal += n * monoisotope(*e).mass_number;
        total = convolve(total, power(element_dist(*e), n, bins, rel), bins, rel);
    }
    const double electrons = f.charge() * kElectronMass;
    const double z = f.charge() == 0 ? 1.0 : std::abs(f.charge());
    std::vector<IsotopePeak> out;
    double mono_p = 0.0;
    for (std::size_t i = 0; i < total.p.size(); ++i) {
        if (total.p[i] <= 0.0) continue;
        IsotopePeak pk;
        pk.shift = total.origin + static_cast<int>(i) - mono_nominal;
        if (pk.shift >= options.max_peaks) break;
        pk.abundance = total.p[i];
        pk.mass = total.pm[i] / total.p[i] - electrons;
        pk.mz = pk.mass / z;
        if (pk.shift == 0) mono_p = pk.abundance;
        out.push_back(pk);
    }
    for (auto& pk : out) pk.relative = mono_p > 0.0 ? pk.abundance / mono_p : 0.0;
    return out;
}

double relative_abundance(const std::vector<IsotopePeak>& pattern, int shift) {
    for (const auto& pk : pattern) {
        if (pk.shift == shift) return pk.relative;
    }
    return 0.0;
}

IsotopeMatch score_isotopes(std::span<const double> observed_relative, const std::vector<IsotopePeak>& predicted,
                            const IsotopeScoreOptions& options) {
    IsotopeMatch m;
    double chi2 = 0.0;
    for (std::size_t k = 1; k <= observed_relative.size(); ++k) {
        const double pred = relative_abundance(predicted, static_cast<int>(k));
        const double obs = observed_relative[k - 1];
        const bool seen = std::isfinite(obs) && obs > 0.0;
        if (!seen && pred < options.min_predicted) continue;  // may be under the detection limit
        const double dev = (seen ? obs : 0.0) - pred;
        const double allowed = options.abs_tolerance + options.rel_tolerance * pred;
        chi2 += (dev / allowed) * (dev / allowed);
        m.max_deviation = std::max(m.max_deviation, std::abs(dev));
        ++m.compared;
    }
    m.score = m.compared == 0 ? 0.5 : std::exp(-chi2 / (2.0 * m.compared));
    return m;
}

}  // namespace sidepeak::chem
