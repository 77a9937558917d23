// Hofmann elimination detectors.
// NMR: the N-allyl vinyl pattern from ring opening: =CH- at 5.6-6.15 ppm (ddt, J ~17, ~10, ~6.5 Hz)
// with =CH2 at 4.9-5.35 ppm (two d-like multiplets, 2H together); an N-vinyl (enamine) =CH-N at
// 6.2-6.6 ppm (dd with a trans J >= 13 Hz). Singlets never count (CH2Cl2 5.30 in CDCl3 is one),
// nor do aromatic doublets (J <= 9 Hz, 6.7-7.5 ppm).
// LC-MS: the ring-opened neutral's [M+H]+ has the quaternary cation's m/z; two features at that
// m/z separated in RT mean both are present. A co-eluting [M+Na]+ marks the neutral (a permanent
// cation does not take Na+ to stay singly charged). Alkene loss (reagents with a beta-H) gives the
// tertiary amine Q+ - alkene, reported when seen.
#include <algorithm>
#include <cmath>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

bool has_j(const signal::Multiplet& m, double j, double tol) {
    return std::any_of(m.j_hz.begin(), m.j_hz.end(), [&](double x) { return std::abs(x - j) <= tol; });
}
bool singlet(const signal::Multiplet& m) { return m.pattern == "s" || (m.peaks.size() == 1 && m.j_hz.empty() && m.pattern != "m"); }

}  // namespace

ModalityResult hofmann_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& /*model*/) {
    ModalityResult r;
    if (!detail::usable(nmr)) return r;
    r.checked = true;
    const double total = detail::total_area(nmr);
    auto frac = [&](const signal::Multiplet& m) { return total > 0 ? detail::multiplet_area(nmr, m) / total : 0.0; };
    const signal::Multiplet* ch = nullptr;
    std::vector<const signal::Multiplet*> ch2;
    const signal::Multiplet* enamine = nullptr;
    for (const auto& m : nmr.multiplets) {
        if (singlet(m)) continue;  // lone singlets: CH2Cl2 5.30, CHCl3 7.26, ...
        if (m.ppm >= 5.6 && m.ppm <= 6.15) {
            const bool vinyl_j = has_j(m, 17.0, 1.8) && has_j(m, 10.2, 1.5);
            if (ch == nullptr || (vinyl_j && !(has_j(*ch, 17.0, 1.8) && has_j(*ch, 10.2, 1.5)))) ch = &m;
        } else if (m.ppm >= 4.9 && m.ppm <= 5.35) {
            ch2.push_back(&m);
        } else if (m.ppm >= 6.2 && m.ppm <= 6.6) {
            const bool trans = std::any_of(m.j_hz.begin(), m.j_hz.end(), [](double j) { return j >= 13.0 && j <= 16.5; });
            if (trans) enamine = &m;
        }
    }
    double llr = -1.0;
    if (ch != nullptr) {
        const bool vinyl_j = has_j(*ch, 17.0, 1.8) && has_j(*ch, 10.2, 1.5);
        double ch2_area = 0.0;
        bool ch2_j = false;
        for (const auto* m : ch2) {
            ch2_area += detail::multiplet_area(nmr, *m);
            ch2_j = ch2_j || has_j(*m, 17.0, 1.8) || has_j(*m, 10.2, 1.5);
        }
        const double ratio = ch2_area / std::max(detail::multiplet_area(nmr, *ch), 1e-300);
        const bool partner = !ch2.empty() && ratio >= 1.0 && ratio <= 3.5;  // 2H : 1H within integration error
        if (vinyl_j && (partner || ch2_j)) llr = 2.5;
        else if (vinyl_j || (partner && ch2_j)) llr = 1.8;
        else if (partner) llr = 1.0;
        if (llr > 0) {
            r.evidence.push_back(detail::nmr_signal(*ch, frac(*ch), "vinyl =CH- (N-allyl)"));
            for (const auto* m : ch2) r.evidence.push_back(detail::nmr_signal(*m, frac(*m), "vinyl =CH2"));
            r.note = "NMR shows an N-allyl vinyl group: =CH- " + detail::fixed(ch->ppm, 2) + " ppm" +
                     (vinyl_j ? " (J 17/10 Hz)" : "") + (ch2.empty() ? "" : " with =CH2 at " + detail::fixed(ch2.front()->ppm, 2) + " ppm");
        }
    }
    if (enamine != nullptr) {
        const double e = 1.5;
        if (e > llr) {
            llr = e;
            r.note = "NMR shows an N-vinyl (enamine) =CH-N dd at " + detail::fixed(enamine->ppm, 2) + " ppm";
        }
        r.evidence.push_back(detail::nmr_signal(*enamine, frac(*enamine), "enamine =CH-N"));
    }
    r.llr = llr;
    if (llr < 0) {
        r.evidence.clear();
        r.note = "no coupled olefinic multiplets in NMR";
    }
    return r;
}

ModalityResult hofmann_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options) {
    ModalityResult r;
    const detail::IonTable table(features, options);
    const auto quats = model.of_role(chem::SpeciesRole::quaternary);
    const chem::Species* quat = nullptr;
    for (const auto* q : quats) {
        if (q->formula.charge() == 1) quat = q;
    }
    if (table.empty() || quat == nullptr) return r;  // Hofmann needs a quaternary salt of the reagent
    r.checked = true;
    const double qmz = quat->formula.mz();
    const auto hits = table.find(qmz, true, 1);
    // A neutral at qmz is the one with a co-eluting [M+Na]+.
    auto has_na = [&](const detail::Ion* ion) {
        for (const auto* c : table.find(ion->mz() + chem::kMassNa - chem::kMassH, false, 1)) {
            if (table.coelute(*c->feature, *ion->feature)) return true;
        }
        return false;
    };
    const detail::Ion* a = hits.empty() ? nullptr : hits.front();
    const detail::Ion* b = nullptr;
    for (const auto* h : hits) {
        if (a != nullptr && h != a && table.separated(*h->feature, *a->feature)) {
            b = h;
            break;
        }
    }
    const std::string f_ring = (quat->formula - chem::Formula("H+")).to_string();
    if (a != nullptr && b != nullptr) {
        // Which is the neutral: the one with an Na adduct, else the minor one.
        const detail::Ion* neutral = has_na(b) ? b : (has_na(a) ? a : b);
        const detail::Ion* cation = neutral == a ? b : a;
        r.llr = 2.0 + (has_na(neutral) ? 0.5 : 0.0);
        r.evidence.push_back(detail::ms_evidence(*cation->feature, qmz, quat->formula.to_string(), "[M]+", quat->name));
        r.evidence.push_back(detail::ms_evidence(*neutral->feature, qmz, f_ring, "[M+H]+",
                                                 "isobaric ring-opened Hofmann product"));
        r.note = "LC-MS shows m/z " + detail::fixed(qmz, 4) + " at two retention times (" +
                 detail::fixed(cation->rt(), 0) + " s and " + detail::fixed(neutral->rt(), 0) +
                 " s): quaternary cation and its isobaric ring-opened Hofmann product";
    } else if (a != nullptr && has_na(a)) {
        r.llr = 1.2;
        r.evidence.push_back(detail::ms_evidence(*a->feature, qmz, f_ring, "[M+H]+", "ring-opened Hofmann product (has [M+Na]+)"));
        r.note = "LC-MS shows m/z " + detail::fixed(qmz, 4) + " with an [M+Na]+ partner, so a neutral (ring-opened) amine";
    } else if (a != nullptr) {
        r.llr = -1.0;
        r.note = "the quaternary cation m/z " + detail::fixed(qmz, 4) + " elutes at a single RT (" +
                 detail::fixed(a->rt(), 0) + " s): no isobaric Hofmann product";
    } else {
        r.llr = -0.4;
        r.note = "no quaternary cation, hence no Hofmann precursor, in LC-MS";
    }
    // Alkene loss (only informative alongside other Hofmann evidence: the product is isobaric with
    // the fully alkylated tertiary amine).
    if (r.llr > 0) {
        for (const auto* sp : model.of_role(chem::SpeciesRole::hofmann_alkene_loss)) {
            const double mz = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
            const auto loss = table.find(mz, true, 1);
            if (!loss.empty())
                r.evidence.push_back(detail::ms_evidence(*loss.front()->feature, mz, sp->formula.to_string(), "[M+H]+", sp->name));
        }
    }
    return r;
}

}  // namespace sidepeak::classify
