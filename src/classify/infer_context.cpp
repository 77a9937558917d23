#include "infer_context.hpp"

#include <algorithm>

#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "sidepeak/chem/adducts.hpp"

namespace sidepeak::classify::detail {

ReagentChoice infer_reagent(const std::string& product, const signal::NmrResult* nmr,
                            const std::vector<signal::Feature>& features, const ClassifierOptions& options) {
    ReagentChoice best;
    const IonTable table(features, options);
    int best_k = 0;
    for (const auto& r : chem::reagent_table()) {
        const chem::ReactionModel m = chem::build_reaction_model({product, r.name});
        if (m.product_alkylations <= 0 || !(m.starting_amine == chem::diazepane())) continue;
        ++best.candidates;
        double score = 0.0;
        std::vector<std::string> seen;
        if (!table.empty()) {
            for (const auto& sp : m.species) {
                if (sp.role == chem::SpeciesRole::product || sp.role == chem::SpeciesRole::starting_amine) continue;
                if (sp.role == chem::SpeciesRole::n_oxide || sp.role == chem::SpeciesRole::oligomer) continue;
                const double mz = sp.permanent_cation()
                                      ? sp.formula.mz()
                                      : chem::adduct_mz(sp.formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
                if (!table.find(mz, true, 1).empty()) {
                    score += 1.0;
                    seen.push_back(sp.formula.to_string());
                }
            }
        }
        std::string nmr_sign;
        if (nmr != nullptr && usable(*nmr) && r.diag_protons > 0) {
            const double ring = sharp_area(*nmr, 1.62, 1.98);
            if (ring > 0.0) {
                const double per_ring = (sharp_area(*nmr, r.diag_ppm_from, r.diag_ppm_to) / r.diag_protons) / (ring / 2.0);
                const double expected = m.product_alkylations;
                if (per_ring >= 0.5 * expected && per_ring <= 1.5 * expected) {
                    score += 2.0;
                    nmr_sign = r.diag_label + " " + fixed(per_ring, 2) + " per ring";
                }
            }
        }
        const bool better = best.reagent == nullptr || score > best.score ||
                            (score == best.score && m.product_alkylations < best_k);
        if (!better) continue;
        best.reagent = &r;
        best.score = score;
        best_k = m.product_alkylations;
        std::string why;
        if (!nmr_sign.empty()) why = "NMR " + nmr_sign;
        if (!seen.empty()) {
            why += std::string(why.empty() ? "" : "; ") + "LC-MS ladder members";
            for (const auto& s : seen) why += " " + s;
        }
        if (why.empty()) why = "no distinguishing evidence: fewest alkylations (" + std::to_string(best_k) + ")";
        best.why = why;
    }
    return best;
}

}  // namespace sidepeak::classify::detail
