#pragma once
// The NMR N-oxide fingerprint read in a salt frame (HCl/TFA salt, D2O): there the product's ring
// N+(H)-CH2 fill 3.0-3.9 ppm and the N-oxide is protonated too (N+-OH, pKa ~4.5), so the ring
// signs of the free-base readings are hidden. The N-substituent's own alpha group still tells
// them apart: an N-oxide's alpha protons stay downfield of the ammonium's (D2O: Me3NH+ N-CH3
// 2.88 ppm, Me3N+-O- 3.27 ppm, +0.39; N,N-dimethylbenzylammonium N-CH2Ph 4.2-4.3 ppm against the
// N-oxide's 4.36 ppm), so the product's N+(H)-CH2 group reappears as a copy of the same pattern
// and line width 0.10-0.50 ppm downfield, beside a resolved coupled ring line at 3.0-3.9 ppm that
// holds the copy's area per proton (the N-oxide's ring N-CH2 pairs, one substituent on the
// shifted N). A quaternary R2N+ (over-alkylation) shows a copy there too; it is told apart, as in
// the free base, by ring N+-CH2 lines holding half the copy's area per proton (two substituents),
// which veto when they are at least as many.
#include <string>
#include <vector>

#include "n_oxide_copy_signs.hpp"
#include "nmr_tools.hpp"

namespace sidepeak::classify::detail {

struct SaltCopy {
    bool applicable = false;                  ///< salt frame located and the diagnostic group is an N-CH2
    bool found = false;                       ///< a measurable copy of the product group's whole pattern
    bool quaternary = false;                  ///< ring lines in the two-substituent stoichiometry: R2N+
    const signal::Multiplet* own = nullptr;   ///< the product's N+(H)-CH2 group
    const signal::Multiplet* group = nullptr; ///< the copy (largest that fits)
    double shift_ppm = 0.0;                   ///< copy minus the product's group
    double fraction = 0.0;                    ///< copy area : the product's group area
    double width_ratio = 0.0;                 ///< copy FWHM : the product's group FWHM
    double snr = 0.0;                         ///< integral S/N of the copy
    int candidates = 0;                       ///< lines of the group's pattern in the shift range
    int quaternary_lines = 0, noxide_lines = 0;  ///< ring lines whose area per H fits 2 resp. 1 substituent
    std::vector<const signal::Multiplet*> ring;  ///< the resolved ring lines at the copy's area per H
    std::string why;                          ///< what was missing (with figures) when not found
};

/// Looks for the N-oxide's copy of the product's N-alpha CH2 group in the salt frame `f`
/// (ring_frame of the same spectrum and model; not applicable unless `f` is protonated).
SaltCopy n_oxide_salt_copy(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& f);

}  // namespace sidepeak::classify::detail
