// MS/MS of over-alkylation ladder members (over_alkylation_ms2.hpp).
// Predicted fragments of a ladder member's [M+H]+ (or quaternary M+), from the literature:
//  - every N-benzyl gives the benzyl/tropylium ion C7H7+ (91.0542) (McLafferty F. W., Tureček F.,
//    "Interpretation of Mass Spectra", 4th ed. 1993, ch. 8-9; Holčapek M. et al., J. Chromatogr. A
//    2010, 1217, 3908); it is the base peak of protonated N-benzylpiperazine (m/z 177 -> 91, with
//    the ring-cleavage ion m/z 134 = [M+H-C2H5N]+; de Boer D. et al., Forensic Sci. Int. 2001, 121,
//    47; Staack R. F., Maurer H. H., J. Chromatogr. B 2003, 798, 333);
//  - the cyclic diamine ring opens by alpha-cleavage next to N and loses an ethyleneimine C2H5N
//    (43.0422) or the propyleneimine side C3H7N (57.0578) of the 1,4-diazepane ring, leaving an
//    iminium ion that keeps the N-substituents, so these fragments step by the increment along the
//    ladder (McLafferty & Tureček, alpha-cleavage of amines; the BZP m/z 134 above);
//  - a quaternary cation with a beta-H substituent loses that substituent as a neutral alkene
//    (Hofmann-type, e.g. C2H4 from N-ethyl; same references), which a protonated isobar does not.
// A member's consensus MS2 is matched against these within the run's tolerance; the chance of the
// same number of matches is measured on the run's other MS2 scans (each scan's losses taken from
// its own precursor), so a matrix ion with benzylic fragments counts for what it is worth.
#include "over_alkylation_ms2.hpp"

#include <cmath>
#include <utility>

#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify::detail {
namespace {

void add_tropylium(PredictedMs2& p) {
    p.ions.push_back({"C7H7+ (tropylium)", chem::Formula("C7H7+"), "benzyl/tropylium ion of an N-benzyl group"});
}

void add_ring_losses(PredictedMs2& p) {
    p.losses.push_back({"C2H5N", chem::Formula("C2H5N"), "ring opening by alpha-cleavage (ethyleneimine side)"});
    p.losses.push_back({"C3H7N", chem::Formula("C3H7N"), "ring opening by alpha-cleavage (propyleneimine side)"});
}

bool is_benzyl(const chem::Formula& delta) { return delta == chem::Formula("C7H6"); }

}  // namespace

PredictedMs2 ladder_member_prediction(const chem::ReactionModel& model, const chem::Species& sp) {
    PredictedMs2 p;
    if (!model.increment) return p;
    if (sp.alkylations >= 1 && is_benzyl(*model.increment)) add_tropylium(p);
    add_ring_losses(p);
    if (sp.permanent_cation()) {
        // The quaternary cation's own paths (ms2_evidence.hpp, read_charge_site): the reagent's
        // alkene (Hofmann-type) and, for N-benzyl, toluene.
        for (auto& l : quaternary_prediction(sp.formula, model).losses) p.losses.push_back(std::move(l));
    }
    return p;
}

PredictedMs2 generic_ladder_prediction(const chem::Formula& delta) {
    PredictedMs2 p;
    if (is_benzyl(delta)) add_tropylium(p);
    add_ring_losses(p);
    return p;
}

MemberMs2 read_member_ms2(const Ms2Access& ms2, const std::vector<signal::Feature>& features, const Ion& ion,
                          const chem::Formula& ion_formula, const PredictedMs2& p, const IonTable& table,
                          bool quaternary) {
    MemberMs2 out;
    const auto c = ms2.consensus(features, *ion.feature);
    if (c.empty() || c.peaks.empty()) return out;
    out.read = true;
    out.predicted = p.ions.size() + p.losses.size();
    const double ppm = table.theory_ppm();
    const int z = std::abs(ion_formula.charge());
    out.matches = count_predicted(p, ion_formula.mz(), z, c.mz(), c.intensity(), ppm);
    // Chance: every other MS2 scan of the runs (precursor outside the member's tolerance).
    const auto chance = ms2_chance(ms2, p, ion.mz(), ppm, out.matches);
    out.others = chance.others;
    out.chance = chance.rate;
    const auto fragments = annotate_predicted(ion_formula, c, p, ppm);
    out.text = "MS2 of m/z " + fixed(c.precursor_mz, 4) + " (" + ms2_provenance(c) + "): " +
               std::to_string(out.matches) + " of " + std::to_string(out.predicted) +
               " predicted fragments (tropylium, ring alpha-cleavage losses, Hofmann alkene), chance " +
               fixed(out.chance, 3) + " over " + std::to_string(out.others) + " other MS2 scans";
    out.evidence = ms2_evidence(c, ion_formula, fragments,
                                "MS2 of a ladder member: " + std::to_string(out.matches) + " of " +
                                    std::to_string(out.predicted) + " predicted fragments");
    if (quaternary) out.evidence.adduct = "[M]+";
    out.evidence.predicted = predicted_entries(p, ion_formula, c, ppm);
    return out;
}

LadderMs2 read_ladder_ms2(const IonTable& table, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                          const std::vector<const Ion*>& ions, const chem::Formula& delta) {
    LadderMs2 out;
    if (ms2.empty()) return out;
    const PredictedMs2 p = generic_ladder_prediction(delta);
    const double ppm = table.theory_ppm();
    std::vector<double> siblings;  // the ladder's own members are no chance draws for each other
    for (const auto* ion : ions) siblings.push_back(ion->mz());
    for (const auto* ion : ions) {
        const auto c = ms2.consensus(features, *ion->feature);
        if (c.empty() || c.peaks.empty()) continue;
        ++out.read;
        const std::size_t matches = count_predicted(p, c.precursor_mz, 1, c.mz(), c.intensity(), ppm);
        const auto chance = ms2_chance(ms2, p, c.precursor_mz, ppm, matches, siblings);
        const bool measurable = matches >= kLadderMs2MinMatches && chance.others >= kLadderMs2MinOtherScans;
        const bool counts = measurable && chance.rate <= DecoyTest::kAlpha;
        out.rates.push_back(measurable ? chance.rate : 1.0);
        out.confirmed += counts ? 1 : 0;
        out.text += (out.text.empty() ? "" : "; ") + std::string("MS2 of m/z ") + fixed(c.precursor_mz, 4) + " (" +
                    ms2_provenance(c) + "): " + std::to_string(matches) + " of " + std::to_string(p.size()) +
                    " predicted fragments, chance " + fixed(chance.rate, 3) + " over " +
                    std::to_string(chance.others) + " other MS2 scans";
        Evidence e = ms2_evidence(c, chem::Formula(), {}, "MS2 of a ladder member (reagent not given): " +
                                                              std::to_string(matches) + " predicted fragments");
        e.formula.clear();
        e.predicted = predicted_entries_at(p, c.precursor_mz, 1, c, ppm);
        if (!counts) e.role = EvidenceRole::considered;
        out.evidence.push_back(std::move(e));
    }
    return out;
}

}  // namespace sidepeak::classify::detail
