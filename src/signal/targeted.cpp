#include "sidepeak/signal/targeted.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace sidepeak::signal {
namespace {

// Whether `f` lies on the decoy grid of `t` (its m/z moved by k x step / |z|) within `ppm`, with
// the isotope evidence its S/N allows.
bool on_grid(const Feature& f, const MzTarget& t, double ppm, double step) {
    if (t.m1_ratio * f.snr >= kDetectionLimitSnr && f.isotopes.empty()) return false;
    const double z_step = step / std::max(1, std::abs(t.charge));
    const double k = std::round((f.mz - t.mz) / z_step);
    const double centre = t.mz + k * z_step;
    return std::abs(f.mz - centre) <= ppm * 1e-6 * centre;
}

}  // namespace

bool join_targeted_pool(Feature& f, std::size_t points, const TargetedPoolOptions& options) {
    if (f.run_snr < options.min_snr || f.chrom_snr < options.min_snr) return false;
    if (points < options.min_points || f.fwhm_s < options.min_fwhm_s) return false;
    f.snr = std::min(f.run_snr, f.chrom_snr);
    f.limit_snr = options.limit_snr;
    return true;
}

std::vector<Feature> extract_targeted(const std::vector<Feature>& pool, const std::vector<MzTarget>& targets, double ppm,
                                      double step) {
    std::vector<Feature> out;
    if (targets.empty() || !(step > 0.0)) return out;
    for (const Feature& f : pool) {
        const bool hit = std::any_of(targets.begin(), targets.end(),
                                     [&](const MzTarget& t) { return t.mz > 0.0 && on_grid(f, t, ppm, step); });
        if (!hit) continue;
        out.push_back(f);
        out.back().targeted = true;
    }
    std::stable_sort(out.begin(), out.end(), [](const Feature& a, const Feature& b) { return a.mz < b.mz; });
    return out;
}

}  // namespace sidepeak::signal
