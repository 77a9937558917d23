// Terminal vinyl group read as one spin system: joint first-order (ABX-like) band-shape fit of the
// =CH- ddt and the two =CH2 doublets, linear least squares for the amplitudes over a small grid of
// J within their literature ranges, compared with the competing readings of the =CH- band; and
// the allylic CH2 read at the fitted J_allyl as d (N-, O-, aryl-CH2) versus q/dt (alkyl CH2).
#include "olefin_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "vinyl_scan.hpp"

namespace sidepeak::classify::detail {
namespace {

struct Line {
    double off = 0.0, weight = 1.0;
};

// Lines of a first-order multiplet (offsets in Hz, weights summing to 1), coincident lines merged.
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

// Spectrum points of a window: x in Hz, at most `max_points` (the shape needs a few points per
// line width, not every point).
struct Window {
    std::vector<double> x, y;
    double sst = 0.0, noise_ss = 0.0;
    std::vector<std::pair<double, double>> singlets;  // known solvent lines inside: (Hz, FWHM)
};

Window window(const signal::NmrResult& nmr, double lo_ppm, double hi_ppm, double w_hz) {
    Window out;
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    double i0 = s.index_of(hi_ppm), i1 = s.index_of(lo_ppm);
    if (i0 > i1) std::swap(i0, i1);
    const double last = static_cast<double>(s.size() - 1);
    const auto a = static_cast<std::size_t>(std::clamp(std::ceil(i0), 0.0, last));
    const auto b = static_cast<std::size_t>(std::clamp(std::floor(i1), 0.0, last));
    if (b <= a + 8) return out;
    const double step_hz = std::abs(s.ppm_step()) * mhz;
    const double want = std::max(w_hz / 3.0, step_hz);
    const std::size_t stride = std::max<std::size_t>({1, static_cast<std::size_t>(want / step_hz), (b - a) / 240});
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
            if (std::abs(m.ppm - l) > 0.02 || !singlet_like(m)) continue;
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

// Columns shared by every model of a window (constant, slope for the local baseline, solvent
// singlets) with their Gram matrix, B^T y and y^T y computed once.
struct Basis {
    std::vector<std::vector<double>> cols;
    std::vector<double> gram, bty;
    double yty = 0.0;
};
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

// Linear least squares by normal equations over the basis plus `extra` columns (the last one is
// the model's pattern). SSR = y^T y - c^T A^T y. `var_last` is the (A^T A)^-1 diagonal element of
// the last column (for its standard error).
struct Lsq {
    bool ok = false;
    std::vector<double> coef;
    double ssr = 0.0, var_last = 0.0;
};
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

// A background line of the window: another compound's line (the matrix's own olefinic or
// aromatic lines), at a picked line's position (Hz) and width.
struct Bg {
    double hz = 0.0, fwhm = 0.0;
};

// Picked lines of a window as background candidates.
std::vector<Bg> picked_lines(const signal::NmrResult& nmr, const Window& win) {
    std::vector<Bg> out;
    if (win.x.empty()) return out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double lo = std::min(win.x.front(), win.x.back()), hi = std::max(win.x.front(), win.x.back());
    for (const auto& p : nmr.peaks) {
        const double hz = p.ppm * mhz;
        if (hz < lo || hz > hi || !(p.fwhm_hz > 0.0)) continue;
        if (std::any_of(win.singlets.begin(), win.singlets.end(),
                        [&](const std::pair<double, double>& sg) { return std::abs(sg.first - hz) < 0.5; }))
            continue;
        out.push_back({hz, std::max(p.fwhm_hz, 0.3)});
    }
    return out;
}

// Background lines a pattern at `centre_hz` leaves unexplained: picked lines farther than one line
// width (at least 1.5 Hz, plus `fine`: the half-span of unresolved fine structure) from each of its
// lines. A line that close to one of the pattern's lines
// is not resolved from it and is read as part of the pattern (a free column there would take the
// pattern's own intensity).
std::vector<Bg> unexplained(const std::vector<Bg>& picks, const std::vector<Line>& lines, double centre_hz, double w,
                            double fine = 0.0) {
    std::vector<Bg> out;
    const double tol = std::max(w, 1.5) + fine;
    for (const Bg& b : picks) {
        const bool near = std::any_of(lines.begin(), lines.end(),
                                      [&](const Line& l) { return std::abs(b.hz - centre_hz - l.off) <= tol; });
        if (!near) out.push_back(b);
    }
    return out;
}

// Patterns (`pats`, columns placed at `placed` = (centre Hz, lines)) fitted beside the basis and
// free non-negative Lorentzian columns for background lines: `bg` are either the candidates, of
// which those the patterns' lines leave unexplained are kept (`filter`), or a fixed set. The
// background amplitudes are non-negative: the most negative column is dropped and the fit repeated
// (an active-set NNLS over the background columns only). `ssr_own` / `ss_own`: residual and signal
// (spectrum minus baseline and background) at the points within one line width of the patterns'
// own lines (weight >= 1/4 of the strongest), which judge the patterns by their own lines.
struct BgFit {
    Lsq r;
    std::vector<Bg> used;
    double ssr_own = 0.0, ss_own = 0.0, noise_own = 0.0;
};
BgFit fit_with_bg(const Window& win, const Basis& base, const std::vector<const std::vector<double>*>& pats,
                  const std::vector<std::pair<double, const std::vector<Line>*>>& placed, double w,
                  const std::vector<Bg>* bg, bool filter, double fine = 0.0) {
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
                      return l.weight >= 0.25 * wmax && std::abs(win.x[i] - c - l.off) <= std::max(w, 0.5);
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

// One pattern at the best shift within centre +- search (coarse 1 Hz steps, then 0.25 Hz), beside
// the background lines of fit_with_bg; r2_own judges the pattern by its own lines.
struct PatternFit {
    bool ok = false;
    double ssr = 1e300, amp = 0.0, se = 0.0, centre_hz = 0.0;
    double ssr_own = 0.0, ss_own = 0.0, noise_own = 0.0;
    std::vector<Bg> bg;  // background lines used
    double r2_own() const {
        const double den = ss_own - noise_own;
        if (!(den > 0.0)) return -1.0;
        return 1.0 - std::max(ssr_own - noise_own, 0.0) / den;
    }
};
PatternFit fit_pattern(const Window& win, const Basis& base, const std::vector<Line>& lines, double w, double centre_hz,
                       double search_hz, const std::vector<Bg>* bg = nullptr, bool filter = true) {
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
    for (double s = -search_hz; s <= search_hz + 1e-9; s += 1.0) eval(centre_hz + s);
    const double c0 = best.centre_hz;
    if (best.ok) {
        for (double s : {-0.5, -0.25, 0.25, 0.5}) eval(c0 + s);
    }
    return best;
}

// Literature grids (Pretsch; Silverstein): terminal vinyl trans 16-18, cis 9.5-11, allylic vicinal
// 6-7.5 Hz; acrylate =CH- dd in the same vinyl ranges; cinnamate trans CH=CH 15-16.5; vinyl ether
// trans 13-15, cis 6-7.5 Hz.
constexpr std::array kTrans{16.0, 17.0, 18.0};
constexpr std::array kCis{9.5, 10.25, 11.0};
constexpr std::array kAllyl{6.0, 6.75, 7.5};
constexpr std::array kCinnamate{15.0, 15.75, 16.5};
constexpr std::array kEtherTrans{13.0, 14.0, 15.0};
constexpr std::array kEtherCis{6.0, 6.75, 7.5};
// Widths tried around the sample's measured line width: picked FWHM of merged lines overstate it,
// lines of a multiplet with unresolved small couplings are broader than one line.
constexpr std::array kWidthFactors{0.75, 1.0, 1.3};
// Scan of the =CH2 window for doublets without picked lines: centres whose doublet amplitude is at
// least 3 standard errors (a seed only; the joint fit judges it), the three best per doublet.
constexpr double kCh2ScanT = 3.0;
constexpr std::size_t kCh2ScanHits = 3;
// Base widths tried on the =CH- band before the grid (fractions of the measured width).
constexpr std::array kBaseWidths{0.3, 0.45, 0.65, 0.85, 1.0, 1.2, 1.4};

// A weak band's residuals are mostly noise, so the ratio of two models' residuals stays near 1
// however clearly one of them is right. There the models are compared by the residual they leave
// beyond the noise (n sigma^2 of the window): the ddt must leave at most half the competitor's
// excess, and the competitor's residual must exceed the ddt's by a likelihood-ratio difference of
// 25 sigma^2 (Delta chi^2 = 25, 5 standard deviations for one extra degree of freedom; Wilks'
// theorem, e.g. Press et al., Numerical Recipes 3rd ed., 15.6).
constexpr double kDeltaChi2 = 25.0;
bool beats_at_noise(const Window& win, double ssr, double competitor_ssr) {
    const double n = static_cast<double>(win.y.size());
    if (!(n > 0.0) || !(win.noise_ss > 0.0)) return false;
    const double sigma2 = win.noise_ss / n;
    const double excess = std::max(ssr - win.noise_ss, 0.0), comp_excess = std::max(competitor_ssr - win.noise_ss, 0.0);
    return excess <= 0.5 * comp_excess && competitor_ssr - ssr >= kDeltaChi2 * sigma2;
}

}  // namespace

VinylFit fit_terminal_vinyl(const signal::NmrResult& nmr, double ch_seed_ppm, double ch2_from, double ch2_to,
                            double w_hz) {
    VinylFit out;
    out.w_measured = w_hz;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    if (!(mhz > 0.0) || !(w_hz > 0.0) || ch2_to <= ch2_from) {
        out.why = "no usable =CH- / =CH2 regions";
        return out;
    }
    const double search = 6.0;
    // The line width is a free parameter: picked FWHM of merged lines overstate it (at 6-15 Hz the
    // 6.5 Hz splittings of the ddt merge into two or three humps whose FWHM is 2-3 line widths),
    // and the median may come from a background line. The =CH- ddt alone fixes the base width
    // (0.3-1.4x the measured one); the grid below then varies it around that.
    {
        const double probe_half = (kTrans.back() + kCis.back() + 2 * kAllyl.back()) / 2 + search + 3 * w_hz;
        const Window probe =
            window(nmr, ch_seed_ppm - probe_half / mhz, ch_seed_ppm + probe_half / mhz, w_hz * kBaseWidths.front());
        if (probe.y.size() >= 12 && probe.sst > probe.noise_ss) {
            const auto pbase = base_columns(probe);
            const auto pbg = picked_lines(nmr, probe);
            const auto ddt = first_order({kTrans[1], kCis[1], kAllyl[1], kAllyl[1]});
            double best = 1e300, w_best = w_hz;
            for (double f : kBaseWidths) {
                const auto fp = fit_pattern(probe, pbase, ddt, w_hz * f, ch_seed_ppm * mhz, search, &pbg);
                if (fp.ok && fp.ssr < best) {
                    best = fp.ssr;
                    w_best = w_hz * f;
                }
            }
            w_hz = std::max(w_best, 0.3);
        }
    }
    const double w_max = w_hz * kWidthFactors.back();
    const double x_half = (kTrans.back() + kCis.back() + 2 * kAllyl.back()) / 2 + search + 2 * w_max;
    const Window xw = window(nmr, ch_seed_ppm - x_half / mhz, ch_seed_ppm + x_half / mhz, w_hz * kWidthFactors.front());
    const double e_half = kTrans.back() / 2 + 2 * w_max;
    const Window ew = window(nmr, ch2_from - e_half / mhz, ch2_to + e_half / mhz, w_hz * kWidthFactors.front());
    if (xw.y.size() < 12 || ew.y.size() < 12 || !(xw.sst > xw.noise_ss) || !(ew.sst > ew.noise_ss)) {
        out.why = "no band above the noise";
        return out;
    }
    const auto xbase = base_columns(xw);
    // Lines of other compounds in the =CH- window (the matrix's own olefinic or aromatic lines)
    // get free columns of their own wherever the ddt leaves a picked line unexplained.
    const auto xbg = picked_lines(nmr, xw);
    double x_ssr = 1e300;   // whole-window residual of the chosen ddt (with its background lines)
    std::vector<Bg> x_bg;   // background lines of the chosen ddt
    // Joint R^2 of the vinyl system judged by its own lines: the ddt's lines in the =CH- window
    // (beside background lines), the whole =CH2 window.
    // The =CH2 window likewise: background lines where the two doublets leave picked lines
    // unexplained.
    const auto ebg = picked_lines(nmr, ew);
    // Lines of the =CH2 doublets carry the geminal 2J (0-2 Hz) and the allylic 4J to two CH2
    // protons (1-2 Hz each, Pretsch): picked lines within their half-span (about 2.5 Hz) of a
    // doublet line are its fine structure, not background.
    constexpr double kCh2Fine = 2.5;
    auto joint_r2 = [&](const PatternFit& f, const BgFit& e) {
        const double den = (f.ss_own - f.noise_own) + (e.ss_own - e.noise_own);
        if (!(den > 0.0)) return -1.0;
        return 1.0 - (std::max(f.ssr_own - f.noise_own, 0.0) + std::max(e.ssr_own - e.noise_own, 0.0)) / den;
    };
    const auto ebase = base_columns(ew);
    const double seed_hz = ch_seed_ppm * mhz;

    // =CH2 centre candidates: every picked line in the window as one line of the doublet or its
    // unresolved centre, refined by +-1 Hz.
    std::vector<double> picks;
    for (const auto& p : nmr.peaks) {
        if (p.ppm >= ch2_from && p.ppm <= ch2_to && !near_solvent_line(nmr, p.ppm, 0.02)) picks.push_back(p.ppm * mhz);
    }
    // A weak =CH2 doublet has lines below the peak picker's threshold (5 sigma): its centre is also
    // looked for by a matched-filter scan of the trans and cis doublets at the measured width.
    const auto scanned = [&](double j) {
        std::vector<double> c;
        for (const auto& h : scan_multiplet(nmr, ch2_from, ch2_to, {j}, w_hz, kCh2ScanT, kCh2ScanHits, j / 2))
            c.push_back(h.ppm * mhz);
        return c;
    };
    const auto scan_e = scanned(kTrans[1]), scan_z = scanned(kCis[1]);
    if (picks.empty() && scan_e.empty() && scan_z.empty()) {
        out.why = "no =CH2 lines";
        return out;
    }
    auto centres = [&](double j, const std::vector<double>& scan) {
        std::vector<double> c;
        for (double p : picks) {
            for (double base : {p - j / 2, p, p + j / 2}) {
                for (double d : {-1.0, 0.0, 1.0}) c.push_back(base + d);
            }
        }
        for (double p : scan) {
            for (double d : {-0.5, 0.0, 0.5}) c.push_back(p + d);
        }
        return c;
    };

    // Shifts do not depend on J and width within the grids: the =CH2 centres are searched once
    // (per fine-structure reading) at the central J and the measured width, the =CH- shift
    // likewise; the grid then refines them by +-0.5 Hz.
    std::array<double, 2> e_star{0.0, 0.0}, z_star{0.0, 0.0};
    std::array<bool, 2> have_star{false, false};
    double x_star = seed_hz;
    bool stage_one = true;
    double best_total = 1e300;
    std::size_t best_si = 0;
    for (int pass = 0; pass < 2; ++pass) {
        stage_one = pass == 0;
        for (double wf : kWidthFactors) {
            if (stage_one && wf != 1.0) continue;
            const double w = w_hz * wf;
            for (double jt : kTrans) {
                for (double jc : kCis) {
                    if (stage_one && (jt != kTrans[1] || jc != kCis[1])) continue;
                    // The =CH2 protons also carry the geminal 2J (0.5-3 Hz) and the allylic 4J to the CH2
                    // (1-2 Hz, Pretsch): resolved as dq fine structure at narrow lines, absorbed in the
                    // width at broad ones; both readings are tried.
                    // The =CH- fits depend on (J, width) only: computed once for both =CH2 readings.
                    std::array<PatternFit, kAllyl.size()> xfits{};
                    bool xfits_done = false;
                    for (std::size_t si = 0; si < 2; ++si) {
                        const double small = si == 0 ? 0.0 : 1.4;
                        if (!stage_one && !have_star[si]) continue;
                        // =CH2: trans d and cis d by coordinate descent (two rounds).
                        const auto de = first_order({jt, small, small, small}),
                                   dz = first_order({jc, small, small, small});
                        const auto ce = stage_one ? centres(jt, scan_e)
                                                  : std::vector<double>{e_star[si] - 0.5, e_star[si], e_star[si] + 0.5};
                        const auto cz = stage_one ? centres(jc, scan_z)
                                                  : std::vector<double>{z_star[si] - 0.5, z_star[si], z_star[si] + 0.5};
                        // Both doublets placed jointly: every pair of candidate centres (from the picked
                        // lines) is tried. When the two doublets interleave (their shift difference below
                        // J_trans), a one-at-a-time search settles with one doublet on the other's lines.
                        double bestE = 0.0, bestZ = 0.0, ssr2 = 1e300, ampE = 0.0, ampZ = 0.0;
                        BgFit e_fit;
                        bool have_z = false;
                        {
                            std::vector<std::vector<double>> colsE, colsZ;
                            colsE.reserve(ce.size());
                            colsZ.reserve(cz.size());
                            for (double c : ce) {
                                colsE.emplace_back(ew.x.size(), 0.0);
                                add_pattern(colsE.back(), ew.x, c, de, w);
                            }
                            for (double c : cz) {
                                colsZ.emplace_back(ew.x.size(), 0.0);
                                add_pattern(colsZ.back(), ew.x, c, dz, w);
                            }
                            for (std::size_t ie = 0; ie < ce.size(); ++ie) {
                                for (std::size_t iz = 0; iz < cz.size(); ++iz) {
                                    // Literature: the two =CH2 protons of a terminal vinyl group lie
                                    // within 0.35 ppm of each other (Pretsch: vinyl acetate 4.88/4.57).
                                    if (std::abs(ce[ie] - cz[iz]) > 0.35 * mhz) continue;
                                    const auto r = lsq(ebase, {&colsE[ie], &colsZ[iz]}, ew.y);
                                    if (!r.ok || r.coef.back() <= 0.0 || r.coef[r.coef.size() - 2] <= 0.0) continue;
                                    if (r.ssr < ssr2) {
                                        ssr2 = r.ssr;
                                        bestE = ce[ie];
                                        bestZ = cz[iz];
                                        ampE = r.coef[r.coef.size() - 2];
                                        ampZ = r.coef.back();
                                        have_z = true;
                                        e_fit = fit_with_bg(ew, ebase, {&colsE[ie], &colsZ[iz]},
                                                            {{ce[ie], &de}, {cz[iz], &dz}}, w, &ebg, true, kCh2Fine);
                                    }
                                }
                            }
                            // The doublets are placed by the spectrum alone (free background lines
                            // would let them move off their lines); at that place the lines they
                            // leave unexplained get background columns.
                            if (have_z && e_fit.r.ok && e_fit.r.coef.back() > 0.0 &&
                                e_fit.r.coef[e_fit.r.coef.size() - 2] > 0.0) {
                                ssr2 = e_fit.r.ssr;
                                ampE = e_fit.r.coef[e_fit.r.coef.size() - 2];
                                ampZ = e_fit.r.coef.back();
                            }
                        }
                        if (!have_z || !(ssr2 < 1e300)) continue;
                        if (stage_one) {
                            e_star[si] = bestE;
                            z_star[si] = bestZ;
                            have_star[si] = true;
                            if (si == 0) {
                                const auto f = fit_pattern(xw, xbase, first_order({jt, jc, kAllyl[1], kAllyl[1]}), w,
                                                           seed_hz, search, &xbg);
                                if (f.ok) x_star = f.centre_hz;
                            }
                            continue;
                        }
                        if (!xfits_done) {
                            for (std::size_t ai = 0; ai < kAllyl.size(); ++ai) {
                                xfits[ai] = fit_pattern(xw, xbase, first_order({jt, jc, kAllyl[ai], kAllyl[ai]}), w,
                                                        x_star, 0.0, &xbg);
                            }
                            xfits_done = true;
                        }
                        for (std::size_t ai = 0; ai < kAllyl.size(); ++ai) {
                            const double ja = kAllyl[ai];
                            const auto& f = xfits[ai];
                            if (!f.ok) continue;
                            const double total = f.ssr / std::max(xw.sst, 1e-300) + ssr2 / std::max(ew.sst, 1e-300);
                            if (total >= best_total) continue;
                            best_total = total;
                            best_si = si;
                            out.j = {jt, jc, ja};
                            out.w_hz = w;
                            out.ch_ppm = f.centre_hz / mhz;
                            out.e_ppm = bestE / mhz;
                            out.z_ppm = bestZ / mhz;
                            const double to_area = std::numbers::pi / 2 * w / mhz;  // unit-height Lorentzian
                            out.ch_height = f.amp;
                            out.ch_area = f.amp * to_area;
                            out.e_area = ampE * to_area;
                            out.z_area = ampZ * to_area;
                            out.t = f.se > 0.0 ? f.amp / f.se : 0.0;
                            out.r2_ch = f.r2_own();
                            out.r2 = joint_r2(f, e_fit);
                            x_ssr = f.ssr;
                            x_bg = f.bg;
                        }
                    }
                }
            }
        }
    }
    // Continuous refinement of the three J and the width about the best grid point (coordinate
    // search, steps 0.5 / 0.25 / 0.125 Hz): at 0.5-1.5 Hz lines a J off by half a grid step moves
    // the outer ddt lines by a whole line width.
    if (best_total < 1e300) {
        auto evaluate = [&](double jt, double jc, double ja, double w) {
            const double small = best_si == 0 ? 0.0 : 1.4;
            const auto de = first_order({jt, small, small, small}), dz = first_order({jc, small, small, small});
            const double e0 = out.e_ppm * mhz, z0 = out.z_ppm * mhz;
            std::vector<std::vector<double>> cE, cZ;
            const std::array<double, 3> offs{-0.25, 0.0, 0.25};
            for (double o : offs) {
                cE.emplace_back(ew.x.size(), 0.0);
                add_pattern(cE.back(), ew.x, e0 + o, de, w);
                cZ.emplace_back(ew.x.size(), 0.0);
                add_pattern(cZ.back(), ew.x, z0 + o, dz, w);
            }
            double ssr2 = 1e300, bE = 0.0, bZ = 0.0, aE = 0.0, aZ = 0.0;
            BgFit e_fit;
            for (std::size_t ie = 0; ie < offs.size(); ++ie) {
                for (std::size_t iz = 0; iz < offs.size(); ++iz) {
                    const auto r = lsq(ebase, {&cE[ie], &cZ[iz]}, ew.y);
                    if (!r.ok || r.coef.back() <= 0.0 || r.coef[r.coef.size() - 2] <= 0.0 || !(r.ssr < ssr2)) continue;
                    ssr2 = r.ssr;
                    bE = e0 + offs[ie];
                    bZ = z0 + offs[iz];
                    aE = r.coef[r.coef.size() - 2];
                    aZ = r.coef.back();
                    e_fit = fit_with_bg(ew, ebase, {&cE[ie], &cZ[iz]}, {{bE, &de}, {bZ, &dz}}, w, &ebg, true, kCh2Fine);
                }
            }
            if (!(ssr2 < 1e300)) return false;
            if (e_fit.r.ok && e_fit.r.coef.back() > 0.0 && e_fit.r.coef[e_fit.r.coef.size() - 2] > 0.0) {
                ssr2 = e_fit.r.ssr;
                aE = e_fit.r.coef[e_fit.r.coef.size() - 2];
                aZ = e_fit.r.coef.back();
            }
            const auto f = fit_pattern(xw, xbase, first_order({jt, jc, ja, ja}), w, out.ch_ppm * mhz, 1.0, &xbg);
            if (!f.ok) return false;
            const double total = f.ssr / std::max(xw.sst, 1e-300) + ssr2 / std::max(ew.sst, 1e-300);
            if (total >= best_total) return false;
            best_total = total;
            out.j = {jt, jc, ja};
            out.w_hz = w;
            out.ch_ppm = f.centre_hz / mhz;
            out.e_ppm = bE / mhz;
            out.z_ppm = bZ / mhz;
            const double to_area = std::numbers::pi / 2 * w / mhz;
            out.ch_height = f.amp;
            out.ch_area = f.amp * to_area;
            out.e_area = aE * to_area;
            out.z_area = aZ * to_area;
            out.t = f.se > 0.0 ? f.amp / f.se : 0.0;
            out.r2_ch = f.r2_own();
            out.r2 = joint_r2(f, e_fit);
            x_ssr = f.ssr;
            x_bg = f.bg;
            return true;
        };
        // Literature ranges plus the 0.5 Hz reading accuracy of first-order J.
        auto in_range = [&](double jt, double jc, double ja, double w) {
            return jt >= kTrans.front() - 0.5 && jt <= kTrans.back() + 0.5 && jc >= kCis.front() - 0.5 &&
                   jc <= kCis.back() + 0.5 && ja >= kAllyl.front() - 0.5 && ja <= kAllyl.back() + 0.5 && w >= 0.3 &&
                   w <= w_max * 1.2;
        };
        for (double step : {0.5, 0.25, 0.125}) {
            for (int it = 0; it < 4; ++it) {
                bool improved = false;
                for (int k = 0; k < 4; ++k) {
                    for (double sgn : {-1.0, 1.0}) {
                        std::array<double, 4> v{out.j.trans, out.j.cis, out.j.allyl, out.w_hz};
                        v[static_cast<std::size_t>(k)] += k == 3 ? sgn * v[3] * 0.4 * step : sgn * step;
                        if (!in_range(v[0], v[1], v[2], v[3])) continue;
                        if (evaluate(v[0], v[1], v[2], v[3])) improved = true;
                    }
                }
                if (!improved) break;
            }
        }
    }
    if (out.r2 < -0.5) {
        out.why = "no positive fit";
        return out;
    }
    // Competing readings of the =CH- band in the same window.
    double comp_ssr = 1e300, dd_ssr = 1e300;
    auto compete = [&](const std::vector<Line>& lines, double w, const char* name) {
        const auto f = fit_pattern(xw, xbase, lines, w, x_star, 3.0, &x_bg, false);
        if (f.ok && f.ssr < comp_ssr) {
            comp_ssr = f.ssr;
            out.competitor = name;
        }
        return f.ok ? f.ssr : 1e300;
    };
    for (double wf : kWidthFactors) {
        const double w = w_hz * wf;
        for (double jt : kTrans) {
            for (double jc : kCis)
                dd_ssr = std::min(dd_ssr, compete(first_order({jt, jc}), w, "dd 17/10 (acrylate-like =CH-)"));
        }
        for (double j : kCinnamate) compete(first_order({j}), w, "d 15-16.5 (trans CH=CH without a cis partner)");
        for (double jt : kEtherTrans) {
            for (double jc : kEtherCis) compete(first_order({jt, jc}), w, "dd 14/6.5 (vinyl ether =CH-O)");
        }
    }
    // One line of free width, up to the whole ddt span: an unresolved band carries no J.
    for (double wf : {1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0})
        compete({{0.0, 1.0}}, std::max(w_hz * wf, 1.0), "one unresolved band");
    out.r2_competitor = r2_of(xw, comp_ssr);
    // Competitors are fitted beside the same background lines as the ddt: the ddt must explain
    // its own lines better than each competing reading does.
    const double ssr_ch = x_ssr;
    // Lines as wide as the allylic splitting leave it unresolved (two Lorentzians of FWHM w merge
    // into one band for a separation below about w): the ddt and the acrylate-like dd (17/10 at a
    // broader width) then give the same envelope, and the =CH- band alone cannot tell them apart.
    // There the =CH2 positions decide (an acrylate's =CH2 lie at 5.8-6.4 ppm, outside the window
    // read here); the ddt must still fit at least as well as the dd and beat every other reading.
    const bool unresolved = out.w_hz >= out.j.allyl;
    double other_ssr = 1e300;
    if (unresolved) {
        for (double wf : kWidthFactors) {
            const double w = w_hz * wf;
            for (double j : kCinnamate) {
                const auto f = fit_pattern(xw, xbase, first_order({j}), w, x_star, 3.0, &x_bg, false);
                if (f.ok) other_ssr = std::min(other_ssr, f.ssr);
            }
            for (double jt : kEtherTrans) {
                for (double jc : kEtherCis) {
                    const auto f = fit_pattern(xw, xbase, first_order({jt, jc}), w, x_star, 3.0, &x_bg, false);
                    if (f.ok) other_ssr = std::min(other_ssr, f.ssr);
                }
            }
        }
        for (double wf : {1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0}) {
            const auto f = fit_pattern(xw, xbase, {{0.0, 1.0}}, std::max(w_hz * wf, 1.0), x_star, 3.0, &x_bg, false);
            if (f.ok) other_ssr = std::min(other_ssr, f.ssr);
        }
    }

    const double e_ratio = out.ch_area > 0 ? out.e_area / out.ch_area : 0.0;
    const double z_ratio = out.ch_area > 0 ? out.z_area / out.ch_area : 0.0;
    if (out.r2 < 0.9) {
        out.why = "the joint ddt + 2 d fit explains too little of its own lines (R2 " + fixed(out.r2, 2) + ")";
    } else if (out.r2_ch < 0.8) {
        out.why = "the ddt's own lines are explained too little (R2 " + fixed(out.r2_ch, 2) + ")";
    } else if (out.t < 6.0) {
        out.why = "=CH- amplitude below 6 standard errors";
    } else if (e_ratio < 0.5 || e_ratio > 2.0 || z_ratio < 0.5 || z_ratio > 2.0) {
        out.why = "=CH2 protons not 1H each against the =CH- (" + fixed(e_ratio, 1) + ", " + fixed(z_ratio, 1) + ")";
    } else if (!(ssr_ch <= 0.5 * comp_ssr) && !beats_at_noise(xw, ssr_ch, comp_ssr) &&
               !(unresolved && comp_ssr == dd_ssr && ssr_ch <= dd_ssr && ssr_ch <= 0.5 * other_ssr)) {
        out.why = "the =CH- band is read as well as " + out.competitor + " (R2 " + fixed(out.r2_competitor, 2) +
                  " vs " + fixed(out.r2_ch, 2) + ")";
    } else {
        out.accepted = true;
    }
    return out;
}

std::vector<AllylicCandidate> find_allylic_ch2(const signal::NmrResult& nmr, const VinylFit& fit, double from,
                                               double to) {
    std::vector<AllylicCandidate> out;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const double w = fit.w_hz, ja = fit.j.allyl;
    if (!(mhz > 0.0) || !(w > 0.0) || !(fit.ch_area > 0.0)) return out;
    // A 2H d has lines of the =CH- weight-1 height (2 x 1/2); its unresolved 4J (1-2 Hz) lower
    // them. Lines far from that height are another compound's (or the product's ring multiplets).
    const double h = fit.ch_height;
    std::vector<double> seeds;
    for (const auto& p : nmr.peaks) {
        if (p.ppm < from || p.ppm > to) continue;
        if (!(p.height >= 0.2 * h && p.height <= 4.0 * h)) continue;
        for (double c : {p.ppm * mhz - ja / 2, p.ppm * mhz + ja / 2, p.ppm * mhz}) {
            if (std::none_of(seeds.begin(), seeds.end(), [&](double s) { return std::abs(s - c) < 0.5; }))
                seeds.push_back(c);
        }
    }
    const auto d = first_order({ja});
    constexpr std::array kVicinal{6.0, 7.0, 8.0};  // alkyl 3J (Pretsch)
    const double half = 1.5 * ja + 2.0 * w + 2.0;
    const double to_area = std::numbers::pi / 2 * w / mhz;
    for (double c : seeds) {
        const Window win = window(nmr, (c - half) / mhz, (c + half) / mhz, w);
        if (win.y.size() < 10 || !(win.sst > win.noise_ss)) continue;
        const auto base = base_columns(win);
        const auto fd = fit_pattern(win, base, d, w, c, 1.0);
        PatternFit fq;
        for (double jv : kVicinal) {
            const auto f = fit_pattern(win, base, first_order({ja, jv, jv}), w, c, 1.0);
            if (f.ok && f.ssr < fq.ssr) fq = f;
        }
        // Competing readings of the same band: a t or quintet of the ring CH2 (vicinal J 5-7 Hz,
        // ring N-CH2 and C6-H2 of the diazepane): no allylic CH2.
        double ring_ssr = 1e300;
        for (double jv : {5.0, 6.0, 7.0}) {
            for (const auto& lines : {first_order({jv, jv}), first_order({jv, jv, jv, jv})}) {
                const auto f = fit_pattern(win, base, lines, w, c, 1.0);
                if (f.ok) ring_ssr = std::min(ring_ssr, f.ssr);
            }
        }
        AllylicCandidate a;
        a.r2_d = fd.ok ? r2_of(win, fd.ssr) : -1.0;
        a.r2_q = fq.ok ? r2_of(win, fq.ssr) : -1.0;
        a.doublet = a.r2_d > a.r2_q;
        const auto& f = a.doublet ? fd : fq;
        if (!f.ok || std::max(a.r2_d, a.r2_q) < 0.8 || !(f.ssr < ring_ssr)) continue;
        // The q/dt reading is that of an alkyl CH2 next to the vinyl group: 1.9-2.4 ppm (Pretsch:
        // allylic CH2 2.0-2.2 plus substituent effects).
        if (!a.doublet && f.centre_hz / mhz > 2.4) continue;
        // The d column has weight 1 split over its lines, so amp x area of a unit line is the area.
        a.area = f.amp * to_area;
        a.ppm = f.centre_hz / mhz;
        const double q = a.area / fit.ch_area;
        if (q < 1.0 || q > 3.5) continue;
        if (std::any_of(out.begin(), out.end(),
                        [&](const AllylicCandidate& o) { return std::abs(o.ppm - a.ppm) * mhz < 1.0; }))
            continue;
        out.push_back(a);
    }
    return out;
}

double allylic_room(const signal::NmrResult& nmr, const VinylFit& fit, double from, double to, bool alkyl) {
    const auto& s = nmr.spectrum;
    const double mhz = s.spectrometer_mhz;
    if (!(mhz > 0.0) || !(fit.w_hz > 0.0) || !(fit.ch_area > 0.0) || s.size() < 3) return 0.0;
    // The allylic CH2 carries a 4J of 1-2 Hz to each =CH2 proton (Pretsch): unresolved, it widens
    // every line by about their sum (Lorentzian widths add).
    const double w = fit.w_hz + 2.8;
    const double g2 = w * w / 4;
    // Height of a weight-1 Lorentzian of area 2 x the =CH- (one proton) area.
    const double need = 2.0 * fit.ch_area / (std::numbers::pi / 2 * w / mhz);
    const double ja = fit.j.allyl;
    std::vector<std::vector<Line>> patterns;
    if (alkyl) {
        for (double jv : {6.0, 7.0, 8.0}) patterns.push_back(first_order({ja, jv, jv}));  // alkyl 3J (Pretsch)
    } else {
        patterns.push_back(first_order({ja}));
    }
    const double hz_pt = s.hz_per_point();
    if (!(hz_pt > 0.0)) return 0.0;
    const double floor_y = 3.0 * nmr.noise;
    std::vector<std::pair<double, double>> apex;  // (Hz, height) of picked lines near the window
    for (const auto& p : nmr.peaks) {
        // A sharp multiplet on an exchange-broadened hump (water, NH) would stand out as sharp
        // picked lines of its own: only lines of about its own width can hide it.
        if (p.ppm >= from - 0.1 && p.ppm <= to + 0.1 && p.fwhm_hz <= 3.0 * w) apex.emplace_back(p.ppm * mhz, p.height);
    }
    double best = 0.0;
    for (const auto& lines : patterns) {
        double span = 0.0;
        for (const Line& l : lines) span = std::max(span, std::abs(l.off));
        const double reach = span + 1.5 * w;  // where the pattern is >= ~10 % of a line's height
        double wmin = 1.0;
        for (const Line& l : lines) wmin = std::min(wmin, l.weight);
        for (double c = from * mhz; c <= to * mhz + 1e-9; c += 0.25) {
            // Hidden under lines, not under the tail of a line beyond the pattern: a picked apex at
            // least as tall as half the pattern's weakest line lies within the pattern's span.
            const bool under_line = std::any_of(apex.begin(), apex.end(), [&](const std::pair<double, double>& a) {
                return std::abs(a.first - c) <= span + w && a.second >= 0.5 * need * wmin;
            });
            if (!under_line) continue;
            double i0 = s.index_of((c + reach) / mhz), i1 = s.index_of((c - reach) / mhz);
            if (i0 > i1) std::swap(i0, i1);
            const auto a = static_cast<std::ptrdiff_t>(std::floor(i0)), b = static_cast<std::ptrdiff_t>(std::ceil(i1));
            if (a < 0 || b >= static_cast<std::ptrdiff_t>(s.size())) continue;
            double room = 1e3;
            for (std::ptrdiff_t i = a; i <= b && room > best; ++i) {
                const double x = s.ppm_at(static_cast<double>(i)) * mhz;
                double p = 0.0, pmax = 0.0;
                for (const Line& l : lines) {
                    const double d = x - c - l.off;
                    p += l.weight * g2 / (d * d + g2);
                    pmax = std::max(pmax, l.weight);
                }
                if (p < 0.2 * pmax) continue;
                room = std::min(room, (s.real[static_cast<std::size_t>(i)] + floor_y) / (need * p));
            }
            best = std::max(best, room);
        }
    }
    return std::max(best, 0.0);
}

}  // namespace sidepeak::classify::detail
