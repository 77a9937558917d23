#include "sidepeak/signal/adducts.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sidepeak/chem/adducts.hpp"

namespace sidepeak::signal {
namespace {

// Adducts that pair with other ions of the same neutral. The permanent cation "[M]+" is left
// out: it carries no added ion, so any [M+H]+ one proton heavier would pair with it.
std::vector<const chem::Adduct*> usable_adducts(bool positive) {
    std::vector<const chem::Adduct*> out;
    for (const auto& a : chem::adduct_table()) {
        if ((a.charge > 0) != positive) continue;
        if (a.name == "[M]+") continue;
        out.push_back(&a);
    }
    return out;
}

bool charge_fits(const Feature& f, const chem::Adduct& a) { return f.charge == 0 || f.charge == std::abs(a.charge); }

}  // namespace

void group_adducts(std::vector<FeatureCandidate>& candidates, const AdductOptions& options) {
    for (auto& c : candidates) {
        c.feature.group = -1;
        c.feature.adduct.clear();
        c.feature.neutral_mass = 0.0;
    }
    if (!options.positive) return;
    const auto adducts = usable_adducts(options.positive);
    const std::size_t n = candidates.size();
    // Features by apex RT for the co-elution window, and by intensity for the processing order.
    std::vector<std::size_t> by_rt(n), by_int(n);
    std::iota(by_rt.begin(), by_rt.end(), std::size_t{0});
    std::iota(by_int.begin(), by_int.end(), std::size_t{0});
    std::sort(by_rt.begin(), by_rt.end(),
              [&](std::size_t a, std::size_t b) { return candidates[a].feature.rt_s < candidates[b].feature.rt_s; });
    std::sort(by_int.begin(), by_int.end(), [&](std::size_t a, std::size_t b) {
        return candidates[a].feature.intensity > candidates[b].feature.intensity;
    });
    std::vector<double> rts(n);
    for (std::size_t k = 0; k < n; ++k) rts[k] = candidates[by_rt[k]].feature.rt_s;

    int next_group = 0;
    std::vector<std::size_t> partners;
    for (const std::size_t i : by_int) {
        Feature& fi = candidates[i].feature;
        if (fi.group >= 0) continue;
        partners.clear();
        const auto lo = std::lower_bound(rts.begin(), rts.end(), fi.rt_s - options.rt_tolerance_s);
        for (auto it = lo; it != rts.end() && *it <= fi.rt_s + options.rt_tolerance_s; ++it) {
            const std::size_t j = by_rt[static_cast<std::size_t>(it - rts.begin())];
            if (j == i || candidates[j].feature.group >= 0) continue;
            if (profile_correlation(candidates[i], candidates[j]) < options.min_correlation) continue;
            partners.push_back(j);
        }
        if (partners.empty()) continue;

        // The hypothesis (adduct of i) that the most partners support.
        const chem::Adduct* best = nullptr;
        std::vector<std::pair<std::size_t, const chem::Adduct*>> best_support;
        for (const chem::Adduct* a : adducts) {
            if (!charge_fits(fi, *a)) continue;
            const double m = chem::neutral_mass(fi.mz, *a);
            if (!(m > 0.0)) continue;
            std::vector<std::pair<std::size_t, const chem::Adduct*>> support;
            for (const std::size_t j : partners) {
                const Feature& fj = candidates[j].feature;
                const chem::Adduct* match = nullptr;
                double match_err = options.ppm;
                for (const chem::Adduct* b : adducts) {
                    if (b == a || !charge_fits(fj, *b)) continue;
                    const double err = std::abs(chem::ppm_error(fj.mz, chem::adduct_mz(m, *b)));
                    if (err <= match_err) {
                        match_err = err;
                        match = b;
                    }
                }
                if (match != nullptr) support.emplace_back(j, match);
            }
            if (support.size() > best_support.size()) {
                best = a;
                best_support = std::move(support);
            }
        }
        if (best == nullptr || best_support.empty()) continue;
        const double m = chem::neutral_mass(fi.mz, *best);
        const int g = next_group++;
        fi.group = g;
        fi.adduct = best->name;
        fi.neutral_mass = m;
        for (const auto& [j, b] : best_support) {
            Feature& fj = candidates[j].feature;
            if (fj.group >= 0) continue;  // two ions of one type: the first keeps it
            fj.group = g;
            fj.adduct = b->name;
            fj.neutral_mass = chem::neutral_mass(fj.mz, *b);
        }
    }
}

}  // namespace sidepeak::signal
