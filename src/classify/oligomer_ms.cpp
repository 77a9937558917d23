// Oligomer, LC-MS: a series of ions spaced by the route's repeat unit, found by Kendrick mass
// defect with the repeat unit as base (chem/kendrick.hpp), singly and doubly charged. Isotope
// peaks, adducts and PEG/siloxane background ladders are removed first (ms_ions.hpp).
#include <algorithm>
#include <cmath>

#include "ms_ions.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/kendrick.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {

ModalityResult oligomer_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                           const ClassifierOptions& options) {
    ModalityResult r;
    const detail::IonTable table(features, options);
    if (table.empty()) return r;
    std::vector<chem::Formula> units = model.repeat_units;
    if (units.empty()) return r;  // no cyclisation route known for this starting amine
    r.checked = true;

    chem::SeriesOptions so;
    so.tolerance_ppm = options.mass_tolerance_ppm;
    so.min_members = 3;
    std::size_t best_members = 0;
    bool doubly = false;
    std::string best_note;
    for (const auto& unit : units) {
        const auto base = chem::kendrick_base(unit);
        for (int z = 1; z <= 2; ++z) {
            std::vector<double> masses;
            std::vector<const detail::Ion*> ions;
            for (const auto& ion : table.ions()) {
                if (!ion.primary() && !(z == 2 && ion.adduct && ion.feature->charge == 2)) continue;
                if (ion.feature->charge != 0 && std::abs(ion.feature->charge) != z) continue;
                if (ion.feature->charge == 0 && z == 2) continue;  // unknown charge: treat as 1+
                masses.push_back(ion.mz() * z);
                ions.push_back(&ion);
            }
            for (const auto& series : chem::find_series(masses, base, so)) {
                const std::size_t k = series.members.size();
                if (z == 2) doubly = true;
                for (std::size_t i = 0; i < k; ++i) {
                    const auto* ion = ions[series.members[i]];
                    Evidence e = detail::ms_evidence(*ion->feature, 0.0, "", z == 1 ? "" : "2+",
                                                     "repeat-unit series " + base.formula + " member " +
                                                         std::to_string(i + 1) + "/" + std::to_string(k) +
                                                         (z == 2 ? " (2+)" : ""));
                    e.kmd = chem::kendrick_mass_defect(ion->mz() * z, base);
                    r.evidence.push_back(std::move(e));
                }
                if (k > best_members) {
                    best_members = k;
                    best_note = std::to_string(k) + " ions spaced by " + base.formula + " (" +
                                detail::fixed(base.exact, 4) + " Da) sharing KMD " + detail::fixed(series.kmd, 4) +
                                (z == 2 ? " as [M+2H]2+" : "") + " from m/z " +
                                detail::fixed(ions[series.members.front()]->mz(), 4);
                }
            }
        }
    }
    // Cyclic and linear oligomers predicted by the model, as supporting single ions.
    int single = 0;
    for (const auto* sp : model.of_role(chem::SpeciesRole::oligomer)) {
        const double mz = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
        const auto hits = table.find(mz);
        if (hits.empty()) continue;
        ++single;
        r.evidence.push_back(detail::ms_evidence(*hits.front()->feature, mz, sp->formula.to_string(), "[M+H]+", sp->name));
    }
    if (best_members >= 3) {
        r.llr = 2.2 + 0.4 * static_cast<double>(std::min<std::size_t>(best_members - 3, 3)) + (doubly ? 0.6 : 0.0);
        r.note = "LC-MS shows " + best_note + (doubly ? ", also doubly charged" : "");
    } else if (single > 0) {
        r.llr = 0.6 * single;
        r.note = "LC-MS shows " + std::to_string(single) + " predicted oligomer ion(s) but no repeat-unit series";
    } else {
        r.llr = table.primary_count() > 0 ? -1.2 : -0.3;
        r.note = "no repeat-unit series in LC-MS";
        if (table.background_count() > 0)
            r.note += " (" + std::to_string(table.background_count()) + " PEG/siloxane background ions ignored)";
    }
    return r;
}

}  // namespace sidepeak::classify
