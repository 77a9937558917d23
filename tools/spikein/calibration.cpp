#include "calibration.hpp"

#include <cmath>

namespace sidepeak::spikein {

PlattFit fit_platt(const std::vector<double>& llr, const std::vector<bool>& present) {
    PlattFit fit;
    const std::size_t n = std::min(llr.size(), present.size());
    fit.n = static_cast<int>(n);
    for (std::size_t i = 0; i < n; ++i) fit.positives += present[i] ? 1 : 0;
    if (n == 0) return fit;
    // Smoothed targets: (N+ + 1) / (N+ + 2) and 1 / (N- + 2).
    const double hi = (fit.positives + 1.0) / (fit.positives + 2.0);
    const double lo = 1.0 / (static_cast<double>(n) - fit.positives + 2.0);
    double a = 1.0, b = 0.0;
    for (int iter = 0; iter < 100; ++iter) {
        double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
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
        if (!(std::abs(det) > 1e-12)) break;
        const double da = (hbb * ga - hab * gb) / det;
        const double db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if (std::abs(da) < 1e-9 && std::abs(db) < 1e-9) {
            fit.converged = true;
            break;
        }
    }
    fit.a = a;
    fit.b = b;
    return fit;
}

}  // namespace sidepeak::spikein
