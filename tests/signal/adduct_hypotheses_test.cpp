// Adduct grouping keeps its hypotheses compact (feature and adduct packed in 32 bits, the neutral
// masses in a parallel array: 12 bytes a hypothesis instead of 40) and must group exactly as the
// record-per-hypothesis search did, ties included: a run repeated end to end has thousands of
// features at exactly the same m/z, whose order among equal neutral masses decides which ion of a
// type joins a group first. The reference below is that record search.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>

#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/signal/adducts.hpp"

namespace sidepeak::signal {
namespace {

struct Grouping {
    int group;
    std::string adduct;
    double neutral_mass;
    bool operator==(const Grouping&) const = default;
};

std::vector<const chem::Adduct*> positive_adducts() {
    std::vector<const chem::Adduct*> out;
    for (const auto& a : chem::adduct_table()) {
        if (a.charge > 0 && a.name != "[M]+") out.push_back(&a);
    }
    return out;
}

bool fits(const Feature& f, const chem::Adduct& a) { return f.charge == 0 || f.charge == std::abs(a.charge); }

// The record search: one (mass, RT, feature, adduct) record per hypothesis, sorted by mass.
std::vector<Grouping> reference(std::vector<FeatureCandidate> c, const AdductOptions& o) {
    const auto adducts = positive_adducts();
    struct Entry {
        double neutral;
        double rt_s;
        std::size_t feature;
        std::size_t adduct;
    };
    std::vector<Entry> entries;
    for (std::size_t j = 0; j < c.size(); ++j) {
        for (std::size_t b = 0; b < adducts.size(); ++b) {
            if (!fits(c[j].feature, *adducts[b])) continue;
            const double m = chem::neutral_mass(c[j].feature.mz, *adducts[b]);
            if (m > 0.0) entries.push_back({m, c[j].feature.rt_s, j, b});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) { return x.neutral < y.neutral; });
    std::vector<std::size_t> by_int(c.size());
    std::iota(by_int.begin(), by_int.end(), std::size_t{0});
    std::sort(by_int.begin(), by_int.end(),
              [&](std::size_t x, std::size_t y) { return c[x].feature.intensity > c[y].feature.intensity; });
    for (auto& x : c) x.feature.group = -1;
    int next = 0;
    for (const std::size_t i : by_int) {
        Feature& fi = c[i].feature;
        if (fi.group >= 0) continue;
        const chem::Adduct* best = nullptr;
        std::vector<std::pair<std::size_t, const chem::Adduct*>> best_support;
        for (std::size_t ai = 0; ai < adducts.size(); ++ai) {
            if (!fits(fi, *adducts[ai])) continue;
            const double m = chem::neutral_mass(fi.mz, *adducts[ai]);
            if (!(m > 0.0)) continue;
            const double tol = m * o.ppm * 1e-6;
            std::vector<std::pair<std::size_t, const chem::Adduct*>> support;
            auto it = std::lower_bound(entries.begin(), entries.end(), m - tol,
                                       [](const Entry& e, double v) { return e.neutral < v; });
            for (; it != entries.end() && it->neutral <= m + tol; ++it) {
                if (std::abs(it->rt_s - fi.rt_s) > o.rt_tolerance_s) continue;
                const std::size_t j = it->feature;
                if (j == i || it->adduct == ai || c[j].feature.group >= 0) continue;
                if (profile_correlation(c[i], c[j]) < o.min_correlation) continue;
                if (std::none_of(support.begin(), support.end(), [j](const auto& x) { return x.first == j; })) {
                    support.emplace_back(j, adducts[it->adduct]);
                }
            }
            if (support.size() > best_support.size()) {
                best = adducts[ai];
                best_support = std::move(support);
            }
        }
        if (best == nullptr) continue;
        const int g = next++;
        fi.group = g;
        fi.adduct = best->name;
        fi.neutral_mass = chem::neutral_mass(fi.mz, *best);
        for (const auto& [j, b] : best_support) {
            Feature& fj = c[j].feature;
            if (fj.group >= 0) continue;
            fj.group = g;
            fj.adduct = b->name;
            fj.neutral_mass = chem::neutral_mass(fj.mz, *b);
        }
    }
    std::vector<Grouping> out;
    for (const auto& x : c) out.push_back({x.feature.group, x.feature.adduct, x.feature.neutral_mass});
    return out;
}

// Neutrals ionised as several adducts at one RT with Gaussian profiles, the whole set repeated at
// RT shifts (exact m/z ties across repeats) and with a few equal intensities.
std::vector<FeatureCandidate> repeated_compounds(std::size_t compounds, std::size_t repeats) {
    const auto adducts = positive_adducts();
    std::vector<FeatureCandidate> out;
    for (std::size_t r = 0; r < repeats; ++r) {
        std::mt19937 same(11);  // the same compounds in every repeat
        std::uniform_real_distribution<double> m(150.0, 900.0);
        for (std::size_t k = 0; k < compounds; ++k) {
            const double neutral = m(same);
            const double rt = 10.0 + 4.0 * static_cast<double>(k % 50) + 400.0 * static_cast<double>(r);
            for (std::size_t ion = 0; ion < 3; ++ion) {
                const chem::Adduct& a = *adducts[(k + 3 * ion) % adducts.size()];
                FeatureCandidate c;
                c.feature.mz = (neutral * a.multimer + a.mass_shift) / std::abs(a.charge);
                c.feature.rt_s = rt + 0.1 * static_cast<double>(ion);
                c.feature.intensity = 1e5 * static_cast<double>(1 + (k + ion) % 4);
                c.feature.charge = ion == 2 ? 0 : std::abs(a.charge);
                const std::uint32_t apex = static_cast<std::uint32_t>(rt);
                for (std::uint32_t s = apex - 5; s <= apex + 5; ++s) {
                    const double d = static_cast<double>(s) - rt;
                    c.scan.push_back(s);
                    c.profile.push_back(c.feature.intensity * std::exp(-0.5 * d * d / 4.0) + static_cast<double>(ion));
                }
                out.push_back(std::move(c));
            }
        }
    }
    return out;
}

TEST(AdductHypotheses, GroupsExactlyAsTheRecordSearchWithTies) {
    for (const std::size_t repeats : {1u, 3u, 8u}) {
        auto candidates = repeated_compounds(120, repeats);
        const AdductOptions options;
        const auto expected = reference(candidates, options);
        group_adducts(candidates, options);
        std::size_t grouped = 0;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            const Grouping got{candidates[i].feature.group, candidates[i].feature.adduct, candidates[i].feature.neutral_mass};
            EXPECT_EQ(got, expected[i]) << "repeats " << repeats << " feature " << i;
            grouped += got.group >= 0 ? 1 : 0;
        }
        EXPECT_GT(grouped, candidates.size() / 2) << "the synthetic set must exercise the grouping";
    }
}

}  // namespace
}  // namespace sidepeak::signal
