#include "sidepeak/signal/isotopes.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/formula.hpp"
#include "sidepeak/chem/isotopes.hpp"

namespace sidepeak::signal {
namespace {

// Largest plausible intensity of M+k relative to M for an ion of neutral-ish mass `mass`,
// without a composition model: an all-carbon molecule (Poisson with lambda = n_C x 1.08 %)
// plus one heavy halogen (Br/Cl2: M+2 about M) for k >= 2.
double max_relative(double mass, int k, double slack) {
    const double lambda = std::max(mass, 12.0) / 12.0 * 0.0108;
    double poisson = 1.0;
    for (int i = 1; i <= k; ++i) poisson *= lambda / i;
    return slack * (poisson + (k >= 2 ? 1.0 : 0.0));
}

// Extra m/z a candidate is held beyond the reach of its isotope search (Da): far below any isotope
// spacing, far above the rounding of the search bounds.
constexpr double kReachMarginMz = 1e-3;

struct Chain {
    int charge = 0;
    std::vector<std::size_t> members;
    double correlation = 0.0;
};

}  // namespace

std::vector<FeatureCandidate> group_isotopes(std::vector<FeatureCandidate> candidates,
                                             const IsotopeGroupingOptions& options) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const FeatureCandidate& a, const FeatureCandidate& b) { return a.feature.mz < b.feature.mz; });
    std::vector<FeatureCandidate> out;
    out.reserve(candidates.size());
    IsotopeGrouper grouper(options, [&out](FeatureCandidate&& c) { out.push_back(std::move(c)); });
    for (auto& c : candidates) grouper.add(std::move(c));
    grouper.finish();
    return out;
}

IsotopeGrouper::IsotopeGrouper(const IsotopeGroupingOptions& options, Sink sink) : options_(options), sink_(std::move(sink)) {}

double IsotopeGrouper::reach(double mz) const {
    // The farthest position searched is M + max_isotopes at charge 1, plus its tolerance; the
    // margin only keeps a candidate a little longer than needed against rounding.
    const double far = mz + std::max(0, options_.max_isotopes) * chem::kC13Shift;
    return far + ppm_window(far, options_.ppm) + options_.abs_tolerance + kReachMarginMz;
}

void IsotopeGrouper::add(FeatureCandidate candidate) {
    const double mz = candidate.feature.mz;
    while (!window_.empty() && mz > reach(mz_.front())) settle_front();
    window_.push_back(std::move(candidate));
    mz_.push_back(mz);
    consumed_.push_back(0);
}

void IsotopeGrouper::finish() {
    while (!window_.empty()) settle_front();
}

void IsotopeGrouper::settle_front() {
    if (consumed_.front() == 0) {
        const std::size_t n = window_.size();
        const Feature& mono = window_.front().feature;
        Chain best;
        for (int z = 1; z <= options_.max_charge; ++z) {
            Chain chain;
            chain.charge = z;
            for (int k = 1; k <= options_.max_isotopes; ++k) {
                const double target = mono.mz + k * chem::kC13Shift / z;
                const double tol = ppm_window(target, options_.ppm) + options_.abs_tolerance / z;
                const double limit = max_relative(mono.mz * z, k, options_.max_m1_ratio_slack) * mono.intensity;
                auto it = std::lower_bound(mz_.begin(), mz_.end(), target - tol);
                std::size_t pick = n;
                double pick_corr = options_.min_correlation;
                for (; it != mz_.end() && *it <= target + tol; ++it) {
                    const auto j = static_cast<std::size_t>(it - mz_.begin());
                    if (j == 0 || consumed_[j]) continue;
                    const Feature& f = window_[j].feature;
                    if (std::abs(f.rt_s - mono.rt_s) > options_.rt_tolerance_s) continue;
                    if (f.intensity > limit) continue;
                    const double c = profile_correlation(window_.front(), window_[j]);
                    if (c >= pick_corr) {
                        pick_corr = c;
                        pick = j;
                    }
                }
                if (pick == n) break;
                chain.members.push_back(pick);
                chain.correlation += pick_corr;
            }
            // More isotopes explain more; on a tie the higher charge wins, because a lower-charge
            // hypothesis only ever finds a subset (every z-th peak) of a higher-charge pattern.
            if (chain.members.size() > best.members.size() ||
                (!chain.members.empty() && chain.members.size() == best.members.size())) {
                best = chain;
            }
        }
        Feature& f = window_.front().feature;
        if (best.members.empty()) {
            f.charge = 0;  // no pattern: charge unknown
        } else {
            f.charge = best.charge;
            f.isotopes.clear();
            f.isotope_intensities.clear();
            for (const std::size_t j : best.members) {
                consumed_[j] = 1;
                f.isotopes.push_back(window_[j].feature.mz);
                f.isotope_intensities.push_back(f.intensity > 0.0 ? window_[j].feature.intensity / f.intensity : 0.0);
            }
        }
        sink_(std::move(window_.front()));
    }
    window_.pop_front();
    mz_.pop_front();
    consumed_.pop_front();
}

double isotope_pattern_score(const Feature& feature, const std::string& ion_formula, double mass_ppm) {
    const chem::Formula formula(ion_formula);
    chem::IsotopeOptions iso;
    iso.max_peaks = static_cast<int>(feature.isotopes.size()) + 3;
    const auto pattern = chem::isotope_pattern(formula, iso);
    const auto mono = std::find_if(pattern.begin(), pattern.end(), [](const chem::IsotopePeak& p) { return p.shift == 0; });
    if (mono == pattern.end() || std::abs(feature.mz - mono->mz) > ppm_window(mono->mz, mass_ppm)) return 0.0;
    std::vector<double> observed(feature.isotopes.size(), 0.0);
    for (std::size_t k = 0; k < feature.isotopes.size(); ++k) {
        const int shift = static_cast<int>(k) + 1;
        const auto p = std::find_if(pattern.begin(), pattern.end(),
                                    [shift](const chem::IsotopePeak& q) { return q.shift == shift; });
        if (p == pattern.end()) continue;
        const double tol = ppm_window(p->mz, mass_ppm) + 0.003;
        if (std::abs(feature.isotopes[k] - p->mz) <= tol && k < feature.isotope_intensities.size()) {
            observed[k] = feature.isotope_intensities[k];
        }
    }
    return chem::score_isotopes(observed, pattern).score;
}

}  // namespace sidepeak::signal
