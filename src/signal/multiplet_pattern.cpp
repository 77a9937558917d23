// First-order multiplet recognition by simulation and least-squares refinement of the couplings.
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "sidepeak/signal/multiplets.hpp"

namespace sidepeak::signal {

namespace {

constexpr std::size_t max_couplings = 3;

struct Line {
    double position = 0.0;
    double intensity = 0.0;
    std::array<double, max_couplings> coeff{};  // position = centre + sum coeff[k] * J[k]
};

double binomial(int n, int k) {
    double r = 1.0;
    for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
    return r;
}

// Lines of a first-order pattern: coupling k to mult[k] equivalent spins with constant j[k].
std::vector<Line> simulate(const std::vector<int>& mult, const std::vector<double>& j) {
    std::vector<Line> lines(1);
    lines[0].intensity = 1.0;
    for (std::size_t k = 0; k < mult.size(); ++k) {
        std::vector<Line> next;
        for (const Line& l : lines)
            for (int a = 0; a <= mult[k]; ++a) {
                Line c = l;
                const double coef = a - 0.5 * mult[k];
                c.coeff[k] = coef;
                c.position += coef * j[k];
                c.intensity *= binomial(mult[k], a);
                next.push_back(c);
            }
        lines = std::move(next);
    }
    std::sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) { return x.position < y.position; });
    return lines;
}

// Lines closer than tol are one observed line: their intensities add.
std::vector<Line> merge(const std::vector<Line>& lines, double tol) {
    std::vector<Line> out;
    for (const Line& l : lines) {
        if (!out.empty() && l.position - out.back().position < tol) {
            out.back().intensity += l.intensity;
            continue;
        }
        out.push_back(l);
    }
    return out;
}

// Solves the (k+1)-unknown least-squares problem pos_i = c + sum coeff_ik J_k by normal equations.
bool refine(const std::vector<Line>& lines, std::span<const double> observed, std::size_t k, double& centre,
            std::vector<double>& j) {
    const std::size_t m = k + 1;
    std::array<double, (max_couplings + 1) * (max_couplings + 1)> a{};
    std::array<double, max_couplings + 1> b{};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::array<double, max_couplings + 1> row{};
        row[0] = 1.0;
        for (std::size_t q = 0; q < k; ++q) row[q + 1] = lines[i].coeff[q];
        for (std::size_t r = 0; r < m; ++r) {
            b[r] += row[r] * observed[i];
            for (std::size_t s = 0; s < m; ++s) a[r * m + s] += row[r] * row[s];
        }
    }
    // Gaussian elimination with partial pivoting (m <= 4).
    std::array<std::size_t, max_couplings + 1> perm{};
    std::iota(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(m), std::size_t{0});
    for (std::size_t col = 0; col < m; ++col) {
        std::size_t piv = col;
        for (std::size_t r = col + 1; r < m; ++r)
            if (std::abs(a[r * m + col]) > std::abs(a[piv * m + col])) piv = r;
        if (std::abs(a[piv * m + col]) < 1e-12) return false;
        if (piv != col) {
            for (std::size_t s = 0; s < m; ++s) std::swap(a[piv * m + s], a[col * m + s]);
            std::swap(b[piv], b[col]);
        }
        for (std::size_t r = col + 1; r < m; ++r) {
            const double f = a[r * m + col] / a[col * m + col];
            for (std::size_t s = col; s < m; ++s) a[r * m + s] -= f * a[col * m + s];
            b[r] -= f * b[col];
        }
    }
    std::array<double, max_couplings + 1> x{};
    for (std::size_t r = m; r-- > 0;) {
        double s = b[r];
        for (std::size_t q = r + 1; q < m; ++q) s -= a[r * m + q] * x[q];
        x[r] = s / a[r * m + r];
    }
    centre = x[0];
    for (std::size_t q = 0; q < k; ++q) j[q] = x[q + 1];
    return true;
}

struct Candidate {
    std::vector<int> mult;
};

// Every multiset of 1-3 couplings (to 1-6 equivalent spins) with at most 8 lines, simplest first.
std::vector<Candidate> candidates() {
    return {{{1}}, {{2}}, {{3}}, {{4}}, {{5}}, {{6}}, {{1, 1}}, {{1, 2}}, {{1, 3}}, {{1, 1, 1}}};
}

std::string name_of(const std::vector<int>& mult, const std::vector<double>& j) {
    static const char* const names[] = {"s", "d", "t", "q", "quint", "sext", "sept"};
    if (mult.size() == 1) return names[mult[0]];
    std::vector<std::size_t> order(mult.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return j[x] > j[y]; });
    std::string s;
    for (const std::size_t o : order) {
        if (mult[o] > 3) return "m";  // "dquint" etc. are not named here
        s += names[mult[o]];
    }
    return s;
}

}  // namespace

PatternMatch classify_pattern(std::span<const double> positions_hz, std::span<const double> heights,
                              double tolerance_hz, double intensity_tolerance) {
    PatternMatch best;
    const std::size_t n = positions_hz.size();
    if (n == 0 || heights.size() != n) return best;
    if (n == 1) {
        best.pattern = "s";
        return best;
    }
    if (n > 8) return best;
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
    const double ratio_max = 1.0 + intensity_tolerance;
    std::vector<double> diffs;
    for (std::size_t i = 1; i < n; ++i) diffs.push_back(f[i] - f[0]);

    double best_rms = HUGE_VAL;
    std::size_t best_couplings = max_couplings + 1;
    for (const Candidate& cand : candidates()) {
        const std::size_t k = cand.mult.size();
        if (k > best_couplings) break;  // a simpler pattern already fits
        std::size_t lines = 1;
        for (const int m : cand.mult) lines *= static_cast<std::size_t>(m + 1);
        if (lines != n) continue;
        // Initial couplings: a single coupling from the total span; several from the spacings
        // to the first line (each J of a first-order pattern is such a spacing when lines do not coincide).
        std::vector<std::vector<double>> starts;
        if (k == 1) {
            starts.push_back({(f[n - 1] - f[0]) / cand.mult[0]});
        } else {
            std::vector<std::size_t> idx(k, 0);
            while (true) {
                std::vector<double> j(k);
                for (std::size_t q = 0; q < k; ++q) j[q] = diffs[idx[q]];
                starts.push_back(j);
                std::size_t q = 0;
                while (q < k && ++idx[q] == diffs.size()) idx[q++] = 0;
                if (q == k) break;
            }
        }
        for (std::vector<double> j : starts) {
            double centre = 0.5 * (f[0] + f[n - 1]);
            std::vector<Line> sim;
            bool ok = true;
            for (int pass = 0; pass < 2 && ok; ++pass) {  // refit once with the re-sorted lines
                sim = simulate(cand.mult, j);
                if (merge(sim, tolerance_hz).size() != n) ok = false;
                else ok = refine(sim, f, k, centre, j);
            }
            if (!ok) continue;
            bool positive = true;
            for (const double v : j) positive = positive && v > tolerance_hz;
            if (!positive) continue;
            sim = simulate(cand.mult, j);
            double ss = 0.0, worst = 0.0, isum = 0.0;
            for (const Line& l : sim) isum += l.intensity;
            bool intensity_ok = true;
            for (std::size_t i = 0; i < n; ++i) {
                const double e = centre + sim[i].position - f[i];
                ss += e * e;
                worst = std::max(worst, std::abs(e));
                const double r = (h[i] / hsum) / (sim[i].intensity / isum);
                if (r > ratio_max || r < 1.0 / ratio_max) intensity_ok = false;
            }
            if (worst > tolerance_hz || !intensity_ok) continue;
            const double rms = std::sqrt(ss / static_cast<double>(n));
            if (k < best_couplings || rms < best_rms) {
                best_couplings = k;
                best_rms = rms;
                best.pattern = name_of(cand.mult, j);
                best.j_hz = j;
                best.rms_error_hz = rms;
            }
        }
    }
    if (best.pattern == "m") best.j_hz.clear();
    std::sort(best.j_hz.begin(), best.j_hz.end(), std::greater<>());
    return best;
}

}  // namespace sidepeak::signal
