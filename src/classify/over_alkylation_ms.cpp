// Over-alkylation, LC-MS: the ladder [M+H]+, [M+H+Δ]+, [M+H+2Δ]+ ... ending in the permanent
// quaternary cation (which sits exactly Δ above the [M+H]+ of the fully alkylated tertiary amine).
// Matches use the ppm tolerance; isotope patterns, when the feature carries them, must agree with
// the predicted pattern; a more alkylated neutral is expected to elute after the product on
// reversed phase (each increment of the table adds hydrophobic surface).
#include <algorithm>
#include <cmath>

#include "ms_ions.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

constexpr double kIsotopeReject = 0.05;  // below this isotope score the ion is another compound

struct Match {
    const detail::Ion* ion = nullptr;
    double expected = 0.0;
    double isotope_score = -1.0;  // -1: no isotopes to compare
};

Match match_species(const detail::IonTable& table, const chem::Species& sp) {
    Match m;
    chem::Formula ion_formula = sp.formula;
    if (!sp.permanent_cation()) ion_formula += chem::Formula("H+");
    m.expected = ion_formula.mz();
    for (const auto* ion : table.find(m.expected, true, std::abs(ion_formula.charge()))) {
        const auto& iso = ion->feature->isotope_intensities;
        double score = -1.0;
        if (!iso.empty()) {
            score = chem::score_isotopes(iso, chem::isotope_pattern(ion_formula)).score;
            if (score < kIsotopeReject) continue;
        }
        m.ion = ion;
        m.isotope_score = score;
        break;
    }
    return m;
}

std::string adduct_of(const chem::Species& sp) {
    if (!sp.permanent_cation()) return "[M+H]+";
    return sp.formula.charge() == 1 ? "[M]+" : "[M]2+";
}

ModalityResult generic_ladders(const detail::IonTable& table, const chem::ReactionModel& model) {
    ModalityResult r;
    // Without a known increment: chains of >= 3 primary singly charged ions spaced by one of the
    // common increments, RT non-decreasing along the chain.
    std::size_t best = 0;
    for (const auto& delta : model.ladder_increments) {
        const double d = delta.monoisotopic_mass();
        for (const auto& start : table.ions()) {
            if (!start.primary() || start.charge() != 1) continue;
            std::vector<const detail::Ion*> chain{&start};
            while (true) {
                const auto hits = table.find(chain.back()->mz() + d, true, 1);
                const detail::Ion* next = nullptr;
                for (const auto* h : hits) {
                    if (h->rt() + 3.0 >= chain.back()->rt()) {  // more alkylated: not earlier
                        next = h;
                        break;
                    }
                }
                if (next == nullptr || chain.size() > 6) break;
                chain.push_back(next);
            }
            if (chain.size() < 3 || chain.size() <= best) continue;
            best = chain.size();
            r.evidence.clear();
            for (std::size_t i = 0; i < chain.size(); ++i) {
                r.evidence.push_back(detail::ms_evidence(*chain[i]->feature, 0.0, "", "[M+H]+",
                                                         "ladder step " + std::to_string(i) + " x " + delta.to_string()));
            }
            r.note = "LC-MS shows a ladder of " + std::to_string(chain.size()) + " ions spaced by " + delta.to_string() +
                     " (" + detail::fixed(d, 4) + " Da) from m/z " + detail::fixed(start.mz(), 4) +
                     " (reagent not given)";
        }
    }
    if (best >= 3) {
        r.llr = 1.2 + 0.3 * static_cast<double>(std::min<std::size_t>(best - 3, 3));
    } else {
        r.llr = -0.4;
        r.note = "no alkylation ladder of the common increments in LC-MS (reagent not given)";
    }
    return r;
}

}  // namespace

ModalityResult over_alkylation_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                                  const ClassifierOptions& options) {
    ModalityResult r;
    const detail::IonTable table(features, options);
    if (table.empty()) return r;
    r.checked = true;
    if (!model.increment) {
        ModalityResult g = generic_ladders(table, model);
        g.checked = true;
        return g;
    }
    const chem::Species* product = nullptr;
    Match product_match;
    int found_over = 0, found_quat = 0;
    bool good_isotopes = false, rt_inverted = false;
    std::string names;
    for (const auto& sp : model.species) {
        const bool ladder = sp.role == chem::SpeciesRole::product || sp.role == chem::SpeciesRole::over_alkylated ||
                            sp.role == chem::SpeciesRole::quaternary || sp.role == chem::SpeciesRole::starting_amine ||
                            sp.role == chem::SpeciesRole::intermediate;
        if (!ladder) continue;
        const Match m = match_species(table, sp);
        if (m.ion == nullptr) continue;
        std::string label = sp.name;
        if (sp.role == chem::SpeciesRole::product) {
            product = &sp;
            product_match = m;
            label += " (product)";
        }
        if (sp.role == chem::SpeciesRole::over_alkylated || sp.role == chem::SpeciesRole::quaternary) {
            (sp.role == chem::SpeciesRole::quaternary ? found_quat : found_over) += 1;
            if (m.isotope_score > 0.5) good_isotopes = true;
            names += (names.empty() ? "" : ", ") + sp.name + " at m/z " + detail::fixed(m.ion->mz(), 4) + " (RT " +
                     detail::fixed(m.ion->rt(), 0) + " s)";
        }
        r.evidence.push_back(detail::ms_evidence(*m.ion->feature, m.expected, sp.formula.to_string(), adduct_of(sp), label));
    }
    // RT order of the neutral over-alkylated members against the product.
    if (product != nullptr) {
        for (const auto& sp : model.species) {
            if (sp.role != chem::SpeciesRole::over_alkylated) continue;
            const Match m = match_species(table, sp);
            if (m.ion != nullptr && table.separated(*m.ion->feature, *product_match.ion->feature) &&
                m.ion->rt() < product_match.ion->rt())
                rt_inverted = true;
        }
    }
    const int found = found_over + found_quat;
    if (found > 0) {
        r.llr = 2.0 + 0.7 * (found - 1) + (product != nullptr ? 0.4 : 0.0) + (good_isotopes ? 0.3 : 0.0) -
                (rt_inverted ? 0.8 : 0.0);
        r.note = "LC-MS shows " + names + (rt_inverted ? " (elutes before the product, unusual on reversed phase)" : "");
    } else if (product != nullptr) {
        r.llr = -1.8;
        r.note = "LC-MS shows the product at m/z " + detail::fixed(product_match.ion->mz(), 4) +
                 " but no more alkylated ion or quaternary cation";
    } else {
        r.llr = -0.4;
        r.note = "no member of the " + model.reagent_name + " ladder in LC-MS";
    }
    return r;
}

}  // namespace sidepeak::classify
