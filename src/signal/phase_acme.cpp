// ACME automatic phasing: Chen L., Weng Z., Goh L., Garland M., "An efficient algorithm for
// automatic phase correction of NMR spectra based on entropy minimization", J. Magn. Reson. 158
// (2002) 164-168. Search: coarse grid on a decimated spectrum (global), Nelder-Mead from the best
// distinct grid cells; then the per-line fits (phase_lines.cpp) or, where they do not decide, a
// Nelder-Mead refinement at higher resolution on the signal regions.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "phase_common.hpp"
#include "phase_methods.hpp"

namespace sidepeak::signal::detail {
namespace {

constexpr double kRad = std::numbers::pi / 180.0;

/// Soft wall keeping |p1| within the bound: beyond it a large p1 is a group delay, not a phase.
double p1_wall(double p1_deg) {
    const double excess = std::abs(p1_deg) - kMaxP1Deg;
    return excess > 0.0 ? 1e-2 * excess * excess : 0.0;
}

}  // namespace

std::array<double, 2> acme_refine(std::span<const std::complex<double>> spectrum, std::array<double, 2> start_deg,
                                  double step_deg) {
    const std::size_t n = spectrum.size();
    const std::size_t factor = std::max<std::size_t>(1, n / kFineSize);
    const auto coarse = decimated_view(spectrum, factor);
    // Restrict to the signals and their wings: baseline-only stretches carry no phase information.
    const auto mask = signal_mask(coarse.z, 5.0, std::max<std::size_t>(8, coarse.z.size() / 256));
    auto view = masked_view(spectrum, factor, mask, {0.0, 0.0});
    if (view.z.size() < 16) view = coarse;
    std::vector<double> scratch;
    auto cost = [&](double p0, double p1) { return acme_cost(view, p0 * kRad, p1 * kRad, scratch) + p1_wall(p1); };
    return nelder_mead(cost, start_deg, {step_deg, 2.0 * step_deg}, 0.1, 50);
}

/// ACME cost on the signal regions of a box-sum decimated copy with `blocks` blocks.
struct CoarseCost {
    PhaseView view;
    std::vector<double> scratch;

    CoarseCost(std::span<const std::complex<double>> spectrum, std::size_t blocks) {
        const std::size_t factor = std::max<std::size_t>(1, spectrum.size() / blocks);
        const auto full = decimated_view(spectrum, factor);
        // Signal regions with generous margins; each run carries its own baseline in acme_cost.
        const auto mask = signal_mask(full.z, 5.0, std::max<std::size_t>(8, full.z.size() / 256));
        view = masked_view(spectrum, factor, mask, {0.0, 0.0});
        if (view.z.size() < 16) view = full;
    }
    double operator()(double p0_deg, double p1_deg) {
        return acme_cost(view, p0_deg * kRad, p1_deg * kRad, scratch) + p1_wall(p1_deg);
    }
};

PhaseResult acme_phase(std::span<const std::complex<double>> spectrum) {
    const std::size_t n = spectrum.size();
    if (n < 16) return {0.0, 0.0, "acme"};
    // Global grid and local minimisation on a coarse copy (the line fits or the fine entropy
    // stage that follow need only a start).
    CoarseCost cost(spectrum, kCoarseSize);

    struct Cell {
        double p0, p1, f;
    };
    std::vector<Cell> cells;
    for (double p1 = -kGridP1Deg; p1 <= kGridP1Deg + 1e-9; p1 += kGridP1StepDeg)
        for (double p0 = -180.0; p0 < 180.0; p0 += kGridP0StepDeg) cells.push_back({p0, p1, cost(p0, p1)});
    std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.f < b.f; });

    // Local minimisation from the best few distinct cells (distinct: not neighbours on the grid).
    std::vector<Cell> starts;
    for (const auto& c : cells) {
        const bool near = std::any_of(starts.begin(), starts.end(), [&](const Cell& s) {
            return std::abs(wrap_deg(c.p0 - s.p0)) <= 1.5 * kGridP0StepDeg &&
                   std::abs(c.p1 - s.p1) <= 1.5 * kGridP1StepDeg;
        });
        if (!near) starts.push_back(c);
        if (starts.size() == 2) break;
    }
    std::array<double, 2> best{0.0, 0.0};
    double best_f = std::numeric_limits<double>::infinity();
    auto f_cost = [&](double p0, double p1) { return cost(p0, p1); };
    for (const auto& s : starts) {
        const auto x =
            nelder_mead(f_cost, {s.p0, s.p1}, {kGridP0StepDeg / 2.0, kGridP1StepDeg / 2.0}, 0.5, kGlobalEvals);
        const double f = cost(x[0], x[1]);
        if (f < best_f) {
            best_f = f;
            best = x;
        }
    }
    // The line fits remove the entropy criterion's bias; where the lines do not decide, the
    // entropy optimum is refined at higher resolution instead.
    if (const auto lines = line_phase_refine(spectrum, best)) return {wrap_deg((*lines)[0]), (*lines)[1], "acme"};
    const auto fine = acme_refine(spectrum, best, 2.0);
    return {wrap_deg(fine[0]), fine[1], "acme"};
}

}  // namespace sidepeak::signal::detail
