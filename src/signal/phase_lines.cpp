// Final, unbiased stage of both automatic phasing methods: the phase of each isolated line from a
// local complex Lorentzian fit, and p0/p1 from a robust weighted linear regression over the lines.
//
// Near line k the complex spectrum is c_k / (g_k - i (u - u_k)) + b0 + b1 t + b2 t^2, t = u - u_k
// (a complex Lorentzian, whose real part is pure absorption when arg c_k = 0, plus a quadratic
// complex background that absorbs the neighbours' tails and any baseline offset). For fixed
// (u_k, g_k) the model is linear in (c_k, b0, b1, b2), which gives the start; then all parameters
// are fitted by Levenberg-Marquardt with the analytic Jacobian.
// The fitted arg c_k is the line's phase error; its variance follows from the inverse Fisher
// matrix of all the parameters (centre included: a shifted line looks partly like added
// dispersion). Unlike the entropy and negativity criteria it has no first-order bias at the true
// phase: the model is exact for a phased Lorentzian, and a symmetric shape mismatch (Gaussian
// share, truncation wiggles) is even about u_k while a phase error shows as the odd dispersion.
// This is the per-line phase-angle approach of PAMPAS (Dzakula Z., J. Magn. Reson. 146 (2000)
// 20-32) with a fitted centre and local background instead of a symmetric integration window,
// which neighbouring dispersion tails bias.
// p0 + p1 x_k = -arg c_k is then solved by weighted least squares (weights: inverse phase
// variance from the fit covariance, inflated by the fit's reduced chi-square), made robust by
// iteratively reweighted least squares with Tukey's biweight (Beaton A., Tukey J., Technometrics
// 16 (1974) 147-185).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <vector>

#include "phase_common.hpp"
#include "phase_methods.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal::detail {
namespace {

using cd = std::complex<double>;
constexpr double kRad = std::numbers::pi / 180.0;
constexpr std::size_t kBasis = 4;  ///< line + quadratic complex background

struct LinePhase {
    double phase = 0.0;   ///< residual phase of the line after the start correction (radians)
    double x = 0.0;       ///< position (index / N)
    double weight = 0.0;  ///< inverse variance of `phase`
};

constexpr std::size_t kParams = 2 * kBasis + 2;  ///< real parameters: 4 complex coefficients, centre, width
using Vec = std::array<double, kParams>;
using Mat = std::array<Vec, kParams>;

/// Solves a x = b (symmetric positive definite, small) by Gaussian elimination with partial
/// pivoting; false when singular.
bool solve(Mat a, Vec& b) {
    for (std::size_t p = 0; p < kParams; ++p) {
        std::size_t piv = p;
        for (std::size_t r = p + 1; r < kParams; ++r)
            if (std::abs(a[r][p]) > std::abs(a[piv][p])) piv = r;
        std::swap(a[p], a[piv]);
        std::swap(b[p], b[piv]);
        if (!(std::abs(a[p][p]) > 1e-300)) return false;
        for (std::size_t r = p + 1; r < kParams; ++r) {
            const double k = a[r][p] / a[p][p];
            if (k == 0.0) continue;
            for (std::size_t c = p; c < kParams; ++c) a[r][c] -= k * a[p][c];
            b[r] -= k * b[p];
        }
    }
    for (std::size_t p = kParams; p-- > 0;) {
        double v = b[p];
        for (std::size_t c = p + 1; c < kParams; ++c) v -= a[p][c] * b[c];
        b[p] = v / a[p][p];
    }
    return true;
}

/// Model of one line on its window: c0 / (g - i u) + b0 + b1 t + b2 t^2, u = i - centre,
/// t = u / half. Parameters: (Re, Im) of c0, b0, b1, b2, then centre, g.
struct LineModel {
    const cd* z;
    std::size_t count;
    double half;

    cd coef(const Vec& p, std::size_t k) const { return {p[2 * k], p[2 * k + 1]}; }

    /// Residual sum of squares; with `normal`, also J^T J and J^T r of the real problem.
    double evaluate(const Vec& p, Mat* jtj, Vec* jtr) const {
        const double center = p[2 * kBasis], g = p[2 * kBasis + 1];
        const cd c0 = coef(p, 0), b1 = coef(p, 2), b2 = coef(p, 3);
        const cd b0 = coef(p, 1);
        double rss = 0.0;
        if (jtj) *jtj = Mat{};
        if (jtr) *jtr = Vec{};
        std::array<cd, kParams> col{};
        for (std::size_t i = 0; i < count; ++i) {
            const double u = static_cast<double>(i) - center;
            const double t = u / half;
            const double den = g * g + u * u;
            const cd l{g / den, u / den};  // 1 / (g - i u)
            const cd r = z[i] - (c0 * l + b0 + b1 * t + b2 * (t * t));
            rss += std::norm(r);
            if (!jtj) continue;
            const std::array<cd, kBasis> basis{l, cd(1.0, 0.0), cd(t, 0.0), cd(t * t, 0.0)};
            for (std::size_t k = 0; k < kBasis; ++k) {
                col[2 * k] = basis[k];
                col[2 * k + 1] = cd(-basis[k].imag(), basis[k].real());  // i * basis
            }
            const cd l2 = l * l;
            col[2 * kBasis] = cd(0.0, -1.0) * c0 * l2 - (b1 + 2.0 * b2 * t) / half;  // d/d centre
            col[2 * kBasis + 1] = -c0 * l2;                                          // d/d width
            for (std::size_t a = 0; a < kParams; ++a) {
                (*jtr)[a] += col[a].real() * r.real() + col[a].imag() * r.imag();
                for (std::size_t c = a; c < kParams; ++c)
                    (*jtj)[a][c] += col[a].real() * col[c].real() + col[a].imag() * col[c].imag();
            }
        }
        if (jtj)
            for (std::size_t a = 0; a < kParams; ++a)
                for (std::size_t c = 0; c < a; ++c) (*jtj)[a][c] = (*jtj)[c][a];
        return rss;
    }

    /// Linear coefficients for a fixed centre and width (the start of the nonlinear fit).
    bool linear_start(Vec& p) const {
        Mat jtj;
        Vec jtr;
        evaluate(p, &jtj, &jtr);
        // The linear sub-problem: equations of the first 2 kBasis parameters only.
        Mat a{};
        Vec b{};
        for (std::size_t r = 0; r < kParams; ++r) a[r][r] = 1.0;
        for (std::size_t r = 0; r < 2 * kBasis; ++r) {
            for (std::size_t c = 0; c < 2 * kBasis; ++c) a[r][c] = jtj[r][c];
            b[r] = jtr[r];
        }
        if (!solve(a, b)) return false;
        for (std::size_t r = 0; r < 2 * kBasis; ++r) p[r] += b[r];
        return true;
    }
};

struct LineFit {
    Vec p{};
    double rss = 0.0;
    double phase_var = 0.0;  ///< variance of arg c0 per unit noise variance (sigma^2 per component)
    bool ok = false;
};

/// Levenberg-Marquardt (Marquardt D., J. SIAM 11 (1963) 431-441) on all parameters, then the
/// phase variance from the inverse of J^T J: the centre must take part, because a shifted
/// absorption line looks partly like added dispersion (phase and centre are correlated).
LineFit fit_line(const cd* z, std::size_t count, double center0, double g0) {
    const LineModel model{z, count, std::max(1.0, 0.5 * static_cast<double>(count - 1))};
    LineFit fit;
    fit.p[2 * kBasis] = center0;
    fit.p[2 * kBasis + 1] = g0;
    if (!model.linear_start(fit.p)) return fit;
    Mat jtj;
    Vec jtr;
    double rss = model.evaluate(fit.p, &jtj, &jtr);
    double lambda = 1e-3;
    for (int iter = 0; iter < 12; ++iter) {
        Mat a = jtj;
        for (std::size_t k = 0; k < kParams; ++k) a[k][k] *= 1.0 + lambda;
        Vec step = jtr;
        if (!solve(a, step)) return fit;
        Vec trial = fit.p;
        for (std::size_t k = 0; k < kParams; ++k) trial[k] += step[k];
        const double g = trial[2 * kBasis + 1];
        const bool inside = g > 0.2 * g0 && g < 5.0 * g0 + 1.0 && trial[2 * kBasis] > 0.0 &&
                            trial[2 * kBasis] < static_cast<double>(count - 1);
        const double trial_rss =
            inside ? model.evaluate(trial, nullptr, nullptr) : std::numeric_limits<double>::infinity();
        if (trial_rss < rss) {
            fit.p = trial;
            const bool converged = std::abs(step[2 * kBasis]) < 1e-4 && std::abs(step[2 * kBasis + 1]) < 1e-4 * g0;
            rss = model.evaluate(fit.p, &jtj, &jtr);
            lambda = std::max(lambda * 0.1, 1e-9);
            if (converged) break;
        } else {
            lambda *= 10.0;
            if (lambda > 1e6) break;
        }
    }
    fit.rss = rss;
    // Covariance block of (Re c0, Im c0): two solves with unit right-hand sides.
    Vec e0{}, e1{};
    e0[0] = 1.0;
    e1[1] = 1.0;
    if (!solve(jtj, e0) || !solve(jtj, e1)) return fit;
    const cd c0 = model.coef(fit.p, 0);
    const double norm = std::norm(c0);
    if (!(norm > 0.0)) return fit;
    const double vx = -c0.imag(), vy = c0.real();  // d(arg c0) = (vx, vy) . d(c0) / |c0|^2
    fit.phase_var = (vx * (e0[0] * vx + e1[0] * vy) + vy * (e0[1] * vx + e1[1] * vy)) / (norm * norm);
    fit.ok = fit.phase_var > 0.0 && std::isfinite(fit.phase_var);
    return fit;
}

/// Isolated lines of the spectrum (points at positions pos0 + i dpos) and their phases after the
/// start correction exp(i (p0 + p1 x)) (radians).
std::vector<LinePhase> measure_lines(std::span<const cd> z, double pos0, double dpos, double p0, double p1) {
    std::vector<LinePhase> lines;
    const std::size_t n = z.size();
    if (n < 32) return lines;
    const double sigma = complex_noise_sigma(z, 16);
    if (!(sigma > 0.0)) return lines;
    // |z| is phase invariant: lines are found on the raw spectrum (on |z|^2, no square roots);
    // only the fit windows get phased.
    std::vector<double> m2(n);
    for (std::size_t i = 0; i < n; ++i) m2[i] = std::norm(z[i]);
    // Candidates: local maxima of |z| well above the noise, strongest first.
    const double level = kLineMinSnr * kLineMinSnr * sigma * sigma;
    std::vector<std::size_t> apex;
    for (std::size_t i = 2; i + 2 < n; ++i)
        if (m2[i] > level && m2[i] >= m2[i - 1] && m2[i] > m2[i + 1] && m2[i] >= m2[i - 2] && m2[i] > m2[i + 2])
            apex.push_back(i);
    if (apex.size() > kLineMaxCandidates) {
        std::nth_element(apex.begin(), apex.begin() + static_cast<std::ptrdiff_t>(kLineMaxCandidates), apex.end(),
                         [&](std::size_t a, std::size_t b) { return m2[a] > m2[b]; });
        apex.resize(kLineMaxCandidates);
    }
    auto mag = [&](std::size_t k) { return std::sqrt(m2[k]); };
    std::vector<cd> window;
    for (const std::size_t i : apex) {
        // Half-height points of |z| (for a complex Lorentzian |z| halves at u = g sqrt(3)); a rise
        // before half height means an overlapped line, which is skipped.
        const double half = 0.5 * mag(i);
        std::size_t b = i, e = i;
        while (b > 0 && mag(b - 1) > half && mag(b - 1) <= mag(b)) --b;
        while (e + 1 < n && mag(e + 1) > half && mag(e + 1) <= mag(e)) ++e;
        if (b == 0 || e + 1 == n || mag(b - 1) > half || mag(e + 1) > half) continue;
        const double left = static_cast<double>(i - b) + (mag(b) - half) / (mag(b) - mag(b - 1));
        const double right = static_cast<double>(e - i) + (mag(e) - half) / (mag(e) - mag(e + 1));
        const double g0 = 0.5 * (left + right) / std::sqrt(3.0);
        // Window +-kLineWindowWidths g (at least 4 points), cut symmetrically at the first local
        // minimum of |z| on either side so that a neighbour's apex never enters.
        auto reach = [&](int dir) {
            std::size_t k = i, steps = 0;
            const auto limit = static_cast<std::size_t>(std::ceil(std::max(4.0, kLineWindowWidths * g0)));
            while (steps < limit) {
                if ((dir > 0 && k + 1 >= n) || (dir < 0 && k == 0)) break;
                const std::size_t next = dir > 0 ? k + 1 : k - 1;
                if (steps >= 2 && mag(next) > mag(k)) break;
                k = next;
                ++steps;
            }
            return steps;
        };
        const std::size_t w = std::min(reach(-1), reach(+1));
        if (w < 3) continue;
        const std::size_t first = i - w, count = 2 * w + 1;
        window.resize(count);
        for (std::size_t k = 0; k < count; ++k)
            window[k] = z[first + k] * std::polar(1.0, p0 + p1 * (pos0 + static_cast<double>(first + k) * dpos));
        const LineFit fit = fit_line(window.data(), count, static_cast<double>(w), g0);
        if (!fit.ok) continue;
        // Inflate the variance by the reduced chi-square of the fit so that a line the model does
        // not describe (overlap, distortion) counts less.
        const double dof = std::max(1.0, 2.0 * static_cast<double>(count) - static_cast<double>(kParams));
        const double chi2 = std::max(1.0, fit.rss / (2.0 * sigma * sigma) / dof);
        const double var = chi2 * sigma * sigma * fit.phase_var;
        const double x = pos0 + (static_cast<double>(first) + fit.p[2 * kBasis]) * dpos;
        lines.push_back({std::arg(cd(fit.p[0], fit.p[1])), x, 1.0 / var});
    }
    return lines;
}

/// Tukey biweight IRLS of phase_k + a + b x_k = 0; returns {a, b} in radians (the change to the
/// start's p0 and p1), or nothing when the lines do not decide. The start solution enters as two
/// pseudo-lines of phase 0 at both ends of the spectrum (standard deviation kLinePriorDeg): when
/// the lines span a small part of the width they fix the phase there and leave p1 to the start.
std::optional<std::array<double, 2>> robust_line_fit(std::vector<LinePhase> lines) {
    if (lines.empty()) return std::nullopt;
    // No line may carry more than a fifth of the total weight: the strongest line (solvent, water)
    // is the one most likely to be distorted (radiation damping, presaturation).
    for (int pass = 0; pass < 3; ++pass) {
        double total = 0.0;
        for (const auto& l : lines) total += l.weight;
        for (auto& l : lines) l.weight = std::min(l.weight, kLineMaxWeightShare * total);
    }
    const double prior = 1.0 / (kLinePriorDeg * kLinePriorDeg * kRad * kRad);
    std::vector<double> robust(lines.size(), 1.0);
    double a = 0.0, b = 0.0, scale = 1.0;
    for (int iter = 0; iter < 8; ++iter) {
        // Weighted normal equations; line weights are divided by the squared robust scale (lines
        // that scatter more than their fit variances say carry less information than the prior).
        double s0 = 2.0 * prior, s1 = prior, s2 = prior, t0 = 0.0, t1 = 0.0;  // pseudo-lines at x = 0, 1
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const double w = lines[k].weight * robust[k] / (scale * scale);
            const double x = lines[k].x;
            s0 += w;
            s1 += w * x;
            s2 += w * x * x;
            t0 -= w * lines[k].phase;
            t1 -= w * x * lines[k].phase;
        }
        const double det = s0 * s2 - s1 * s1;
        if (!(det > 0.0)) return std::nullopt;
        a = (t0 * s2 - t1 * s1) / det;
        b = (s0 * t1 - s1 * t0) / det;
        // Standardised residuals (by each line's own standard deviation), their robust scale
        // (MAD, at least 1: the variances may be right) and Tukey weights.
        std::vector<double> res(lines.size());
        for (std::size_t k = 0; k < lines.size(); ++k)
            res[k] = std::abs(lines[k].phase + a + b * lines[k].x) * std::sqrt(lines[k].weight);
        std::vector<double> tmp = res;
        scale = std::max(kMadToSigma * upper_median_inplace(tmp), 1.0);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const double t = res[k] / (4.685 * scale);
            robust[k] = t < 1.0 ? (1.0 - t * t) * (1.0 - t * t) : 0.0;
        }
    }
    // Too few lines agreeing with the fit: the lines do not decide (keep the entropy result).
    const auto agreeing = std::count_if(robust.begin(), robust.end(), [](double w) { return w > 0.5; });
    if (static_cast<std::size_t>(agreeing) < kLineMinAgreeing) return std::nullopt;
    return std::array<double, 2>{a, b};
}

}  // namespace

std::optional<std::array<double, 2>> line_phase_refine(std::span<const std::complex<double>> spectrum,
                                                       std::array<double, 2> start_deg) {
    const std::size_t n = spectrum.size();
    if (n < 64) return std::nullopt;
    const double p0 = start_deg[0] * kRad, p1 = start_deg[1] * kRad;
    const double nd = static_cast<double>(n);
    std::vector<LinePhase> lines;
    if (n <= kLineFitSize) {
        lines = measure_lines(spectrum, 0.0, 1.0 / nd, p0, p1);
    } else {  // long spectra: box-sum decimation (symmetric, so it adds no phase error)
        const std::size_t factor = (n + kLineFitSize - 1) / kLineFitSize;
        const PhaseView view = decimated_view(spectrum, factor);
        lines = measure_lines(view.z, view.run_pos0[0], view.dpos, p0, p1);
    }
    // Residual phases beyond 45 degrees mean the start was far off for that line (or it is not a
    // line): they take no part.
    std::erase_if(lines, [](const LinePhase& l) { return std::abs(l.phase) > 45.0 * kRad; });
    if (lines.size() < kLineMinCount) return std::nullopt;
    const auto d = robust_line_fit(lines);
    if (!d) return std::nullopt;
    return std::array<double, 2>{start_deg[0] + (*d)[0] / kRad, start_deg[1] + (*d)[1] / kRad};
}

}  // namespace sidepeak::signal::detail
