#pragma once
// What a real N-oxide copy of the product's N-alpha group must show beyond one line at the right
// shift (n_oxide_alpha_copy.hpp): enough signal to be measured (integral S/N at the limit of
// quantitation), the product group's whole multiplet (every line at the product's J spacings in
// the product's intensity ratios, no extra line), and a second, independent shifted ring signal
// in the amount the copy implies (the N-oxide's ring C6-H2 +0.2-0.3 ppm, or its ring N-CH2 alpha
// to the N-oxide at 3.0-3.6 ppm, +0.6-0.9 ppm; Pretsch). Chance lines of a complex background
// that sit at the copy's shift seldom pass all three.
#include <string>
#include <vector>

#include "nmr_tools.hpp"

namespace sidepeak::classify::detail {

/// Integral S/N of a multiplet's `area` (intensity x ppm): area / (noise sigma x |ppm step| x
/// sqrt(points across the multiplet's integration range)), the noise of a sum of that many
/// independent points. Infinite when the spectrum carries no noise estimate (0).
double integral_snr(const signal::NmrResult& nmr, const signal::Multiplet& m, double area);

struct PatternMatch {
    bool ok = false;
    int own_lines = 0;      ///< lines of the product's group that the copy must repeat
    int matched = 0;        ///< of those, found at the same offset in the copy
    int missing = 0;        ///< not found although tall enough to be picked at the copy's scale
    int extra = 0;          ///< copy lines at no offset of the product's group
    int off_ratio = 0;      ///< matched lines whose height ratio differs from the copy's scale
    std::string why;        ///< what failed, for the note
};
/// Whether `copy` repeats the multiplet `own` line for line: the copy's lines (heights) against
/// the product group's lines at the same offsets from each multiplet's centre (within 1 Hz or a
/// quarter line width), each at one common height scale within +-40 % plus 3 noise sigmas; an own
/// line whose expected copy height is below the picking threshold may be missing; any other
/// missing line, or a copy line of no own offset, fails.
PatternMatch same_line_pattern(const signal::NmrResult& nmr, const signal::Multiplet& own, const signal::Multiplet& copy);

struct RingShiftSign {
    bool found = false;
    std::string which;                          ///< "ring C6-H2" or "ring N-CH2"
    double protons = 0.0;                       ///< the candidate nearest the window's protons, in H at the copy's area per H (ring N-CH2 when neither window holds the sign)
    double snr = 0.0;                           ///< best integral S/N of the lines kept
    std::vector<const signal::Multiplet*> lines;
    std::vector<double> line_protons;           ///< each kept line's amount, in H at the copy's area per H
    std::string why;                            ///< the near misses when not found
};
/// A ring CH2 line of the product's molecule shows its couplings: a resolved multiplet, or a band
/// as wide as its unresolved couplings make it (coupled_at_width); where the product's own singlet
/// (`own_hz` wide) is already as wide as a ring 3J, no ring multiplet can be resolved, and a line
/// 1.3x wider than that singlet (the envelope margin of coupled_at_width) is one.
bool ring_line_coupled(const signal::NmrResult& nmr, const signal::Multiplet& m, double line_hz, double own_hz);

/// The second sign: a coupled line of the product's width (0.5-2.5x `own_hz`, J >= 4.5 Hz) in the
/// N-oxide's ring N-CH2 window (3.0-3.6 ppm, above the product's ring N-CH2 window) or ring C6-H2
/// window (the product's C6-H2 + 0.15-0.35 ppm), holding,
/// at the copy's area per H (`copy_per_h`), what one ring multiplet of the N-oxide can: 0.36 H (half
/// the lines of a diastereotopic 1H multiplet, -40 %) up to the window's 4 resp. 2 H (+40 %), at
/// integral S/N >= 5. `skip` are lines already read as something else (the copy). Where neither
/// window holds one, a 1:2:1 ring N-CH2 triplet at 3.0-3.6 ppm fitted line by line at the 2H
/// amount the copy fixes (its lines may be merged into another compound's multiplet).
RingShiftSign ring_shift_sign(const signal::NmrResult& nmr, const RingFrame& f, double copy_per_h, double own_hz,
                              const std::vector<const signal::Multiplet*>& skip);

}  // namespace sidepeak::classify::detail
