// Band-shape fitting of first-order multiplets (band_fit.hpp): Lorentzian patterns, local baseline,
// solvent singlets and non-negative background lines by linear least squares.
#include "band_fit.hpp"

#include <algorithm>
#include <cmath>

#include "nmr_tools.hpp"

namespace sidepeak::classify::detail::band {

namespace {
// A window of fewer than 8 points cannot hold a multiplet's lines plus the linear baseline.
constexpr std::size_t kMinWindowPoints = 8;
// Centre search of a pattern: 1 Hz steps across the search range, then +-0.25 and +-0.5 Hz around
// the best (a line's centre is read to a fraction of its 1-15 Hz width).
constexpr double kCoarseCentreStepHz = 1.0;
constexpr double kFineCentreOffsetsHz[] = {-0.5, -0.25, 0.25, 0.5};
// Sampling of the fitted window: a Lorentzian of FWHM w is represented by 3 points per FWHM
// (Nyquist for its 1/w bandwidth with margin), and a window is never fitted on more than ~240
// points (the normal equations' cost; the band is smooth at that density).
constexpr double kPointsPerWidth = 3.0;
constexpr std::size_t kMaxWindowSamples = 240;
// A residual-solvent singlet is taken at the picked singlet within 0.02 ppm of its tabulated shift
// (Fulmer et al. 2010 list shifts to +-0.01 ppm; concentration and temperature move them less).
constexpr double kSolventSingletTolPpm = 0.02;
// A picked line within 0.5 Hz of a solvent singlet is that singlet (below any J; the picker's
// centre accuracy at the digital resolutions used, 0.1-0.3 Hz).
constexpr double kSameLineHz = 0.5;
// Narrowest background line width used as a column: 0.3 Hz, the natural linewidth floor of
// small molecules in non-viscous solvents (T2* of seconds; Claridge, "High-Resolution NMR
// Techniques in Organic Chemistry", 3rd ed., ch. 3).
constexpr double kMinLineWidthHz = 0.3;
// A picked line is explained by a pattern line within max(width, 1.5 Hz) plus the fine-grid step
// (1.5 Hz: twice the picker's centre error on overlapping lines).
constexpr double kMinExplainTolHz = 1.5;
// A point belongs to a placed pattern where a line of at least a quarter of the pattern's
// strongest line (the outer lines of a quintet, 1:4:6:4:1, are 1/6) lies within max(width, 0.5 Hz).
constexpr double kOwnLineMinWeight = 0.25;
constexpr double kOwnLineMinTolHz = 0.5;
}  // namespace

std::vector<Line> first_order(std::initializer_list<double> js) {
    std::vector<Line> lines{{0.0, 1.0}};
    for (double j : js) {
        std::vector<Line> next;
        for (const Line& l : lines) {
            for (double s : {-0.5, 0.5}) {
                const double off = l.off + s * j;
                auto it =
                    std::find_if(next.begin(), next.end(), [&](const Line& n) { return std::abs(n.off - off) < 1e-6; });
                if (it != next.end()) {
                    it->weight += l.weight / 2;
                } else {
                    next.push_back({off, l.weight / 2});
                }
            }
        }
        lines = std::move(next);
    }
    return lines;
}

Window window(const signal::NmrResult& nmr, double lo_ppm, double hi_ppm, double w_hz) {
    Window out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    double i0 = s.index_of(hi_ppm), i1 = s.index_of(lo_ppm);
    if (i0 > i1) std::swap(i0, i1);
    const double last = static_cast<double>(s.size() - 1);
    const auto a = static_cast<std::size_t>(std::clamp(std::ceil(i0), 0.0, last));
    const auto b = static_cast<std::size_t>(std::clamp(std::floor(i1), 0.0, last));
    if (b <= a + kMinWindowPoints) return out;
    const double step_hz = std::abs(s.ppm_step()) * mhz;
    const double want = std::max(w_hz / kPointsPerWidth, step_hz);
    const std::size_t stride = std::max<std::size_t>({1, static_cast<std::size_t>(want / step_hz), (b - a) / kMaxWindowSamples});
    for (std::size_t i = a; i <= b; i += stride) {
        if (!std::isfinite(s.real[i])) continue;
        out.x.push_back(s.ppm_at(static_cast<double>(i)) * mhz);
        out.y.push_back(s.real[i]);
    }
    const double n = static_cast<double>(out.y.size());
    double ym = 0.0;
    for (double v : out.y) ym += v;
    ym /= std::max(n, 1.0);
    for (double v : out.y) out.sst += (v - ym) * (v - ym);
    out.noise_ss = n * nmr.noise * nmr.noise;
    // Residual-solvent singlets (CH2Cl2 5.30 in CDCl3, ...) are no part of the spin system: each
    // gets a column of its own at the picked line's position and width.
    for (double l : solvent_lines(nmr)) {
        if (l < lo_ppm || l > hi_ppm) continue;
        for (const auto& m : nmr.multiplets) {
            if (std::abs(m.ppm - l) > kSolventSingletTolPpm || !singlet_like(m)) continue;
            for (std::size_t i : m.peaks) {
                if (i < nmr.peaks.size() && nmr.peaks[i].fwhm_hz > 0.0)
                    out.singlets.emplace_back(nmr.peaks[i].ppm * mhz, nmr.peaks[i].fwhm_hz);
            }
        }
    }
    return out;
}

void add_pattern(std::vector<double>& col, const std::vector<double>& x, double centre_hz,
                 const std::vector<Line>& lines, double w) {
    const double g2 = w * w / 4;
    for (std::size_t i = 0; i < x.size(); ++i) {
        double v = 0.0;
        for (const Line& l : lines) {
            const double d = x[i] - centre_hz - l.off;
            v += l.weight * g2 / (d * d + g2);
        }
        col[i] += v;
    }
}

Basis base_columns(const Window& win) {
    Basis out;
    auto& cols = out.cols;
    cols.emplace_back(win.x.size(), 1.0);
    const double xm = win.x.empty() ? 0.0 : (win.x.front() + win.x.back()) / 2;
    std::vector<double> slope(win.x.size());
    for (std::size_t i = 0; i < win.x.size(); ++i) slope[i] = (win.x[i] - xm) / 100.0;
    cols.push_back(std::move(slope));
    for (const auto& [c, fw] : win.singlets) {
        std::vector<double> col(win.x.size(), 0.0);
        add_pattern(col, win.x, c, {{0.0, 1.0}}, fw);
        cols.push_back(std::move(col));
    }
    const std::size_t k = cols.size();
    out.gram.assign(k * k, 0.0);
    out.bty.assign(k, 0.0);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = a; b < k; ++b) {
            double s = 0.0;
            for (std::size_t i = 0; i < win.y.size(); ++i) s += cols[a][i] * cols[b][i];
            out.gram[a * k + b] = out.gram[b * k + a] = s;
        }
        for (std::size_t i = 0; i < win.y.size(); ++i) out.bty[a] += cols[a][i] * win.y[i];
    }
    for (double v : win.y) out.yty += v * v;
    return out;
}

Lsq lsq(const Basis& basis, const std::vector<const std::vector<double>*>& extra, const std::vector<double>& y) {
    Lsq r;
    const std::size_t nb = basis.cols.size(), k = nb + extra.size(), n = y.size();
    if (k == 0 || n <= k) return r;
    auto col = [&](std::size_t a) -> const std::vector<double>& { return a < nb ? basis.cols[a] : *extra[a - nb]; };
    const std::size_t wdt = 2 * k + 1;
    std::vector<double> m(k * wdt, 0.0);  // [A^T A | I | A^T y]
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = a; b < k; ++b) {
            double s = 0.0;
            if (b < nb) {
                s = basis.gram[a * nb + b];
            } else {
                const auto& ca = col(a);
                const auto& cb = col(b);
                for (std::size_t i = 0; i < n; ++i) s += ca[i] * cb[i];
            }
            m[a * wdt + b] = m[b * wdt + a] = s;
        }
        double s = 0.0;
        if (a < nb) {
            s = basis.bty[a];
        } else {
            const auto& ca = col(a);
            for (std::size_t i = 0; i < n; ++i) s += ca[i] * y[i];
        }
        m[a * wdt + 2 * k] = s;
        m[a * wdt + k + a] = 1.0;
    }
    std::vector<double> aty(k);
    for (std::size_t a = 0; a < k; ++a) aty[a] = m[a * wdt + 2 * k];
    for (std::size_t c = 0; c < k; ++c) {
        std::size_t piv = c;
        for (std::size_t rr = c + 1; rr < k; ++rr) {
            if (std::abs(m[rr * wdt + c]) > std::abs(m[piv * wdt + c])) piv = rr;
        }
        if (!(std::abs(m[piv * wdt + c]) > 1e-300)) return r;
        if (piv != c) {
            for (std::size_t j = 0; j < wdt; ++j) std::swap(m[c * wdt + j], m[piv * wdt + j]);
        }
        const double d = m[c * wdt + c];
        for (std::size_t j = 0; j < wdt; ++j) m[c * wdt + j] /= d;
        for (std::size_t rr = 0; rr < k; ++rr) {
            if (rr == c) continue;
            const double f = m[rr * wdt + c];
            if (f == 0.0) continue;
            for (std::size_t j = 0; j < wdt; ++j) m[rr * wdt + j] -= f * m[c * wdt + j];
        }
    }
    r.coef.resize(k);
    double fit = 0.0;
    for (std::size_t a = 0; a < k; ++a) {
        r.coef[a] = m[a * wdt + 2 * k];
        fit += r.coef[a] * aty[a];
    }
    r.var_last = m[(k - 1) * wdt + k + (k - 1)];
    r.ssr = std::max(basis.yty - fit, 0.0);
    r.ok = true;
    return r;
}

double r2_of(const Window& win, double ssr) {
    const double den = win.sst - win.noise_ss;
    if (!(den > 0.0)) return -1.0;
    return 1.0 - std::max(ssr - win.noise_ss, 0.0) / den;
}

std::vector<Bg> picked_lines(const signal::NmrResult& nmr, const Window& win) {
    std::vector<Bg> out;
    if (win.x.empty()) return out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double lo = std::min(win.x.front(), win.x.back()), hi = std::max(win.x.front(), win.x.back());
    for (const auto& p : nmr.peaks) {
        const double hz = p.ppm * mhz;
        if (hz < lo || hz > hi || !(p.fwhm_hz > 0.0)) continue;
        if (std::any_of(win.singlets.begin(), win.singlets.end(),
                        [&](const std::pair<double, double>& sg) { return std::abs(sg.first - hz) < kSameLineHz; }))
            continue;
        out.push_back({hz, std::max(p.fwhm_hz, kMinLineWidthHz)});
    }
    return out;
}

std::vector<Bg> unexplained(const std::vector<Bg>& picks, const std::vector<Line>& lines, double centre_hz, double w,
                            double fine) {
    std::vector<Bg> out;
    const double tol = std::max(w, kMinExplainTolHz) + fine;
    for (const Bg& b : picks) {
        const bool near = std::any_of(lines.begin(), lines.end(),
                                      [&](const Line& l) { return std::abs(b.hz - centre_hz - l.off) <= tol; });
        if (!near) out.push_back(b);
    }
    return out;
}

BgFit fit_with_bg(const Window& win, const Basis& base, const std::vector<const std::vector<double>*>& pats,
                  const Placed& placed, double w,
                  const std::vector<Bg>* bg, bool filter, double fine) {
    BgFit out;
    const std::size_t n = win.x.size();
    if (bg != nullptr) {
        if (filter) {
            std::vector<Bg> cur = *bg;
            for (const auto& [c, lines] : placed) cur = unexplained(cur, *lines, c, w, fine);
            out.used = std::move(cur);
        } else {
            out.used = *bg;
        }
    }
    std::vector<std::vector<double>> bcols;
    const std::size_t nb = base.cols.size();
    for (;;) {
        bcols.assign(out.used.size(), std::vector<double>(n, 0.0));
        std::vector<const std::vector<double>*> cols;
        for (std::size_t k = 0; k < out.used.size(); ++k) {
            add_pattern(bcols[k], win.x, out.used[k].hz, {{0.0, 1.0}}, out.used[k].fwhm);
            cols.push_back(&bcols[k]);
        }
        cols.insert(cols.end(), pats.begin(), pats.end());
        out.r = lsq(base, cols, win.y);
        if (!out.r.ok) return out;
        std::size_t worst = out.used.size();
        double most = 0.0;
        for (std::size_t k = 0; k < out.used.size(); ++k) {
            if (out.r.coef[nb + k] < most) {
                most = out.r.coef[nb + k];
                worst = k;
            }
        }
        if (worst == out.used.size()) break;
        out.used.erase(out.used.begin() + static_cast<std::ptrdiff_t>(worst));
    }
    const double noise2 = win.noise_ss / std::max(static_cast<double>(n), 1.0);
    const std::size_t np = nb + out.used.size();
    for (std::size_t i = 0; i < n; ++i) {
        bool own = false;
        for (const auto& entry : placed) {
            // Plain names, not structured bindings: clang 14 (the fuzz build) cannot capture a
            // structured binding in a lambda.
            const double c = entry.first;
            const auto& lines = entry.second;
            double wmax = 0.0;
            for (const Line& l : *lines) wmax = std::max(wmax, l.weight);
            own = own || std::any_of(lines->begin(), lines->end(), [&](const Line& l) {
                      return l.weight >= kOwnLineMinWeight * wmax && std::abs(win.x[i] - c - l.off) <= std::max(w, kOwnLineMinTolHz);
                  });
        }
        if (!own) continue;
        double other = 0.0, model = 0.0;
        for (std::size_t k = 0; k < np; ++k) other += out.r.coef[k] * (k < nb ? base.cols[k][i] : bcols[k - nb][i]);
        for (std::size_t k = 0; k < pats.size(); ++k) model += out.r.coef[np + k] * (*pats[k])[i];
        const double sig = win.y[i] - other;
        out.ssr_own += (sig - model) * (sig - model);
        out.ss_own += sig * sig;
        out.noise_own += noise2;
    }
    return out;
}

PatternFit fit_pattern(const Window& win, const Basis& base, const std::vector<Line>& lines, double w, double centre_hz,
                       double search_hz, const std::vector<Bg>* bg, bool filter) {
    PatternFit best;
    const std::size_t n = win.x.size();
    std::vector<double> col(n);
    auto eval = [&](double c) {
        std::fill(col.begin(), col.end(), 0.0);
        add_pattern(col, win.x, c, lines, w);
        auto f = fit_with_bg(win, base, {&col}, {{c, &lines}}, w, bg, filter);
        const Lsq& r = f.r;
        if (!r.ok || r.coef.back() <= 0.0 || r.ssr >= best.ssr) return;
        best.ok = true;
        best.ssr = r.ssr;
        best.amp = r.coef.back();
        const double dof =
            std::max(static_cast<double>(n) - static_cast<double>(base.cols.size() + f.used.size() + 1), 1.0);
        best.se = std::sqrt(std::max(r.ssr, win.noise_ss) / dof * std::max(r.var_last, 0.0));
        best.centre_hz = c;
        best.bg = std::move(f.used);
        best.ssr_own = f.ssr_own;
        best.ss_own = f.ss_own;
        best.noise_own = f.noise_own;
    };
    for (double s = -search_hz; s <= search_hz + 1e-9; s += kCoarseCentreStepHz) eval(centre_hz + s);
    const double c0 = best.centre_hz;
    if (best.ok) {
        for (double s : kFineCentreOffsetsHz) eval(c0 + s);
    }
    return best;
}

}  // namespace sidepeak::classify::detail::band
