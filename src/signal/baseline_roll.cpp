// First-point roll: the baseline that corrupted first points of the FID add to a spectrum,
// fitted as a low-order global model with asymmetric, noise-scaled iterative reweighting (see
// first_point_roll in baseline.hpp and docs/algorithms/baseline.md).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "baseline_lsq.hpp"
#include "sidepeak/signal/baseline.hpp"

namespace sidepeak::signal {

namespace {

// Model columns (row-major, n x count): Legendre P_0..P_order of 2 x - 1, then cos and sin of
// 2 pi j x, j = 1..harmonics.
struct Columns {
    std::size_t count = 0;
    std::vector<double> values;
};

Columns roll_columns(std::span<const double> x, int harmonics, int legendre_order) {
    if (harmonics < 0 || legendre_order < 0) throw std::invalid_argument("roll columns: orders must be >= 0");
    Columns f;
    const auto p = static_cast<std::size_t>(legendre_order) + 1;
    f.count = p + 2 * static_cast<std::size_t>(harmonics);
    f.values.resize(x.size() * f.count);
    for (std::size_t i = 0; i < x.size(); ++i) {
        double* row = f.values.data() + i * f.count;
        const double t = 2.0 * x[i] - 1.0;
        row[0] = 1.0;
        if (p > 1) row[1] = t;
        for (std::size_t k = 2; k < p; ++k) {
            const double kk = static_cast<double>(k);
            row[k] = ((2.0 * kk - 1.0) * t * row[k - 1] - (kk - 1.0) * row[k - 2]) / kk;
        }
        for (int j = 1; j <= harmonics; ++j) {
            const double a = 2.0 * M_PI * j * x[i];
            const std::size_t k = p + 2 * static_cast<std::size_t>(j - 1);
            row[k] = std::cos(a);
            row[k + 1] = std::sin(a);
        }
    }
    return f;
}

}  // namespace

BaselineResult first_point_roll(std::span<const double> y, std::span<const double> x, int harmonics,
                                int legendre_order, int max_iterations, double tolerance) {
    if (x.size() != y.size()) throw std::invalid_argument("first-point roll: positions and values differ in size");
    const Columns basis = roll_columns(x, harmonics, legendre_order);
    const std::size_t n = y.size();
    const std::size_t m = basis.count;
    BaselineResult result;
    result.baseline.assign(n, 0.0);
    result.weights.assign(n, 1.0);
    if (n < 2 * m) {  // too few points to tell a roll from the data: none
        result.converged = true;
        return result;
    }
    const double noise = detail::second_difference_sigma(y);
    std::vector<double>& w = result.weights;
    std::vector<double>& fit = result.baseline;
    std::vector<double> next(n);
    for (int it = 0; it < std::max(1, max_iterations); ++it) {
        std::vector<double> gram(m * m, 0.0), rhs(m, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            const double* b = basis.values.data() + i * m;
            for (std::size_t a = 0; a < m; ++a) {
                const double wb = w[i] * b[a];
                rhs[a] += wb * y[i];
                for (std::size_t c = 0; c <= a; ++c) gram[a * m + c] += wb * b[c];
            }
        }
        for (std::size_t a = 0; a < m; ++a)
            for (std::size_t c = a + 1; c < m; ++c) gram[a * m + c] = gram[c * m + a];
        const std::vector<double> coef = detail::cholesky_solve(std::move(gram), std::move(rhs), m);
        ++result.iterations;

        // arPLS-type logistic weights (Baek et al. 2015) on the residual d = y - fit, with the
        // scale taken as the larger of the noise and the spread of the negative residuals: early
        // on, when the fit is still far from the roll, the spread is large and the weights are
        // gentle; at convergence the noise sets the threshold, so points above the fit by more
        // than ~3 sigma (lines, humps) carry no weight however much of the width is roll.
        double sum = 0.0, sum2 = 0.0;
        std::size_t count = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double* b = basis.values.data() + i * m;
            double f = 0.0;
            for (std::size_t a = 0; a < m; ++a) f += coef[a] * b[a];
            fit[i] = f;
            const double d = y[i] - f;
            if (d < 0.0) {
                sum += d;
                sum2 += d * d;
                ++count;
            }
        }
        if (count < 2) {
            result.converged = true;
            result.history.push_back(0.0);
            break;
        }
        const double mean = sum / static_cast<double>(count);
        const double spread = std::sqrt(std::max(0.0, sum2 / static_cast<double>(count) - mean * mean));
        const double s = std::max(spread, noise);
        if (!(s > 0.0)) {
            result.converged = true;
            result.history.push_back(0.0);
            break;
        }
        double diff2 = 0.0, norm2 = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double e = std::min(2.0 * (y[i] - fit[i] - (2.0 * s - mean)) / s, 700.0);
            next[i] = 1.0 / (1.0 + std::exp(e));
            diff2 += (next[i] - w[i]) * (next[i] - w[i]);
            norm2 += w[i] * w[i];
        }
        const double crit = norm2 > 0.0 ? std::sqrt(diff2 / norm2) : 0.0;
        result.history.push_back(crit);
        w.swap(next);
        if (crit < tolerance) {
            result.converged = true;
            break;
        }
    }
    return result;
}

}  // namespace sidepeak::signal
