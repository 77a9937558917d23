#pragma once
// Hofmann NMR: the olefinic multiplets of a 1H spectrum (=CH- candidates, =CH2 lines, the enamine
// =CH-N with its =CH2, multiplets with the allylic J) and the =CH- seeds of the joint vinyl fit.
// Used by hofmann_nmr.cpp.
#include <optional>
#include <utility>
#include <vector>

#include "hofmann_allyl.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify::detail::hofmann {

/// The olefinic multiplets of a spectrum: =CH- candidates, =CH2 lines (lone singlets excluded:
/// CH2Cl2 5.30, CHCl3 7.26, ...), the enamine =CH-N and the multiplets with J_allyl.
struct Olefinic {
    std::vector<const signal::Multiplet*> ch_cands, ch2, allylic;
    const signal::Multiplet* enamine = nullptr;
    double ch2_area = 0.0;  ///< the =CH2 multiplets' area
    bool ch2_j = false;     ///< one of them shows the trans (17 Hz) or cis (10 Hz) J
    const signal::Multiplet* ch = nullptr;  ///< the picked =CH- candidate for the notes
    bool vj = false;                        ///< it shows the vinyl J
};
/// The olefinic multiplets of `nmr` with the picked =CH- candidate for the notes.
Olefinic collect(const signal::NmrResult& nmr);

/// Median FWHM (Hz) of the lines of some multiplets; 0 when none.
double median_width(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& ms);

/// =CH- seeds of the joint vinyl fit: the picked olefinic multiplets with their =CH2 region, and
/// the centres of a matched-filter scan of the ddt at the line width (`w0` when the sample's
/// typical line width is unknown).
std::vector<Seed> vinyl_seeds(const signal::NmrResult& nmr, const std::vector<const signal::Multiplet*>& ch_cands,
                              const std::vector<const signal::Multiplet*>& ch2, double w0);

/// The enamine =CH2 read from its lines: a d of the =CH-N dd's trans J and a d of its cis J among
/// the picked lines at 3.8-4.3 ppm, each of two equal lines about twice as tall as the =CH-N's
/// (1H : 1H), the two d on four distinct lines. Their centres in ppm; both nullopt unless both are
/// found (or when the dd's couplings are not an enamine's: trans 13-16.5, cis 8-10 Hz).
struct EnamineCh2 {
    std::optional<double> trans, cis;
};
EnamineCh2 enamine_ch2_doublets(const signal::NmrResult& nmr, const signal::Multiplet& en);

/// The seed with the whole =CH2 window (4.9 ppm up to the =CH- window), as read for a scan seed.
/// A picked =CH- seed reads first the =CH2 lines of multiplets of its size; when one =CH2 proton's
/// lines are grouped with another compound's line (a multiplet of another size) or lie below the
/// picker, that window holds one doublet only.
Seed with_whole_ch2_window(const Seed& s);

}  // namespace sidepeak::classify::detail::hofmann
