#include "calibration.hpp"

#include <cmath>

namespace sidepeak::spikein {

PlattFit fit_platt(const std::vector<double>& llr, const std::vector<bool>& present, bool fit_intercept) {
    PlattFit fit;
    const std::size_t n = std::min(llr.size(), present.size());
    fit.n = static_cast<int>(n);
    for (std::size_t i = 0; i < n; ++i) fit.positives += present[i] ? 1 : 0;
    if (n == 0) return fit;
    // Smoothed targets: (N+ + 1) / (N+ + 2) and 1 / (N- + 2).
    const double hi = (fit.positives + 1.0) / (fit.positives + 2.0);
    const double lo = 1.0 / (static_cast<double>(n) - fit.positives + 2.0);
    double a = 1.0, b = 0.0;
    // Cross-entropy with a small ridge on the slope, so that a set whose evidence takes one value
    // (or separates perfectly) keeps a finite, well-defined fit.
    const double ridge = 1e-3;
    auto loss = [&](double ca, double cb) {
        double l = 0.5 * ridge * ca * ca;
        for (std::size_t i = 0; i < n; ++i) {
            const double t = present[i] ? hi : lo;
            const double z = ca * llr[i] + cb;
            // log(1 + e^z) - t z, written to stay finite for large |z|
            l += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - t * z;
        }
        return l;
    };
    double current = loss(a, b);
    for (int iter = 0; iter < 200; ++iter) {
        double ga = ridge * a, gb = 0, haa = ridge, hab = 0, hbb = 1e-9;
        for (std::size_t i = 0; i < n; ++i) {
            const double t = present[i] ? hi : lo;
            const double p = 1.0 / (1.0 + std::exp(-(a * llr[i] + b)));
            const double d = p - t;  // gradient of the cross-entropy with respect to the logit
            ga += d * llr[i];
            gb += d;
            const double w = p * (1.0 - p);
            haa += w * llr[i] * llr[i];
            hab += w * llr[i];
            hbb += w;
        }
        const double det = haa * hbb - hab * hab;
        if (!(det > 0.0)) break;
        // Slope only (b = 0, even prior odds): one-dimensional Newton step.
        const double da = fit_intercept ? (hbb * ga - hab * gb) / det : ga / haa;
        const double db = fit_intercept ? (haa * gb - hab * ga) / det : 0.0;
        // Newton step with backtracking (Armijo halving) so the loss never increases.
        double step = 1.0, next = loss(a - da, b - db);
        while (next > current && step > 1e-8) {
            step *= 0.5;
            next = loss(a - step * da, b - step * db);
        }
        if (next > current) break;
        a -= step * da;
        b -= step * db;
        const bool small = std::abs(step * da) < 1e-9 && std::abs(step * db) < 1e-9;
        current = next;
        if (small) {
            fit.converged = true;
            break;
        }
    }
    fit.a = a;
    fit.b = b;
    return fit;
}

}  // namespace sidepeak::spikein
