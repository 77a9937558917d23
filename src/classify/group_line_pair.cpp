#include "group_line_pair.hpp"

#include "nmr_tools.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace sidepeak::classify::detail {
namespace {
// The product's width is measured to ~10-15 % (a band fit of an unresolved quintet); the lines are
// fitted at 0.85, 1.0 and 1.15x it.
constexpr std::array<double, 3> kWidthFactors{0.85, 1.0, 1.15};
// Centre grid: +-half a width around the apex in eighths of a width; the second line's offset in
// 0.5 Hz steps (a tenth of the narrowest width read this way).
constexpr double kCentreSteps = 8.0, kOffsetStepHz = 0.5;
// The window reaches three widths beyond the farthest second line: the Lorentzian wings that
// carry the width information.
constexpr double kWingWidths = 3.0;
constexpr std::size_t kMinPoints = 24;
// A spectrum of fewer than 16 points holds no line pair with its wings.
constexpr std::size_t kMinSpectrumPoints = 16;

double lorentz(double d, double w) {
    const double g = w / 2.0;
    return g * g / (d * d + g * g);
}

// Least squares of y on the columns (normal equations, Gaussian elimination with partial pivoting).
// Returns the SSR, or a negative value when a line amplitude (the first `lines` columns) is <= 0.
template <std::size_t N>
double lsq(const std::array<const std::vector<double>*, N>& cols, const std::vector<double>& y, std::size_t lines,
           std::array<double, N>& coef) {
    std::array<std::array<double, N + 1>, N> a{};
    for (std::size_t i = 0; i < N; ++i) {
        for (std::size_t j = 0; j < N; ++j) {
            double s = 0.0;
            for (std::size_t k = 0; k < y.size(); ++k) s += (*cols[i])[k] * (*cols[j])[k];
            a[i][j] = s;
        }
        double b = 0.0;
        for (std::size_t k = 0; k < y.size(); ++k) b += (*cols[i])[k] * y[k];
        a[i][N] = b;
    }
    for (std::size_t c = 0; c < N; ++c) {
        std::size_t p = c;
        for (std::size_t r = c + 1; r < N; ++r)
            if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
        std::swap(a[c], a[p]);
        if (!(std::abs(a[c][c]) > 1e-300)) return -1.0;
        for (std::size_t r = 0; r < N; ++r) {
            if (r == c) continue;
            const double f = a[r][c] / a[c][c];
            for (std::size_t j = c; j <= N; ++j) a[r][j] -= f * a[c][j];
        }
    }
    for (std::size_t i = 0; i < N; ++i) coef[i] = a[i][N] / a[i][i];
    for (std::size_t i = 0; i < lines; ++i)
        if (!(coef[i] > 0.0)) return -1.0;
    double ssr = 0.0;
    for (std::size_t k = 0; k < y.size(); ++k) {
        double f = 0.0;
        for (std::size_t i = 0; i < N; ++i) f += coef[i] * (*cols[i])[k];
        ssr += (y[k] - f) * (y[k] - f);
    }
    return ssr;
}
}  // namespace

LinePair fit_line_pair(const signal::NmrResult& nmr, double ppm, double width_hz, double min_sep_hz, double max_sep_hz) {
    LinePair out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (s.size() < kMinSpectrumPoints || !(mhz > 0.0) || !(width_hz > 0.0) || !(max_sep_hz > min_sep_hz)) return out;
    const double half_hz = max_sep_hz + kWingWidths * width_hz;
    const auto [x, y] = spectrum_window_hz(nmr, ppm, half_hz);
    if (x.size() < kMinPoints) return out;
    out.read = true;
    double ym = 0.0;
    for (double v : y) ym += v;
    ym /= static_cast<double>(y.size());
    double ss_tot = 0.0;
    for (double v : y) ss_tot += (v - ym) * (v - ym);
    if (!(ss_tot > 0.0)) return out;
    const std::vector<double> one(x.size(), 1.0);
    std::vector<double> l1(x.size()), l2(x.size());
    double best1 = ss_tot, best2 = ss_tot;
    auto area = [&](double amp, double w) { return amp * std::numbers::pi / 2.0 * w / mhz; };
    for (double wf : kWidthFactors) {
        const double w = wf * width_hz;
        for (double c = -0.5 * width_hz; c <= 0.5 * width_hz + 1e-9; c += width_hz / kCentreSteps) {
            for (std::size_t k = 0; k < x.size(); ++k) l1[k] = lorentz(x[k] - c, w);
            std::array<double, 3> c3{};
            const double ssr1 = lsq<3>({&l1, &one, &x}, y, 1, c3);
            if (ssr1 >= 0.0 && ssr1 < best1) best1 = ssr1;
            for (double sign : {-1.0, 1.0}) {
                for (double d = min_sep_hz; d <= max_sep_hz + 1e-9; d += kOffsetStepHz) {
                    for (std::size_t k = 0; k < x.size(); ++k) l2[k] = lorentz(x[k] - c - sign * d, w);
                    std::array<double, 4> c4{};
                    const double ssr2 = lsq<4>({&l1, &l2, &one, &x}, y, 2, c4);
                    if (ssr2 < 0.0 || ssr2 >= best2) continue;
                    best2 = ssr2;
                    out.main_ppm = ppm + c / mhz;
                    out.second_ppm = ppm + (c + sign * d) / mhz;
                    out.main_area = area(c4[0], w);
                    out.second_area = area(c4[1], w);
                }
            }
        }
    }
    out.single_r2 = 1.0 - best1 / ss_tot;
    out.pair_r2 = 1.0 - best2 / ss_tot;
    return out;
}

}  // namespace sidepeak::classify::detail
