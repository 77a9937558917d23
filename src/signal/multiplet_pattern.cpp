// First-order multiplet analysis: a coupling tree is found by recursive doublet deconvolution of
// the observed line list (the J-tree search of first-order multiplet analysis, Hoye, Hanson and
// Vyvyan, J. Org. Chem. 1994, 59, 4096; Hoye and Zhao, J. Org. Chem. 2002, 67, 4014), then the
// centre and couplings are refined by linear least squares on the line positions, coincident
// lines being modelled as one line at their intensity-weighted mean.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "sidepeak/signal/multiplets.hpp"

namespace sidepeak::signal {

namespace {

constexpr std::size_t max_lines = 32;      // dddd / ddq at most
constexpr std::size_t max_spins = 7;       // doublet splittings in one tree (sept = 6)
constexpr std::size_t max_distinct = 4;    // distinct couplings
constexpr std::size_t node_budget = 20000;  // bounds the search on crowded line lists
constexpr std::size_t max_solutions = 64;

double binomial(int n, int k) {
    double r = 1.0;
    for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
    return r;
}

// Coupling-tree search. In a first-order pattern the lowest line has every spin in the same
// state, so for each coupling J the line J above it exists (possibly coinciding with others):
// every J is a distance from the lowest line (Hoye's reading of a multiplet from its outer line).
// Trees are grown with increasing J from that distance set, each J to 1..6 equivalent spins;
// a partial tree is kept only while all its lines anchored at the lowest line are observed (they
// are lines of the full pattern too), and a tree is complete when its splittings add up to the
// span of the lines (sum of n J = span), the last J taken from the remaining span.
struct TreeSearch {
    const std::vector<double>* f = nullptr;  // observed positions, sorted
    std::vector<double> distances;           // from the lowest line, ascending, distinct
    double tol = 0.3;                        // position tolerance of anchored lines
    double min_j = 0.0;
    std::size_t nodes = 0;
    std::vector<int> mult;
    std::vector<double> j;
    std::vector<std::pair<std::vector<int>, std::vector<double>>> trees;
};

bool near_observed(const std::vector<double>& f, double p, double tol) {
    const auto it = std::lower_bound(f.begin(), f.end(), p - tol);
    return it != f.end() && *it <= p + tol;
}

// Every line lowest + sum a_k J_k (0 <= a_k <= n_k) is observed.
bool anchored_lines_observed(const TreeSearch& t) {
    const std::vector<double>& f = *t.f;
    std::vector<double> lines = {f.front()};
    for (std::size_t k = 0; k < t.mult.size(); ++k) {
        const std::size_t base = lines.size();
        for (int a = 1; a <= t.mult[k]; ++a)
            for (std::size_t i = 0; i < base; ++i) {
                const double p = lines[i] + a * t.j[k];
                if (!near_observed(f, p, t.tol)) return false;
                lines.push_back(p);
            }
    }
    return true;
}

void grow(TreeSearch& t, std::size_t start, int spins, double remaining) {
    if (++t.nodes > node_budget || t.trees.size() >= max_solutions) return;
    const double prev = t.j.empty() ? 0.0 : t.j.back();
    const int spins_left = static_cast<int>(max_spins) - spins;
    // Close the tree: the last coupling takes the remaining span.
    for (int n = 1; n <= std::min(spins_left, 6); ++n) {
        const double jl = remaining / n;
        if (jl < t.min_j || (!t.j.empty() && jl <= prev + t.tol)) continue;
        const auto it = std::lower_bound(t.distances.begin(), t.distances.end(), jl - t.tol);
        if (it == t.distances.end() || *it > jl + t.tol) continue;
        t.mult.push_back(n);
        t.j.push_back(jl);
        if (anchored_lines_observed(t)) t.trees.emplace_back(t.mult, t.j);
        t.mult.pop_back();
        t.j.pop_back();
    }
    if (t.mult.size() + 1 >= max_distinct || spins_left < 2) return;
    // Or add an intermediate coupling, leaving room for a larger one.
    for (std::size_t d = start; d < t.distances.size(); ++d) {
        const double jv = t.distances[d];
        if (jv < t.min_j || (!t.j.empty() && jv <= prev + t.tol)) continue;
        if (2.0 * jv > remaining + t.tol) break;
        for (int n = 1; n < spins_left && n <= 6; ++n) {
            if ((n + 1) * jv > remaining + t.tol) break;
            t.mult.push_back(n);
            t.j.push_back(jv);
            if (anchored_lines_observed(t)) grow(t, d + 1, spins + n, remaining - n * jv);
            t.mult.pop_back();
            t.j.pop_back();
        }
    }
}

struct SimLine {
    double position = 0.0;  // relative to the centre
    double intensity = 0.0;
    std::vector<double> coeff;  // position = centre + sum coeff[k] J[k]
};

std::vector<SimLine> simulate(const std::vector<int>& mult, const std::vector<double>& j) {
    std::vector<SimLine> lines(1);
    lines[0].intensity = 1.0;
    lines[0].coeff.assign(mult.size(), 0.0);
    for (std::size_t k = 0; k < mult.size(); ++k) {
        std::vector<SimLine> next;
        for (const SimLine& l : lines)
            for (int a = 0; a <= mult[k]; ++a) {
                SimLine c = l;
                c.coeff[k] = a - 0.5 * mult[k];
                c.position += c.coeff[k] * j[k];
                c.intensity *= binomial(mult[k], a);
                next.push_back(std::move(c));
            }
        lines = std::move(next);
    }
    return lines;
}

// Weighted linear least squares x = argmin sum w_i (b_i - A_i x)^2 by normal equations with
// partial pivoting (at most 5 unknowns).
bool solve_ls(const std::vector<std::vector<double>>& a, const std::vector<double>& b, const std::vector<double>& w,
              std::vector<double>& x) {
    const std::size_t m = x.size();
    std::vector<double> n(m * m, 0.0), r(m, 0.0);
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t p = 0; p < m; ++p) {
            r[p] += w[i] * a[i][p] * b[i];
            for (std::size_t q = 0; q < m; ++q) n[p * m + q] += w[i] * a[i][p] * a[i][q];
        }
    for (std::size_t col = 0; col < m; ++col) {
        std::size_t piv = col;
        for (std::size_t row = col + 1; row < m; ++row)
            if (std::abs(n[row * m + col]) > std::abs(n[piv * m + col])) piv = row;
        if (std::abs(n[piv * m + col]) < 1e-12) return false;
        if (piv != col) {
            for (std::size_t q = 0; q < m; ++q) std::swap(n[piv * m + q], n[col * m + q]);
            std::swap(r[piv], r[col]);
        }
        for (std::size_t row = col + 1; row < m; ++row) {
            const double f = n[row * m + col] / n[col * m + col];
            for (std::size_t q = col; q < m; ++q) n[row * m + q] -= f * n[col * m + q];
            r[row] -= f * r[col];
        }
    }
    for (std::size_t row = m; row-- > 0;) {
        double s = r[row];
        for (std::size_t q = row + 1; q < m; ++q) s -= n[row * m + q] * x[q];
        x[row] = s / n[row * m + row];
    }
    return true;
}

struct Fit {
    bool ok = false;
    std::vector<int> mult;
    std::vector<double> j;
    double rms = HUGE_VAL;
    int spins = 0;
};

// Refines centre and couplings of the tree (mult, j) against the observed lines f (sorted) with
// heights h, then checks positions and intensities.
Fit refine(const std::vector<double>& f, const std::vector<double>& h, std::vector<int> mult, std::vector<double> j,
           const PatternOptions& o, double hsum) {
    Fit fit;
    const std::size_t n = f.size(), k = mult.size();
    double half_span = 0.0;
    for (std::size_t q = 0; q < k; ++q) half_span += 0.5 * mult[q] * j[q];
    double centre = f.front() + half_span;
    std::vector<std::size_t> owner;
    std::vector<SimLine> sim;
    std::vector<double> model(n), weight_sum(n);
    for (int pass = 0; pass < 4; ++pass) {
        sim = simulate(mult, j);
        owner.assign(sim.size(), 0);
        std::vector<std::vector<double>> rows(n, std::vector<double>(k + 1, 0.0));
        std::fill(weight_sum.begin(), weight_sum.end(), 0.0);
        std::vector<std::size_t> count(n, 0);
        for (std::size_t l = 0; l < sim.size(); ++l) {
            const double p = centre + sim[l].position;
            const auto it = std::lower_bound(f.begin(), f.end(), p);
            std::size_t i = static_cast<std::size_t>(it - f.begin());
            if (i == n || (i > 0 && p - f[i - 1] < f[i] - p)) i = i == 0 ? 0 : i - 1;
            owner[l] = i;
            ++count[i];
            weight_sum[i] += sim[l].intensity;
            rows[i][0] += sim[l].intensity;
            for (std::size_t q = 0; q < k; ++q) rows[i][q + 1] += sim[l].intensity * sim[l].coeff[q];
        }
        std::vector<double> w(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (count[i] == 0) return fit;  // an observed line the tree does not explain
            for (double& v : rows[i]) v /= weight_sum[i];
            // An unresolved group's apex is only near its weighted mean: it counts less.
            w[i] = count[i] == 1 ? 1.0 : 0.25;
        }
        std::vector<double> x(k + 1, 0.0);
        if (!solve_ls(rows, f, w, x)) return fit;
        centre = x[0];
        for (std::size_t q = 0; q < k; ++q) j[q] = x[q + 1];
        for (std::size_t i = 0; i < n; ++i) {
            model[i] = 0.0;
            for (std::size_t q = 0; q <= k; ++q) model[i] += rows[i][q] * x[q];
        }
    }
    double isum = 0.0;
    for (const SimLine& l : sim) isum += l.intensity;
    double ss = 0.0;
    const double merged_tol = std::max(o.tolerance_hz, 0.5 * o.line_width_hz);
    std::vector<std::size_t> count(n, 0);
    for (const std::size_t i : owner) ++count[i];
    for (std::size_t i = 0; i < n; ++i) {
        const double e = model[i] - f[i];
        ss += e * e;
        if (std::abs(e) > (count[i] == 1 ? o.tolerance_hz : merged_tol)) return fit;
        const double expected = weight_sum[i] / isum * hsum;
        const double ratio_max = 1.0 + o.intensity_tolerance;
        const bool ratio_ok = h[i] <= expected * ratio_max && h[i] >= expected / ratio_max;
        if (!ratio_ok && std::abs(h[i] - expected) > 3.0 * o.noise) return fit;
    }
    for (std::size_t q = 0; q < k; ++q)
        if (!(j[q] > o.tolerance_hz) || j[q] < o.line_width_hz) return fit;
    // Two distinct couplings that refined onto each other are one coupling to more spins.
    for (std::size_t p = 0; p < k; ++p)
        for (std::size_t q = p + 1; q < k; ++q)
            if (std::abs(j[p] - j[q]) <= o.tolerance_hz) return fit;
    if (k == 1 && mult[0] == 1) {
        // A doublet: both lines equal except for the roof effect that a partner at least
        // partner_distance_hz away can cause (AB intensities (1 +- sin 2t), tan 2t = J / dv) and
        // the noise of the two heights.
        const double s2t = std::sin(std::atan(j[0] / (o.partner_distance_hz + j[0])));
        const double roof = (1.0 + s2t) / (1.0 - s2t);
        const double lo = std::min(h[0], h[1]), hi = std::max(h[0], h[1]);
        if (hi > lo * roof + 3.0 * std::sqrt(2.0) * o.noise) return fit;
    }
    fit.ok = true;
    fit.mult = std::move(mult);
    fit.j = std::move(j);
    fit.rms = std::sqrt(ss / static_cast<double>(n));
    fit.spins = std::accumulate(fit.mult.begin(), fit.mult.end(), 0);
    return fit;
}

// Lines per coupling (spins + 1), largest J first.
Multiplicity multiplicity_of(const std::vector<int>& mult, const std::vector<double>& j) {
    std::vector<std::size_t> order(mult.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return j[x] > j[y]; });
    std::vector<int> lines;
    for (const std::size_t o : order) lines.push_back(mult[o] + 1);
    return Multiplicity::of(std::move(lines));
}

}  // namespace

PatternMatch classify_pattern(std::span<const double> positions_hz, std::span<const double> heights,
                              double tolerance_hz, double intensity_tolerance) {
    PatternOptions o;
    o.tolerance_hz = tolerance_hz;
    o.intensity_tolerance = intensity_tolerance;
    return classify_pattern(positions_hz, heights, o);
}

PatternMatch classify_pattern(std::span<const double> positions_hz, std::span<const double> heights,
                              const PatternOptions& options) {
    PatternMatch best;
    const std::size_t n = positions_hz.size();
    if (n == 0 || heights.size() != n) return best;
    if (n == 1) {
        best.multiplicity = Multiplicity::singlet();
        return best;
    }
    if (n > max_lines) return best;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return positions_hz[a] < positions_hz[b]; });
    std::vector<double> f(n), h(n);
    for (std::size_t i = 0; i < n; ++i) {
        f[i] = positions_hz[order[i]];
        h[i] = std::max(heights[order[i]], 0.0);
    }
    const double hsum = std::accumulate(h.begin(), h.end(), 0.0);
    if (!(hsum > 0.0)) return best;

    TreeSearch ts;
    ts.f = &f;
    // Anchored lines drift by up to the merge offset of unresolved lines: half a line width.
    ts.tol = std::max(options.tolerance_hz, 0.5 * options.line_width_hz);
    ts.min_j = std::max(options.line_width_hz, options.tolerance_hz) - ts.tol;
    for (std::size_t i = 1; i < n; ++i)
        if (ts.distances.empty() || f[i] - f[0] - ts.distances.back() > ts.tol) ts.distances.push_back(f[i] - f[0]);
    grow(ts, 0, 0, f[n - 1] - f[0]);

    Fit chosen;
    std::size_t chosen_distinct = max_distinct + 1;
    for (const auto& [mult, jv] : ts.trees) {
        Fit fit = refine(f, h, mult, jv, options, hsum);
        if (!fit.ok) continue;
        const std::size_t d = fit.mult.size();
        const bool better = d < chosen_distinct || (d == chosen_distinct && (fit.spins < chosen.spins ||
                                                                             (fit.spins == chosen.spins && fit.rms < chosen.rms)));
        if (better) {
            chosen_distinct = d;
            chosen = std::move(fit);
        }
    }
    if (!chosen.ok) return best;
    best.multiplicity = multiplicity_of(chosen.mult, chosen.j);
    best.rms_error_hz = chosen.rms;
    // J listed once per distinct coupling, largest first.
    best.j_hz = chosen.j;
    std::sort(best.j_hz.begin(), best.j_hz.end(), std::greater<>());
    return best;
}

}  // namespace sidepeak::signal
