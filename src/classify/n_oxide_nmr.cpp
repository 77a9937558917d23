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
// In a salt frame the ring signs are hidden and only the copy of the N-CH2 group, 0.10-0.50 ppm
// downfield beside a ring line in its amount, is read (n_oxide_salt_copy.hpp).
// Steps: the context NMR cannot read (carbamate), the salt frame, the ring reference, the shifted ring
// lines, then the readings from the most to the least specific (stoichiometric two-copy
// fingerprint, the alpha-group copy, the two-sign reading, the ring sign alone).
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ms_ions.hpp"
#include "percent_text.hpp"
#include "n_oxide_alpha_copy.hpp"
#include "n_oxide_salt_copy.hpp"
#include "nmr_tools.hpp"
#include "over_alkylation_species.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {
namespace {
// Unshifted free-base ring N-CH2 (ppm), the reference when the product is not located: 1,4-
// diazepane / piperazine ring N-CH2 2.4-2.9 ppm in CDCl3 (Pretsch, Structure Determination of
// Organic Compounds, 4th ed., cyclic amines), +-0.05-0.1 ppm for substituent and solvent.
constexpr double kRingFrom = 2.35, kRingTo = 3.0;
// N-oxide ring N+(O-)-CH2 window (ppm): 3.0-3.5 (Pretsch; N-methylmorpholine N-oxide ring N-CH2
// 3.0-3.4) +0.1 for solvent; the lower edge keeps 0.05 ppm clear of the free base's 3.0.
constexpr double kNoxRingFrom = 3.05, kNoxRingTo = 3.6;
// Multiplet centres are read to 0.01-0.02 ppm: the reagent's own window is widened by that much.
constexpr double kDiagMarginPpm = 0.02;
constexpr double kDetect = 0.10, kClean = 0.03;      // shifted : unshifted ring N-CH2 (>= 3x the ~1-3 % integral error)
// A mono-N-oxide shifts 4 of the 8 ring N-CH2 H; with ~30 % integral error allowed, at most 1.3x.
constexpr double kMaxShifted = 1.3;
constexpr double kOneFrom = 0.5, kOneTo = 1.5;       // substituents on the shifted N: 1 (N-oxide) vs 2 (quaternary)
// Lines of one compound share its width within the ~20-30 % scatter of measured FWHM of
// overlapping lines; 0.5-2.5x of the product's singlet width (unresolved small couplings only widen).
constexpr double kOwnWidthLo = 0.5, kOwnWidthHi = 2.5;
// At least half of each copy's area (group and ring) must lie in lines of the product's width:
// otherwise another compound supplies most of the "copy".
constexpr double kOwnShareMin = 0.5;
// Ring N-CH2 protons alpha to one ring N (two CH2 groups).
constexpr double kRingHPerN = 4.0;
// LLRs on the scale of docs/classifier.md (confidence model): ~2-3 a specific fingerprint (the
// stoichiometric two-copy reading; 1.8 while the shifted ring is below the 10 % detection
// ratio), ~1-1.5 a two-sign pattern of moderate specificity (the ring sign with one substituent;
// the alpha-group copy on its own), ~0.5-1 a supportive sign, -0.4 an absence the data could
// hardly show, 0 where a quaternary N+ explains the lines as well.
constexpr double kStoichLlr = 2.2, kStoichLowRingLlr = 1.8;
// The salt-frame copy (n_oxide_salt_copy.hpp): 1.0, below the free-base copy's 1.4: its ring
// lines stand among the product's own N+(H)-CH2 and exchange-broadened N+-H, so they are a
// weaker second sign than coupled lines in an otherwise empty N-oxide window.
constexpr double kSaltCopyLlr = 1.0;
// Without a context the product is assumed, not known: half the weight (as over-alkylation's
// reading without a context), and only N-CH2 / N-CH3 reagents (the groups the copy readings read).
constexpr double kNoContextWeight = 0.5;
constexpr int kCh2GroupProtons = 2, kCh3GroupProtons = 3;
constexpr double kTwoSignLlr = 1.4, kCopyLlr = 1.4, kSupportLlr = 0.6, kAbsentLlr = -0.4, kQuaternaryLlr = 0.0;

// What the detector measured in one spectrum, shared by the readings below.
struct Reading {
    detail::RingFrame frame;
    detail::ShiftedAlpha sa;
    detail::AlphaCopy copy;
    std::vector<const signal::Multiplet*> hits;  ///< shifted ring N-CH2 lines at 3.05-3.6 ppm
    double ratio = 0.0;                          ///< their area : the unshifted ring N-CH2
    double total = 0.0;                          ///< total 1H area
};

std::string group_word(const chem::Reagent& rg) { return rg.diag_label.substr(0, rg.diag_label.find(' ')); }

double fraction(const signal::NmrResult& nmr, const signal::Multiplet& m, double total) {
    return total > 0 ? detail::sharp_multiplet_area(nmr, m) / total : 0.0;
}

// Carbamate-protected product: no tertiary amine to oxidise, and its own N(C=O)-CH2 (rotamers,
// 3.2-3.6 ppm) fill the window. True when the result is final.
bool carbamate_context(const chem::ReactionModel& model, ModalityResult& r) {
    if (model.reagent == nullptr || model.reagent->alkylating) return false;
    r.note = "NMR cannot check N-oxides of a " + model.reagent->name +
             "-protected amine (carbamate N-CH2 at 3.2-3.6 ppm, no tertiary amine)";
    return true;
}

// The salt-frame copy read as the N-oxide: the copy and its ring lines as evidence, the figures
// in the note.
void salt_copy_call(ModalityResult& r, const signal::NmrResult& nmr, const chem::Reagent& rg, const detail::SaltCopy& c,
                    const std::string& salt) {
    const std::string group = group_word(rg);
    const double total = detail::total_area(nmr);
    r.llr = kSaltCopyLlr;
    r.evidence.push_back(detail::nmr_signal(*c.group, fraction(nmr, *c.group, total), "downfield " + group + " (alpha to N-oxide, salt)"));
    for (const auto* m : c.ring) r.evidence.push_back(detail::nmr_signal(*m, fraction(nmr, *m, total), "ring N-CH2 alpha to N-oxide (salt)"));
    r.note = salt + " and a copy of its " + rg.name + " " + group + " " + detail::fixed(c.shift_ppm, 2) + " ppm downfield (" +
             detail::fixed(c.group->ppm, 2) + " ppm against " + detail::fixed(c.own->ppm, 2) + ", same multiplicity, " +
             detail::fixed(c.width_ratio, 1) + "x the product's line width, " + detail::percent_text(c.fraction, 1) +
             " % of the product's group, integral S/N " + detail::fixed(c.snr, 0) + ") beside " + std::to_string(c.noxide_lines) +
             " coupled ring line(s) at 3.0-3.9 ppm holding its area per H and " + std::to_string(c.quaternary_lines) +
             " in the quaternary R2N+ ratio (N-oxide pattern in the salt)";
}

// In a salt the ring N+(H)-CH2 of the product fill 3.0-3.9 ppm and the N-oxide protonates too
// (pKa ~4.5): the ring window is no sign, but the N-oxide's copy of the product's N-alpha CH2
// group stays 0.10-0.50 ppm downfield of the ammonium's, beside ring lines in its amount
// (n_oxide_salt_copy.hpp): moderate weight. Otherwise inconclusive, naming the copy considered.
bool salt_frame(const signal::NmrResult& nmr, const chem::ReactionModel& model, const detail::RingFrame& frame, ModalityResult& r) {
    if (!frame.found || !frame.protonated()) return false;
    r.checked = true;
    const std::string salt = "NMR shows the product as a salt (C6-H2 at " + detail::fixed(frame.c6_ppm, 2) + " ppm)";
    const detail::SaltCopy c = detail::n_oxide_salt_copy(nmr, model, frame);
    if (c.found) {
        salt_copy_call(r, nmr, *model.reagent, c, salt);
        return true;
    }
    r.note = salt + ": its N+-CH2 overlap the N-oxide window, inconclusive";
    if (c.group != nullptr)
        r.note += "; considered: alpha-group copy at " + detail::fixed(c.group->ppm, 2) + " ppm (+" + detail::fixed(c.shift_ppm, 2) + " ppm): " + c.why;
    else if (c.candidates > 0)
        r.note += "; considered: " + c.why;
    return true;
}

// A singlet copy on a laboratory impurity's position (Fulmer et al. 2010: MeOH 3.34 in D2O, DMF
// N-CH3 2.88 / 2.96 in CDCl3) is that impurity as likely as the N-oxide's N-CH3: it leaves the
// shifted group, and the substituent count is made again without it.
void drop_impurity_singlets(const signal::NmrResult& nmr, const chem::Reagent& rg, detail::ShiftedAlpha& sa) {
    const auto on_impurity = [&](const signal::Multiplet* m) {
        return detail::singlet_like(*m, &nmr) && (detail::lab_impurity_singlet(nmr, m->ppm) || detail::line_of_split_multiplet(nmr, *m));
    };
    if (std::none_of(sa.group.begin(), sa.group.end(), on_impurity)) return;
    std::erase_if(sa.group, on_impurity);
    sa.group_area = 0.0;
    for (const auto* m : sa.group) sa.group_area += detail::sharp_multiplet_area(nmr, *m);
    sa.count_substituents(rg.diag_protons);
}

// The shifted ring N-CH2 lines at 3.05-3.6 ppm and their area: those of shifted_alpha, or, with
// the reagent unknown or its diagnostic group remote from N, every coupled multiplet there outside
// solvent lines and the reagent's own window.
double shifted_ring_lines(const signal::NmrResult& nmr, const chem::ReactionModel& model, const detail::ShiftedAlpha& sa,
                          std::vector<const signal::Multiplet*>& hits) {
    if (sa.applicable) {
        for (const auto* m : sa.ring) {
            if (m->ppm <= kNoxRingTo) hits.push_back(m);
        }
        return sa.ring_area_noxide;
    }
    double area = 0.0;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < kNoxRingFrom || m.ppm > kNoxRingTo || detail::is_singlet(m) || detail::near_solvent_line(nmr, m.ppm)) continue;
        if (model.reagent != nullptr && m.ppm >= model.reagent->diag_ppm_from - kDiagMarginPpm &&
            m.ppm <= model.reagent->diag_ppm_to + kDiagMarginPpm)
            continue;
        area += detail::sharp_multiplet_area(nmr, m);
        hits.push_back(&m);
    }
    return area;
}

// The N-oxide is the product's own oxidised molecule in the same tube: its lines share the
// product's width (shim and the molecule's T2), so lines much narrower than the product's own
// singlet belong to another compound (a crowded matrix resonates at 3-4.5 ppm too).
bool own_width(const signal::NmrResult& nmr, const signal::Multiplet& m, double own_hz) {
    const double w = detail::median_line_hz(nmr, m);
    return !(own_hz > 0.0) || (w >= kOwnWidthLo * own_hz && w <= kOwnWidthHi * own_hz);
}

// Substituents on the shifted N from the copies' lines of the product's width: (group area / its
// protons) / (ring area / 4); 0 when less than half of either copy is of the product's width.
double own_width_substituents(const signal::NmrResult& nmr, const chem::ReactionModel& model, const Reading& x) {
    const double own_hz = x.frame.line_hz;
    double ring_own = 0.0, group_own = 0.0;
    for (const auto* m : x.sa.ring) {
        if (m->ppm <= kNoxRingTo && own_width(nmr, *m, own_hz)) ring_own += detail::sharp_multiplet_area(nmr, *m);
    }
    for (const auto* m : x.sa.group) {
        if (own_width(nmr, *m, own_hz)) group_own += detail::sharp_multiplet_area(nmr, *m);
    }
    const bool enough = ring_own > 0.0 && group_own > 0.0 && group_own >= kOwnShareMin * x.sa.group_area &&
                        ring_own >= kOwnShareMin * x.sa.ring_area_noxide;
    return enough ? (group_own / model.reagent->diag_protons) / (ring_own / kRingHPerN) : 0.0;
}

void add_group_evidence(ModalityResult& r, const signal::NmrResult& nmr, const chem::Reagent& rg, const Reading& x) {
    for (const auto* m : x.sa.group)
        r.evidence.push_back(detail::nmr_signal(*m, fraction(nmr, *m, x.total), "downfield " + group_word(rg) + " (alpha to N-oxide)"));
}

// The near misses a negative reading (absent, ring sign alone, no diazepane spectrum) considered,
// with their figures: the alpha-group copy candidate (a line of the product group's pattern in the
// N-oxide's shift range) and what it lacked; empty when the copy reading had no candidate. The
// inconclusive weak-signal reading (llr 0) states no finding and lists none.
std::string considered(const Reading& x) {
    if (!x.copy.applicable || x.copy.candidates == 0) return {};
    std::string s = "; considered: ";
    if (x.copy.group != nullptr)
        s += "alpha-group copy at " + detail::fixed(x.copy.group->ppm, 2) + " ppm (+" + detail::fixed(x.copy.shift_ppm, 2) + " ppm, " +
             detail::percent_text(x.copy.fraction, 1) + " % of the product's group, integral S/N " + detail::fixed(x.copy.snr, 1) + "): ";
    return s + x.copy.why;
}

std::string ring_text(const Reading& x) {
    return "downfield ring N-CH2 at 3.05-3.6 ppm (" + detail::percent_text(x.ratio, 0) + " % of the ring N-CH2)";
}

// The alpha-group copy on its own (see n_oxide_alpha_copy.hpp): one specific sign (the product's
// own group, its multiplicity and width, in the N-oxide's shift range) with a coupled ring line
// in the N-oxide window and no quaternary stoichiometry; moderate weight.
void copy_call(ModalityResult& r, const signal::NmrResult& nmr, const chem::Reagent& rg, const Reading& x) {
    const detail::AlphaCopy& c = x.copy;
    // A beta-group reagent's copy is that of its N-alpha CH2 (n_oxide_alpha_copy.hpp).
    const std::string group = c.own_alpha != nullptr ? "N-CH2 (with its " + group_word(rg) + " copy at " + detail::fixed(c.partner->ppm, 2) + " ppm)" : group_word(rg);
    r.llr = kCopyLlr;
    r.corroborative_only = false;
    r.evidence.clear();
    r.evidence.push_back(detail::nmr_signal(*c.group, fraction(nmr, *c.group, x.total), "downfield " + group + " (alpha to N-oxide)"));
    const std::string ring_label = c.sign.which == "ring C6-H2" ? "downfield ring C6-H2 (beta to N-oxide)" : "downfield ring N-CH2 (alpha to N-oxide)";
    for (const auto* m : c.ring) r.evidence.push_back(detail::nmr_signal(*m, fraction(nmr, *m, x.total), ring_label));
    const std::string where = c.sign.which == "ring C6-H2" ? " coupled ring C6-H2 line(s) 0.15-0.35 ppm downfield of the product's"
                                                            : " coupled ring N-CH2 line(s) at 3.0-3.6 ppm";
    // Each ring line with its amount, so a reviewer can weigh one substituent on the shifted N
    // (an N-oxide's ring CH2 holds 2 H at the copy's area per H) against two (a quaternary's, 1 H).
    std::string lines;
    for (std::size_t i = 0; i < c.sign.lines.size() && i < c.sign.line_protons.size(); ++i)
        lines += (lines.empty() ? " (" : "; ") + detail::fixed(c.sign.lines[i]->ppm, 2) + " ppm " +
                 signal::name(c.sign.lines[i]->multiplicity) + ", " + detail::fixed(c.sign.line_protons[i], 1) + " H";
    if (!lines.empty()) lines += " at the copy's area per H)";
    r.note = "NMR shows a copy of the " + rg.name + " " + group + " " + detail::fixed(c.shift_ppm, 2) + " ppm downfield (" +
             detail::fixed(c.group->ppm, 2) + " ppm, same multiplicity, " + detail::fixed(c.width_ratio, 1) +
             "x the product's line width, " + detail::percent_text(c.fraction, 1) + " % of the product's group) with " +
             std::to_string(c.ring.size()) + where + lines + " and no quaternary stoichiometry (N-oxide pattern)";
}

// More shifted than unshifted ring N-CH2: no mixture of an amine with its mono-N-oxide does that
// (the other N keeps its 4 H at 2.4-3.0 ppm); the spectrum is of something else unless the
// alpha-group copy is read.
void outweighed_ring(ModalityResult& r, const signal::NmrResult& nmr, const chem::ReactionModel& model, const Reading& x) {
    if (x.copy.found) {
        copy_call(r, nmr, *model.reagent, x);
        return;
    }
    // With the product located by its own lines (the ring frame) and its alpha-group copy read, the
    // window total only says that other compounds resonate there (a sugar's or an amino acid's
    // CH-O / CH2-N lines at 3.2-3.9 ppm): the check rests on the product's own lines, inconclusive.
    if (x.frame.found && x.copy.applicable) {
        r.note = "NMR signals of other compounds fill 3.05-3.6 ppm (" + detail::percent_text(x.ratio, 0) +
                 " % of the ring N-CH2), so the ring sign is not read; the product's own lines show no N-oxide copy (inconclusive)" +
                 considered(x);
        return;
    }
    r.checked = false;
    r.note = "NMR signals at 3.05-3.6 ppm outweigh the ring N-CH2 (" + detail::percent_text(x.ratio, 0) +
             " %): not a diazepane amine spectrum, no N-oxide check" + considered(x);
}

// The specific fingerprint: the product's own N-alpha group reappears with its multiplicity
// 0.45-1.2 ppm downfield of where it is measured, beside coupled ring N-CH2 at 3.05-3.6 ppm, in
// the stoichiometry of ONE substituent on the shifted N (a quaternary N+ carries two), at the
// product's width and in an amount a mixture can hold (<= the product's own group). Both copies
// are measured against each other, so no minimum ring ratio is needed beyond the lines being
// picked (>= 5 sigma). A copy beside ring lines in the R2N+ stoichiometry is the quaternary.
bool stoichiometric_call(ModalityResult& r, const signal::NmrResult& nmr, const chem::ReactionModel& model, const Reading& x) {
    const double one_sub = own_width_substituents(nmr, model, x);
    if (!(x.sa.applicable && x.frame.found && one_sub >= kOneFrom && one_sub <= kOneTo && x.sa.group_area <= x.frame.diag_area &&
          !x.copy.quaternary))
        return false;
    r.llr = x.ratio >= kDetect ? kStoichLlr : kStoichLowRingLlr;
    for (const auto* m : x.hits) r.evidence.push_back(detail::nmr_signal(*m, fraction(nmr, *m, x.total), "downfield ring N-CH2 (alpha to N-oxide)"));
    add_group_evidence(r, nmr, *model.reagent, x);
    r.note = "NMR shows the " + model.reagent->name + " alpha group shifted from " + detail::fixed(x.frame.diag_ppm, 2) + " to " +
             detail::fixed(x.sa.group.front()->ppm, 2) + " ppm with the same multiplicity and " + ring_text(x) + ", " +
             detail::fixed(one_sub, 1) + " substituent on the shifted N (N-oxide pattern, " +
             detail::fixed(detail::kPercentPerFraction * x.sa.group_area / x.frame.diag_area, 1) + " % of the product's group)";
    return true;
}

// Why the alpha group's copy is the quaternary's, for the note.
std::string quaternary_copy_text(const chem::ReactionModel& model, const Reading& x) {
    return "; the " + model.reagent->name + " alpha group's copy at " + detail::fixed(x.copy.group->ppm, 2) + " ppm has " + x.copy.why;
}

// The ring sign: absent, inconclusive, with the shifted group in the stoichiometry of one
// substituent (two concordant signs), or alone (supportive only; 0 for a quaternary's).
void ring_sign(ModalityResult& r, const signal::NmrResult& nmr, const chem::ReactionModel& model, const Reading& x, bool one) {
    if (x.ratio < kClean) {
        r.llr = kAbsentLlr;
        r.note = "no downfield-shifted ring N-CH2 in NMR" + considered(x);
        return;
    }
    if (x.ratio < kDetect) {
        r.note = "weak signals at 3.05-3.6 ppm in NMR (inconclusive)";
        if (x.copy.quaternary && x.copy.group != nullptr)
            r.note += quaternary_copy_text(model, x);
        return;
    }
    for (const auto* m : x.hits) r.evidence.push_back(detail::nmr_signal(*m, fraction(nmr, *m, x.total), "downfield ring N-CH2 (alpha to N-oxide?)"));
    if (one) {
        r.llr = kTwoSignLlr;
        add_group_evidence(r, nmr, *model.reagent, x);
        r.note = "NMR shows " + ring_text(x) + " and the " + model.reagent->name + " alpha group shifted to " +
                 detail::fixed(x.sa.group.front()->ppm, 2) + " ppm, " + detail::fixed(x.sa.substituents, 1) +
                 " substituent on the shifted N (N-oxide pattern)";
        return;
    }
    r.llr = kSupportLlr;
    r.corroborative_only = true;
    r.note = "NMR shows " + ring_text(x);
    if (x.sa.applicable && x.sa.substituents > kOneTo)
        r.note += ", with " + detail::fixed(x.sa.substituents, 1) + " substituents on the shifted N (a quaternary N+ rather)";
    r.note += "; on its own this is no N-oxide proof (quaternary, carbamate and O-CH2 resonate there too)";
    if (x.sa.substituents > kOneTo) r.llr = kQuaternaryLlr;
    if (x.copy.quaternary) {
        r.llr = kQuaternaryLlr;
        r.note += quaternary_copy_text(model, x);
        return;
    }
    r.note += considered(x);
}

// One line, one species: a shifted group line that over-alkylation's quaternary reading counts at
// two substituents per ring proton of the species' own resolved N+-CH2 triplets (read_quaternary,
// whose line is always one of the shifted group's, ShiftedAlpha::group) is the quaternary R2N+'s,
// and no copy reading rests on the shifted group. Resolved triplets are a more direct
// measure than the window sums and single ring lines the N-oxide readings weigh; a window count
// alone is not (it weighs the same lines as the N-oxide's stoichiometric reading).
// A line that holds both species' copies (a crude may hold the N-oxide and the quaternary, whose
// copies coincide within a line width) counts between one and two: the line is the quaternary's
// alone only within 2 sigma of two, at the ~7 % error of a ratio of two integrals (1.72).
constexpr double kQuaternaryOnly = 2.0 * (1.0 - 2.0 * 0.07);
void give_way_to_quaternary(const signal::NmrResult& nmr, const chem::ReactionModel& model, Reading& x) {
    const auto q = detail::read_quaternary(nmr, model, x.frame, x.sa);
    if (!q.found || !q.by_triplets || q.substituents < kQuaternaryOnly) return;
    x.copy.found = false;
    x.copy.quaternary = true;
    if (x.copy.group == nullptr) x.copy.group = q.group.front();
    x.copy.why = detail::fixed(q.substituents, 1) + " substituents per ring of its own N+-CH2 triplets (quaternary R2N+: the over-alkylation reading holds this line)";
}

ModalityResult read_in_frame(const signal::NmrResult& nmr, const chem::ReactionModel& model, detail::RingFrame* frame_out) {
    ModalityResult r;
    if (carbamate_context(model, r)) return r;
    // Reference: the unshifted ring N-CH2 in the sample's own frame when the product is located
    // (solvent / salt shifts measured from the C6-H2 quintet), else the CDCl3 free-base window.
    Reading x;
    if (model.reagent != nullptr) x.frame = detail::ring_frame(nmr, model);
    if (frame_out != nullptr) *frame_out = x.frame;
    if (salt_frame(nmr, model, x.frame, r)) return r;
    const double ring = x.frame.found ? x.frame.nch2_area : detail::sharp_area(nmr, kRingFrom, kRingTo);
    if (ring <= 0.0) return r;
    r.checked = true;
    x.sa = detail::shifted_alpha(nmr, model);
    if (x.sa.applicable) drop_impurity_singlets(nmr, *model.reagent, x.sa);
    x.ratio = shifted_ring_lines(nmr, model, x.sa, x.hits) / ring;
    x.copy = detail::n_oxide_alpha_copy(nmr, model, x.frame);
    give_way_to_quaternary(nmr, model, x);
    x.total = detail::total_area(nmr);
    if (x.ratio > kMaxShifted) {
        outweighed_ring(r, nmr, model, x);
        return r;
    }
    if (stoichiometric_call(r, nmr, model, x)) return r;
    const bool one = x.sa.applicable && x.sa.substituents >= kOneFrom && x.sa.substituents <= kOneTo &&
                     own_width(nmr, *x.sa.group.front(), x.frame.line_hz) && !x.copy.quaternary;
    // The two-sign reading (ring ratio and substituent count) is preferred when it holds.
    if (x.copy.found && !(x.ratio >= kDetect && one)) {
        copy_call(r, nmr, *model.reagent, x);
        return r;
    }
    ring_sign(r, nmr, model, x, one);
    return r;
}

bool positive(const ModalityResult& r) { return r.checked && !r.corroborative_only && r.llr > 0.0; }

// The ring frame of a crude with a few % N-oxide can anchor on the N-oxide's own C6-H2 (its ring
// triplets stand clear where the product's ring window also holds other lines): the frame's group
// is then the N-oxide's, and the product's own group, the same pattern and at least twice the
// amount (the product is the crude's main diazepane), lies upfield of it by an N-oxide's shift
// (0.1-1.0 ppm: an N-alpha group +0.5-1.0, a beta group +0.15-0.5, Silverstein; a salt's 0.1-0.5
// from its protonated product). The multiplet nearest upfield that qualifies, or null.
constexpr double kMinorFrameFrom = 0.1, kMinorFrameTo = 1.0, kMajorAmount = 2.0;
const signal::Multiplet* major_group_upfield(const signal::NmrResult& nmr, const chem::Reagent& rg, const detail::RingFrame& f) {
    if (!f.found || f.diag.empty()) return nullptr;
    for (const auto& m : nmr.multiplets) {
        const double d = f.diag_ppm - m.ppm;
        if (d < kMinorFrameFrom || d > kMinorFrameTo || detail::is_frame_group_line(f, m) || detail::near_solvent_line(nmr, m.ppm)) continue;
        if (detail::diag_pattern(m, rg, nmr) && detail::sharp_multiplet_area(nmr, m) >= kMajorAmount * f.diag_area) return &m;
    }
    return nullptr;
}

// Where the frame is a minor species' (above) and no N-oxide was read in it, the reading is made
// again without that frame's anchor line, so the frame search falls on the next C6-H2 (the
// product's when its group is the major one); only a positive reading there replaces the first.
ModalityResult read_with_model(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    detail::RingFrame frame;
    ModalityResult r = read_in_frame(nmr, model, &frame);
    if (positive(r) || model.reagent == nullptr || major_group_upfield(nmr, *model.reagent, frame) == nullptr) return r;
    signal::NmrResult other = nmr;
    std::erase_if(other.multiplets, [&](const signal::Multiplet& m) { return m.ppm == frame.c6_ppm; });
    detail::RingFrame second;
    ModalityResult r2 = read_in_frame(other, model, &second);
    if (!positive(r2) || !second.found || !(second.diag_area >= kMajorAmount * frame.diag_area)) return r;
    r2.note = "the ring frame at C6-H2 " + detail::fixed(frame.c6_ppm, 2) + " ppm is a minor species' (its group at " +
              detail::fixed(frame.diag_ppm, 2) + " ppm, the product's at " + detail::fixed(second.diag_ppm, 2) +
              " ppm); read in the product's frame (C6-H2 " + detail::fixed(second.c6_ppm, 2) + " ppm): " + r2.note;
    return r2;
}

// The shifts of the lines a reading rests on.
std::vector<double> lines_read(const ModalityResult& r) {
    std::vector<double> out;
    for (const auto& e : r.evidence) out.push_back(e.ppm.value_or(0.0));
    return out;
}

// Without a context (no product, reagent or increment) the copy readings need the product's
// N-alpha group: each N-CH2 or N-CH3 reagent of the table (the groups the copy readings read) is
// tried on its mono-product's frame, and only a
// specific positive reading (a copy with its ring sign, free base or salt) counts when every
// reagent that gives one reads the same lines, at half the weight (the intended product is
// assumed, not known; as the over-alkylation reading without a context). Otherwise the ring
// window is read without a reagent, as before.
ModalityResult without_context(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    std::vector<std::pair<const chem::Reagent*, ModalityResult>> calls;
    for (const auto& rg : chem::reagent_table()) {
        const bool ch2 = rg.diag_protons == kCh2GroupProtons && rg.diag_label.rfind("N-", 0) == 0;
        const bool ch3 = rg.diag_protons == kCh3GroupProtons && rg.diag_lines == 1 && rg.diag_label.rfind("N-CH3", 0) == 0;
        if (!rg.alkylating || !(ch2 || ch3)) continue;
        const auto m = detail::mono_product_model(rg);
        if (!m) continue;
        ModalityResult r = read_with_model(nmr, *m);
        if (r.checked && !r.corroborative_only && r.llr > 0.0) calls.emplace_back(&rg, std::move(r));
    }
    // Reagents whose diagnostic windows overlap (N-CH2Ph and N-CH2-thienyl singlets) may read the
    // same lines: one reading, named with every reagent that gives it.
    const auto same_lines = [&](const ModalityResult& r) { return lines_read(r) == lines_read(calls.front().second); };
    if (calls.empty() || !std::all_of(calls.begin(), calls.end(), [&](const auto& c) { return same_lines(c.second); }))
        return read_with_model(nmr, model);
    std::string names;
    for (const auto& c : calls) names += (names.empty() ? "" : " or ") + c.first->name;
    ModalityResult r = std::move(calls.front().second);
    r.llr *= kNoContextWeight;
    r.note = "no context; read as the N-oxide of a mono-" + names + " diazepane: " + r.note;
    return r;
}
}  // namespace

ModalityResult n_oxide_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    if (!detail::usable(nmr) || nmr.multiplets.empty()) return {};
    if (model.reagent == nullptr && !model.product && !model.increment) return without_context(nmr, model);
    return read_with_model(nmr, model);
}

}  // namespace sidepeak::classify
