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
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

std::string model_label(const chem::ReactionModel& model, double mz, const detail::IonTable& table, double offset) {
    for (const auto* sp : model.of_role(chem::SpeciesRole::n_oxide)) {
        const double expect = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")) + offset;
        if (table.within(mz, expect)) return sp->name + " " + sp->formula.to_string();
    }
    return "";
}

struct Search {
    double best = -10.0;      // LLR of the best candidate
    double strength = 0.0;    // ordinal strength of the best positive candidate (decoy comparison)
    double strength_targeted = 0.0;  // the same among the reaction's own N-oxide positions
    bool best_targeted = false;
    bool any_plus_o = false;
    ModalityResult result;
};

// The +O search with the oxygen mass moved by `offset` (0 = target, else a decoy).
Search search(const detail::IonTable& table, const chem::ReactionModel& model, double offset) {
    Search out;
    const double kO = chem::kMassO + offset;
    double& best = out.best;
    bool& any_plus_o = out.any_plus_o;
    ModalityResult& best_r = out.result;
    for (const auto& b : table.ions()) {
        if (!b.primary() || b.charge() != 1) continue;
        const double parent_mz = b.mz() - kO;
        const detail::Ion* fragment = nullptr;
        const detail::Ion* fragment_oh = nullptr;
        const detail::Ion* parent = nullptr;
        for (const auto* c : table.find(parent_mz, false, 1)) {
            if (c == &b) continue;
            if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) fragment = c;
            else if (c->primary() && table.separated(*c->feature, *b.feature) && parent == nullptr) parent = c;
        }
        for (const auto* c : table.find(b.mz() - kO - chem::kMassH, false, 1)) {
            if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) fragment_oh = c;
        }
        if (fragment == nullptr && fragment_oh == nullptr && parent == nullptr) continue;
        const bool frag = fragment != nullptr || fragment_oh != nullptr;
        const std::string name = model_label(model, b.mz(), table, offset);
        // A crude run holds thousands of unrelated features: two of them 15.9949 apart at different
        // retention times occur by chance many times per run (domain.md), so an +O pair that is
        // not a species of the reaction counts only with the in-source O/OH loss inside its own
        // peak, and then only as a supportive sign when the context names other species.
        const bool targeted = !name.empty();
        if (!targeted && !frag) continue;
        any_plus_o = true;
        const bool earlier = parent != nullptr && b.rt() < parent->rt();
        // C-hydroxylated isomers lose water in the source instead (18.0106; Ramanathan et al.,
        // Anal. Chem. 72 (2000) 1352).
        const detail::Ion* water_loss = nullptr;
        for (const auto* c : table.find(b.mz() - kO - 2 * chem::kMassH, false, 1)) {
            if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) water_loss = c;
        }
        ModalityResult cand;
        double llr = 0.0;
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
        if (water_loss != nullptr && !frag) llr = -0.8;
        if (!targeted && !model.species.empty()) cand.corroborative_only = true;
        const std::string where = "m/z " + detail::fixed(b.mz(), 4) + " (RT " + detail::fixed(b.rt(), 0) + " s" +
                                  (name.empty() ? "" : ", " + name) + ")";
        if (llr <= 0.2) {
            // +O over a parent, eluting after it (or with it) and without the fragment, or losing water.
            llr = std::min(llr, -0.5);
            cand.evidence.push_back(detail::ms_evidence(*b.feature, 0.0, "", "[M+H]+",
                                                        "+O species without N-oxide signs: C-hydroxylation?"));
            cand.note = water_loss != nullptr
                            ? "an +O ion at " + where + " loses water in the source (m/z " + detail::fixed(water_loss->mz(), 4) +
                                  ") and shows no O/OH loss: C-hydroxylation rather than an N-oxide"
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
                                                 (earlier ? 1.0 : 0.0) + (targeted ? 1.0 : 0.0);
        out.strength = std::max(out.strength, strength);
        if (targeted) out.strength_targeted = std::max(out.strength_targeted, strength);
        if (llr > best) {
            best = llr;
            out.best_targeted = targeted;
            best_r = std::move(cand);
        }
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
        ModalityResult best_r = std::move(target.result);
        best_r.checked = true;
        if (best_r.llr > 0.0) {
            // A targeted candidate (the reaction's own N-oxide m/z) is compared with decoys at
            // decoy positions; an untargeted one with the best pair of the whole decoy search.
            const bool targeted = target.best_targeted;
            const auto test = detail::decoy_test([&](double off) {
                if (off == 0.0) return targeted ? target.strength_targeted : target.strength;
                // A decoy difference below 5 Da follows H2 losses and isotopes, not chance.
                if (chem::kMassO + off < 5.0) return std::numeric_limits<double>::quiet_NaN();
                const Search d = search(table, model, off);
                return targeted ? d.strength_targeted : d.strength;
            });
            if (test.significant()) {
                best_r.note += " (" + test.text() + ")";
            } else {
                best_r.llr = -0.3;
                best_r.corroborative_only = false;
                for (auto& e : best_r.evidence) e.role = EvidenceRole::considered;
                best_r.note = best_r.note.substr(std::min(best_r.note.size(), std::string("LC-MS shows ").size())) +
                              " is at chance level in this run: " + test.text();
                best_r.note = "LC-MS " + best_r.note;
                if (table.quantum() > 0.0) best_r.note += "; m/z quantised to " + detail::fixed(table.quantum(), 2) + " Da";
            }
        }
        return best_r;
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
