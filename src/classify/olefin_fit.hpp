#pragma once
// Joint band-shape fit of a terminal vinyl group (=CH- and =CH2 as one spin system) and the read-out
// of its allylic CH2 at the fitted J. Used by the Hofmann NMR detector (hofmann_nmr.cpp).
#include <string>
#include <vector>

#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail {

/// Coupling ranges of a terminal vinyl group R-CH2-CH=CH2 (Pretsch, Structure Determination of
/// Organic Compounds, 4th ed., 1H coupling tables; Silverstein, Spectrometric Identification,
/// 3J of alkenes): 3J trans 16-18, 3J cis 9.5-11, 3J to the allylic CH2 6-7.5 Hz.
struct VinylJ {
    double trans = 17.0, cis = 10.2, allyl = 6.8;
};

/// Result of fit_terminal_vinyl. Areas are in intensity x ppm (comparable to Multiplet::area).
struct VinylFit {
    bool accepted = false;  ///< explains both regions and beats every competing model of the =CH-
    double r2 = -1.0;       ///< joint noise-corrected R^2 over the =CH- and =CH2 windows
    double r2_ch = -1.0;    ///< R^2 of the =CH- window alone (ddt)
    double r2_competitor = -1.0;
    std::string competitor;  ///< best competing reading of the =CH- band
    double t = 0.0;          ///< =CH- amplitude over its standard error
    VinylJ j;
    double w_hz = 0.0;                              ///< shared Lorentzian FWHM (fitted)
    double w_measured = 0.0;                        ///< the picked lines' FWHM it started from
    double ch_ppm = 0.0, e_ppm = 0.0, z_ppm = 0.0;  ///< =CH-, =CH2 trans and cis to it
    double ch_area = 0.0, e_area = 0.0, z_area = 0.0;
    double ch_height = 0.0;  ///< fitted height of a weight-1 line (one proton, all lines merged)
    std::string why;         ///< reason of a rejection
};

/// First-order ABX-like model of the N-allyl / C-allyl vinyl system: =CH- (X) a ddt (J_trans,
/// J_cis, J_allyl to n = 2 allylic protons), =CH2 trans (E) a d (J_trans) and cis (Z) a d (J_cis),
/// all Lorentzians of one shared FWHM. Amplitudes (one per proton, a constant and a slope per
/// window, known solvent singlets) by linear least squares for every point of a small grid of J
/// within their literature ranges and of widths around `w_hz` (measured from the sample); shifts by
/// a line search (=CH- near `ch_seed_ppm`, =CH2 protons by coordinate descent across
/// [ch2_from, ch2_to]). Accepted when the joint R^2 >= 0.9, the =CH- amplitude >= 6 standard
/// errors, each =CH2 proton 0.5-2x the =CH- area, and the ddt leaves at most half the residual
/// of every competing model of the =CH- band: dd 17/10 (acrylate =CH-, no allylic CH2), d 15-16.5
/// (cinnamate trans CH=CH, no cis partner), dd 13-15 / 6-7.5 (vinyl ether =CH-O), one broad line
/// of free width (an unresolved band: nothing specific).
/// `claimed`: picked lines (ppm) of another, accepted vinyl system's =CH2 doublets in the =CH2
/// window; each gets a column of its own (as a residual-solvent singlet does) and seeds no =CH2
/// doublet, so a second allyl group of the crude is read beside the first.
VinylFit fit_terminal_vinyl(const signal::NmrResult& nmr, double ch_seed_ppm, double ch2_from, double ch2_to,
                            double w_hz, const std::vector<double>& claimed = {});

/// Picked lines (ppm) of an accepted system's two =CH2 doublets: the picked line nearest each of its
/// four lines (e, z +- J / 2) within the fitted width (at least 1 Hz).
std::vector<double> ch2_doublet_lines(const signal::NmrResult& nmr, const VinylFit& f);

/// A CH2 coupled to the vinyl =CH- with the fitted J_allyl, read from the band shape.
struct AllylicCandidate {
    double ppm = 0.0;
    double area = 0.0;     ///< of the better model
    double r2_d = -1.0;    ///< d (J_allyl): CH2 next to N, O or an aryl
    double r2_q = -1.0;    ///< dtt (J_allyl, 2 x 6-8 Hz): alkyl CH2 of a C-allyl group (q-like)
    bool doublet = false;  ///< the d explains the band better than the q/dt
};

/// Allylic CH2 candidates in [from, to] ppm: bands whose d (J_allyl) or q/dt reading at the shared
/// width explains the local window (R^2 >= 0.8) with 1-3.5x `one_h_area` (2H : 1H within
/// integration error). Candidate centres come from picked lines of the expected height, and from
/// pairs of lines J_allyl apart of that height above a much taller neighbour's flank (read as a d
/// only, at 2H within +-30 %, the neighbour fitted as a column of its own).
std::vector<AllylicCandidate> find_allylic_ch2(const signal::NmrResult& nmr, const VinylFit& fit, double from,
                                               double to);

/// Room for a hidden allylic CH2: the largest fraction of a 2H CH2 (2 x the fitted =CH- area) at
/// the fitted J_allyl and width (widened by its unresolved 4J to the =CH2 protons) that lies under
/// the spectrum (plus 3 noise sigma) at some centre in [from, to] ppm. A line cannot carry more
/// intensity than the spectrum shows there, so a value well below 1 means no such CH2 can hide in
/// the window. `alkyl`: the dtt of an alkyl CH2 (J_allyl and two vicinal 6-8 Hz), else a d.
double allylic_room(const signal::NmrResult& nmr, const VinylFit& fit, double from, double to, bool alkyl);

}  // namespace sidepeak::classify::detail
