// Whittaker-family baselines: AsLS, arPLS, airPLS. All share one penalty matrix and one banded
// LDL^T workspace per call; each iteration is one O(n) factor + solve.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "banded.hpp"
#include "sidepeak/signal/baseline.hpp"

namespace sidepeak::signal {

namespace {

void check_lambda(double lambda) {
    if (!(lambda > 0.0) || !std::isfinite(lambda)) throw std::invalid_argument("baseline: lambda must be positive");
}

// Fewer than three points cannot carry a second-difference penalty: the baseline is the data.
bool trivial(std::span<const double> y, BaselineResult& r) {
    if (y.size() >= 3) return false;
    r.baseline.assign(y.begin(), y.end());
    r.weights.assign(y.size(), 1.0);
    r.converged = true;
    return true;
}

}  // namespace

double whittaker_lambda(double period_points) {
    if (!(period_points > 0.0)) throw std::invalid_argument("baseline: cutoff period must be positive");
    const double x = period_points / (2.0 * M_PI);
    return x * x * x * x;
}

BaselineResult asls(std::span<const double> y, double lambda, double p, int max_iterations) {
    check_lambda(lambda);
    if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("asls: p must lie in (0, 1)");
    BaselineResult r;
    if (trivial(y, r)) return r;
    const std::size_t n = y.size();
    const Pentadiagonal penalty = second_difference_penalty(n, lambda);
    PentadiagonalLdl ldl;
    r.weights.assign(n, 1.0);
    for (int it = 0; it < std::max(1, max_iterations); ++it) {
        whittaker_solve(y, r.weights, penalty, ldl, r.baseline);
        ++r.iterations;
        std::size_t changed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double w = y[i] > r.baseline[i] ? p : 1.0 - p;
            if (w != r.weights[i]) ++changed;
            r.weights[i] = w;
        }
        r.history.push_back(static_cast<double>(changed) / static_cast<double>(n));
        if (changed == 0) {
            r.converged = true;
            break;
        }
    }
    return r;
}

BaselineResult arpls(std::span<const double> y, double lambda, int max_iterations, double tolerance) {
    check_lambda(lambda);
    BaselineResult r;
    if (trivial(y, r)) return r;
    const std::size_t n = y.size();
    const Pentadiagonal penalty = second_difference_penalty(n, lambda);
    PentadiagonalLdl ldl;
    r.weights.assign(n, 1.0);
    std::vector<double> next(n);
    for (int it = 0; it < std::max(1, max_iterations); ++it) {
        whittaker_solve(y, r.weights, penalty, ldl, r.baseline);
        ++r.iterations;
        // Mean and standard deviation of the negative residuals: the noise below the baseline.
        double sum = 0.0, sum2 = 0.0;
        std::size_t count = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = y[i] - r.baseline[i];
            if (d < 0.0) {
                sum += d;
                sum2 += d * d;
                ++count;
            }
        }
        if (count < 2) {  // nothing below the baseline: it already lies under all points
            r.converged = true;
            r.history.push_back(0.0);
            break;
        }
        const double m = sum / static_cast<double>(count);
        const double s = std::sqrt(std::max(0.0, sum2 / static_cast<double>(count) - m * m));
        if (!(s > 0.0)) {
            r.converged = true;
            r.history.push_back(0.0);
            break;
        }
        double diff2 = 0.0, norm2 = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = y[i] - r.baseline[i];
            const double e = std::min(2.0 * (d - (2.0 * s - m)) / s, 700.0);
            next[i] = 1.0 / (1.0 + std::exp(e));
            diff2 += (next[i] - r.weights[i]) * (next[i] - r.weights[i]);
            norm2 += r.weights[i] * r.weights[i];
        }
        const double crit = norm2 > 0.0 ? std::sqrt(diff2 / norm2) : 0.0;
        r.history.push_back(crit);
        r.weights.swap(next);
        if (crit < tolerance) {
            r.converged = true;
            break;
        }
    }
    return r;
}

BaselineResult airpls(std::span<const double> y, double lambda, int max_iterations, double tolerance) {
    check_lambda(lambda);
    BaselineResult r;
    if (trivial(y, r)) return r;
    const std::size_t n = y.size();
    const Pentadiagonal penalty = second_difference_penalty(n, lambda);
    PentadiagonalLdl ldl;
    r.weights.assign(n, 1.0);
    double abs_sum = 0.0;
    for (const double v : y) abs_sum += std::abs(v);
    constexpr double max_exponent = 50.0;
    for (int it = 1; it <= std::max(1, max_iterations); ++it) {
        whittaker_solve(y, r.weights, penalty, ldl, r.baseline);
        ++r.iterations;
        double neg_sum = 0.0;
        double neg_closest = -std::numeric_limits<double>::infinity();  // largest negative residual
        for (std::size_t i = 0; i < n; ++i) {
            const double d = y[i] - r.baseline[i];
            if (d < 0.0) {
                neg_sum -= d;
                neg_closest = std::max(neg_closest, d);
            }
        }
        const double crit = abs_sum > 0.0 ? neg_sum / abs_sum : 0.0;
        r.history.push_back(crit);
        if (neg_sum <= tolerance * abs_sum || neg_sum == 0.0) {
            r.converged = true;
            break;
        }
        const double t = static_cast<double>(it);
        for (std::size_t i = 0; i < n; ++i) {
            const double d = y[i] - r.baseline[i];
            r.weights[i] = d >= 0.0 ? 0.0 : std::exp(std::min(t * -d / neg_sum, max_exponent));
        }
        // The ends are anchored (Zhang et al.): without them the smoother is free to swing there.
        const double end_weight = std::exp(t * neg_closest / neg_sum);  // <= 1, as in the paper's code
        r.weights.front() = end_weight;
        r.weights.back() = end_weight;
    }
    return r;
}

}  // namespace sidepeak::signal
