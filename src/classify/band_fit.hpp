#pragma once
// Band-shape fitting of first-order multiplets in a spectrum window: Lorentzian line patterns, a
// local constant and slope, known solvent singlets and free non-negative background lines, fitted
// by linear least squares (normal equations). Used by the joint vinyl fit (olefin_fit.cpp) and the
// allylic CH2 read-out (allylic_ch2.cpp).
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail::band {

/// One line of a multiplet: offset from its centre (Hz) and weight.
struct Line {
    double off = 0.0, weight = 1.0;
};

/// Lines of a first-order multiplet (offsets in Hz, weights summing to 1), coincident lines merged.
std::vector<Line> first_order(std::initializer_list<double> js);

/// Spectrum points of a window: x in Hz, at most ~240 points (the shape needs a few points per
/// line width, not every point).
struct Window {
    std::vector<double> x, y;
    double sst = 0.0, noise_ss = 0.0;
    std::vector<std::pair<double, double>> singlets;  ///< known solvent lines inside: (Hz, FWHM)
};
Window window(const signal::NmrResult& nmr, double lo_ppm, double hi_ppm, double w_hz);

/// Adds a Lorentzian pattern of FWHM `w` (Hz) centred at `centre_hz` to `col`.
void add_pattern(std::vector<double>& col, const std::vector<double>& x, double centre_hz,
                 const std::vector<Line>& lines, double w);

/// Columns shared by every model of a window (constant, slope for the local baseline, solvent
/// singlets) with their Gram matrix, B^T y and y^T y computed once.
struct Basis {
    std::vector<std::vector<double>> cols;
    std::vector<double> gram, bty;
    double yty = 0.0;
};
Basis base_columns(const Window& win);

/// Linear least squares by normal equations over the basis plus `extra` columns (the last one is
/// the model's pattern). SSR = y^T y - c^T A^T y. `var_last` is the (A^T A)^-1 diagonal element of
/// the last column (for its standard error).
struct Lsq {
    bool ok = false;
    std::vector<double> coef;
    double ssr = 0.0, var_last = 0.0;
};
Lsq lsq(const Basis& basis, const std::vector<const std::vector<double>*>& extra, const std::vector<double>& y);

/// Noise-corrected R^2 of a window's residual.
double r2_of(const Window& win, double ssr);

/// A background line of the window: another compound's line (the matrix's own olefinic or
/// aromatic lines), at a picked line's position (Hz) and width.
struct Bg {
    double hz = 0.0, fwhm = 0.0;
};

/// Picked lines of a window as background candidates.
std::vector<Bg> picked_lines(const signal::NmrResult& nmr, const Window& win);

/// Background lines a pattern at `centre_hz` leaves unexplained: picked lines farther than one line
/// width (at least 1.5 Hz, plus `fine`: the half-span of unresolved fine structure) from each of its
/// lines. A line that close to one of the pattern's lines is not resolved from it and is read as
/// part of the pattern (a free column there would take the pattern's own intensity).
std::vector<Bg> unexplained(const std::vector<Bg>& picks, const std::vector<Line>& lines, double centre_hz, double w,
                            double fine = 0.0);

/// Patterns (`pats`, columns placed at `placed` = (centre Hz, lines)) fitted beside the basis and
/// free non-negative Lorentzian columns for background lines: `bg` are either the candidates, of
/// which those the patterns' lines leave unexplained are kept (`filter`), or a fixed set. The
/// background amplitudes are non-negative: the most negative column is dropped and the fit repeated
/// (an active-set NNLS over the background columns only). `ssr_own` / `ss_own`: residual and signal
/// (spectrum minus baseline and background) at the points within one line width of the patterns'
/// own lines (weight >= 1/4 of the strongest), which judge the patterns by their own lines.
struct BgFit {
    Lsq r;
    std::vector<Bg> used;
    double ssr_own = 0.0, ss_own = 0.0, noise_own = 0.0;
};
using Placed = std::vector<std::pair<double, const std::vector<Line>*>>;
BgFit fit_with_bg(const Window& win, const Basis& base, const std::vector<const std::vector<double>*>& pats,
                  const Placed& placed, double w, const std::vector<Bg>* bg, bool filter, double fine = 0.0);

/// One pattern at the best shift within centre +- search (coarse 1 Hz steps, then 0.25 Hz), beside
/// the background lines of fit_with_bg; r2_own judges the pattern by its own lines.
struct PatternFit {
    bool ok = false;
    double ssr = 1e300, amp = 0.0, se = 0.0, centre_hz = 0.0;
    double ssr_own = 0.0, ss_own = 0.0, noise_own = 0.0;
    std::vector<Bg> bg;  ///< background lines used
    [[nodiscard]] double r2_own() const {
        const double den = ss_own - noise_own;
        if (!(den > 0.0)) return -1.0;
        return 1.0 - std::max(ssr_own - noise_own, 0.0) / den;
    }
};
PatternFit fit_pattern(const Window& win, const Basis& base, const std::vector<Line>& lines, double w, double centre_hz,
                       double search_hz, const std::vector<Bg>* bg = nullptr, bool filter = true);

}  // namespace sidepeak::classify::detail::band
