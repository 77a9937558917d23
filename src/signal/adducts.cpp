#include "sidepeak/signal/adducts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <numeric>

#include "bucketed_search.hpp"
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

// The (feature, adduct) hypotheses of a run sorted by the neutral mass they imply, in two parallel
// arrays: `neutral` (the look-up keys) and the feature index and adduct index packed in 32 bits.
// The order is the one a sort of (mass, feature, adduct) records gave, bit for bit: the same
// std::sort over the same initial order (features, then adducts) and the same comparisons.
class Hypotheses {
public:
    static constexpr unsigned kAdductBits = 5;  // up to 32 adducts of one polarity (chem/adducts.cpp has 11)

    Hypotheses(const std::vector<FeatureCandidate>& candidates, const std::vector<const chem::Adduct*>& adducts) {
        if (adducts.size() > (std::size_t{1} << kAdductBits) ||
            candidates.size() > (std::size_t{1} << (32 - kAdductBits))) {
            throw std::length_error("adduct grouping: more features or adducts than a hypothesis can index");
        }
        auto mass = [&](std::uint32_t id) {
            return chem::neutral_mass(candidates[id >> kAdductBits].feature.mz, *adducts[id & kAdductMask]);
        };
        // Counted first, so the array is allocated once at its size (no doubling of 20 MB arrays).
        auto for_each_id = [&](auto&& take) {
            for (std::size_t j = 0; j < candidates.size(); ++j) {
                for (std::size_t b = 0; b < adducts.size(); ++b) {
                    if (!charge_fits(candidates[j].feature, *adducts[b])) continue;
                    const auto id = static_cast<std::uint32_t>((j << kAdductBits) | b);
                    if (mass(id) > 0.0) take(id);
                }
            }
        };
        std::size_t count = 0;
        for_each_id([&count](std::uint32_t) { ++count; });
        id_.reserve(count);
        for_each_id([this](std::uint32_t id) { id_.push_back(id); });
        std::sort(id_.begin(), id_.end(), [&](std::uint32_t x, std::uint32_t y) { return mass(x) < mass(y); });
        neutral.resize(id_.size());
        for (std::size_t k = 0; k < id_.size(); ++k) neutral[k] = mass(id_[k]);
    }

    [[nodiscard]] std::size_t size() const { return id_.size(); }
    [[nodiscard]] std::size_t feature(std::size_t k) const { return id_[k] >> kAdductBits; }
    [[nodiscard]] std::size_t adduct(std::size_t k) const { return id_[k] & kAdductMask; }

    std::vector<double> neutral;  ///< ascending

private:
    static constexpr std::uint32_t kAdductMask = (std::uint32_t{1} << kAdductBits) - 1;
    std::vector<std::uint32_t> id_;
};

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
    // Every (feature, adduct) hypothesis as the neutral mass it implies, sorted by that mass: a
    // partner of hypothesis (i, a) is any entry (j, b) with the same neutral mass, found by one
    // bucketed look-up (bucketed_search.hpp), so a feature costs O(adducts) expected. A hypothesis
    // is its feature and adduct packed in 32 bits plus its mass in a parallel array (12 bytes; the
    // RT test reads the feature's own RT): a run of 527 000 features has about 5 million of them.
    const Hypotheses hyp(candidates, adducts);
    const detail::BucketedSearch by_mass(hyp.neutral);  // expected O(1) per hypothesis
    std::vector<std::size_t> by_int(n);
    std::iota(by_int.begin(), by_int.end(), std::size_t{0});
    std::sort(by_int.begin(), by_int.end(), [&](std::size_t x, std::size_t y) {
        return candidates[x].feature.intensity > candidates[y].feature.intensity;
    });
    // Correlations are cached per feature pair: several hypotheses test the same partner.
    std::vector<std::pair<std::size_t, double>> corr_cache;
    auto correlated = [&](std::size_t i, std::size_t j) {
        for (const auto& [k, c] : corr_cache) {
            if (k == j) return c >= options.min_correlation;
        }
        const double c = profile_correlation(candidates[i], candidates[j]);
        corr_cache.emplace_back(j, c);
        return c >= options.min_correlation;
    };

    int next_group = 0;
    for (const std::size_t i : by_int) {
        Feature& fi = candidates[i].feature;
        if (fi.group >= 0) continue;
        corr_cache.clear();
        // The hypothesis (adduct of i) that the most co-eluting, correlated partners support.
        const chem::Adduct* best = nullptr;
        std::vector<std::pair<std::size_t, const chem::Adduct*>> best_support;
        for (std::size_t ai = 0; ai < adducts.size(); ++ai) {
            const chem::Adduct* a = adducts[ai];
            if (!charge_fits(fi, *a)) continue;
            const double m = chem::neutral_mass(fi.mz, *a);
            if (!(m > 0.0)) continue;
            std::vector<std::pair<std::size_t, const chem::Adduct*>> support;
            const double tol = m * options.ppm * 1e-6;
            for (std::size_t k = by_mass.lower_bound(m - tol); k < hyp.size() && hyp.neutral[k] <= m + tol; ++k) {
                const std::size_t j = hyp.feature(k);
                if (std::abs(candidates[j].feature.rt_s - fi.rt_s) > options.rt_tolerance_s) continue;
                if (j == i || hyp.adduct(k) == ai || candidates[j].feature.group >= 0) continue;
                if (!correlated(i, j)) continue;
                const bool seen = std::any_of(support.begin(), support.end(), [j](const auto& x) { return x.first == j; });
                if (!seen) support.emplace_back(j, adducts[hyp.adduct(k)]);
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
