#pragma once
// The NMR N-oxide fingerprint read from the product's own exocyclic N-alpha group: the N-oxide
// is the product's molecule with one O on the substituted ring N, so the substituent's alpha
// group (N-CH2Ph, N-CH3, N-CH2R) reappears as a second copy of the same multiplicity and the
// same line width, 0.6-1.0 ppm downfield, beside coupled ring N-CH2 lines at 3.0-3.6 ppm.
// A symmetric quaternary R2N+ (the over-alkylation trap) shows the same two signs; it is told
// apart by its stoichiometry: two substituents on the shifted N, so each of its ring N-CH2
// pairs (2H) holds half the area per proton of the shifted group.
#include <string>
#include <vector>

#include "n_oxide_copy_signs.hpp"
#include "nmr_tools.hpp"

namespace sidepeak::classify::detail {

struct AlphaCopy {
    bool applicable = false;                  ///< free-base product located and its diagnostic group is an N-CH2
    bool found = false;                       ///< a measurable copy of the whole pattern with a second shifted ring sign
    bool quaternary = false;                  ///< ring lines in the two-substituent stoichiometry: R2N+, not an N-oxide
    const signal::Multiplet* group = nullptr; ///< the shifted copy (largest that fits)
    double shift_ppm = 0.0;                   ///< copy minus the product's own group
    double fraction = 0.0;                    ///< copy area : the product's group area
    double width_ratio = 0.0;                 ///< copy FWHM : the product's group FWHM
    int quaternary_lines = 0, noxide_lines = 0;  ///< ring lines whose area per H fits 2 resp. 1 substituent
    std::vector<const signal::Multiplet*> ring;  ///< coupled lines in the N-oxide ring window
    double snr = 0.0;                         ///< integral S/N of the copy (n_oxide_copy_signs.hpp)
    PatternMatch pattern;                     ///< the copy against the product group's lines
    RingShiftSign sign;                       ///< the second shifted ring signal in the copy's amount
    int candidates = 0;                       ///< lines of the group's pattern in the shift range (near misses included)
    std::string why;                          ///< what was missing (near misses, with their figures) when not found
    /// A reagent whose diagnostic group is a triplet beta to N (ethyl CH3, aryloxyethyl O-CH2): the
    /// copy read is that of the substituent's N-alpha CH2, and `partner` the beta group's copy.
    const signal::Multiplet* own_alpha = nullptr;  ///< the product's N-alpha CH2 (beta-group reagents)
    const signal::Multiplet* partner = nullptr;    ///< the beta group's copy beside the N-alpha copy
};

/// Looks for the shifted copy of the product's N-alpha group (see above) in the frame `f`
/// (ring_frame of the same spectrum and model).
AlphaCopy n_oxide_alpha_copy(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& f);

/// A candidate copy of the product's N-alpha group `own`: the largest multiplet of its pattern
/// (singlet, or its multiplicity with every J within 1 Hz) at 0.6-1.6x its line width `own_hz`
/// and at most its area, `shift_lo`-`shift_hi` ppm downfield of it, outside the frame's own group
/// lines and solvent lines. Shared by the free-base (0.6-1.0 ppm) and salt (0.10-0.50 ppm) readings.
struct GroupCopy {
    const signal::Multiplet* group = nullptr;  ///< the copy, or null
    double shift_ppm = 0.0, fraction = 0.0, width_ratio = 0.0;
    int candidates = 0;  ///< lines of the pattern in the range (near misses included)
    std::string near;    ///< the candidates turned away, with shift, width ratio and amount

    /// Why no copy was found, for a reviewer: `range` is the shift window as written ("0.6-1.0").
    [[nodiscard]] std::string why_missing(const signal::Multiplet& own, const std::string& range) const;
};
/// `singlet_group`: the group is a singlet by its structure (N-CH3, no vicinal H), so only a
/// singlet-like line is its copy, whatever an overlapping neighbour made of the product's own line.
GroupCopy find_group_copy(const signal::NmrResult& nmr, const RingFrame& f, const signal::Multiplet& own, double own_hz,
                          double shift_lo, double shift_hi, bool singlet_group = false);

/// Writes a copy search's figures into a reading (AlphaCopy, SaltCopy) and, when no copy was found,
/// why (`range` as written in the note, e.g. "0.6-1.0").
template <class Reading>
void take_group_copy(const GroupCopy& c, const signal::Multiplet& own, const std::string& range, Reading& out) {
    out.candidates = c.candidates;
    out.group = c.group;
    out.shift_ppm = c.shift_ppm;
    out.fraction = c.fraction;
    out.width_ratio = c.width_ratio;
    if (out.group == nullptr) out.why = c.why_missing(own, range);
}

/// True when `m` is one of the frame's own diagnostic-group lines.
bool is_frame_group_line(const RingFrame& f, const signal::Multiplet& m);

/// Whether a picked "singlet" is one line of a split multiplet: a picked line of the same width
/// (0.6-1.6x) at a vicinal 3J (4.5-8 Hz, Pretsch) from its tallest line holds at least a third of
/// its height (a 1:2:1 triplet's outer line holds half the centre's, the centre twice an outer's).
bool line_of_split_multiplet(const signal::NmrResult& nmr, const signal::Multiplet& m);

/// Median FWHM (Hz) of a multiplet's picked lines; 0 when none.
double median_line_hz(const signal::NmrResult& nmr, const signal::Multiplet& m);

}  // namespace sidepeak::classify::detail
