#include "precursor_elutions.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace sidepeak::classify::detail {
namespace {

// Two DDA triggers of one peak lie within its base width, ~1.7 FWHM.
constexpr double kScanApartFwhm = 2.0;

struct Elution {
    double rt = 0.0, from = 0.0, to = 0.0, fwhm = 0.0;  // fwhm 0: an MS2 precursor, no feature
};

double median_fwhm(const IonTable& table) {
    std::vector<double> w;
    for (const auto& ion : table.ions())
        if (ion.feature->fwhm_s > 0.0) w.push_back(ion.feature->fwhm_s);
    if (w.empty()) return 0.0;
    std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(w.size() / 2), w.end());
    return w[w.size() / 2];
}

// The elutions at `mz` in run `run`: its features there, then its MS2 precursors outside them.
std::vector<Elution> elutions_at(const IonTable& table, const std::vector<signal::Feature>& features,
                                 const Ms2Access& ms2, std::size_t run, double mz) {
    std::vector<Elution> out;
    for (const auto* ion : table.find(mz, true, 1)) {
        const auto k = static_cast<std::size_t>(ion->feature - features.data());
        if (k < ms2.feature_run.size() && ms2.feature_run[k] != run) continue;
        const auto& f = *ion->feature;
        out.push_back({f.rt_s, f.rt_from_s, f.rt_to_s, f.fwhm_s});
    }
    const std::size_t n_features = out.size();
    const auto& index = *ms2.runs[run];
    const double margin = index.options().rt_margin_s;
    for (const std::size_t k : precursor_positions(table, index, mz)) {
        const double rt = index.scans()[k].rt_s;
        const bool inside = std::any_of(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n_features),
                                        [&](const Elution& e) { return rt >= e.from - margin && rt <= e.to + margin; });
        if (!inside) out.push_back({rt, rt, rt, 0.0});
    }
    return out;
}

}  // namespace

double scan_apart_s(const IonTable& table) { return kScanApartFwhm * median_fwhm(table); }

PrecursorPair precursor_pair(const IonTable& table, const std::vector<signal::Feature>& features,
                             const Ms2Access& ms2, double mz, double scan_apart) {
    for (std::size_t run = 0; run < ms2.runs.size(); ++run) {
        if (ms2.runs[run] == nullptr || ms2.runs[run]->size() == 0) continue;
        const auto e = elutions_at(table, features, ms2, run, mz);
        for (std::size_t i = 0; i < e.size(); ++i)
            for (std::size_t j = i + 1; j < e.size(); ++j) {
                const bool feature_i = e[i].fwhm > 0.0, feature_j = e[j].fwhm > 0.0;
                if (feature_i && feature_j) continue;
                const double apart = std::max({table.options().separation_s, e[i].fwhm, e[j].fwhm,
                                               feature_i || feature_j ? 0.0 : scan_apart});
                if (std::abs(e[i].rt - e[j].rt) > apart) return {true, e[i].rt, e[j].rt};
            }
    }
    return {};
}

DecoyTest precursor_pair_test(const IonTable& table, const std::vector<signal::Feature>& features,
                              const Ms2Access& ms2, double mz, const std::vector<double>& offsets) {
    if (ms2.empty()) return {};
    const double apart = scan_apart_s(table);
    return decoy_test([&](double off) { return precursor_pair(table, features, ms2, mz + off, apart).found ? 1.0 : 0.0; },
                      &offsets);
}

}  // namespace sidepeak::classify::detail
