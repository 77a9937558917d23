// modpoly baseline (Lieber & Mahadevan-Jansen 2003): polynomial least squares in a Legendre basis,
// iteratively clipping the data to the fit so that peaks stop pulling the polynomial up.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "baseline_lsq.hpp"
#include "sidepeak/signal/baseline.hpp"

namespace sidepeak::signal {

namespace {

// Legendre polynomials P_0..P_order at x in [-1, 1] by the three-term recurrence.
void legendre(double x, int order, std::vector<double>& p) {
    p.resize(static_cast<std::size_t>(order) + 1);
    p[0] = 1.0;
    if (order >= 1) p[1] = x;
    for (int k = 2; k <= order; ++k) {
        const auto kk = static_cast<std::size_t>(k);
        p[kk] = ((2.0 * k - 1.0) * x * p[kk - 1] - (k - 1.0) * p[kk - 2]) / k;
    }
}

}  // namespace

BaselineResult polynomial_baseline(std::span<const double> y, int order, int max_iterations, double tolerance) {
    const std::size_t n = y.size();
    if (order < 0 || static_cast<std::size_t>(order) >= std::max<std::size_t>(n, 1))
        throw std::invalid_argument("polynomial baseline: order must lie in [0, points - 1]");
    BaselineResult r;
    const auto m = static_cast<std::size_t>(order) + 1;
    // The basis is evaluated once: n x m values (m <= ~16 in practice, n the working size).
    std::vector<double> basis(n * m);
    std::vector<double> p;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = n > 1 ? -1.0 + 2.0 * static_cast<double>(i) / static_cast<double>(n - 1) : 0.0;
        legendre(x, order, p);
        std::copy(p.begin(), p.end(), basis.begin() + static_cast<std::ptrdiff_t>(i * m));
    }
    std::vector<double> gram(m * m, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t b = 0; b <= a; ++b) gram[a * m + b] += basis[i * m + a] * basis[i * m + b];
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = a + 1; b < m; ++b) gram[a * m + b] = gram[b * m + a];

    std::vector<double> work(y.begin(), y.end());
    std::vector<double> fit(n, 0.0);
    for (int it = 0; it < std::max(1, max_iterations); ++it) {
        std::vector<double> rhs(m, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t a = 0; a < m; ++a) rhs[a] += basis[i * m + a] * work[i];
        const std::vector<double> c = detail::cholesky_solve(gram, rhs, m);
        double diff2 = 0.0, norm2 = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            double f = 0.0;
            for (std::size_t a = 0; a < m; ++a) f += c[a] * basis[i * m + a];
            diff2 += (f - fit[i]) * (f - fit[i]);
            norm2 += f * f;
            fit[i] = f;
            work[i] = std::min(work[i], f);
        }
        ++r.iterations;
        const double crit = norm2 > 0.0 ? std::sqrt(diff2 / norm2) : 0.0;
        r.history.push_back(crit);
        if (it > 0 && crit < tolerance) {
            r.converged = true;
            break;
        }
    }
    r.baseline = std::move(fit);
    r.weights.resize(n);
    for (std::size_t i = 0; i < n; ++i) r.weights[i] = y[i] > r.baseline[i] ? 0.0 : 1.0;
    return r;
}

}  // namespace sidepeak::signal
