#include "sidepeak/chem/kendrick.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sidepeak/core/error.hpp"

namespace sidepeak::chem {

KendrickBase kendrick_base(const Formula& repeat_unit) {
    if (repeat_unit.empty() || repeat_unit.has_negative())
        throw UsageError("Kendrick base needs a non-empty formula, got '" + repeat_unit.to_string() + "'");
    if (repeat_unit.charge() != 0) throw UsageError("Kendrick base must be neutral: " + repeat_unit.to_string());
    return KendrickBase{repeat_unit.to_string(), repeat_unit.monoisotopic_mass(), repeat_unit.nominal_mass()};
}

double kendrick_mass(double mass, const KendrickBase& base) { return mass * base.nominal / base.exact; }

double kendrick_mass_defect(double mass, const KendrickBase& base) {
    const double km = kendrick_mass(mass, base);
    return std::round(km) - km;
}

double kmd_distance(double a, double b) {
    const double d = std::abs(a - b);
    const double frac = d - std::floor(d);
    return std::min(frac, 1.0 - frac);
}

std::vector<KendrickSeries> find_series(std::span<const double> masses, const KendrickBase& base,
                                        const SeriesOptions& options) {
    std::vector<KendrickSeries> out;
    if (base.exact <= 0.0 || base.nominal <= 0) throw UsageError("find_series: invalid Kendrick base");
    const std::size_t n = masses.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::erase_if(order, [&](std::size_t i) { return !std::isfinite(masses[i]) || masses[i] <= 0.0; });
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return masses[a] < masses[b]; });
    const std::size_t m = order.size();
    std::vector<double> km(m);
    for (std::size_t r = 0; r < m; ++r) km[r] = kendrick_mass(masses[order[r]], base);
    auto tol_km = [&](double m1, double m2) {
        const double tol_mass = options.tolerance_ppm * 1e-6 * (m1 + m2) + options.abs_tolerance;
        return tol_mass * base.nominal / base.exact;
    };
    // Successor search by binary search in KM (sorted like the masses).
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> next(m, kNone);
    std::vector<std::size_t> prev(m, kNone);
    std::vector<double> prev_err(m, std::numeric_limits<double>::infinity());
    for (std::size_t r = 0; r < m; ++r) {
        const double target = km[r] + base.nominal;
        const double tol = tol_km(masses[order[r]], masses[order[r]] + base.exact);
        auto lo = std::lower_bound(km.begin(), km.end(), target - tol);
        double best = std::numeric_limits<double>::infinity();
        std::size_t best_s = kNone;
        for (auto it = lo; it != km.end() && *it <= target + tol; ++it) {
            const double err = std::abs(*it - target);
            if (err < best) {
                best = err;
                best_s = static_cast<std::size_t>(it - km.begin());
            }
        }
        if (best_s == kNone) continue;
        next[r] = best_s;
        if (best < prev_err[best_s]) {
            prev_err[best_s] = best;
            prev[best_s] = r;
        }
    }
    // Keep only mutual links (the closest predecessor wins), then walk the chains.
    for (std::size_t r = 0; r < m; ++r) {
        if (next[r] != kNone && prev[next[r]] != r) next[r] = kNone;
    }
    std::vector<bool> has_prev(m, false);
    for (std::size_t r = 0; r < m; ++r) {
        if (next[r] != kNone) has_prev[next[r]] = true;
    }
    for (std::size_t r = 0; r < m; ++r) {
        if (has_prev[r]) continue;
        KendrickSeries s;
        s.kmd = kendrick_mass_defect(masses[order[r]], base);
        for (std::size_t cur = r; cur != kNone; cur = next[cur]) {
            s.members.push_back(order[cur]);
            s.max_kmd_spread =
                std::max(s.max_kmd_spread, kmd_distance(s.kmd, kendrick_mass_defect(masses[order[cur]], base)));
        }
        if (s.members.size() >= std::max<std::size_t>(options.min_members, 2)) out.push_back(std::move(s));
    }
    return out;
}

}  // namespace sidepeak::chem
