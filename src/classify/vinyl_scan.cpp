// Matched-filter scan of a first-order multiplet across a window (see vinyl_scan.hpp).
#include "vinyl_scan.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace sidepeak::classify::detail {
namespace {

// The matched filter fits three columns (offset, slope, ddt template): at least 8 points leave 5
// degrees of freedom for the residual sigma of its t statistic.
constexpr double kMinScanPoints = 8.0;
constexpr double kScanColumns = 3.0;
// A spectrum shorter than two fit windows of the minimum size is not scanned.
constexpr std::size_t kMinSpectrumPoints = 16;
// Step of the scanned centre (Hz): every apex lies within 0.25 Hz of a scanned centre, a fraction
// of the 0.5-15 Hz line widths the scan is run at.
constexpr double kScanStepHz = 0.5;

struct Line {
    double off = 0.0, weight = 1.0;
};

// Lines of a first-order multiplet (offsets in Hz, weights summing to 1).
std::vector<Line> lines_of(const std::vector<double>& js) {
    std::vector<Line> lines{{0.0, 1.0}};
    for (double j : js) {
        std::vector<Line> next;
        for (const Line& l : lines) {
            next.push_back({l.off - j / 2, l.weight / 2});
            next.push_back({l.off + j / 2, l.weight / 2});
        }
        lines = std::move(next);
    }
    return lines;
}

// Solves the 3x3 symmetric system g x = b; returns false when singular. inv_tt: (g^-1)[2][2].
bool solve3(std::array<double, 9> g, std::array<double, 3> b, std::array<double, 3>& x, double& inv_tt) {
    const auto det3 = [](const std::array<double, 9>& m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
               m[2] * (m[3] * m[7] - m[4] * m[6]);
    };
    const double d = det3(g);
    if (!(std::abs(d) > 1e-300)) return false;
    for (int c = 0; c < 3; ++c) {
        auto m = g;
        for (int r = 0; r < 3; ++r) m[static_cast<std::size_t>(r * 3 + c)] = b[static_cast<std::size_t>(r)];
        x[static_cast<std::size_t>(c)] = det3(m) / d;
    }
    inv_tt = (g[0] * g[4] - g[1] * g[3]) / d;
    return true;
}

// Amplitude and t of the pattern centred at `c_hz` over the points [a, b] of the spectrum.
ScanHit fit_at(const signal::NmrResult& nmr, const std::vector<Line>& lines, double w, double c_hz, std::size_t a,
               std::size_t b) {
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz, g2 = w * w / 4;
    std::array<double, 9> g{};
    std::array<double, 3> bty{};
    double yty = 0.0, n = 0.0;
    for (std::size_t i = a; i <= b; ++i) {
        const double y = s.real[i];
        if (!std::isfinite(y)) continue;
        const double x = s.ppm_at(static_cast<double>(i)) * mhz;
        double p = 0.0;
        for (const Line& l : lines) {
            const double d = x - c_hz - l.off;
            p += l.weight * g2 / (d * d + g2);
        }
        const std::array<double, 3> col{1.0, (x - c_hz) / 100.0, p};
        for (std::size_t r = 0; r < 3; ++r) {
            for (std::size_t k = 0; k < 3; ++k) g[r * 3 + k] += col[r] * col[k];
            bty[r] += col[r] * y;
        }
        yty += y * y;
        n += 1.0;
    }
    ScanHit h;
    h.ppm = c_hz / mhz;
    std::array<double, 3> coef{};
    double inv_tt = 0.0;
    if (n < kMinScanPoints || !solve3(g, bty, coef, inv_tt) || !(inv_tt > 0.0)) return h;
    const double ssr = std::max(yty - (coef[0] * bty[0] + coef[1] * bty[1] + coef[2] * bty[2]), 0.0);
    const double sigma = std::max(std::sqrt(ssr / std::max(n - kScanColumns, 1.0)), nmr.noise);
    h.amp = coef[2];
    h.t = sigma > 0.0 ? coef[2] / (sigma * std::sqrt(inv_tt)) : 0.0;
    return h;
}

}  // namespace

std::vector<ScanHit> scan_multiplet(const signal::NmrResult& nmr, double from, double to,
                                    const std::vector<double>& j_hz, double w_hz, double t_min,
                                    std::size_t max_hits, double min_sep_hz) {
    std::vector<ScanHit> out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (!(mhz > 0.0) || !(w_hz > 0.0) || s.size() < kMinSpectrumPoints || to <= from) return out;
    const auto lines = lines_of(j_hz);
    double span = 0.0;
    for (double j : j_hz) span += j;
    // The fit window reaches two line widths past the outer lines (where a Lorentzian has fallen
    // to ~6 % of its height) so the constant and slope see the band's own baseline.
    const double half = span / 2 + 2.0 * w_hz;
    const double last = static_cast<double>(s.size() - 1);
    std::vector<ScanHit> scan;
    for (double c = from * mhz; c <= to * mhz + 1e-9; c += kScanStepHz) {
        double i0 = s.index_of((c + half) / mhz), i1 = s.index_of((c - half) / mhz);
        if (i0 > i1) std::swap(i0, i1);
        const auto a = static_cast<std::size_t>(std::clamp(std::ceil(i0), 0.0, last));
        const auto b = static_cast<std::size_t>(std::clamp(std::floor(i1), 0.0, last));
        if (b <= a + static_cast<std::size_t>(kMinScanPoints)) {
            scan.push_back({c / mhz, 0.0, 0.0});
            continue;
        }
        scan.push_back(fit_at(nmr, lines, w_hz, c, a, b));
    }
    for (std::size_t i = 0; i < scan.size(); ++i) {
        const double t = scan[i].t;
        if (!(t >= t_min) || !(scan[i].amp > 0.0)) continue;
        if ((i > 0 && scan[i - 1].t > t) || (i + 1 < scan.size() && scan[i + 1].t >= t)) continue;
        out.push_back(scan[i]);
    }
    std::sort(out.begin(), out.end(), [](const ScanHit& x, const ScanHit& y) { return x.t > y.t; });
    std::vector<ScanHit> kept;
    for (const auto& h : out) {
        if (kept.size() >= max_hits) break;
        if (std::none_of(kept.begin(), kept.end(),
                         [&](const ScanHit& k) { return std::abs(k.ppm - h.ppm) * mhz < min_sep_hz; }))
            kept.push_back(h);
    }
    return kept;
}

}  // namespace sidepeak::classify::detail
