// Region phase-angle method. Each isolated signal region r (found on the phase-invariant
// magnitude) yields its own zero-order phase theta_r = arg(sum of the complex points over the
// region): over a window symmetric about a line the dispersion part integrates to zero, so the
// integral's phase is the line's phase error (the PAMPAS idea: Dzakula Z., "Phase angle
// measurement from peak areas (PAMPAS)", J. Magn. Reson. 146 (2000) 20-32). p0 and p1 follow from
// a weighted circular regression theta_r + p0 + p1 x_r = 0 over the region positions x_r: for a
// given p1 the best p0 is closed form, so p1 is scanned globally and polished with Brent's method
// (boost::math::tools::brent_find_minima). The result is refined by minimum-entropy (ACME) on the
// signal regions only, hence PhaseMethod::peak_minimum_entropy, and finally by the per-line
// Lorentzian fits of phase_lines.cpp.
#include <algorithm>
#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "phase_common.hpp"
#include "phase_methods.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal::detail {
namespace {

constexpr double kRad = std::numbers::pi / 180.0;
// The magnitude floor of the line search: the 10 % quantile of the magnitudes (rank n/10). Lines
// and their dispersion tails cover far less than 90 % of a 1H spectrum's points, so this quantile
// stays on baseline points, where the median of a crowded spectrum is lifted by the tails.
constexpr double kFloorQuantile = 0.1;
// Height above that floor, in noise sigmas, a magnitude maximum needs to seed a region: far beyond
// the noise maxima of the baseline points, so only lines seed a region.
constexpr double kSeedSigmas = 10.0;

struct Region {
    double theta = 0.0;  ///< phase of the region integral (radians)
    double x = 0.0;      ///< magnitude-weighted position (index / N)
    double weight = 0.0;
};

std::vector<Region> find_regions(const PhaseView& view) {
    const auto& z = view.z;
    const std::size_t n = z.size();
    std::vector<Region> regions;
    if (n < 16) return regions;
    const double sigma = complex_noise_sigma(z);
    std::vector<double> mag(n);
    for (std::size_t i = 0; i < n; ++i) mag[i] = std::sqrt(std::norm(z[i]));
    // Lines: maxima of the (phase-invariant) magnitude clearly above the noise floor that fall
    // below half their height on both sides (ripples on a dispersion tail do not). The floor is
    // a low quantile: dispersion tails lift the median of a crowded spectrum far above the noise.
    std::vector<double> tmp = mag;
    const double seed_level = upper_quantile_inplace(tmp, kFloorQuantile) + kSeedSigmas * sigma;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        if (!(mag[i] > seed_level && mag[i] >= mag[i - 1] && mag[i] > mag[i + 1])) continue;
        const double half = 0.5 * mag[i];
        std::size_t b = i;
        std::size_t e = i;
        while (b > 0 && mag[b - 1] > half && mag[b - 1] <= mag[b]) --b;
        while (e + 1 < n && mag[e + 1] > half && mag[e + 1] <= mag[e]) ++e;
        if (b == 0 || e + 1 == n || mag[b - 1] > half || mag[e + 1] > half) continue;
        // Window symmetric about the apex: over it the line's dispersion integrates to zero, so
        // the phase of the sum is the line's phase (PAMPAS).
        const std::size_t w = std::max<std::size_t>(1, std::min(i - b, e - i));
        std::complex<double> sum{0.0, 0.0};
        double sum_abs = 0.0;
        for (std::size_t k = i - w; k <= i + w; ++k) {
            sum += z[k];
            sum_abs += mag[k];
        }
        // Coherence |sum z| / sum |z| is ~1 for a clean line and lower for a distorted one, which
        // then counts less; sqrt of the area keeps one huge line (solvent) from outvoting the rest.
        const double coherence = std::abs(sum) / sum_abs;
        const double x = view.run_pos0[0] + static_cast<double>(i) * view.dpos;
        regions.push_back({std::arg(sum), x, coherence * coherence * std::sqrt(std::abs(sum))});
    }
    return regions;
}

/// Resultant of the region phasors after a first-order correction p1 (radians): its length in
/// [0, 1] measures agreement; -arg is the matching p0.
std::complex<double> resultant(const std::vector<Region>& regions, double p1, double total_weight) {
    std::complex<double> s{0.0, 0.0};
    for (const auto& r : regions) s += r.weight * std::polar(1.0, r.theta + p1 * r.x);
    return s / total_weight;
}

}  // namespace

std::array<double, 2> region_phase_estimate(std::span<const std::complex<double>> spectrum) {
    const std::size_t n = spectrum.size();
    const auto view = decimated_view(spectrum, std::max<std::size_t>(1, n / kFineSize));
    const auto regions = find_regions(view);
    double total = 0.0;
    for (const auto& r : regions) total += r.weight;
    if (regions.empty() || !(total > 0.0)) return {0.0, 0.0};
    if (regions.size() == 1) return {wrap_deg(-regions[0].theta / kRad), 0.0};
    // Global scan over p1 with a mild preference for small |p1|, then Brent's method.
    auto objective = [&](double p1_deg) {
        return -std::abs(resultant(regions, p1_deg * kRad, total)) + 0.02 * std::abs(p1_deg) / kMaxP1Deg;
    };
    double best_p1 = 0.0;
    double best_f = objective(0.0);
    for (double p1 = -kMaxP1Deg; p1 <= kMaxP1Deg; p1 += 1.0) {
        const double f = objective(p1);
        if (f < best_f) {
            best_f = f;
            best_p1 = p1;
        }
    }
    const auto polished = boost::math::tools::brent_find_minima(objective, best_p1 - 1.0, best_p1 + 1.0, 30);
    const double p1 = polished.second < best_f ? polished.first : best_p1;
    const double p0 = -std::arg(resultant(regions, p1 * kRad, total)) / kRad;
    return {wrap_deg(p0), p1};
}

PhaseResult region_phase(std::span<const std::complex<double>> spectrum) {
    if (spectrum.size() < 16) return {0.0, 0.0, "peak_minimum_entropy"};
    const auto start = region_phase_estimate(spectrum);
    // The regional entropy first: the region estimate alone can be far off on crowded spectra
    // (overlapping dispersion tails bias the per-region phases), too far for the line fits.
    const auto fine = acme_refine(spectrum, start, 1.0);
    const auto result = line_phase_refine(spectrum, fine).value_or(fine);
    return {wrap_deg(result[0]), result[1], "peak_minimum_entropy"};
}

}  // namespace sidepeak::signal::detail
