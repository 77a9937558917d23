// The N-oxide's copy of the product's N-alpha group in a salt frame; see n_oxide_salt_copy.hpp.
#include "n_oxide_salt_copy.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "ms_ions.hpp"
#include "n_oxide_alpha_copy.hpp"

namespace sidepeak::classify::detail {
namespace {
// Shift of the N-oxide's alpha group against the product's ammonium group in a salt (ppm). Lower
// edge: the neutral N-oxide against the ammonium, N,N-dimethylbenzylamine N-oxide N-CH2Ph 4.36
// ppm (Silverstein, Spectrometric Identification, 8th ed.) against its hydrochloride's 4.2-4.3
// (Pretsch, Structure Determination, 4th ed., benzylammonium salts), +0.1 at least; it also keeps
// clear of a bis-alkylated product's N+(H)-CH2Ph, which lies within 0.05 ppm of the mono's. Upper
// edge: Me3N+-O- 3.27 against Me3NH+ 2.88 ppm in D2O (HMDB, trimethylamine N-oxide and
// trimethylamine), +0.39, and +0.1 for the protonated N-oxide (N+-OH) in acid.
constexpr double kShiftLo = 0.10, kShiftHi = 0.50;
// Integral S/N >= 10, the limit of quantitation (ICH Q2(R2)): below it the copy's area, and so its
// ratio to ring lines, cannot be measured.
constexpr double kMinCopySnr = 10.0;
// Quaternary guard (as n_oxide_alpha_copy.cpp): coupled ring lines (3J >= 4.5 Hz, Pretsch) of the
// product's width (0.5-2.5x, unresolved couplings widen) at 3.0-3.9 ppm (R2N+-CH2 3.3-3.9, domain
// table), whose area per H is half the copy's (+-40 %, two small integrals): two substituents.
constexpr double kRingFrom = 3.0, kRingTo = 3.9, kRingJMin = 4.5;
constexpr double kRingWidthLo = 0.5, kRingWidthHi = 2.5, kRatioTol = 1.4;
// The alpha group read: an N-CH2 (2H); a ring N-CH2 pair is 2H.
constexpr int kCh2Protons = 2;
constexpr double kRingPairProtons = 2.0;

// A ring N-CH2 has a CH2 neighbour (C2/C3 each other, C5/C7 the C6-H2): two vicinal protons make it
// a triplet (1:2:1) or a higher multiplet, never a 1:1 doublet (first-order n+1 rule, Pretsch).
// A multiplet whose lines of >= 30 % of its tallest (a triplet's outer lines hold 50 %) are exactly
// two of equal height (+-30 %, small integrals) is another compound's CH-CH doublet (in salts from
// D2O matrices: amino-acid and sugar doublets at 3.2-3.9 ppm), whatever the satellites beside it.
constexpr double kMajorLineFrac = 0.3, kDoubletEqual = 0.7;
bool doublet_like(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    std::vector<double> h;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size()) h.push_back(nmr.peaks[i].height);
    }
    if (h.size() < 2) return false;
    const double top = *std::max_element(h.begin(), h.end());
    std::vector<double> major;
    std::copy_if(h.begin(), h.end(), std::back_inserter(major), [&](double x) { return x >= kMajorLineFrac * top; });
    return major.size() == 2 && std::min(major[0], major[1]) >= kDoubletEqual * std::max(major[0], major[1]);
}

// The largest line of the own group's pattern and width in the shift range; the near misses are
// named with their figures.
void find_copy(const signal::NmrResult& nmr, const RingFrame& f, double own_hz, SaltCopy& out) {
    const signal::Multiplet& own = *out.own;
    take_group_copy(find_group_copy(nmr, f, own, own_hz, kShiftLo, kShiftHi), own, "0.10-0.50", out);
}

// Coupled ring lines in the R2N+ stoichiometry (half the copy's area per H) and in the N-oxide's
// (the copy's area per H). The veto counts every line coupled at the product's width; the N-oxide
// sign only a resolved multiplet: a band picked as one broad singlet is "coupled" by its width
// alone, which another compound's broad line supplies as easily (in a salt, exchange-broadened
// N+-H and matrix lines crowd 3.0-3.9 ppm).
void count_ring_lines(const signal::NmrResult& nmr, const RingFrame& f, double own_hz, SaltCopy& c, const chem::Reagent& rg) {
    const double group_per_h = sharp_multiplet_area(nmr, *c.group) / rg.diag_protons;
    for (const auto& m : nmr.multiplets) {
        if (&m == c.group || is_frame_group_line(f, m) || near_solvent_line(nmr, m.ppm)) continue;
        if (m.ppm < kRingFrom || m.ppm > kRingTo || !coupled_at_width(nmr, m, f.line_hz, 2, kRingJMin)) continue;
        if (doublet_like(nmr, m)) continue;  // no ring N-CH2
        const double w = own_hz > 0.0 ? median_line_hz(nmr, m) / own_hz : 1.0;
        if (w < kRingWidthLo || w > kRingWidthHi) continue;
        const double r = (sharp_multiplet_area(nmr, m) / kRingPairProtons) / group_per_h;
        if (r >= 0.5 / kRatioTol && r <= 0.5 * kRatioTol) ++c.quaternary_lines;
        if (r >= 1.0 / kRatioTol && r <= kRatioTol && !singlet_like(m, &nmr)) {
            ++c.noxide_lines;
            c.ring.push_back(&m);
        }
    }
}
}  // namespace

SaltCopy n_oxide_salt_copy(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& f) {
    SaltCopy out;
    const chem::Reagent* rg = model.reagent;
    if (rg == nullptr || !rg->alkylating || rg->diag_label.rfind("N-", 0) != 0) return out;
    // Only an N-CH2 group is read: an N-CH3 copy (N+-CH3 3.2-3.5 ppm) sits among matrix N-/O-CH3
    // singlets, MeOH, water in DMSO-d6 and the quaternary N+(CH3)2 (3.0-3.3 ppm).
    if (rg->diag_protons != kCh2Protons) return out;
    if (!f.found || !f.protonated() || f.diag.empty() || !(f.diag_area > 0.0)) return out;
    out.applicable = true;
    out.own = *std::max_element(f.diag.begin(), f.diag.end(), [](const auto* a, const auto* b) { return a->area < b->area; });
    const double own_hz = median_line_hz(nmr, *out.own) > 0.0 ? median_line_hz(nmr, *out.own) : f.line_hz;
    find_copy(nmr, f, own_hz, out);
    if (out.group == nullptr) return out;
    out.snr = integral_snr(nmr, *out.group, sharp_multiplet_area(nmr, *out.group));
    count_ring_lines(nmr, f, own_hz, out, *rg);
    out.quaternary = out.quaternary_lines > 0 && out.quaternary_lines >= out.noxide_lines;
    if (out.quaternary) {
        out.why = std::to_string(out.quaternary_lines) + " ring N+-CH2 line(s) hold half the copy's area per H against " +
                  std::to_string(out.noxide_lines) + " at its area per H: two substituents on the shifted N (quaternary R2N+)";
        return out;
    }
    if (!(out.snr >= kMinCopySnr)) {
        out.why = "the copy's integral S/N is " + fixed(out.snr, 1) + " (below the limit of quantitation, 10)";
        return out;
    }
    if (out.noxide_lines == 0) {
        out.why = "no coupled ring line of the product's width at 3.0-3.9 ppm holds the copy's area per H (the N-oxide's ring N-CH2)";
        return out;
    }
    const PatternMatch pm = same_line_pattern(nmr, *out.own, *out.group);
    if (!pm.ok) {
        out.why = "the copy does not repeat the product group's multiplet: " + pm.why;
        return out;
    }
    out.found = true;
    return out;
}

}  // namespace sidepeak::classify::detail
