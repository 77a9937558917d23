// Hofmann elimination, NMR: the N-allyl group from ring opening: =CH- at 5.6-6.15 ppm (ddt, J ~17, ~10, ~6.5 Hz),
// =CH2 at 4.9-5.35 ppm (two d-like multiplets, 2H together) and the allylic N-CH2 doublet
// (J ~6.5 Hz) at 2.85-3.2 ppm; an N-vinyl (enamine) =CH-N at 6.2-6.6 ppm (dd, trans 13-16.5 and
// cis 8-10 Hz) with =CH2 at 3.8-4.3 ppm. Singlets never count (CH2Cl2 5.30 in CDCl3 is one), nor
// do aromatic doublets (J <= 9 Hz), acrylates (=CH2 at 5.8-6.4, no allylic J), cinnamates (no
// cis J), vinyl ethers (cis J ~7 Hz), C-allyl groups (allylic CH2 d elsewhere) or trisubstituted
// olefins (no vinyl J).
// The vinyl group is read as one spin system by a joint band-shape fit (olefin_fit.hpp: first-order
// ABX-like ddt + two =CH2 doublets, shared width and J, linear least squares over a J grid) and its
// allylic CH2 at the fitted J_allyl as d versus q/dt.
// LC-MS: hofmann_ms.cpp.
// Steps: the olefinic multiplets of the spectrum (=CH-, =CH2, enamine, allylic), the picked =CH-
// candidate for the notes, the joint fit of every =CH- seed with its allylic CH2
// (hofmann_allyl.cpp), the reading of the best accepted system or of the picked lines, the enamine,
// and the weight without an alkylating reagent.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hofmann_allyl.hpp"
#include "hofmann_olefinic.hpp"
#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "olefin_fit.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {
namespace {

using detail::hofmann::Olefinic;
using detail::hofmann::Seed;

// A =CH2 pair against the =CH- (or the enamine =CH2 against its =CH-N) at 1.0-3.5x its area:
// 2H : 1H within integration error.
constexpr double kPairRatioMin = 1.0, kPairRatioMax = 3.5;
// Half-widths of the evidence regions of a fitted line (ppm): about one multiplet span at 400 MHz.
constexpr double kChRegionPpm = 0.03, kNCh2RegionPpm = 0.02;
// A picked allylic multiplet within 0.03 ppm of the fitted N-CH2 d is that d.
constexpr double kSameMultipletPpm = 0.03;
// Log-likelihood ratios of the readings from picked lines: vinyl J with its =CH2 partner 1.0 (weak);
// olefinic pair without the vinyl J 0.5 (weak); enamine with its =CH2 1.5, alone 0.6 (weak).
// Without an alkylating reagent a strong reading loses 0.8, down to 0.6.
constexpr double kLlrVinylPicked = 1.0, kLlrOlefinPair = 0.5, kLlrEnamine = 1.5, kLlrEnamineAlone = 0.6;
constexpr double kNoContextLoss = 0.8, kNoContextFloor = 0.6;
// An enamine reading replaces readings below 1.5 (weaker than itself).
constexpr double kEnamineOverrides = 1.5;

// Fraction of the 1H area in a multiplet's sharp lines.
double frac(const signal::NmrResult& nmr, double total, const signal::Multiplet& m) {
    return total > 0 ? detail::sharp_multiplet_area(nmr, m) / total : 0.0;
}

// Joint fit of the vinyl spin system (olefin_fit.hpp) at the line width of the olefinic lines
// themselves (the by-product's, not the background's), for every =CH- seed. A picked seed whose
// =CH2 lines of its own size do not make the system is fitted again over the whole =CH2 window
// (with_whole_ch2_window: one =CH2 proton's lines may be grouped with another compound's line or
// lie below the picker); the refit counts when it is accepted, else the first fit says why.
detail::VinylFit fit_seed(const signal::NmrResult& nmr, const Seed& s, double w0) {
    auto f = detail::fit_terminal_vinyl(nmr, s.ppm, s.ch2_lo, s.ch2_hi, w0);
    if (f.accepted || s.m == nullptr) return f;
    const Seed whole = detail::hofmann::with_whole_ch2_window(s);
    if (!(whole.ch2_lo < s.ch2_lo || whole.ch2_hi > s.ch2_hi)) return f;
    auto g = detail::fit_terminal_vinyl(nmr, whole.ppm, whole.ch2_lo, whole.ch2_hi, w0);
    return g.accepted ? g : f;
}
// A =CH- at `ch_ppm` resolved from accepted system `a` (at a's line width).
bool resolved_from(const detail::VinylFit& a, double ch_ppm, double mhz) {
    return detail::hofmann::resolved_ch(a.ch_ppm, ch_ppm, a.w_hz, mhz);
}

// A crude may hold two allyl groups (the by-product beside an allyl ether or C-allyl trap). A seed
// whose fit is rejected while another system is accepted at a resolved =CH- is fitted again over the
// whole =CH2 window with that system's =CH2 lines as columns of their own (a =CH2 doublet of the
// stronger system otherwise takes the weaker system's place and holds several times its =CH-).
detail::VinylFit refit_beside(const signal::NmrResult& nmr, const Seed& s, double w0, const detail::VinylFit& f,
                              const std::vector<detail::VinylFit>& first) {
    const double mhz = nmr.spectrum.spectrometer_mhz;
    const Seed whole = s.m != nullptr ? detail::hofmann::with_whole_ch2_window(s) : s;
    for (const auto& a : first) {
        if (!a.accepted || !resolved_from(a, s.ppm, mhz)) continue;
        auto g = detail::fit_terminal_vinyl(nmr, whole.ppm, whole.ch2_lo, whole.ch2_hi, w0,
                                            detail::ch2_doublet_lines(nmr, a));
        if (g.accepted && resolved_from(a, g.ch_ppm, mhz)) return g;
    }
    return f;
}

std::vector<detail::VinylFit> fit_seeds(const signal::NmrResult& nmr, const std::vector<Seed>& seeds, double w0) {
    std::vector<detail::VinylFit> fits;
    for (const auto& s : seeds) fits.push_back(w0 > 0.0 ? fit_seed(nmr, s, w0) : detail::VinylFit{});
    if (!(w0 > 0.0)) return fits;
    const auto first = fits;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        if (!fits[i].accepted) fits[i] = refit_beside(nmr, seeds[i], w0, fits[i], first);
    }
    return fits;
}
double olefinic_width(const signal::NmrResult& nmr, const Olefinic& o) {
    std::vector<const signal::Multiplet*> olefinic = o.ch_cands;
    olefinic.insert(olefinic.end(), o.ch2.begin(), o.ch2.end());
    const double w0 = detail::hofmann::median_width(nmr, olefinic);
    return w0 > 0.0 ? w0 : detail::typical_line_hz(nmr);
}

// The call so far: log-likelihood ratio and whether it is corroborative only.
struct Call {
    double llr = -1.0;
    bool weak = false;
    bool needs_alkylation = false;  ///< specific only beside an alkylating reagent
    bool hidden_n_ch2 = false;      ///< the allylic N-CH2 placed by exclusion, not seen
};

// Evidence of an accepted vinyl system read as N-allyl: the fitted =CH-, the =CH2 multiplets (or
// the fitted region), the allylic N-CH2 d (a picked multiplet there, else the fitted region).
void system_evidence(const signal::NmrResult& nmr, const Olefinic& o, const detail::hofmann::Best& best, double total,
                     ModalityResult& r) {
    const auto& f = *best.fit;
    const double fr = total > 0 ? f.ch_area / total : 0.0;
    auto e = best.seed->m != nullptr
                 ? detail::nmr_signal(*best.seed->m, fr, "vinyl =CH- (N-allyl)")
                 : detail::nmr_region(f.ch_ppm - kChRegionPpm, f.ch_ppm + kChRegionPpm, fr, "vinyl =CH- (N-allyl)");
    e.ppm = f.ch_ppm;
    e.multiplicity = "ddt";
    r.evidence.push_back(std::move(e));
    for (const auto* m : o.ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(nmr, total, *m), "vinyl =CH2"));
    if (o.ch2.empty()) {
        r.evidence.push_back(detail::nmr_region(std::min(f.e_ppm, f.z_ppm) - kChRegionPpm,
                                                std::max(f.e_ppm, f.z_ppm) + kChRegionPpm,
                                                total > 0 ? (f.e_area + f.z_area) / total : 0.0, "vinyl =CH2"));
    }
    const auto& n_fit = best.reading.n_fit;
    if (!n_fit) return;
    const signal::Multiplet* n_allyl = nullptr;
    for (const auto* m : o.allylic) {
        if (std::abs(m->ppm - n_fit->ppm) < kSameMultipletPpm) n_allyl = m;
    }
    r.evidence.push_back(n_allyl != nullptr
                             ? detail::nmr_signal(*n_allyl, frac(nmr, total, *n_allyl), "allylic N-CH2")
                             : detail::nmr_region(n_fit->ppm - kNCh2RegionPpm, n_fit->ppm + kNCh2RegionPpm,
                                                  total > 0 ? n_fit->area / total : 0.0, "allylic N-CH2 d"));
}

// Why no vinyl system was read: the joint fit that came closest (largest =CH- amplitude over its
// standard error).
std::string closest_fit(const std::vector<detail::VinylFit>& fits, const std::vector<Seed>& seeds) {
    std::size_t tried = fits.size();
    for (std::size_t i = 0; i < fits.size(); ++i) {
        if (!fits[i].why.empty() && (tried == fits.size() || fits[i].t > fits[tried].t)) tried = i;
    }
    if (tried == fits.size()) return "";
    return " (joint fit from " + detail::fixed(seeds[tried].ppm, 2) + " ppm: " + fits[tried].why + ")";
}

// No accepted vinyl system: the picked =CH- candidate and the =CH2 multiplets read by their J and
// areas.
Call from_picked(const signal::NmrResult& nmr, const Olefinic& o, const std::string& why, double total,
                 ModalityResult& r) {
    Call c;
    const auto& ch = *o.ch;
    const double ratio = o.ch2_area / std::max(detail::sharp_multiplet_area(nmr, ch), 1e-300);
    const bool partner = !o.ch2.empty() && ratio >= kPairRatioMin && ratio <= kPairRatioMax;
    const std::string where = "=CH- " + detail::fixed(ch.ppm, 2) + " ppm" + (o.vj ? " (J 17/10 Hz)" : "") +
                              (o.ch2.empty() ? "" : ", =CH2 at " + detail::fixed(o.ch2.front()->ppm, 2) + " ppm");
    if (o.vj && (partner || o.ch2_j)) {
        c = {kLlrVinylPicked, true};
        r.note = "NMR shows a terminal vinyl group (" + where + ") not confirmed as one allyl spin system" + why;
    } else if (partner) {
        c = {kLlrOlefinPair, true};
        r.note = "NMR shows olefinic multiplets at " + detail::fixed(ch.ppm, 2) + " and " +
                 detail::fixed(o.ch2.front()->ppm, 2) + " ppm without the vinyl J pattern" + why;
    } else {
        r.note = "no N-allyl pattern: olefinic multiplet at " + detail::fixed(ch.ppm, 2) + " ppm" +
                 (o.vj ? " with the vinyl J" : " without the vinyl J 17/10 Hz") +
                 (o.ch2.empty() ? ", no =CH2 doublets at 4.9-5.65 ppm"
                                : ", =CH2 area " + detail::fixed(ratio, 1) + " : 1") +
                 why;
    }
    if (c.llr > 0) {
        r.evidence.push_back(detail::nmr_signal(ch, frac(nmr, total, ch), "vinyl =CH- (N-allyl)"));
        for (const auto* m : o.ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(nmr, total, *m), "vinyl =CH2"));
    }
    return c;
}

// An N-vinyl (enamine) =CH-N dd replaces weaker readings: with its =CH2 it is a sign, alone a weak
// one. The =CH2 counts only as the two d of the =CH-N's own trans and cis J (Pretsch): 3.8-4.3 ppm
// also holds O-CH2, N-CH2 and OCH3 multiplets of other compounds, whose summed area matched the
// dd's by chance on real backgrounds (tuning families, seed 2032).
void read_enamine(const signal::NmrResult& nmr, const Olefinic& o, double total, ModalityResult& r, Call& c) {
    const auto& en = *o.enamine;
    const auto ch2 = detail::hofmann::enamine_ch2_doublets(nmr, en);
    const bool partner = ch2.trans.has_value() && ch2.cis.has_value();
    r.evidence.clear();
    r.evidence.push_back(detail::nmr_signal(en, frac(nmr, total, en), "enamine =CH-N"));
    c = {partner ? kLlrEnamine : kLlrEnamineAlone, !partner};
    r.note = "NMR shows an N-vinyl (enamine) =CH-N dd at " + detail::fixed(en.ppm, 2) + " ppm (trans and cis J)";
    const std::pair<const std::optional<double>*, const char*> ds[] = {{&ch2.trans, "trans"}, {&ch2.cis, "cis"}};
    std::string read;
    for (const auto& [d, name] : ds) {
        if (!d->has_value()) continue;
        read += std::string(read.empty() ? "" : " and ") + "a d of the " + name + " J at " + detail::fixed(**d, 2) + " ppm";
        r.evidence.push_back(detail::nmr_region(**d - kChRegionPpm, **d + kChRegionPpm, 0.0, "enamine =CH2 d"));
    }
    if (!read.empty()) r.note += " with its =CH2 read line by line (" + read + ")";
}

// The vinyl reading: the best accepted system (hofmann_allyl.cpp), else the picked lines.
Call read_vinyl(const signal::NmrResult& nmr, Olefinic& o, double total, bool product_salt, ModalityResult& r) {
    const double w0 = olefinic_width(nmr, o);
    const auto seeds = detail::hofmann::vinyl_seeds(nmr, o.ch_cands, o.ch2, w0);
    const auto fits = fit_seeds(nmr, seeds, w0);
    const auto best = detail::hofmann::best_system(nmr, fits, seeds, product_salt);
    if (best.fit != nullptr) {
        const Call c{best.reading.llr, best.reading.weak, best.reading.needs_alkylation, best.reading.hidden_n_ch2};
        r.note = best.reading.note;
        if (c.llr > 0) {
            system_evidence(nmr, o, best, total, r);
        } else if (best.seed->m != nullptr) {
            o.ch = best.seed->m;
        }
        return c;
    }
    if (o.ch == nullptr) return {};
    return from_picked(nmr, o, closest_fit(fits, seeds), total, r);
}

}  // namespace

ModalityResult hofmann_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    r.checked = true;
    const double total = detail::total_area(nmr);
    // Hofmann needs a quaternary ammonium: without an alkylating reagent in the context an olefin
    // is no Hofmann product by itself (an allyl amine may be a reagent, product or impurity).
    const bool context = model.reagent != nullptr && model.reagent->alkylating;
    Olefinic o = detail::hofmann::collect(nmr);
    // The product's protonation (its ring lines in the sample's frame) is the by-product's too.
    const bool product_salt = model.reagent != nullptr && [&] {
        const detail::RingFrame f = detail::ring_frame(nmr, model);
        return f.found && f.protonated();
    }();
    Call c = read_vinyl(nmr, o, total, product_salt, r);
    if (o.enamine != nullptr && c.llr < kEnamineOverrides) read_enamine(nmr, o, total, r, c);
    r.llr = c.llr;
    if (c.llr < 0) {
        r.evidence.clear();
        // Near miss: the olefinic multiplet that was considered.
        if (o.ch != nullptr)
            r.evidence.push_back(
                detail::nmr_signal(*o.ch, frac(nmr, total, *o.ch), "olefinic multiplet (not an N-allyl pattern)"));
        if (r.note.empty()) r.note = "no coupled olefinic multiplets in NMR";
        return r;
    }
    if (!context) {
        // An N-allyl amine in a mixture without a stated alkylation: the pattern is still what the
        // data show; reported with lower weight (the quaternary precursor is not known).
        // A vinyl system whose allylic CH2 is not placed is an allyl group of unknown kind: without
        // the quaternary precursor nothing ties it to the amine, so it stays a supportive sign.
        c.weak = c.weak || c.needs_alkylation;
        // A context whose reagent does not alkylate (a carbamate such as Boc) rules out the
        // quaternary of this reaction: an allyl group whose N-CH2 is only placed by exclusion
        // (hidden under the ring lines) is then tied to the amine by nothing seen.
        const bool no_quaternary_route = model.reagent != nullptr;
        if (no_quaternary_route && c.hidden_n_ch2) {
            c.weak = true;
            r.note += " (the context's " + model.reagent->name +
                      " makes no quaternary salt, and the allylic N-CH2 is placed, not seen)";
        } else {
            r.note += " (no alkylating reagent in the context: quaternary precursor not known)";
        }
        c.llr = c.weak ? c.llr : std::max(kNoContextFloor, c.llr - kNoContextLoss);
    }
    r.llr = c.llr;
    r.corroborative_only = c.weak;
    return r;
}

}  // namespace sidepeak::classify
