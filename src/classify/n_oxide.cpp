// N-oxide detector, LC-MS.
// LC-MS: an ion B with a partner at B - O (15.9949). An N-oxide shows (a) the in-source
// [M+H-O]+ / [M+H-OH]+ fragment inside its own chromatographic peak and/or (b) elution before
// the parent amine on reversed phase. An +O ion without either sign is reported as possible
// C-hydroxylation (evidence against an N-oxide).
// Two of thousands of features are 15.9949 apart by chance, so the search is repeated with decoy
// mass differences (O moved by the decoy offsets of ms_ions.hpp, fragments and targeted N-oxide
// positions moved with it) and a pair counts only when decoys do as well in <= 5 % (Elias & Gygi
// 2007).
// MS/MS: where the run has fragment spectra of the reaction's own +O ion, they decide between an
// N-oxide (loss of O, OH* or R2N-OH) and an oxygen elsewhere (dominant H2O or R2NH loss, or a
// sulfoxide's CH3SOH / SO) -- see read_ms2() and docs/classifier.md.
// NMR: n_oxide_nmr.cpp.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "ms2_evidence.hpp"
#include "ms_ions.hpp"
#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {
namespace {

// The reaction's N-oxide species that can form: an N-oxide needs a tertiary amine (domain.md:
// "tertiary amines oxidise"); a secondary amine such as the unsubstituted 1,4-diazepane oxidises to
// a hydroxylamine or nitrone instead (March's Advanced Organic Chemistry, 7th ed., 19-29 and 19-31),
// so "+O of the starting amine" is no N-oxide position (in a real run of 22,000 features an
// isobaric matrix compound sits there with its own -O partner).
std::vector<const chem::Species*> n_oxide_species(const chem::ReactionModel& model) {
    std::vector<const chem::Species*> out;
    const chem::Formula start_plus_o = model.starting_amine + chem::Formula("O");
    for (const auto* sp : model.of_role(chem::SpeciesRole::n_oxide)) {
        if (model.starting_amine.monoisotopic_mass() > 0.0 && sp->formula == start_plus_o) continue;
        out.push_back(sp);
    }
    return out;
}

// The reaction's N-oxide positions ([M+H]+ m/z), computed once per search.
std::vector<std::pair<const chem::Species*, double>> n_oxide_positions(const chem::ReactionModel& model) {
    std::vector<std::pair<const chem::Species*, double>> out;
    for (const auto* sp : n_oxide_species(model))
        out.emplace_back(sp, chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")));
    return out;
}

// The reaction's own N-oxide at `mz` (positions moved by `offset` for decoys), or nullptr.
const chem::Species* model_n_oxide(const std::vector<std::pair<const chem::Species*, double>>& positions, double mz,
                                   const detail::IonTable& table, double offset) {
    for (const auto& [sp, at] : positions) {
        if (table.matches(mz, at + offset)) return sp;
    }
    return nullptr;
}

constexpr double kIsotopeAgree = 0.5;  // isotope score above which the ratios support the formula

// A diagnostic fragment counts from 2 % of the consensus base peak: public library spectra keep
// peaks from 1 %, and a loss at 10 ppm among ~50 fragments falls on a chance peak with p ~ 1e-3.
constexpr double kMs2Seen = 0.02;
// The counter-sign (the amine intact: R2NH or H2O loss, or a sulfoxide loss) counts from 0.5 %
// when no N-oxide loss is seen at that level either: ranitidine S-oxide loses Me2NH at 0.6 % of
// its base peak (MassBank EA273703), while each N-oxide of the real set shows its N-oxide loss at
// >= 13 %. Library spectra keep peaks from ~0.5 %.
constexpr double kMs2SeenAgainst = 0.005;
// Log-likelihood ratios of the MS2 reading: a specific fragment-level sign either way, stronger
// than any MS1 sign (the in-source loss, 2.2) because it is read inside the ion's own spectrum.
constexpr double kMs2NOxideLlr = 2.5;
constexpr double kMs2AgainstLlr = -1.5;

struct Ms2Reading {
    enum class Call { none, n_oxide, not_n_oxide };
    Call call = Call::none;
    std::string text;    // "MS2 of m/z 207.149 at 112 s: ..."
    Evidence evidence;   // the "ms2_spectrum" entry
};

// Losses of the model's N-alkyl groups besides the built-in Me2NOH / Me2NH: for an alkyl group R
// (the increment plus the H it replaced), R2N-OH and R(CH3)N-OH (Cope-type elimination of the
// N-oxide) and R2NH, R(CH3)NH (the intact amine, C-hydroxylated or S-oxidised isomers).
struct AmineLosses {
    std::vector<chem::NeutralLoss> extra;
    std::vector<std::string> n_oxide{"O", "OH*", "Me2NOH"};
    std::vector<std::string> intact{"H2O", "Me2NH"};
    std::vector<std::string> sulfoxide{"CH3SOH", "SO"};
};

AmineLosses amine_losses(const chem::ReactionModel& model) {
    AmineLosses out;
    if (!model.increment || *model.increment == chem::Formula("CH2")) return out;
    const chem::Formula r = *model.increment + chem::Formula("H");
    const std::string rn = "R=" + r.to_string();
    const chem::Formula me("CH3");
    const auto add = [&](const std::string& name, const chem::Formula& f, const std::string& meaning, bool oxide) {
        out.extra.push_back({name, f, meaning});
        (oxide ? out.n_oxide : out.intact).push_back(name);
    };
    add("R2NOH (" + rn + ")", r * 2 + chem::Formula("HNO"), "dialkylhydroxylamine: Cope-type elimination of the N-oxide", true);
    add("RMeNOH (" + rn + ")", r + me + chem::Formula("HNO"), "alkylmethylhydroxylamine: Cope-type elimination of the N-oxide", true);
    add("R2NH (" + rn + ")", r * 2 + chem::Formula("HN"), "dialkylamine: intact amine", false);
    add("RMeNH (" + rn + ")", r + me + chem::Formula("HN"), "alkylmethylamine: intact amine", false);
    return out;
}

std::string loss_phrase(const chem::FragmentAnnotation& f) {
    return f.loss_name + " (" + detail::fixed(f.loss.monoisotopic_mass(), 4) + ") " +
           detail::fixed(100.0 * f.relative_intensity, 0) + " %";
}

// Reads the consensus MS2 of the +O ion `ion` (charged formula) against the N-oxide rules
// (Ramanathan et al., Anal. Chem. 2000, 72, 1352; Holcapek et al., J. Mass Spectrom. 2010):
//  - a loss of O, OH* or R2N-OH (R from the model, Me2NOH built in) -> N-oxide;
//  - otherwise a loss of H2O or R2NH (oxygen not on the amine) -> C-hydroxylation, and CH3SOH / SO
//    (or R2NH from a sulfur-containing ion) -> S-oxide: not an N-oxide;
//  - none of these: no call.
// The real spectra behind the rules: docs/algorithms/ms2.md section 4 (mianserin N-oxide loses OH*
// next to an equally strong H2O loss, so H2O counts against only without an N-oxide loss).
Ms2Reading read_ms2(const signal::Ms2Consensus& c, const chem::Formula& ion, const chem::ReactionModel& model,
                    const detail::IonTable& table) {
    Ms2Reading out;
    const AmineLosses losses = amine_losses(model);
    chem::FragmentOptions fo;
    fo.tolerance_ppm = table.theory_ppm();
    fo.extra_losses = losses.extra;
    const auto fragments = chem::annotate_fragments(ion, c.mz(), c.intensity(), fo);
    const auto by_intensity = [](const auto* a, const auto* b) { return a->relative_intensity > b->relative_intensity; };
    auto strongest = [&](const std::vector<std::string>& names) {
        std::vector<const chem::FragmentAnnotation*> seen;
        for (const auto& n : names) {
            if (const auto* f = detail::strongest_loss(fragments, n, kMs2Seen)) seen.push_back(f);
        }
        std::sort(seen.begin(), seen.end(), by_intensity);
        return seen;
    };
    auto strongest_from = [&](const std::vector<std::string>& names, double level) {
        std::vector<const chem::FragmentAnnotation*> seen;
        for (const auto& n : names) {
            if (const auto* f = detail::strongest_loss(fragments, n, level)) seen.push_back(f);
        }
        return seen;
    };
    // A Cope-type R2N-OH loss is isobaric with a water loss followed by ring cleavage: Me2NOH
    // (C2H7NO, 61.0528) = H2O + C2H5N (the ring's CH2CH2NH, 43.0422), which a C-hydroxylated
    // diazepane shows beside its dominant water loss. So a Cope-type loss counts for an N-oxide only
    // when it is at least as strong as the H2O loss (the N-oxide's own route; mianserin N-oxide,
    // whose H2O loss is 100 %, is read by its OH* loss, 88 %). O and OH* always count.
    const auto* water = detail::strongest_loss(fragments, "H2O", 0.0);
    const double water_level = water != nullptr ? water->relative_intensity : 0.0;
    auto not_cope_shadow = [&](std::vector<const chem::FragmentAnnotation*> v) {
        std::erase_if(v, [&](const chem::FragmentAnnotation* f) {
            return f->loss_name != "O" && f->loss_name != "OH*" && f->relative_intensity < water_level;
        });
        return v;
    };
    const auto ox = not_cope_shadow(strongest(losses.n_oxide));
    const bool ox_trace = !not_cope_shadow(strongest_from(losses.n_oxide, kMs2SeenAgainst)).empty();
    auto intact = strongest_from(losses.intact, kMs2SeenAgainst);
    auto sulf = strongest_from(losses.sulfoxide, kMs2SeenAgainst);
    const std::string head = "MS2 of m/z " + detail::fixed(c.precursor_mz, 4) + " (" + detail::ms2_provenance(c) + "): ";
    auto list = [](const std::vector<const chem::FragmentAnnotation*>& v) {
        std::string s;
        for (const auto* f : v) s += (s.empty() ? "" : ", ") + loss_phrase(*f);
        return s;
    };
    std::string label;
    if (!ox.empty()) {
        out.call = Ms2Reading::Call::n_oxide;
        out.text = head + "loss of " + list(ox) + (intact.empty() ? "" : " (besides " + list(intact) + ")") +
                   ": oxygen on the amine nitrogen, N-oxide";
        label = "MS2 of the +O ion: N-oxide losses";
    } else if (!ox_trace && (!intact.empty() || !sulf.empty())) {
        out.call = Ms2Reading::Call::not_n_oxide;
        const bool s_oxide = !sulf.empty() || ion.count("S") > 0;
        const std::string what = !sulf.empty() ? "S-oxide" : s_oxide ? "C-hydroxylation or S-oxide" : "C-hydroxylation";
        std::vector<const chem::FragmentAnnotation*> all = sulf;
        all.insert(all.end(), intact.begin(), intact.end());
        std::sort(all.begin(), all.end(), by_intensity);
        const bool dominant = all.front()->relative_intensity >= 0.2;
        out.text = head + "loss of " + list(all) + (dominant ? " dominant" : "") + ", no O/OH/R2N-OH loss: " + what +
                   ", not N-oxide";
        label = "MS2 of the +O ion: no N-oxide loss (" + what + ")";
    } else {
        out.text = head + "none of the diagnostic losses (O, OH, R2N-OH, H2O, R2NH, CH3SOH, SO) above " +
                   detail::fixed(100.0 * kMs2Seen, 0) + " % of the base peak: no call";
        label = "MS2 of the +O ion: no diagnostic loss";
    }
    out.evidence = detail::ms2_evidence(c, ion, fragments, label);
    // The prediction of both readings (report.json predicted_fragments, the HTML mirror plot):
    // the N-oxide's losses, the intact amine's, and the sulfoxide's for an ion holding sulfur.
    detail::PredictedMs2 predicted;
    auto add = [&](const std::vector<std::string>& names, const std::string& what) {
        for (const auto& n : names) {
            const auto& builtin = chem::diagnostic_losses();
            auto it = std::find_if(builtin.begin(), builtin.end(), [&](const auto& l) { return l.name == n; });
            const chem::NeutralLoss* l = it != builtin.end() ? &*it : nullptr;
            for (const auto& x : losses.extra)
                if (x.name == n) l = &x;
            if (l != nullptr) predicted.losses.push_back({l->name, l->formula, what + ": " + l->meaning});
        }
    };
    add(losses.n_oxide, "N-oxide");
    add(losses.intact, "intact amine (C-hydroxylation)");
    if (ion.count("S") > 0) add(losses.sulfoxide, "S-oxide");
    out.evidence.predicted = detail::predicted_entries(predicted, ion, c, table.theory_ppm());
    return out;
}

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
// `ms2` (target search only, nullptr for decoys): the MS2 of the reaction's own +O ions is read.
Search search(const detail::IonTable& table, const chem::ReactionModel& model, double offset, bool targeted_only = false,
              const Ms2Access* ms2 = nullptr, const std::vector<signal::Feature>* features = nullptr) {
    Search out;
    const auto own_positions = n_oxide_positions(model);
    const double kO = chem::kMassO + offset;
    double& best = out.best;
    bool& any_plus_o = out.any_plus_o;
    ModalityResult& best_r = out.result;
    auto consider = [&](const detail::Ion& b) {
        if (b.charge() != 1) return;
        // At the reaction's own N-oxide m/z any ion may be the species: in a dense run a flag as
        // another ion's isotope, adduct or background-ladder member can be a coincidence (the
        // decoy positions see the same). Elsewhere only primary ions stand for species.
        const chem::Species* own = model_n_oxide(own_positions, b.mz(), table, offset);
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
        // MS2 of the reaction's own +O ion (target search only: a decoy position is no species and
        // has no formula to annotate against).
        std::optional<Ms2Reading> reading;
        if (own != nullptr && ms2 != nullptr && features != nullptr) {
            const auto consensus = ms2->consensus(*features, *b.feature);
            if (!consensus.empty())
                reading = read_ms2(consensus, chem::ion_formula(own->formula, chem::find_adduct("[M+H]+")), model, table);
        }
        const bool ms2_call = reading && reading->call != Ms2Reading::Call::none;
        if (fragment == nullptr && fragment_oh == nullptr && parent == nullptr && !ms2_call) return;
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
        // The ion's own fragment spectrum outranks the MS1 signs either way.
        const bool ms2_yes = ms2_call && reading->call == Ms2Reading::Call::n_oxide;
        const bool ms2_no = ms2_call && reading->call == Ms2Reading::Call::not_n_oxide;
        if (ms2_yes) {
            llr = std::max(llr, 0.0) + kMs2NOxideLlr;
            cand.corroborative_only = false;
            signs += std::string(signs.empty() ? "" : "; ") + reading->text;
        } else if (ms2_no) {
            llr = std::min(llr, 0.0) + kMs2AgainstLlr;
            cand.corroborative_only = false;
        }
        const std::string where = "m/z " + detail::fixed(b.mz(), 4) + " (RT " + detail::fixed(b.rt(), 0) + " s" +
                                  (name.empty() ? "" : ", " + name) + ")";
        if (llr <= 0.2) {
            // +O over a parent, eluting after it (or with it) and without the fragment, or losing water.
            llr = std::min(llr, -0.5);
            cand.evidence.push_back(detail::ms_evidence(*b.feature, 0.0, "", "[M+H]+",
                                                        "+O species without N-oxide signs: C-hydroxylation?"));
            cand.note = ms2_no ? "an +O ion at " + where + ": " + reading->text
                        : water_loss != nullptr
                            ? "an +O ion at " + where + " loses water in the source (m/z " + detail::fixed(water_loss->mz(), 4) +
                                  ") more than O/OH: C-hydroxylation rather than an N-oxide"
                            : "an +O ion at " + where + " shows neither the [M+H-O]+ fragment nor earlier elution: "
                              "C-hydroxylation rather than an N-oxide";
        } else {
            // Without the in-source O/OH loss and without an MS2 N-oxide loss, the data show an +O
            // species that elutes early: an N-oxide or a C-hydroxylation (domain.md: report the +O
            // species with lower confidence, saying why).
            const bool undecided = !frag && !ms2_yes;
            cand.evidence.push_back(detail::ms_evidence(*b.feature, 0.0, "", "[M+H]+",
                                                        undecided ? "+O species [M+H]+ (N-oxide or C-hydroxylation)"
                                                                  : "N-oxide [M+H]+"));
            cand.note = undecided ? "LC-MS shows an +O species at " + where + ", N-oxide or C-hydroxylation: " + signs +
                                        "; no in-source [M+H-O]+/[M+H-OH]+ and no MS2 N-oxide loss tell them apart "
                                        "(supportive only)"
                                  : "LC-MS shows an N-oxide at " + where + ": " + signs;
        }
        if (fragment != nullptr)
            cand.evidence.push_back(detail::ms_evidence(*fragment->feature, b.mz() - kO, "", "[M+H-O]+",
                                                        "in-source loss of O"));
        if (fragment_oh != nullptr)
            cand.evidence.push_back(detail::ms_evidence(*fragment_oh->feature, b.mz() - kO - chem::kMassH, "",
                                                        "[M+H-OH]+", "in-source loss of OH"));
        if (parent != nullptr)
            cand.evidence.push_back(detail::ms_evidence(*parent->feature, parent_mz, "", "[M+H]+", "parent amine"));
        if (reading) {
            Evidence e = reading->evidence;
            if (!ms2_yes) e.role = EvidenceRole::considered;
            cand.evidence.push_back(std::move(e));
            if (!ms2_call) cand.note += "; " + reading->text;
        }
        cand.llr = llr;
        // Strength: each N-oxide sign and the reaction's own N-oxide position count once.
        const double strength = llr <= 0.2 ? 0.0
                                           : (fragment != nullptr ? 1.0 : 0.0) + (fragment_oh != nullptr ? 1.0 : 0.0) +
                                                 (earlier ? 1.0 : 0.0) + (targeted ? 1.0 : 0.0) +
                                                 (isotopes_agree ? 1.0 : 0.0) + (ms2_yes ? 2.0 : 0.0);
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
        for (const auto* sp : n_oxide_species(model)) {
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
                          const ClassifierOptions& options, const Ms2Access& ms2) {
    ModalityResult r;
    const detail::IonTable table(features, options);
    if (table.empty()) return r;
    r.checked = true;
    Search target = ms2.empty() ? search(table, model, 0.0) : search(table, model, 0.0, false, &ms2, &features);
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
            for (const auto* sp : n_oxide_species(model))
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
            // Per-hit test of the reaction's own +O ions (targeted only): each in-range N-oxide
            // position is tested on the evidence its ion carries itself (isotopes at the formula's
            // ratios, co-eluting adducts, mass error) at every in-range decoy position, and the
            // rates are combined over the positions (as for the ladder members, ms_ions.hpp). A
            // +O ion that is the formula beyond chance counts where the pair test is at chance.
            if (targeted) {
                std::vector<double> rates;
                std::size_t npos = 0;
                std::string txt;
                for (const auto* sp : n_oxide_species(model)) {
                    const chem::Formula f = sp->formula + chem::Formula("H+");
                    const double mz = f.mz();
                    if (mz < table.min_mz() || mz > table.max_mz()) continue;
                    ++npos;
                    auto hit_at = [&](double off) { return detail::species_hit(table, f, off, true); };
                    const auto hit = hit_at(0.0);
                    if (hit.ion == nullptr) continue;
                    const auto t = detail::hit_decoy_test(table, mz, hit_at);
                    rates.push_back(t.rate());
                    const std::string signs = hit.signs();
                    txt += (txt.empty() ? "" : "; ") + sp->name + " m/z " + detail::fixed(hit.ion->mz(), 4) +
                           (signs.empty() ? "" : " (" + signs + ")") + " chance rate " + detail::fixed(t.rate(), 3);
                }
                const double chance = detail::combined_chance(rates, npos);
                if (!rates.empty() && chance <= detail::DecoyTest::kAlpha) {
                    cand.note += " (pair test: " + test.text() + "; per ion: " + txt + ", combined " +
                                 detail::fixed(chance, 3) + ")";
                    return std::pair{cand, true};
                }
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
