// Shifted copy of the product's N-alpha group (N-oxide fingerprint); see n_oxide_alpha_copy.hpp.
#include "n_oxide_alpha_copy.hpp"

#include <algorithm>
#include <cmath>

#include "ms_ions.hpp"
#include "over_alkylation_species.hpp"

#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::classify::detail {
namespace {
// N-oxide alpha protons move 0.6-1.0 ppm downfield of the amine's (Silverstein, Spectrometric
// Identification of Organic Compounds, 8th ed.; N,N-dimethylbenzylamine CH2 3.42 / N-CH3 2.23 ->
// N-oxide 4.36 / 3.08 ppm, +0.94 / +0.85).
constexpr double kShiftLo = 0.6, kShiftHi = 1.0;
// Lines of one molecule in one tube share its width (shim and T2); measured FWHM of small lines
// scatter by ~20-30 %, so 0.6-1.6x the product's own group line (2 sigma) is the same molecule.
constexpr double kWidthLo = 0.6, kWidthHi = 1.6;
// Ring N-CH2 lines are multiplets: unresolved small couplings only widen a picked line, up to
// 2.5x the singlet's width (as for the shifted-copy fingerprint in n_oxide_nmr.cpp).
constexpr double kRingWidthLo = 0.5, kRingWidthHi = 2.5;
// A by-product is no larger than the product it comes from.
constexpr double kMaxFraction = 1.0;
// Ring N+-O- CH2 of the N-oxide: 3.0-3.5 ppm (Pretsch, Structure Determination, 4th ed.; N-methyl-
// morpholine N-oxide ring N-CH2 3.0-3.4), +0.1 ppm for solvent; a quaternary R2N+-CH2 reaches
// 3.9 ppm (domain table: quaternary N+-CH2 3.3-4.8).
constexpr double kRingFrom = 3.0, kRingNoxideTo = 3.6, kRingQuatTo = 3.9;
// Integral ratio of two small lines (5-20 sigma): +-40 % (1/1.4 - 1.4x).
constexpr double kRatioTol = 1.4;
// A ring line of the product's width in the R2N+ stoichiometry, and more of them than in the
// N-oxide's, reads as the quaternary: precision first, one such line vetoes.
constexpr int kQuatLines = 1;
// The alpha groups read: an N-CH2 (2H), or an N-CH3 singlet (3H) in the free base.
constexpr int kCh2Protons = 2, kCh3Protons = 3;
// Integral S/N of the copy: >= 10, the limit of quantitation (ICH Q2(R2) / Ph. Eur. 2.2.46, S/N
// ~10): below it the copy's area, and so its ratios to the ring lines, cannot be measured.
constexpr double kMinCopySnr = 10.0;
// Multiplet J read out to 0.5-1 Hz.
constexpr double kJTol = 1.0;

// The product's own diagnostic multiplet: the largest of the frame's diagnostic cluster.
const signal::Multiplet* own_group(const RingFrame& f) {
    const signal::Multiplet* own = nullptr;
    for (const auto* m : f.diag) {
        if (own == nullptr || m->area > own->area) own = m;
    }
    return own;
}

// Step 1: the largest copy of the own group's pattern and width 0.6-1.0 ppm downfield; the
// candidates turned away are named with their figures.
void find_copy(const signal::NmrResult& nmr, const RingFrame& f, const signal::Multiplet& own, bool singlet_group, AlphaCopy& out) {
    const double measured_hz = median_line_hz(nmr, own);
    const double own_hz = measured_hz > 0.0 ? measured_hz : f.line_hz;
    take_group_copy(find_group_copy(nmr, f, own, own_hz, kShiftLo, kShiftHi, singlet_group), own, "0.6-1.0", out);
}

// A ring line as a reviewer reads it: shift, pattern and couplings, area per H against the copy's.
std::string line_figure(const signal::Multiplet& m, double r) {
    std::string s = fixed(m.ppm, 2) + " ppm " + signal::name(m.multiplicity);
    for (std::size_t i = 0; i < m.j_hz.size(); ++i) s += (i == 0 ? " J " : "/") + fixed(m.j_hz[i], 1);
    return s + ", " + fixed(r, 2) + "x the copy's area per H";
}

// An R2N+ ring N+-CH2 carries two equal substituents on N: its two protons are equivalent on
// average (no geminal coupling seen) and it is a triplet of vicinal 3J <= 8 Hz (CH2-CH2, Pretsch),
// spanning at most 2 x 8 Hz plus a line width on each side. A wider multiplet is a diastereotopic
// CH2 (geminal 2J 11-14 Hz: a stereogenic N-oxide's ring N-CH2, or a matrix CH2), not the R2N+.
constexpr double kVicinalJMaxHz = 8.0;
bool wider_than_quaternary_triplet(const signal::NmrResult& nmr, const signal::Multiplet& m, double own_hz) {
    double lo = 1e300, hi = -1e300;
    for (std::size_t i : m.peaks) {
        if (i >= nmr.peaks.size()) continue;
        lo = std::min(lo, nmr.peaks[i].ppm);
        hi = std::max(hi, nmr.peaks[i].ppm);
    }
    return hi > lo && (hi - lo) * nmr.spectrum.spectrometer_mhz > 2.0 * (kVicinalJMaxHz + own_hz);
}

// Step 2: coupled ring lines; each one's area per H against the copy's area per H sorts it as
// one substituent on the shifted N (N-oxide, ratio 1) or two (R2N+, ratio 1/2).
void read_ring(const signal::NmrResult& nmr, const RingFrame& f, int group_protons, double own_hz, AlphaCopy& out) {
    const double group_per_h = sharp_multiplet_area(nmr, *out.group) / group_protons;
    std::string quat_lines;
    int quat_beyond = 0;  // R2N+-ratio lines at 3.6-3.9 ppm, where no N-oxide ring N-CH2 resonates
    for (const auto& m : nmr.multiplets) {
        if (&m == out.group || &m == out.partner || is_frame_group_line(f, m) || near_solvent_line(nmr, m.ppm)) continue;
        if (m.ppm < std::max(kRingFrom, f.nch2_to) || m.ppm > kRingQuatTo) continue;
        if (!ring_line_coupled(nmr, m, f.line_hz, own_hz)) continue;
        const double w = own_hz > 0.0 ? median_line_hz(nmr, m) / own_hz : 1.0;
        if (w < kRingWidthLo || w > kRingWidthHi) continue;  // another compound's line
        const double r = (sharp_multiplet_area(nmr, m) / 2.0) / group_per_h;  // a ring N-CH2 pair is 2H
        if (r >= 0.5 / kRatioTol && r <= 0.5 * kRatioTol && !wider_than_quaternary_triplet(nmr, m, own_hz)) {
            ++out.quaternary_lines;
            if (m.ppm > kRingNoxideTo) ++quat_beyond;
            quat_lines += (quat_lines.empty() ? "" : "; ") + line_figure(m, r);
        }
        if (r >= 1.0 / kRatioTol && r <= kRatioTol) ++out.noxide_lines;
        if (m.ppm <= kRingNoxideTo) out.ring.push_back(&m);
    }
    // A tie vetoes when an R2N+-ratio line lies past the N-oxide's ring window (3.6-3.9 ppm: only a
    // quaternary's ring N+-CH2 resonate there, Pretsch; domain table 3.3-4.8): the line in the
    // N-oxide's ratio at 3.0-3.6 may be the quaternary's other ring pairs coinciding (4H at half).
    out.quaternary = out.quaternary_lines >= kQuatLines &&
                     (out.quaternary_lines > out.noxide_lines || (quat_beyond > 0 && out.quaternary_lines == out.noxide_lines));
    if (out.quaternary)
        out.why = std::to_string(out.quaternary_lines) + " ring N-CH2 line(s) hold half the copy's area per H: two substituents on the shifted N (quaternary R2N+: " + quat_lines + ")";
    else if (out.ring.empty())
        out.why = "no coupled ring N-CH2 line of the product's width at 3.0-3.6 ppm beside the copy";
}
// Step 3: what a real copy must show besides its shift (n_oxide_copy_signs.hpp): integral S/N at
// the limit of quantitation, the product group's whole pattern, a second shifted ring signal.
void check_copy(const signal::NmrResult& nmr, const RingFrame& f, int group_protons, const signal::Multiplet& own,
                double own_hz, bool singlet_group, AlphaCopy& out) {
    const double area = sharp_multiplet_area(nmr, *out.group);
    out.snr = integral_snr(nmr, *out.group, area);
    // A singlet group's copy is one singlet-like line (find_group_copy): the product's picked line
    // may carry an overlapping neighbour's shoulder that the copy need not repeat.
    if (singlet_group) {
        out.pattern.ok = true;
    } else {
        out.pattern = same_line_pattern(nmr, own, *out.group);
    }
    out.sign = ring_shift_sign(nmr, f, area / group_protons, own_hz, {out.group, out.partner});
    if (out.quaternary) return;
    if (!(out.snr >= kMinCopySnr)) {
        out.why = "the copy's integral S/N is " + fixed(out.snr, 1) + " (below the limit of quantitation, 10)";
        return;
    }
    if (!out.pattern.ok) {
        out.why = "the copy does not repeat the product group's multiplet: " + out.pattern.why;
        return;
    }
    if (!out.sign.found) {
        out.why = out.sign.why;
        return;
    }
    out.ring = out.sign.lines;
    out.found = true;
}
}  // namespace

namespace {
bool same_group_pattern(const signal::Multiplet& own, const signal::Multiplet& m, bool own_singlet, const signal::NmrResult& nmr) {
    if (own_singlet) return singlet_like(m, &nmr);
    if (m.multiplicity != own.multiplicity || singlet_like(m, &nmr)) return false;
    for (double j : own.j_hz) {
        const bool hit = std::any_of(m.j_hz.begin(), m.j_hz.end(), [j](double k) { return std::abs(j - k) <= kJTol; });
        if (!hit) return false;
    }
    return true;
}

// A candidate line as a reviewer reads it: shift, offset from the product's group, width ratio
// and amount.
std::string copy_figure(const signal::Multiplet& m, double d, double ratio, double frac) {
    return fixed(m.ppm, 2) + " ppm " + signal::name(m.multiplicity) + " (+" + fixed(d, 2) + " ppm, " + fixed(ratio, 1) + "x the width, " + fixed(100 * frac, 1) + " %)";
}
}  // namespace

bool line_of_split_multiplet(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    constexpr double kJLoHz = 4.5, kJHiHz = 8.0, kHeightShare = 0.5 / kRatioTol;
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const signal::Peak* top = nullptr;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size() && (top == nullptr || nmr.peaks[i].height > top->height)) top = &nmr.peaks[i];
    }
    if (top == nullptr || !(mhz > 0.0) || !(top->fwhm_hz > 0.0)) return false;
    return std::any_of(nmr.peaks.begin(), nmr.peaks.end(), [&](const signal::Peak& q) {
        const double d = std::abs(q.ppm - top->ppm) * mhz, w = q.fwhm_hz / top->fwhm_hz;
        return d >= kJLoHz && d <= kJHiHz && q.height >= kHeightShare * top->height && w >= kWidthLo && w <= kWidthHi;
    });
}

bool is_frame_group_line(const RingFrame& f, const signal::Multiplet& m) {
    return std::find(f.diag.begin(), f.diag.end(), &m) != f.diag.end();
}

std::string GroupCopy::why_missing(const signal::Multiplet& own, const std::string& range) const {
    const std::string own_text = "the product's " + fixed(own.ppm, 2) + " ppm " + signal::name(own.multiplicity);
    return !near.empty() ? "lines of the pattern of " + own_text + " " + range +
                               " ppm downfield, none of its width (0.6-1.6x) or a by-product's amount: " + near
                         : "no copy of " + own_text + " " + range + " ppm downfield";
}

GroupCopy find_group_copy(const signal::NmrResult& nmr, const RingFrame& f, const signal::Multiplet& own, double own_hz,
                          double shift_lo, double shift_hi, bool singlet_group) {
    const bool own_singlet = singlet_group || singlet_like(own, &nmr);
    GroupCopy out;
    double best = 0.0;
    for (const auto& m : nmr.multiplets) {
        const double d = m.ppm - own.ppm;
        if (d < shift_lo || d > shift_hi || is_frame_group_line(f, m) || near_solvent_line(nmr, m.ppm)) continue;
        if (!same_group_pattern(own, m, own_singlet, nmr)) continue;
        // A singlet on a laboratory impurity's position (Fulmer 2010: MeOH 3.34 in D2O, DMF
        // N-CH3 2.88 / 2.96 in CDCl3) is that impurity as likely as a copy: not read as one.
        if (own_singlet && lab_impurity_singlet(nmr, m.ppm)) {
            out.near += (out.near.empty() ? "" : "; ") + fixed(m.ppm, 2) + " ppm s on a laboratory impurity's position";
            continue;
        }
        if (own_singlet && line_of_split_multiplet(nmr, m)) {
            out.near += (out.near.empty() ? "" : "; ") + fixed(m.ppm, 2) + " ppm s, one line of a multiplet split by a vicinal J";
            continue;
        }
        ++out.candidates;
        const double ratio = own_hz > 0.0 ? median_line_hz(nmr, m) / own_hz : 0.0;
        const double a = sharp_multiplet_area(nmr, m), frac = f.diag_area > 0.0 ? a / f.diag_area : 0.0;
        if (ratio < kWidthLo || ratio > kWidthHi || frac <= 0.0 || frac > kMaxFraction) {
            out.near += (out.near.empty() ? "" : "; ") + copy_figure(m, d, ratio, frac);
            continue;
        }
        if (a <= best) continue;
        best = a;
        out.group = &m;
        out.shift_ppm = d;
        out.fraction = frac;
        out.width_ratio = ratio;
    }
    return out;
}

double median_line_hz(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    std::vector<double> w;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size() && nmr.peaks[i].fwhm_hz > 0.0 && std::isfinite(nmr.peaks[i].fwhm_hz)) w.push_back(nmr.peaks[i].fwhm_hz);
    }
    if (w.empty()) return 0.0;
    return signal::upper_median_inplace(w);
}

namespace {
// Reagents whose diagnostic group is a triplet (ethyl CH3 t, 2-aryloxyethyl O-CH2 t): the group
// couples to one CH2, the substituent's N-alpha CH2 (N-CH2CH3 q, N-CH2CH2OAr t; n+1 rule,
// Pretsch). Its copy moves as any N-alpha group's, 0.6-1.0 ppm (Silverstein; Et3N CH2 2.53 ->
// Et3NO 3.2), and the beta group's copy beside it 0.15-0.5 ppm (Et3N CH3 1.03 -> Et3NO 1.27;
// O-CH2 beta to N+ +0.3-0.45, Pretsch). A beta group alone moves in the quaternary and the
// ammonium salt too (docs/classifier.md, N-oxide: tried and not kept), so the N-alpha copy is
// read first and the beta copy is only its coupling partner; the ring ratio tells the quaternary.
// The free amine's N-alpha CH2: Et3N 2.43-2.58 in CDCl3 / DMSO-d6 / CD3OD / D2O (Fulmer et al.,
// Organometallics 2010, 29, 2176), ArOCH2CH2N 2.8-2.95 (Pretsch), +-0.1 ppm for the ring.
constexpr double kNAlphaFrom = 2.3, kNAlphaTo = 3.1;
constexpr double kBetaShiftLo = 0.15, kBetaShiftHi = 0.5;
constexpr int kTripletLines = 3;

bool beta_group_reagent(const chem::Reagent& rg) {
    return rg.alkylating && rg.diag_lines == kTripletLines && rg.diag_protons >= kCh2Protons;
}

// Every J of `a` within kJTol of one of `b`'s.
bool shares_j(const signal::Multiplet& a, const signal::Multiplet& b) {
    return !a.j_hz.empty() && std::all_of(a.j_hz.begin(), a.j_hz.end(), [&](double j) {
        return std::any_of(b.j_hz.begin(), b.j_hz.end(), [j](double k) { return std::abs(j - k) <= kJTol; });
    });
}

// The product's N-alpha CH2: the (group H + 1)-line multiplet at the group's J in the free amine's
// N-CH2 range whose area per H is nearest the group's (within +-40 %).
const signal::Multiplet* own_n_alpha(const signal::NmrResult& nmr, const RingFrame& f, const signal::Multiplet& own, int group_protons) {
    const double own_per_h = sharp_multiplet_area(nmr, own) / group_protons;
    const signal::Multiplet* best = nullptr;
    double best_off = 1e300;
    for (const auto& m : nmr.multiplets) {
        if (m.ppm < kNAlphaFrom || m.ppm > kNAlphaTo || is_frame_group_line(f, m) || near_solvent_line(nmr, m.ppm)) continue;
        if (m.multiplicity.simple_order() != group_protons + 1 || !shares_j(own, m)) continue;
        const double r = (sharp_multiplet_area(nmr, m) / kCh2Protons) / own_per_h;
        if (r < 1.0 / kRatioTol || r > kRatioTol || std::abs(std::log(r)) >= best_off) continue;
        best_off = std::abs(std::log(r));
        best = &m;
    }
    return best;
}

// The beta group's copy: the group's pattern 0.15-0.5 ppm downfield of the product's, at the
// product's width, holding the N-alpha copy's area per H (+-40 %).
const signal::Multiplet* beta_partner(const signal::NmrResult& nmr, const RingFrame& f, const signal::Multiplet& own, double own_hz,
                                      double copy_per_h, int group_protons) {
    for (const auto& m : nmr.multiplets) {
        const double d = m.ppm - own.ppm;
        if (d < kBetaShiftLo || d > kBetaShiftHi || is_frame_group_line(f, m) || near_solvent_line(nmr, m.ppm)) continue;
        if (m.multiplicity != own.multiplicity || !shares_j(own, m)) continue;
        const double w = own_hz > 0.0 ? median_line_hz(nmr, m) / own_hz : 1.0;
        const double r = (sharp_multiplet_area(nmr, m) / group_protons) / copy_per_h;
        if (w >= kWidthLo && w <= kWidthHi && r >= 1.0 / kRatioTol && r <= kRatioTol) return &m;
    }
    return nullptr;
}

// The N-alpha CH2 copy of a beta-group reagent with its beta partner, the ring stoichiometry and
// the copy signs of the N-alpha copies.
AlphaCopy beta_group_copy(const signal::NmrResult& nmr, const RingFrame& f, const chem::Reagent& rg, const signal::Multiplet& own) {
    AlphaCopy out;
    out.applicable = true;
    out.own_alpha = own_n_alpha(nmr, f, own, rg.diag_protons);
    if (out.own_alpha == nullptr) {
        out.why = "no N-alpha CH2 of the product's " + rg.diag_label + " (its coupling partner) at 2.3-3.1 ppm";
        return out;
    }
    const double own_hz = median_line_hz(nmr, *out.own_alpha) > 0.0 ? median_line_hz(nmr, *out.own_alpha) : f.line_hz;
    take_group_copy(find_group_copy(nmr, f, *out.own_alpha, own_hz, kShiftLo, kShiftHi), *out.own_alpha, "0.6-1.0", out);
    if (out.group == nullptr) return out;
    out.fraction *= static_cast<double>(rg.diag_protons) / kCh2Protons;  // per H: the frame's group holds diag_protons
    const double copy_per_h = sharp_multiplet_area(nmr, *out.group) / kCh2Protons;
    out.partner = beta_partner(nmr, f, own, own_hz, copy_per_h, rg.diag_protons);
    read_ring(nmr, f, kCh2Protons, own_hz, out);
    if (out.quaternary) return out;
    if (out.partner == nullptr) {
        out.why = "no copy of the product's " + rg.diag_label + " 0.15-0.5 ppm downfield in the N-alpha copy's amount (its coupling partner)";
        return out;
    }
    check_copy(nmr, f, kCh2Protons, *out.own_alpha, own_hz, false, out);
    return out;
}
}  // namespace

AlphaCopy n_oxide_alpha_copy(const signal::NmrResult& nmr, const chem::ReactionModel& model, const RingFrame& f) {
    AlphaCopy out;
    const chem::Reagent* rg = model.reagent;
    if (rg == nullptr || !rg->alkylating || rg->diag_protons <= 0) return out;
    if (!f.found || f.protonated() || f.diag.empty() || !(f.diag_area > 0.0)) return out;
    if (beta_group_reagent(*rg)) return beta_group_copy(nmr, f, *rg, *own_group(f));
    if (rg->diag_label.rfind("N-", 0) != 0) return out;
    // An N-CH2 group's copy (a benzylic or heteroarylmethyl N-CH2 copy at 4.2-4.6 ppm has that
    // region to itself), or an N-CH3 singlet's: its copy is a 3H singlet at 2.9-3.4 ppm (N-CH3 2.23
    // -> 3.08 in N,N-dimethylbenzylamine N-oxide, Silverstein), where matrix N-/O-CH3 singlets,
    // DMF (2.73 / 2.89), MeOH (3.16-3.49) and water in DMSO-d6 (3.33; Fulmer 2010, solvent lines
    // skipped) and the quaternary N+(CH3)2 (3.0-3.3) resonate too. The quaternary's 6H singlet read
    // as 3H gives its ring N+-CH2 half the copy's area per H (read_ring's veto), and a matrix
    // singlet must still find a ring line in the copy's amount at the product's width.
    const bool singlet_group = rg->diag_protons == kCh3Protons && rg->diag_lines == 1 && rg->diag_label.rfind("N-CH3", 0) == 0;
    if (rg->diag_protons != kCh2Protons && !singlet_group) return out;
    out.applicable = true;
    const signal::Multiplet* own = own_group(f);
    find_copy(nmr, f, *own, singlet_group, out);
    if (out.group == nullptr) return out;
    const double own_hz = median_line_hz(nmr, *own) > 0.0 ? median_line_hz(nmr, *own) : f.line_hz;
    read_ring(nmr, f, rg->diag_protons, own_hz, out);
    check_copy(nmr, f, rg->diag_protons, *own, own_hz, singlet_group, out);
    return out;
}

}  // namespace sidepeak::classify::detail
