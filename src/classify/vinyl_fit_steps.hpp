#pragma once
// Shared steps of the joint terminal-vinyl fit (olefin_fit.cpp): the literature J grids, the fitted
// windows of one vinyl system, the shifts found at the central J, the best grid reading so far, and
// the verdict against the competing readings of the =CH- band (vinyl_competitors.cpp).
#include <array>
#include <cstddef>
#include <vector>

#include "band_fit.hpp"
#include "olefin_fit.hpp"

namespace sidepeak::classify::detail::vinyl {

// Literature grids (Pretsch, Structure Determination of Organic Compounds, 1H coupling tables;
// Silverstein, Spectrometric Identification, 3J of alkenes): terminal vinyl trans 16-18, cis
// 9.5-11, allylic vicinal 6-7.5 Hz; acrylate =CH- dd in the same vinyl ranges; cinnamate trans
// CH=CH 15-16.5; vinyl ether trans 13-15, cis 6-7.5 Hz.
inline constexpr std::array kTrans{16.0, 17.0, 18.0};
inline constexpr std::array kCis{9.5, 10.25, 11.0};
inline constexpr std::array kAllyl{6.0, 6.75, 7.5};
inline constexpr std::array kCinnamate{15.0, 15.75, 16.5};
inline constexpr std::array kEtherTrans{13.0, 14.0, 15.0};
inline constexpr std::array kEtherCis{6.0, 6.75, 7.5};
// Widths tried around the sample's measured line width: picked FWHM of merged lines overstate it,
// lines of a multiplet with unresolved small couplings are broader than one line.
inline constexpr std::array kWidthFactors{0.75, 1.0, 1.3};
// Base widths tried on the =CH- band before the grid (fractions of the measured width).
inline constexpr std::array kBaseWidths{0.3, 0.45, 0.65, 0.85, 1.0, 1.2, 1.4};
// Scan of the =CH2 window for doublets without picked lines: centres whose doublet amplitude is at
// least 3 standard errors (a seed only; the joint fit judges it), the three best per doublet.
inline constexpr double kCh2ScanT = 3.0;
inline constexpr std::size_t kCh2ScanHits = 3;
// Shift search of the =CH- ddt around its seed (Hz): about one J_allyl (6-7.5 Hz), as far as a
// picked hump of a partly resolved ddt lies from the multiplet's centre.
inline constexpr double kChSearchHz = 6.0;
// Lines within 0.02 ppm of a residual-solvent line (Fulmer et al., Organometallics 29 (2010) 2176)
// are the solvent's: the tolerance of the classifier's solvent-line tests (nmr_tools.hpp).
inline constexpr double kSolventTolPpm = 0.02;

/// The two windows of one vinyl system (=CH- band, =CH2 region) with their baselines and
/// background lines, at the base line width.
struct Problem {
    double mhz = 0.0, w_hz = 0.0, w_max = 0.0, seed_hz = 0.0;
    band::Window xw, ew;
    band::Basis xbase, ebase;
    std::vector<band::Bg> xbg, ebg;
};

/// Shifts at the central J: the =CH2 centres per fine-structure reading (no dq, dq 1.4 Hz) and the
/// =CH- centre (Hz).
struct Stars {
    std::array<double, 2> e_hz{0.0, 0.0}, z_hz{0.0, 0.0};
    std::array<bool, 2> have{false, false};
    double x_hz = 0.0;
};

/// Best reading so far: summed relative residual, its =CH2 fine-structure reading, the =CH- fit's
/// whole-window residual and its background lines.
struct Best {
    double total = 1e300;
    std::size_t si = 0;
    double x_ssr = 1e300;
    std::vector<band::Bg> x_bg;
};

/// The =CH2 protons against the =CH- (1H : 1H each within 0.5-2x, the integration error of weak,
/// overlapping lines). Two =CH2 doublets whose centres lie closer than the line width are one band:
/// the fit fixes their summed area, not its split, so the sum is judged (2H within 1-4x).
bool ch2_protons_ok(const VinylFit& f, double mhz);

/// Fits the competing readings of the =CH- band beside the ddt's background lines and sets
/// `out.accepted` or `out.why` (thresholds in vinyl_competitors.cpp).
void judge(const Problem& p, const Stars& st, const Best& best, VinylFit& out);

}  // namespace sidepeak::classify::detail::vinyl
