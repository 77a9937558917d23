// Hofmann elimination, NMR: the N-allyl group from ring opening: =CH- at 5.6-6.15 ppm (ddt, J ~17, ~10, ~6.5 Hz),
// =CH2 at 4.9-5.35 ppm (two d-like multiplets, 2H together) and the allylic N-CH2 doublet
// (J ~6.5 Hz) at 2.85-3.2 ppm; an N-vinyl (enamine) =CH-N at 6.2-6.6 ppm (dd, trans 13-16.5 and
// cis 8-10 Hz) with =CH2 at 3.8-4.3 ppm. Singlets never count (CH2Cl2 5.30 in CDCl3 is one), nor
// do aromatic doublets (J <= 9 Hz), acrylates (=CH2 at 5.8-6.4, no allylic J), cinnamates (no
// cis J), vinyl ethers (cis J ~7 Hz), C-allyl groups (allylic CH2 d elsewhere) or trisubstituted
// olefins (no vinyl J).
// LC-MS: hofmann_ms.cpp.
#include <algorithm>
#include <cmath>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

// Coupling read-out of first-order multiplets is good to ~0.5-1 Hz; the allowed spread of each J
// is the chemical range of the coupling (vinyl trans 16-18, cis 9.5-11; allylic vicinal 6-7.5)
// plus that accuracy.
constexpr double kJTrans = 17.0, kJTransTol = 1.8;
constexpr double kJCis = 10.2, kJCisTol = 1.5;
constexpr double kJAllyl = 6.5, kJAllylTol = 1.5;
// Allylic N-CH2 of a tertiary N-allyl amine: 2.9-3.1 ppm (+-0.1 for substituent effects). A
// C-allyl (ArCH2 3.3-3.4, alkyl CH2 2.0-2.2) or O-allyl (3.9-4.1) CH2 lies outside.
constexpr double kNAllylFrom = 2.85, kNAllylTo = 3.25;
// As an ammonium salt (HCl/TFA, or in D2O) the allylic N+-CH2 moves to 3.55-3.95 ppm and =CH2 to
// 5.35-5.65 (domain.md "What real samples add"); the gap 3.25-3.55 keeps the C-aryl allyl ArCH2
// (3.3-3.4) out.
constexpr double kNAllylSaltFrom = 3.55, kNAllylSaltTo = 3.95;
constexpr double kCh2From = 4.9, kCh2To = 5.65;
constexpr double kChFrom = 5.6, kChTo = 6.2;
// N-vinyl (enamine) =CH-N 6.2-6.6 ppm: trans J 13-16.5, cis J 8-10 Hz (vinyl ethers have cis
// 6-7.5 Hz: the cis coupling falls with the electronegativity of the substituent); its =CH2 at
// 3.8-4.3 ppm.
constexpr double kEnCisFrom = 8.0, kEnCisTo = 10.0;

// Couplings of a multiplet: the analysed J when the pattern was recognised; for an unassigned
// "m" (a ddt whose 12 lines partly coincide is often left as "m") the line separations in Hz,
// which contain every J of a first-order pattern.
std::vector<double> couplings(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    if (!m.j_hz.empty() || m.peaks.size() < 2 || m.peaks.size() > 24) return m.j_hz;
    std::vector<double> pos;
    for (std::size_t i : m.peaks) {
        if (i < nmr.peaks.size() && std::isfinite(nmr.peaks[i].ppm)) pos.push_back(nmr.peaks[i].ppm * nmr.spectrum.spectrometer_mhz);
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < pos.size(); ++i) {
        for (std::size_t k = i + 1; k < pos.size(); ++k) out.push_back(std::abs(pos[i] - pos[k]));
    }
    return out;
}
// Total width of the multiplet's lines in Hz (a first-order pattern spans the sum of its J).
double span_hz(const signal::NmrResult& nmr, const signal::Multiplet& m) {
    double lo = 1e300, hi = -1e300;
    for (std::size_t i : m.peaks) {
        if (i >= nmr.peaks.size()) continue;
        lo = std::min(lo, nmr.peaks[i].ppm);
        hi = std::max(hi, nmr.peaks[i].ppm);
    }
    return hi > lo ? (hi - lo) * nmr.spectrum.spectrometer_mhz : 0.0;
}

}  // namespace

ModalityResult hofmann_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    r.checked = true;
    const double total = detail::total_area(nmr);
    auto area = [&](const signal::Multiplet& m) { return detail::sharp_multiplet_area(nmr, m); };
    auto frac = [&](const signal::Multiplet& m) { return total > 0 ? area(m) / total : 0.0; };
    auto has_j = [&](const signal::Multiplet& m, double j, double tol) {
        const auto js = couplings(nmr, m);
        return std::any_of(js.begin(), js.end(), [&](double x) { return std::abs(x - j) <= tol; });
    };
    auto vinyl_j = [&](const signal::Multiplet& m) { return has_j(m, kJTrans, kJTransTol) && has_j(m, kJCis, kJCisTol); };
    // ddt: the vinyl J, the allylic J, and (when read from line separations) the span of a ddt.
    auto ddt = [&](const signal::Multiplet& m) {
        if (!vinyl_j(m) || !has_j(m, kJAllyl, kJAllylTol)) return false;
        if (!m.j_hz.empty()) return true;
        const double expect = kJTrans + kJCis + 2 * kJAllyl;
        return std::abs(span_hz(nmr, m) - expect) <= kJTransTol + kJCisTol + 2 * kJAllylTol;
    };
    // Hofmann needs a quaternary ammonium: without an alkylating reagent in the context an olefin
    // is no Hofmann product by itself (an allyl amine may be a reagent, product or impurity).
    const bool context = model.reagent != nullptr && model.reagent->alkylating;
    const signal::Multiplet* ch = nullptr;
    std::vector<const signal::Multiplet*> ch2, allyl_other, c_allyl;
    const signal::Multiplet* n_allyl = nullptr;
    const signal::Multiplet* enamine = nullptr;
    std::vector<const signal::Multiplet*> en_ch2;
    for (const auto& m : nmr.multiplets) {
        if (detail::singlet_like(m)) continue;  // lone singlets: CH2Cl2 5.30, CHCl3 7.26, ...
        if (m.ppm >= kChFrom && m.ppm <= kChTo) {
            // The N-allyl =CH- is a ddt: trans and cis vinyl J plus the vicinal J to the allylic CH2.
            if (ch == nullptr || (ddt(m) && !ddt(*ch))) ch = &m;
        } else if (m.ppm >= kCh2From && m.ppm <= kCh2To && m.ppm < kChFrom) {
            ch2.push_back(&m);
        } else if (m.ppm >= 6.2 && m.ppm <= 6.6) {
            const auto js = couplings(nmr, m);
            const bool trans = std::any_of(js.begin(), js.end(), [](double j) { return j >= 13.0 && j <= 16.5; });
            const bool cis = std::any_of(js.begin(), js.end(), [](double j) { return j >= kEnCisFrom && j <= kEnCisTo; });
            if (trans && cis) enamine = &m;
        } else if (m.ppm >= 3.8 && m.ppm <= 4.3) {
            en_ch2.push_back(&m);
        }
        // Allylic CH2: a doublet (or d-like) with the allylic J.
        const bool allylic = (m.pattern == "d" || m.pattern == "dt" || m.pattern == "dd" || m.pattern == "m") &&
                             has_j(m, kJAllyl, kJAllylTol);
        const bool n_window = (m.ppm >= kNAllylFrom && m.ppm <= kNAllylTo) || (m.ppm >= kNAllylSaltFrom && m.ppm <= kNAllylSaltTo);
        if (allylic && n_window) {
            if (n_allyl == nullptr || m.pattern == "d") n_allyl = &m;
        } else if (allylic && m.ppm >= 1.9 && m.ppm <= 4.7 && (m.pattern == "d" || m.pattern == "dt")) {
            allyl_other.push_back(&m);
        }
        // Any other CH2 with the allylic J outside the N-allyl windows: the allylic CH2 of a C-allyl
        // (alkyl CH2 1.9-2.3 as q/dt, ArCH2 3.3-3.4) or O-allyl (3.9-4.1) group.
        if (!n_window && m.ppm >= 1.9 && m.ppm <= 4.7 && has_j(m, kJAllyl, kJAllylTol)) c_allyl.push_back(&m);
    }
    double llr = -1.0;
    bool weak = false;
    if (ch != nullptr) {
        const bool vj = vinyl_j(*ch);
        const bool is_ddt = ddt(*ch);
        double ch2_area = 0.0;
        bool ch2_j = false;
        for (const auto* m : ch2) {
            ch2_area += area(*m);
            ch2_j = ch2_j || has_j(*m, kJTrans, kJTransTol) || has_j(*m, kJCis, kJCisTol);
        }
        const double one_h = std::max(area(*ch), 1e-300);
        const double ratio = ch2_area / one_h;
        const bool partner = !ch2.empty() && ratio >= 1.0 && ratio <= 3.5;  // 2H : 1H within integration error
        const double n_ratio = n_allyl != nullptr ? area(*n_allyl) / one_h : 0.0;
        const bool n_ok = n_allyl != nullptr && n_ratio >= 1.0 && n_ratio <= 3.5;  // 2H : 1H
        const bool vinyl = vj && (partner || ch2_j);
        std::string where = "=CH- " + detail::fixed(ch->ppm, 2) + " ppm" + (vj ? " (J 17/10 Hz)" : "") +
                            (ch2.empty() ? "" : ", =CH2 at " + detail::fixed(ch2.front()->ppm, 2) + " ppm");
        if (vinyl && is_ddt && n_ok) {
            llr = 2.5;
            r.note = "NMR shows an N-allyl group: " + where + ", allylic N-CH2 d at " + detail::fixed(n_allyl->ppm, 2) + " ppm";
        } else if (vinyl && !allyl_other.empty() && !n_ok) {
            llr = -1.0;
            r.note = "NMR shows a terminal vinyl group (" + where + ") whose allylic CH2 d is at " +
                     detail::fixed(allyl_other.front()->ppm, 2) + " ppm: a C- or O-allyl group, not N-allyl";
        } else if (vinyl && is_ddt && partner &&
                   std::none_of(c_allyl.begin(), c_allyl.end(), [&](const signal::Multiplet* m) {
                       const double q = area(*m) / one_h;  // an allylic CH2 is 2H : 1H
                       return q >= 1.0 && q <= 3.5;
                   })) {
            // The complete terminal allyl fingerprint (ddt =CH- with the allylic J, =CH2 2H : 1H)
            // with no allylic CH2 d anywhere else: the allylic CH2 lies under the ring N-CH2
            // multiplets, where only an N-allyl CH2 resonates. Specific on its own.
            llr = 1.6;
            r.note = "NMR shows a terminal allyl group (" + where + ", ddt with the allylic J 6.5 Hz, =CH2 " +
                     detail::fixed(ratio, 1) + " : 1) whose allylic CH2 lies under the ring N-CH2 multiplets";
        } else if (vinyl) {
            llr = 1.0;
            weak = true;
            r.note = "NMR shows a terminal vinyl group (" + where + ") without a resolved allylic N-CH2 d at 2.85-3.25 ppm";
        } else if (partner) {
            llr = 0.5;
            weak = true;
            r.note = "NMR shows olefinic multiplets at " + detail::fixed(ch->ppm, 2) + " and " +
                     detail::fixed(ch2.front()->ppm, 2) + " ppm without the vinyl J pattern";
        }
        if (llr > 0) {
            r.evidence.push_back(detail::nmr_signal(*ch, frac(*ch), "vinyl =CH- (N-allyl)"));
            for (const auto* m : ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "vinyl =CH2"));
            if (n_ok) r.evidence.push_back(detail::nmr_signal(*n_allyl, frac(*n_allyl), "allylic N-CH2"));
        }
    }
    if (enamine != nullptr && llr < 1.5) {
        double en_area = 0.0;
        for (const auto* m : en_ch2) {
            if (!detail::singlet_like(*m)) en_area += area(*m);
        }
        const double ratio = en_area / std::max(area(*enamine), 1e-300);
        const bool partner = ratio >= 1.0 && ratio <= 3.5;
        r.evidence.clear();
        r.evidence.push_back(detail::nmr_signal(*enamine, frac(*enamine), "enamine =CH-N"));
        llr = partner ? 1.5 : 0.6;
        weak = !partner;
        r.note = "NMR shows an N-vinyl (enamine) =CH-N dd at " + detail::fixed(enamine->ppm, 2) + " ppm (trans and cis J)" +
                 (partner ? " with its =CH2 at 3.8-4.3 ppm" : "");
    }
    r.llr = llr;
    if (llr < 0) {
        r.evidence.clear();
        // Near miss: the olefinic multiplet that was considered.
        if (ch != nullptr) {
            auto e = detail::nmr_signal(*ch, frac(*ch), "olefinic multiplet (not an N-allyl pattern)");
            r.evidence.push_back(std::move(e));
        }
        if (r.note.empty()) r.note = "no coupled olefinic multiplets in NMR";
        return r;
    }
    if (!context) {
        // An N-allyl amine in a mixture without a stated alkylation: the pattern is still what the
        // data show; reported with lower weight (the quaternary precursor is not known).
        llr = weak ? llr : std::max(0.6, llr - 0.8);
        r.note += " (no alkylating reagent in the context: quaternary precursor not known)";
    }
    r.llr = llr;
    r.corroborative_only = weak;
    return r;
}

}  // namespace sidepeak::classify
