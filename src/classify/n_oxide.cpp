// N-oxide detector, LC-MS.
// LC-MS: an ion B with a partner at B - O (15.9949). An N-oxide shows (a) the in-source
// [M+H-O]+ / [M+H-OH]+ fragment inside its own chromatographic peak and/or (b) elution before
// the parent amine on reversed phase. An +O ion without either sign is reported as possible
// C-hydroxylation (evidence against an N-oxide). The pair search: n_oxide_search.cpp.
// Two of thousands of features are 15.9949 apart by chance, so the search is repeated with decoy
// mass differences (O moved by the decoy offsets of ms_ions.hpp, fragments and targeted N-oxide
// positions moved with it) and a pair counts only when decoys do as well in <= 5 % (Elias & Gygi
// 2007).
// MS/MS: where the run has fragment spectra of the reaction's own +O ion, they decide between an
// N-oxide (loss of O, OH* or R2N-OH) and an oxygen elsewhere (dominant H2O or R2NH loss, or a
// sulfoxide's CH3SOH / SO) -- see n_oxide_ms2.cpp and docs/classifier.md.
// NMR: n_oxide_nmr.cpp.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ion_positions.hpp"
#include "ms_ions.hpp"
#include "n_oxide_ms2.hpp"
#include "n_oxide_search.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "detectors.hpp"

namespace sidepeak::classify {
namespace {

// Decoy O masses below this (Da) would follow H2 losses and 13C isotopes, not chance.
constexpr double kMinDecoyDifferenceDa = 5.0;
// Evidence weights (natural-log likelihood ratios; refitted by classify/calibration.cpp).
constexpr double kAtChanceLlr = -0.3;        // an +O candidate at chance level
constexpr double kAbsentAmineSeenLlr = -1.5; // no +O partner while amines of the model ionise
constexpr double kAbsentLlr = -0.6;          // no +O partner, no amine of the model seen

struct Tested {
    ModalityResult result;
    bool significant = false;
};

// What the tests read: the run's ions, the reaction and the target search.
struct Context {
    const detail::IonTable& table;
    const chem::ReactionModel& model;
    const detail::NOxideSearch& target;
};

// Targeted: the reaction's own positions moved to every in-range decoy position (the parent and
// fragment positions stay: the question is whether an ion with the same relations to the real
// parent turns up as readily elsewhere); a precise rate, since 29 decoys cannot resolve 5 % (none
// as good already gives 0.033). Untargeted: against the best pair of the whole decoy search.
detail::DecoyTest pair_test(const Context& c, bool targeted) {
    if (targeted) {
        const auto offsets = detail::range_decoy_offsets(c.table.min_mz(), c.table.max_mz(), detail::n_oxide_mz(c.model));
        return detail::decoy_test(
            [&](double off) {
                if (off == 0.0) return c.target.strength_targeted;
                return detail::n_oxide_search(c.table, c.model, off, true).strength_targeted;
            },
            &offsets);
    }
    return detail::decoy_test([&](double off) {
        if (off == 0.0) return c.target.strength;
        if (chem::kMassO + off < kMinDecoyDifferenceDa) return std::numeric_limits<double>::quiet_NaN();
        return detail::n_oxide_search(c.table, c.model, off).strength;
    });
}

// Per-hit test of the reaction's own +O ions (targeted only): each in-range N-oxide position is
// tested on the evidence its ion carries itself (isotopes at the formula's ratios, co-eluting
// adducts, mass error) at every in-range decoy position, and the rates are combined over the
// positions (as for the ladder members, ms_ions.hpp). Returns the per-ion text and combined chance
// (1 without a hit).
std::pair<std::string, double> per_hit_test(const Context& c) {
    std::vector<double> rates;
    std::size_t npos = 0;
    std::string txt;
    for (const auto* sp : detail::n_oxide_species(c.model)) {
        const chem::Formula f = sp->formula + chem::Formula("H+");
        const double mz = f.mz();
        if (mz < c.table.min_mz() || mz > c.table.max_mz()) continue;
        ++npos;
        auto hit_at = [&](double off) { return detail::species_hit(c.table, f, off, true); };
        const auto hit = hit_at(0.0);
        if (hit.ion == nullptr) continue;
        const auto t = detail::hit_decoy_test(c.table, mz, hit_at);
        rates.push_back(t.rate());
        const std::string signs = hit.signs();
        txt += (txt.empty() ? "" : "; ") + sp->name + " m/z " + detail::fixed(hit.ion->mz(), 4) +
               (signs.empty() ? "" : " (" + signs + ")") + " chance rate " + detail::fixed(t.rate(), 3);
    }
    if (rates.empty()) return {txt, 1.0};
    return {txt, detail::combined_chance(rates, npos)};
}

ModalityResult at_chance(ModalityResult cand, const detail::DecoyTest& test, const detail::IonTable& table) {
    cand.llr = kAtChanceLlr;
    cand.corroborative_only = false;
    for (auto& e : cand.evidence) e.role = EvidenceRole::considered;
    cand.note = "LC-MS " + cand.note.substr(std::min(cand.note.size(), std::string("LC-MS shows ").size())) +
                " is at chance level in this run: " + test.text();
    if (table.quantum() > 0.0) cand.note += "; m/z quantised to " + detail::fixed(table.quantum(), 2) + " Da";
    else if (!detail::precision_text(table).empty()) cand.note += "; " + detail::precision_text(table);
    return cand;
}

// A decoy test beyond chance at level `alpha` (DecoyTest::kAlpha, or less for several hypotheses).
bool beyond(const detail::DecoyTest& t, double alpha) { return t.target > 0.0 && t.rate() <= alpha; }

// Decoy test of a positive candidate: the pair test, then (targeted) the per-hit test, at `alpha`.
Tested tested(const Context& c, ModalityResult cand, bool targeted, double alpha = detail::DecoyTest::kAlpha) {
    cand.checked = true;
    if (cand.llr <= 0.0) return {cand, false};
    const auto test = pair_test(c, targeted);
    if (beyond(test, alpha)) {
        cand.note += " (" + test.text() + ")";
        return {cand, true};
    }
    if (targeted) {
        const auto [txt, chance] = per_hit_test(c);
        if (chance <= alpha) {
            cand.note += " (pair test: " + test.text() + "; per ion: " + txt + ", combined " + detail::fixed(chance, 3) + ")";
            return {cand, true};
        }
    }
    return {at_chance(std::move(cand), test, c.table), false};
}

// The reaction's own N-oxide positions and what the run holds at each, for a finding in which none
// was read as an +O candidate: the near misses of the negative, with their figures. With
// `only_if_outside`, only when some position lies beyond the run's scan limit (detail::outside_run:
// the run cannot show it, and "no +O partner" alone would overstate the negative).
std::string own_positions(const detail::IonTable& table, const chem::ReactionModel& model, bool only_if_outside) {
    bool any_outside = false;
    for (const double mz : detail::n_oxide_mz(model)) any_outside = any_outside || detail::outside_run(table, mz);
    if (only_if_outside && !any_outside) return "";
    std::string s;
    for (const auto* sp : detail::n_oxide_species(model))
        s += (s.empty() ? "" : "; ") +
             detail::position_text(table, sp->name + " [M+H]+", (sp->formula + chem::Formula("H+")).mz(), 1);
    if (s.empty()) return "";
    return "; the reaction's own N-oxide positions: " + s +
           " (an ion there counts with an in-source O/OH loss inside its peak, its parent amine at another RT or an "
           "MS2 reading)";
}

// Nothing +O. Strong "absent" when amines of the model were seen (the N-oxide would ionise as well).
ModalityResult absent(const detail::IonTable& table, const chem::ReactionModel& model, ModalityResult r) {
    bool amine_seen = false;
    for (const auto& sp : model.species) {
        if (sp.permanent_cation() || sp.role == chem::SpeciesRole::n_oxide || sp.role == chem::SpeciesRole::oligomer) continue;
        const double mz = chem::adduct_mz(sp.formula.monoisotopic_mass(), chem::find_adduct("[M+H]+"));
        if (!table.find(mz).empty()) amine_seen = true;
    }
    r.llr = amine_seen ? kAbsentAmineSeenLlr : kAbsentLlr;
    r.note = "no +O partner of any ion in LC-MS" + own_positions(table, model, true);
    return r;
}

// Data-dependent MS2 of the reaction's own N-oxide as [M+H]+ or [M+NH4]+, read from the scans'
// precursors whether or not a feature was kept there (a DDA scan is triggered by an ion of its
// precursor m/z in the survey scan: Stahl et al., J. Am. Soc. Mass Spectrom. 7 (1996) 532). An
// ammonium adduct loses NH3 to the [M+H]+ on activation (Kebarle & Verkerk, Mass Spectrom. Rev. 28
// (2009) 898), so both show the N-oxide's [M+H-O]+ and [M+H-OH]+ (Ramanathan et al., Anal. Chem.
// 2000, 72, 1352); both losses in the scans' consensus is the reading. Positions and fragments are
// moved together by `offset` (decoys).
struct AdductMs2 {
    bool found = false;
    std::string text;
};
AdductMs2 own_adduct_ms2(const detail::IonTable& table, const chem::ReactionModel& model, const Ms2Access& ms2,
                         double offset) {
    static const char* const kAdducts[] = {"[M+H]+", "[M+NH4]+"};
    for (const auto* sp : detail::n_oxide_species(model)) {
        const double mh = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")) + offset;
        const double lost_o = mh - chem::kMassO, lost_oh = lost_o - chem::kMassH;
        for (const char* adduct : kAdducts) {
            const double at = chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct(adduct)) + offset;
            for (const auto* index : ms2.runs) {
                if (index == nullptr || index->size() == 0) continue;
                const auto pos = detail::precursor_positions(table, *index, at);
                if (pos.empty()) continue;
                const auto c = index->consensus(pos);
                const auto& o = index->options();
                const double tol = std::max(o.tolerance_ppm * 1e-6 * mh, o.tolerance_floor_mz);
                auto has = [&](double mz) {
                    return std::any_of(c.peaks.begin(), c.peaks.end(),
                                       [&](const signal::ConsensusPeak& p) { return std::abs(p.mz - mz) <= tol; });
                };
                if (!has(lost_o) || !has(lost_oh)) continue;
                return {true, sp->name + " " + adduct + " m/z " + detail::fixed(at, 4) + ": MS2 (" +
                                  std::to_string(pos.size()) + " scan(s), " + detail::fixed(c.rts_s.front(), 0) + "-" +
                                  detail::fixed(c.rts_s.back(), 0) + " s) shows [M+H-O]+ m/z " +
                                  detail::fixed(lost_o, 4) +
                                  " and [M+H-OH]+ m/z " + detail::fixed(lost_oh, 4)};
            }
        }
    }
    return {};
}

// The reading beyond chance at every in-range decoy position of the N-oxides' [M+H]+ (the same
// reading there, fragments moved with the precursor): an N-oxide.
std::optional<ModalityResult> adduct_ms2_result(const detail::IonTable& table, const chem::ReactionModel& model,
                                                const Ms2Access& ms2, double alpha = detail::DecoyTest::kAlpha) {
    if (ms2.empty() || table.quantum() > 0.0) return std::nullopt;
    const auto target = own_adduct_ms2(table, model, ms2, 0.0);
    if (!target.found) return std::nullopt;
    const auto offsets = detail::range_decoy_offsets(table.min_mz(), table.max_mz(), detail::n_oxide_mz(model));
    const auto t = detail::decoy_test(
        [&](double off) { return own_adduct_ms2(table, model, ms2, off).found ? 1.0 : 0.0; }, &offsets);
    if (!beyond(t, alpha)) return std::nullopt;
    ModalityResult r;
    r.checked = true;
    r.llr = detail::kMs2NOxideLlr;
    r.note = "LC-MS MS2 of the " + target.text + ", the N-oxide's in-source losses of O and OH (" + t.text() + ")";
    return r;
}

// The reading with the model as given: the +O pairs (the reaction's own positions first), else the
// DDA adduct MS2, else the negative with its near misses.
ModalityResult n_oxide_reading(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                               const chem::ReactionModel& model, const Ms2Access& ms2) {
    ModalityResult r;
    if (table.empty()) return r;
    r.checked = true;
    detail::NOxideSearch target = ms2.empty() ? detail::n_oxide_search(table, model, 0.0)
                                              : detail::n_oxide_search(table, model, 0.0, false, &ms2, &features);
    if (!target.any_plus_o) {
        if (auto a = adduct_ms2_result(table, model, ms2)) return *a;
        return absent(table, model, std::move(r));
    }
    const Context ctx{table, model, target};
    // The reaction's own N-oxide positions first, on their own.
    Tested own{ModalityResult{}, false};
    if (target.any_targeted) {
        own = tested(ctx, target.result_t, true);
        if (own.significant) return own.result;
    }
    // Where no pair is beyond chance (the own positions' here, the run's below), the DDA MS2 of the
    // reaction's own N-oxide precursor still reads one: its ion may stay below the MS1 feature
    // limit while chance-level pairs of the matrix are found.
    if (target.best_targeted) {  // (implies any_targeted)
        if (auto a = adduct_ms2_result(table, model, ms2)) return *a;
        return own.result;
    }
    Tested other = tested(ctx, std::move(target.result), target.best_targeted);
    if (other.significant) return other.result;
    if (auto a = adduct_ms2_result(table, model, ms2)) return *a;
    if (!target.any_targeted) {
        // The candidate reported is another ion pair of the run; the reaction's own positions held
        // none, which is the reading a reviewer needs.
        other.result.note += own_positions(table, model, false);
        return other.result;
    }
    // Neither beyond chance: the reaction's own candidate is the near miss (or the counter-sign)
    // reported.
    return own.result;
}

// The reaction's own N-oxide readings only (the targeted +O search with its MS2, else the DDA
// adduct MS2), each beyond chance at `alpha`: a positive, specific reading or nullopt.
std::optional<ModalityResult> own_reading(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                                          const chem::ReactionModel& model, const Ms2Access& ms2, double alpha) {
    const detail::NOxideSearch target =
        ms2.empty() ? detail::n_oxide_search(table, model, 0.0, true)
                    : detail::n_oxide_search(table, model, 0.0, true, &ms2, &features);
    if (!target.any_targeted) return adduct_ms2_result(table, model, ms2, alpha);
    const Context ctx{table, model, target};
    Tested own = tested(ctx, target.result_t, true, alpha);
    if (!own.significant || own.result.llr <= 0.0 || own.result.corroborative_only) return std::nullopt;
    return own.result;
}

// No reagent in the context (the model names no N-oxide: no tertiary amine is known): each
// N-alkylating reagent of the table is tried on its mono-product's reaction model (the product
// assumed as the starting amine plus one increment, as the NMR N-oxide reading does without a
// context), and a specific reading of its own N-oxide positions counts. Several reagents are
// several hypotheses, so each decoy test is held to DecoyTest::kAlpha / (number of reagents)
// (Bonferroni): the chance of any reagent reading by chance stays <= 5 %.
std::optional<ModalityResult> table_reagent_reading(const detail::IonTable& table,
                                                    const std::vector<signal::Feature>& features,
                                                    const chem::ReactionModel& model, const Ms2Access& ms2) {
    if (table.empty() || model.increment || !detail::n_oxide_species(model).empty() ||
        model.starting_amine != chem::diazepane())
        return std::nullopt;
    std::vector<chem::ReactionModel> models;
    for (const auto& rg : chem::reagent_table())
        if (rg.alkylating) models.push_back(chem::build_reaction_model({"", rg.name}));
    if (models.empty()) return std::nullopt;
    const double alpha = detail::DecoyTest::kAlpha / static_cast<double>(models.size());
    std::optional<ModalityResult> best;
    std::string reagents;
    for (const auto& m : models) {
        auto r = own_reading(table, features, m, ms2, alpha);
        if (!r) continue;
        reagents += (reagents.empty() ? "" : ", ") + m.reagent_name;
        if (!best || r->llr > best->llr) best = std::move(r);
    }
    if (!best) return std::nullopt;
    best->note = "no reagent in the context: the table's " + std::to_string(models.size()) +
                 " N-alkylating reagents tried on their mono-products (each decoy test at chance rate <= " +
                 detail::fixed(alpha, 4) + "), read by " + reagents + ": " + best->note;
    return best;
}

}  // namespace

ModalityResult n_oxide_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options, const Ms2Access& ms2) {
    return n_oxide_ms(detail::IonTable(features, options), features, model, ms2);
}

ModalityResult n_oxide_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                          const chem::ReactionModel& model, const Ms2Access& ms2) {
    ModalityResult r = n_oxide_reading(table, features, model, ms2);
    // Without a reagent in the context, the table's reagents where the reading makes no call.
    if (r.llr > 0.0 && !r.corroborative_only) return r;
    if (auto t = table_reagent_reading(table, features, model, ms2)) return *t;
    return r;
}

}  // namespace sidepeak::classify
