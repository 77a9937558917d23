// Final, unbiased stage of both automatic phasing methods: the phase of each isolated line from a
// local complex Lorentzian fit, and p0/p1 from a robust weighted linear regression over the lines.
//
// Near line k the complex spectrum is c_k / (g_k - i (u - u_k)) + b0 + b1 t + b2 t^2, t = u - u_k
// (a complex Lorentzian, whose real part is pure absorption when arg c_k = 0, plus a quadratic
// complex background that absorbs the neighbours' tails and any baseline offset). For fixed
// (u_k, g_k) the model is linear in (c_k, b0, b1, b2); (u_k, g_k) are found by Nelder-Mead on the
// residual (variable projection: Golub G., Pereyra V., SIAM J. Numer. Anal. 10 (1973) 413-432).
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

/// Least squares of z over the basis {1/(g - i(u - u0)), 1, t, t^2} (t = (u - u0) / half) on the
/// window: the residual sum of squares and the line's coefficient c0.
struct Fit {
    double rss = 0.0;
    cd c0{0.0, 0.0};
};

Fit fit_line(const cd* z, std::size_t count, double center, double g, double half) {
    // Normal equations G c = h of the complex linear problem, solved by Gaussian elimination.
    std::array<std::array<cd, kBasis>, kBasis> a{};
    std::array<cd, kBasis> h{};
    double zz = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        const double u = static_cast<double>(i) - center;
        const double t = u / half;
        const std::array<cd, kBasis> f{1.0 / cd(g, -u), cd(1.0, 0.0), cd(t, 0.0), cd(t * t, 0.0)};
        for (std::size_t r = 0; r < kBasis; ++r) {
            for (std::size_t c = 0; c < kBasis; ++c) a[r][c] += std::conj(f[r]) * f[c];
            h[r] += std::conj(f[r]) * z[i];
        }
        zz += std::norm(z[i]);
    }
    // Inverse of G by Gauss-Jordan (3x3, Hermitian positive definite: no pivoting needed).
    std::array<std::array<cd, kBasis>, kBasis> inv{};
    for (std::size_t r = 0; r < kBasis; ++r) inv[r][r] = 1.0;
    for (std::size_t p = 0; p < kBasis; ++p) {
        const cd d = a[p][p];
        if (std::abs(d) < 1e-300) return {std::numeric_limits<double>::infinity(), {0.0, 0.0}};
        for (std::size_t c = 0; c < kBasis; ++c) {
            a[p][c] /= d;
            inv[p][c] /= d;
        }
        for (std::size_t r = 0; r < kBasis; ++r) {
            if (r == p) continue;
            const cd m = a[r][p];
            for (std::size_t c = 0; c < kBasis; ++c) {
                a[r][c] -= m * a[p][c];
                inv[r][c] -= m * inv[p][c];
            }
        }
    }
    std::array<cd, kBasis> coef{};
    for (std::size_t r = 0; r < kBasis; ++r)
        for (std::size_t c = 0; c < kBasis; ++c) coef[r] += inv[r][c] * h[c];
    double explained = 0.0;
    for (std::size_t r = 0; r < kBasis; ++r) explained += (std::conj(coef[r]) * h[r]).real();
    return {std::max(0.0, zz - explained), coef[0]};
}

/// Variance of arg c0 per unit noise variance (sigma^2 per real component), from the inverse
/// Fisher matrix of all real parameters: the complex coefficients and the centre and width. The
/// centre must be included: a shifted absorption line looks partly like an added dispersion, so
/// the phase and the centre are correlated.
double phase_variance(std::size_t count, double center, double g, double half, cd c0) {
    constexpr std::size_t kParams = 2 * kBasis + 2;
    std::array<std::array<double, kParams>, kParams> f{};
    std::array<cd, kParams> col{};
    for (std::size_t i = 0; i < count; ++i) {
        const double u = static_cast<double>(i) - center;
        const double t = u / half;
        const cd l = 1.0 / cd(g, -u);
        const std::array<cd, kBasis> basis{l, cd(1.0, 0.0), cd(t, 0.0), cd(t * t, 0.0)};
        for (std::size_t k = 0; k < kBasis; ++k) {
            col[2 * k] = basis[k];
            col[2 * k + 1] = cd(0.0, 1.0) * basis[k];
        }
        col[2 * kBasis] = -cd(0.0, 1.0) * c0 * l * l;  // d/d centre
        col[2 * kBasis + 1] = -c0 * l * l;             // d/d width
        for (std::size_t r = 0; r < kParams; ++r)
            for (std::size_t c = r; c < kParams; ++c) f[r][c] += (std::conj(col[r]) * col[c]).real();
    }
    for (std::size_t r = 0; r < kParams; ++r)
        for (std::size_t c = 0; c < r; ++c) f[r][c] = f[c][r];
    // Covariance of (Re c0, Im c0): solve F x = e for the two unit vectors (Gauss-Jordan with
    // partial pivoting on a copy).
    std::array<std::array<double, kParams + 2>, kParams> m{};
    for (std::size_t r = 0; r < kParams; ++r) {
        for (std::size_t c = 0; c < kParams; ++c) m[r][c] = f[r][c];
        m[r][kParams] = r == 0 ? 1.0 : 0.0;
        m[r][kParams + 1] = r == 1 ? 1.0 : 0.0;
    }
    for (std::size_t p = 0; p < kParams; ++p) {
        std::size_t piv = p;
        for (std::size_t r = p + 1; r < kParams; ++r)
            if (std::abs(m[r][p]) > std::abs(m[piv][p])) piv = r;
        std::swap(m[p], m[piv]);
        if (!(std::abs(m[p][p]) > 1e-300)) return std::numeric_limits<double>::infinity();
        const double d = m[p][p];
        for (auto& v : m[p]) v /= d;
        for (std::size_t r = 0; r < kParams; ++r) {
            if (r == p) continue;
            const double k = m[r][p];
            if (k == 0.0) continue;
            for (std::size_t c = 0; c < kParams + 2; ++c) m[r][c] -= k * m[p][c];
        }
    }
    // Direction across c0: phase change d(arg c0) = (-Im c0, Re c0) . d(c0) / |c0|^2.
    const double vx = -c0.imag(), vy = c0.real();
    const double var = vx * (m[0][kParams] * vx + m[0][kParams + 1] * vy) + vy * (m[1][kParams] * vx + m[1][kParams + 1] * vy);
    return var / (std::norm(c0) * std::norm(c0));
}

/// Isolated lines of the (start-phased) view and their fitted phases.
std::vector<LinePhase> measure_lines(const std::vector<cd>& z, double pos0, double dpos) {
    std::vector<LinePhase> lines;
    const std::size_t n = z.size();
    if (n < 32) return lines;
    const double sigma = complex_noise_sigma(z);
    if (!(sigma > 0.0)) return lines;
    std::vector<double> mag(n);
    for (std::size_t i = 0; i < n; ++i) mag[i] = std::abs(z[i]);
    for (std::size_t i = 2; i + 2 < n; ++i) {
        if (!(mag[i] > kLineMinSnr * sigma && mag[i] >= mag[i - 1] && mag[i] > mag[i + 1] && mag[i] >= mag[i - 2] &&
              mag[i] > mag[i + 2]))
            continue;
        // Half-height points of |z| (for a complex Lorentzian |z| halves at u = g sqrt(3)); a rise
        // before half height means an overlapped line, which is skipped.
        const double half = 0.5 * mag[i];
        std::size_t b = i, e = i;
        while (b > 0 && mag[b - 1] > half && mag[b - 1] <= mag[b]) --b;
        while (e + 1 < n && mag[e + 1] > half && mag[e + 1] <= mag[e]) ++e;
        if (b == 0 || e + 1 == n || mag[b - 1] > half || mag[e + 1] > half) continue;
        const double left = static_cast<double>(i - b) + (mag[b] - half) / (mag[b] - mag[b - 1]);
        const double right = static_cast<double>(e - i) + (mag[e] - half) / (mag[e] - mag[e + 1]);
        const double g0 = 0.5 * (left + right) / std::sqrt(3.0);
        // Window +-3 g (at least 4 points), cut symmetrically at the first local minimum of |z|
        // on either side so that a neighbour's apex never enters.
        auto reach = [&](int dir) {
            std::size_t k = i, steps = 0;
            const auto limit = static_cast<std::size_t>(std::ceil(std::max(4.0, kLineWindowWidths * g0)));
            while (steps < limit) {
                const std::size_t next = dir > 0 ? k + 1 : k - 1;
                if ((dir > 0 && next >= n) || (dir < 0 && k == 0)) break;
                if (steps >= 2 && mag[next] > mag[k]) break;
                k = next;
                ++steps;
            }
            return steps;
        };
        const std::size_t w = std::min(reach(-1), reach(+1));
        if (w < 3) continue;
        const std::size_t first = i - w, count = 2 * w + 1;
        const double halfw = static_cast<double>(w);
        const cd* zw = z.data() + first;
        auto rss = [&](double center, double g) {
            if (!(g > 0.2 * g0 && g < 5.0 * g0 + 1.0) || std::abs(center - halfw) > 0.5 * halfw)
                return std::numeric_limits<double>::infinity();
            return fit_line(zw, count, center, g, halfw).rss;
        };
        const auto best = nelder_mead(rss, {halfw, g0}, {0.25, 0.25 * g0}, 1e-3, 120);
        const Fit fit = fit_line(zw, count, best[0], best[1], halfw);
        if (!std::isfinite(fit.rss) || std::abs(fit.c0) == 0.0) continue;
        // Phase variance from the fit covariance, inflated by the reduced chi-square of the fit so
        // that a line the model does not describe (overlap, distortion) counts less.
        const double dof = std::max(1.0, 2.0 * static_cast<double>(count) - 2.0 * kBasis - 2.0);
        const double chi2 = std::max(1.0, fit.rss / (2.0 * sigma * sigma) / dof);
        const double var = chi2 * sigma * sigma * phase_variance(count, best[0], best[1], halfw, fit.c0);
        if (!(var > 0.0) || !std::isfinite(var)) continue;
        const double x = pos0 + (static_cast<double>(first) + best[0]) * dpos;
        lines.push_back({std::arg(fit.c0), x, 1.0 / var});
        i = e;  // the next line starts beyond this one's half-height point
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
        auto mid = tmp.begin() + static_cast<std::ptrdiff_t>(tmp.size() / 2);
        std::nth_element(tmp.begin(), mid, tmp.end());
        scale = std::max(1.4826 * *mid, 1.0);
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

std::array<double, 2> line_phase_refine(std::span<const std::complex<double>> spectrum, std::array<double, 2> start_deg) {
    const std::size_t n = spectrum.size();
    if (n < 64) return start_deg;
    const std::size_t factor = std::max<std::size_t>(1, n / kLineFitSize);
    PhaseView view = decimated_view(spectrum, factor);
    // Apply the start correction so that each fitted phase is a small residual (no wrapping).
    std::vector<double> re;
    std::vector<cd> phased(view.z.size());
    const double p0 = start_deg[0] * kRad, p1 = start_deg[1] * kRad;
    for (std::size_t k = 0; k < view.z.size(); ++k)
        phased[k] = view.z[k] * std::polar(1.0, p0 + p1 * (view.run_pos0[0] + static_cast<double>(k) * view.dpos));
    auto lines = measure_lines(phased, view.run_pos0[0], view.dpos);
    // Residual phases beyond 45 degrees mean the start was far off for that line (or it is not a
    // line): they take no part.
    std::erase_if(lines, [](const LinePhase& l) { return std::abs(l.phase) > 45.0 * kRad; });
    if (lines.size() < kLineMinCount) return start_deg;
    const auto d = robust_line_fit(lines);
    if (!d) return start_deg;
    return {start_deg[0] + (*d)[0] / kRad, start_deg[1] + (*d)[1] / kRad};
}

}  // namespace sidepeak::signal::detail
