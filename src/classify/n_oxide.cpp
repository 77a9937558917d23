// N-oxide detector, LC-MS.
// LC-MS: an ion B with a partner at B - O (15.9949). An N-oxide shows (a) the in-source
// [M+H-O]+ / [M+H-OH]+ fragment inside its own chromatographic peak and/or (b) elution before
// the parent amine on reversed phase. An +O ion without either sign is reported as possible
// C-hydroxylation (evidence against an N-oxide).
// Two of thousands of features are 15.9949 apart by chance, so the search is repeated with decoy
// mass differences (O moved by the decoy offsets of ms_ions.hpp, fragments and targeted N-oxide
// positions moved with it) and a pair counts only when decoys do as well in <= 5 % (Elias & Gygi
// 2007).
// NMR: n_oxide_nmr.cpp.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ms_ions.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

// The reaction's own N-oxide at `mz` (moved by `offset` for decoys), or nullptr.
const chem::Species* model_n_oxide(const chem::ReactionModel& model, double mz, const detail::IonTable& table,
                                   double offset) {
    for (const auto* sp : model.of_role(chem::SpeciesRole::n_oxide)) {
        const double expect = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")) + offset;
        if (table.matches(mz, expect)) return sp;
    }
    return nullptr;
}

constexpr double kIsotopeAgree = 0.5;  // isotope score above which the ratios support the formula

struct Search {
    double best = -10.0;      // LLR of the best candidate
    double strength = 0.0;    // ordinal strength of the best positive candidate (decoy comparison)
    double strength_targeted = 0.0;  // the same among the reaction's own N-oxide positions
    bool best_targeted = false;
    bool any_plus_o = false;
    ModalityResult result;
    // The best of the reaction's own N-oxide positions (product + O, dialkyl + O, ...), kept on its
    // own: an untargeted pair elsewhere in the run may score higher, but it is compared with the
    // whole decoy search and rarely beyond chance, while the targeted one is tested at its position.
    double best_t = -10.0;
    bool any_targeted = false;
    ModalityResult result_t;
};

// The +O search with the oxygen mass moved by `offset` (0 = target, else a decoy); `targeted_only`
// looks at the reaction's own N-oxide positions only.
Search search(const detail::IonTable& table, const chem::ReactionModel& model, double offset, bool targeted_only = false) {
    Search out;
    const double kO = chem::kMassO + offset;
    double& best = out.best;
    bool& any_plus_o = out.any_plus_o;
    ModalityResult& best_r = out.result;
    auto consider = [&](const detail::Ion& b) {
        if (b.charge() != 1) return;
        // At the reaction's own N-oxide m/z any ion may be the species: in a dense run a flag as
        // another ion's isotope, adduct or background-ladder member can be a coincidence (the
        // decoy positions see the same). Elsewhere only primary ions stand for species.
        const chem::Species* own = model_n_oxide(model, b.mz(), table, offset);
        if (!b.primary() && own == nullptr) return;
        const double parent_mz = b.mz() - kO;
        const detail::Ion* fragment = nullptr;
        const detail::Ion* fragment_oh = nullptr;
        const detail::Ion* parent = nullptr;
        for (const auto* c : table.find_related_default(parent_mz, false, 1)) {
            if (c == &b) continue;
            if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) fragment = c;
            else if (c->primary() && table.separated(*c->feature, *b.feature) && parent == nullptr) parent = c;
        }
        for (const auto* c : table.find_related_default(b.mz() - kO - chem::kMassH, false, 1)) {
            if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) fragment_oh = c;
        }
        if (fragment == nullptr && fragment_oh == nullptr && parent == nullptr) return;
        const bool frag = fragment != nullptr || fragment_oh != nullptr;
        const std::string name = own == nullptr ? "" : own->name + " " + own->formula.to_string();
        // A crude run holds thousands of unrelated features: two of them 15.9949 apart at different
        // retention times occur by chance many times per run (domain.md), so an +O pair that is
        // not a species of the reaction counts only with the in-source O/OH loss inside its own
        // peak, and then only as a supportive sign when the context names other species.
        const bool targeted = !name.empty();
        if (!targeted && !frag) return;
        any_plus_o = true;
        const bool earlier = parent != nullptr && b.rt() < parent->rt();
        // C-hydroxylated isomers lose water in the source instead (18.0106; Ramanathan et al.,
        // Anal. Chem. 72 (2000) 1352).
        const detail::Ion* water_loss = nullptr;
        for (const auto* c : table.find_related_default(b.mz() - kO - 2 * chem::kMassH, false, 1)) {
            if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) water_loss = c;
        }
        // Isotope ratios of the feature agreeing with the N-oxide's formula (targeted only).
        bool isotopes_agree = false;
        if (own != nullptr && !b.feature->isotope_intensities.empty()) {
            const auto predicted = chem::isotope_pattern(own->formula + chem::Formula("H+"));
            isotopes_agree = chem::score_isotopes(b.feature->isotope_intensities, predicted).score > kIsotopeAgree;
        }
        // Orthogonal, graded signs (decoys get them the same way): the mass agreement of the ion with
        // the reaction's N-oxide after recalibration, of the fragment with B - O, and the in-source
        // fragment's elution profile against B's (same apex, same width: it is made from the same
        // eluting molecules; a co-eluting chance ion agrees only within the co-elution window).
        // (Computed for the note; not yet part of the decoy score: on real runs they let co-eluting
        // +O/-O pairs of non-N-oxides pass.)
        double graded = 0.0;
        if (own != nullptr)
            graded += table.closeness(b.mz(), chem::adduct_mz(own->formula.monoisotopic_mass(),
                                                              chem::find_adduct("[M+H]+")) + offset);
        if (const detail::Ion* f = fragment != nullptr ? fragment : fragment_oh; f != nullptr) {
            graded += table.closeness_related(f->mz(), fragment != nullptr ? parent_mz : parent_mz - chem::kMassH);
            graded += detail::profile_agreement(table, *f->feature, *b.feature);
        }
        ModalityResult cand;
        double llr = 0.0;
        static_cast<void>(graded);
        std::string signs;
        if (frag) {
            llr += targeted ? 2.2 : 1.2;
            signs = "in-source " + std::string(fragment != nullptr ? "[M+H-O]+" : "[M+H-OH]+") + " inside its peak";
        }
        if (earlier) {
            // Earlier elution alone is a weak sign: C-hydroxylated isomers elute on either side.
            llr += frag ? 0.6 : 0.7;
            signs += std::string(signs.empty() ? "" : " and ") + "elutes " + detail::fixed(parent->rt() - b.rt(), 0) +
                     " s before the parent";
        }
        if (isotopes_agree && llr > 0.0) {
            llr += 0.3;
            signs += ", isotope ratios of " + own->formula.to_string();
        }
        // Water loss at least as strong as the O/OH loss marks a hydroxyl (an N-oxide loses O and
        // OH, an aliphatic alcohol H2O): the O/OH "fragment" is then a coincidence.
        const double frag_i = std::max(fragment != nullptr ? fragment->feature->intensity : 0.0,
                                       fragment_oh != nullptr ? fragment_oh->feature->intensity : 0.0);
        if (water_loss != nullptr && (!frag || water_loss->feature->intensity >= frag_i)) {
            llr = -0.8;
            fragment = fragment_oh = nullptr;
        }
        if (!targeted && !model.species.empty()) cand.corroborative_only = true;
        // Earlier elution without the in-source loss: C-hydroxylated isomers elute on either side
        // of the parent, and an ion near the void time elutes "before" every retained amine, so
        // it is a supportive sign only (domain.md: lower confidence without the fragment).
        if (targeted && !frag) cand.corroborative_only = true;
        const std::string where = "m/z " + detail::fixed(b.mz(), 4) + " (RT " + detail::fixed(b.rt(), 0) + " s" +
                                  (name.empty() ? "" : ", " + name) + ")";
        if (llr <= 0.2) {
            // +O over a parent, eluting after it (or with it) and without the fragment, or losing water.
            llr = std::min(llr, -0.5);
            cand.evidence.push_back(detail::ms_evidence(*b.feature, 0.0, "", "[M+H]+",
                                                        "+O species without N-oxide signs: C-hydroxylation?"));
            cand.note = water_loss != nullptr
                            ? "an +O ion at " + where + " loses water in the source (m/z " + detail::fixed(water_loss->mz(), 4) +
                                  ") more than O/OH: C-hydroxylation rather than an N-oxide"
                            : "an +O ion at " + where + " shows neither the [M+H-O]+ fragment nor earlier elution: "
                              "C-hydroxylation rather than an N-oxide";
        } else {
            cand.evidence.push_back(detail::ms_evidence(*b.feature, 0.0, "", "[M+H]+", "N-oxide [M+H]+"));
            cand.note = "LC-MS shows an N-oxide at " + where + ": " + signs;
        }
        if (fragment != nullptr)
            cand.evidence.push_back(detail::ms_evidence(*fragment->feature, b.mz() - kO, "", "[M+H-O]+",
                                                        "in-source loss of O"));
        if (fragment_oh != nullptr)
            cand.evidence.push_back(detail::ms_evidence(*fragment_oh->feature, b.mz() - kO - chem::kMassH, "",
                                                        "[M+H-OH]+", "in-source loss of OH"));
        if (parent != nullptr)
            cand.evidence.push_back(detail::ms_evidence(*parent->feature, parent_mz, "", "[M+H]+", "parent amine"));
        cand.llr = llr;
        // Strength: each N-oxide sign and the reaction's own N-oxide position count once.
        const double strength = llr <= 0.2 ? 0.0
                                           : (fragment != nullptr ? 1.0 : 0.0) + (fragment_oh != nullptr ? 1.0 : 0.0) +
                                                 (earlier ? 1.0 : 0.0) + (targeted ? 1.0 : 0.0) +
                                                 (isotopes_agree ? 1.0 : 0.0);
        out.strength = std::max(out.strength, strength);
        if (targeted) out.strength_targeted = std::max(out.strength_targeted, strength);
        if (targeted && llr > out.best_t) {
            out.best_t = llr;
            out.any_targeted = true;
            out.result_t = cand;
        }
        if (llr > best) {
            best = llr;
            out.best_targeted = targeted;
            best_r = std::move(cand);
        }
    };
    if (targeted_only) {
        // Only the reaction's own N-oxide positions (cheap: a decoy test with many positions).
        for (const auto* sp : model.of_role(chem::SpeciesRole::n_oxide)) {
            const double at = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")) + offset;
            for (const auto* b : table.find(at, false, 1)) consider(*b);
        }
    } else {
        for (const auto& b : table.ions()) consider(b);
    }
    return out;
}

}  // namespace

ModalityResult n_oxide_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options) {
    ModalityResult r;
    const detail::IonTable table(features, options);
    if (table.empty()) return r;
    r.checked = true;
    Search target = search(table, model, 0.0);
    if (target.any_plus_o) {
        // Decoy test of a positive candidate: targeted ones at decoy positions of the reaction's
        // own N-oxides, untargeted ones against the best pair of the whole decoy search.
        auto tested = [&](ModalityResult cand, bool targeted) {
            cand.checked = true;
            if (cand.llr <= 0.0) return std::pair{cand, false};
            // Targeted: the reaction's own positions moved to every in-range decoy position (the
            // parent and fragment positions stay: the question is whether an ion with the same
            // relations to the real parent turns up as readily elsewhere); a precise rate, since
            // 29 decoys cannot resolve 5 % (none as good already gives 0.033).
            std::vector<double> positions;
            for (const auto* sp : model.of_role(chem::SpeciesRole::n_oxide))
                positions.push_back(chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")));
            const auto offsets = detail::range_decoy_offsets(table.min_mz(), table.max_mz(), positions);
            const auto test = targeted ? detail::decoy_test(
                                             [&](double off) {
                                                 if (off == 0.0) return target.strength_targeted;
                                                 return search(table, model, off, true).strength_targeted;
                                             },
                                             &offsets)
                                       : detail::decoy_test([&](double off) {
                                             if (off == 0.0) return target.strength;
                                             // A decoy difference below 5 Da follows H2 losses and
                                             // isotopes, not chance.
                                             if (chem::kMassO + off < 5.0) return std::numeric_limits<double>::quiet_NaN();
                                             return search(table, model, off).strength;
                                         });
            if (test.significant()) {
                cand.note += " (" + test.text() + ")";
                return std::pair{cand, true};
            }
            cand.llr = -0.3;
            cand.corroborative_only = false;
            for (auto& e : cand.evidence) e.role = EvidenceRole::considered;
            cand.note = "LC-MS " + cand.note.substr(std::min(cand.note.size(), std::string("LC-MS shows ").size())) +
                        " is at chance level in this run: " + test.text();
            if (table.quantum() > 0.0) cand.note += "; m/z quantised to " + detail::fixed(table.quantum(), 2) + " Da";
            else if (!detail::precision_text(table).empty()) cand.note += "; " + detail::precision_text(table);
            return std::pair{cand, false};
        };
        // The reaction's own N-oxide positions first, on their own.
        std::pair<ModalityResult, bool> own{ModalityResult{}, false};
        if (target.any_targeted) {
            own = tested(target.result_t, true);
            if (own.second || target.best_targeted) return own.first;
        }
        auto other = tested(std::move(target.result), target.best_targeted);
        if (other.second || !target.any_targeted) return other.first;
        // Neither beyond chance: the reaction's own candidate is the near miss (or the counter-sign)
        // reported.
        return own.first;
    }
    // Nothing +O. Strong "absent" when amines of the model were seen (the N-oxide would ionise as well).
    bool amine_seen = false;
    for (const auto& sp : model.species) {
        if (sp.permanent_cation() || sp.role == chem::SpeciesRole::n_oxide || sp.role == chem::SpeciesRole::oligomer) continue;
        const double mz = chem::adduct_mz(sp.formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
        if (!table.find(mz).empty()) amine_seen = true;
    }
    r.llr = amine_seen ? -1.5 : -0.6;
    r.note = "no +O partner of any ion in LC-MS";
    return r;
}

}  // namespace sidepeak::classify
