// N-oxide, NMR. Protons alpha to an N-oxide N shift downfield by 0.5-1.0 ppm: the ring N-CH2
// from ~2.6 to 3.1-3.6 ppm, the N-substituent's own alpha group (N-CH3 2.3 -> ~3.2, N-CH2Ph
// 3.6 -> ~4.3, N-CH2CF3 3.05 -> ~3.7) likewise. Quaternary N+-CH2, carbamate N-CH2 (Boc),
// CH-OH and O-CH2 resonate there as well, so the ring signals alone are a supportive sign only
// (corroborative_only). Together with the shifted copy of the substituent's alpha group in the
// stoichiometry of ONE substituent on the shifted N (a quaternary N+ carries two) they form a
// two-sign fingerprint of moderate weight. A separate copy (rather than a shift of all lines)
// also rules out protonation, which averages in fast exchange.
// Where the ring lines are too weak or too crowded for that ratio (an N-oxide's ring N-CH2 are
// diastereotopic and spread; a matrix may fill 3.0-3.6 ppm), the copy of the product's N-CH2
// group alone, with the product's multiplicity and width, 0.6-1.0 ppm downfield, beside a
// coupled ring line of the product's width and no ring line in the R2N+ stoichiometry, makes a
// call of moderate weight (n_oxide_alpha_copy.hpp).
#include <algorithm>
#include <cmath>
#include <vector>

#include "ms_ions.hpp"
#include "n_oxide_alpha_copy.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {
constexpr double kRingFrom = 2.35, kRingTo = 3.0;   // unshifted ring N-CH2 (reference)
constexpr double kDetect = 0.10, kClean = 0.03;      // shifted : unshifted ring N-CH2 (>= 3x the ~1-3 % integral error)
// A mono-N-oxide shifts 4 of the 8 ring N-CH2 H; with ~30 % integral error allowed, at most 1.3x.
constexpr double kMaxShifted = 1.3;
constexpr double kOneFrom = 0.5, kOneTo = 1.5;       // substituents on the shifted N: 1 (N-oxide) vs 2 (quaternary)
// Lines of one compound share its width within the ~20-30 % scatter of measured FWHM of
// overlapping lines; 0.6-2x of the product's singlet width (unresolved small couplings only widen).
constexpr double kOwnWidthLo = 0.5, kOwnWidthHi = 2.5;

// The alpha-group copy on its own (see n_oxide_alpha_copy.hpp): one specific sign (the product's
// own group, its multiplicity and width, in the N-oxide's shift range) with a coupled ring line
// in the N-oxide window and no quaternary stoichiometry; moderate weight.
constexpr double kCopyLlr = 1.4;
void copy_call(ModalityResult& r, const detail::AlphaCopy& c, const chem::Reagent& rg, double total_area,
               const signal::NmrResult& nmr) {
    const std::string group = rg.diag_label.substr(0, rg.diag_label.find(' '));
    auto frac = [&](const signal::Multiplet& m) { return total_area > 0 ? detail::sharp_multiplet_area(nmr, m) / total_area : 0.0; };
    r.llr = kCopyLlr;
    r.corroborative_only = false;
    r.evidence.clear();
    r.evidence.push_back(detail::nmr_signal(*c.group, frac(*c.group), "downfield " + group + " (alpha to N-oxide)"));
    for (const auto* m : c.ring) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "downfield ring N-CH2 (alpha to N-oxide)"));
    r.note = "NMR shows a copy of the " + rg.name + " " + group + " " + detail::fixed(c.shift_ppm, 2) + " ppm downfield (" +
             detail::fixed(c.group->ppm, 2) + " ppm, same multiplicity, " + detail::fixed(c.width_ratio, 1) +
             "x the product's line width, " + detail::fixed(100 * c.fraction, 1) + " % of the product's group) with " +
             std::to_string(c.ring.size()) + " coupled ring N-CH2 line(s) at 3.0-3.6 ppm and no quaternary stoichiometry (N-oxide pattern)";
}
}  // namespace

ModalityResult n_oxide_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr) || nmr.multiplets.empty()) return r;
    if (model.reagent != nullptr && !model.reagent->alkylating) {
        // Carbamate-protected product: no tertiary amine to oxidise, and its own N(C=O)-CH2
        // (rotamers, 3.2-3.6 ppm) fill the window.
        r.note = "NMR cannot check N-oxides of a " + model.reagent->name +
                 "-protected amine (carbamate N-CH2 at 3.2-3.6 ppm, no tertiary amine)";
        return r;
    }
    // Reference: the unshifted ring N-CH2 in the sample's own frame when the product is located
    // (solvent / salt shifts measured from the C6-H2 quintet), else the CDCl3 free-base window.
    const auto frame = model.reagent != nullptr ? detail::ring_frame(nmr, model) : detail::RingFrame{};
    if (frame.found && frame.protonated()) {
        // In a salt the ring N+(H)-CH2 of the product fill 3.0-3.9 ppm and the N-oxide protonates
        // too (pKa ~4.5): no separate shifted copy can be told from the product's own lines.
        r.checked = true;
        r.note = "NMR shows the product as a salt (C6-H2 at " + detail::fixed(frame.c6_ppm, 2) +
                 " ppm): its N+-CH2 overlap the N-oxide window, inconclusive";
        return r;
    }
    const double ring = frame.found ? frame.nch2_area : detail::sharp_area(nmr, kRingFrom, kRingTo);
    if (ring <= 0.0) return r;
    r.checked = true;
    const auto sa = detail::shifted_alpha(nmr, model);
    double area = 0.0;
    std::vector<const signal::Multiplet*> hits;
    if (sa.applicable) {
        area = sa.ring_area_noxide;
        for (const auto* m : sa.ring) {
            if (m->ppm <= 3.6) hits.push_back(m);
        }
    } else {
        // Reagent unknown or its diagnostic group remote from N: coupled multiplets at 3.05-3.6 ppm.
        for (const auto& m : nmr.multiplets) {
            if (m.ppm < 3.05 || m.ppm > 3.6 || detail::is_singlet(m) || detail::near_solvent_line(nmr, m.ppm)) continue;
            if (model.reagent != nullptr && m.ppm >= model.reagent->diag_ppm_from - 0.02 &&
                m.ppm <= model.reagent->diag_ppm_to + 0.02)
                continue;
            area += detail::sharp_multiplet_area(nmr, m);
            hits.push_back(&m);
        }
    }
    const double ratio = area / ring;
    const auto copy = detail::n_oxide_alpha_copy(nmr, model, frame);
    const std::string ring_txt = "downfield ring N-CH2 at 3.05-3.6 ppm (" + detail::fixed(100 * ratio, 0) + " % of the ring N-CH2)";
    if (ratio > kMaxShifted) {
        // More shifted than unshifted ring N-CH2: no mixture of an amine with its mono-N-oxide
        // does that (the other N keeps its 4 H at 2.4-3.0 ppm); the spectrum is of something else.
        if (copy.found) {
            copy_call(r, copy, *model.reagent, detail::total_area(nmr), nmr);
            return r;
        }
        r.checked = false;
        r.note = "NMR signals at 3.05-3.6 ppm outweigh the ring N-CH2 (" + detail::fixed(100 * ratio, 0) +
                 " %): not a diazepane amine spectrum, no N-oxide check";
        return r;
    }
    const double total = detail::total_area(nmr);
    auto frac = [&](const signal::Multiplet& m) { return total > 0 ? detail::sharp_multiplet_area(nmr, m) / total : 0.0; };
    // The specific fingerprint: the product's own N-alpha group reappears with its multiplicity
    // 0.45-1.2 ppm downfield of where it is measured, beside coupled ring N-CH2 at 3.05-3.6 ppm,
    // in the stoichiometry of ONE substituent on the shifted N (a quaternary N+ carries two),
    // and in an amount a mixture can hold (<= the product's own group). At any level both copies
    // are measured against each other, so no minimum ring ratio is needed beyond the lines being
    // picked (>= 5 sigma).
    // The N-oxide is the product's own oxidised molecule in the same tube: its lines share the
    // product's width (shim and the molecule's T2), so lines much narrower than the product's own
    // singlet belong to another compound (a crowded matrix resonates at 3-4.5 ppm too).
    const double own_hz = frame.line_hz;
    auto own_width = [&](const signal::Multiplet& m) {
        const double w = detail::median_line_hz(nmr, m);
        return !(own_hz > 0.0) || (w >= kOwnWidthLo * own_hz && w <= kOwnWidthHi * own_hz);
    };
    double ring_own = 0.0, group_own = 0.0;
    for (const auto* m : sa.ring) {
        if (m->ppm <= 3.6 && own_width(*m)) ring_own += detail::sharp_multiplet_area(nmr, *m);
    }
    for (const auto* m : sa.group) {
        if (own_width(*m)) group_own += detail::sharp_multiplet_area(nmr, *m);
    }
    const double one_sub = ring_own > 0.0 && group_own > 0.0 && group_own >= 0.5 * sa.group_area &&
                                   ring_own >= 0.5 * sa.ring_area_noxide
                               ? (group_own / model.reagent->diag_protons) / (ring_own / 4.0)
                               : 0.0;
    // A copy beside ring lines in the R2N+ stoichiometry (n_oxide_alpha_copy.hpp) is the quaternary.
    if (sa.applicable && frame.found && one_sub >= kOneFrom && one_sub <= kOneTo && sa.group_area <= frame.diag_area && !copy.quaternary) {
        r.llr = ratio >= kDetect ? 2.2 : 1.8;
        for (const auto* m : hits) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "downfield ring N-CH2 (alpha to N-oxide)"));
        for (const auto* m : sa.group)
            r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "downfield " + model.reagent->diag_label.substr(0, model.reagent->diag_label.find(' ')) + " (alpha to N-oxide)"));
        r.note = "NMR shows the " + model.reagent->name + " alpha group shifted from " + detail::fixed(frame.diag_ppm, 2) + " to " +
                 detail::fixed(sa.group.front()->ppm, 2) + " ppm with the same multiplicity and " + ring_txt + ", " +
                 detail::fixed(one_sub, 1) + " substituent on the shifted N (N-oxide pattern, " +
                 detail::fixed(100 * sa.group_area / frame.diag_area, 1) + " % of the product's group)";
        return r;
    }
    const bool one = sa.applicable && sa.substituents >= kOneFrom && sa.substituents <= kOneTo && own_width(*sa.group.front()) && !copy.quaternary;
    // The two-sign reading below (ring ratio and substituent count) is preferred when it holds.
    if (copy.found && !(ratio >= kDetect && one)) {
        copy_call(r, copy, *model.reagent, total, nmr);
        return r;
    }
    if (ratio < kClean) {
        r.llr = -0.4;
        r.note = "no downfield-shifted ring N-CH2 in NMR";
        return r;
    }
    if (ratio < kDetect) {
        r.note = "weak signals at 3.05-3.6 ppm in NMR (inconclusive)";
        return r;
    }
    for (const auto* m : hits) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "downfield ring N-CH2 (alpha to N-oxide?)"));
    if (one) {
        // Two concordant signs with the right stoichiometry.
        r.llr = 1.4;
        for (const auto* m : sa.group)
            r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "downfield " + model.reagent->diag_label.substr(0, model.reagent->diag_label.find(' ')) + " (alpha to N-oxide)"));
        r.note = "NMR shows " + ring_txt + " and the " + model.reagent->name + " alpha group shifted to " +
                 detail::fixed(sa.group.front()->ppm, 2) + " ppm, " + detail::fixed(sa.substituents, 1) +
                 " substituent on the shifted N (N-oxide pattern)";
        return r;
    }
    r.llr = 0.6;
    r.corroborative_only = true;
    r.note = "NMR shows " + ring_txt;
    if (sa.applicable && sa.substituents > kOneTo)
        r.note += ", with " + detail::fixed(sa.substituents, 1) + " substituents on the shifted N (a quaternary N+ rather)";
    r.note += "; on its own this is no N-oxide proof (quaternary, carbamate and O-CH2 resonate there too)";
    if (sa.substituents > kOneTo) r.llr = 0.0;
    if (copy.quaternary) {
        r.llr = 0.0;
        r.note += "; the " + model.reagent->name + " alpha group's copy at " + detail::fixed(copy.group->ppm, 2) + " ppm has " + copy.why;
    }
    return r;
}

}  // namespace sidepeak::classify
