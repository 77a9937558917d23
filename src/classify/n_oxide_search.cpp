// The +O pair search of the LC-MS N-oxide detector (n_oxide_search.hpp).
// Steps per candidate ion: its partners (in-source O / OH / H2O losses inside its peak, a parent
// at another RT), its own MS2, the MS1 signs and their LLR, the counter-signs, the report text and
// evidence, and the ordinal strength compared with the decoys.
#include "n_oxide_search.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "n_oxide_ms2.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify::detail {
namespace {

constexpr double kIsotopeAgree = 0.5;  // isotope score above which the ratios support the formula
// Evidence weights (natural-log likelihood ratios; refitted by classify/calibration.cpp).
constexpr double kTargetedFragmentLlr = 2.2;   // in-source O/OH loss of the reaction's own +O ion
constexpr double kUntargetedFragmentLlr = 1.2; // the same for any +O pair of the run
constexpr double kEarlierWithFragmentLlr = 0.6;
constexpr double kEarlierAloneLlr = 0.7;       // earlier elution alone (a weak sign)
constexpr double kIsotopesLlr = 0.3;
constexpr double kWaterLossLlr = -0.8;         // in-source water loss at least as strong: a hydroxyl
constexpr double kNoSignLlr = -0.5;            // at most this for an +O ion without N-oxide signs

// The reaction's own N-oxide at `mz` (positions moved by `offset` for decoys), or nullptr.
const chem::Species* model_n_oxide(const std::vector<const chem::Species*>& species, const std::vector<double>& at,
                                   double mz, const IonTable& table, double offset) {
    for (std::size_t i = 0; i < species.size(); ++i) {
        if (table.matches(mz, at[i] + offset)) return species[i];
    }
    return nullptr;
}

// Co-eluting weaker ions (in-source fragments inside the candidate's peak) and a separated parent.
struct Partners {
    const Ion* fragment = nullptr;     // [M+H-O]+
    const Ion* fragment_oh = nullptr;  // [M+H-OH]+
    const Ion* parent = nullptr;       // the amine at another RT
    const Ion* water_loss = nullptr;   // [M+H-H2O]+
    [[nodiscard]] bool frag() const { return fragment != nullptr || fragment_oh != nullptr; }
};

const Ion* coeluting_weaker(const IonTable& table, const Ion& b, double mz) {
    const Ion* out = nullptr;
    for (const auto* c : table.find_related_default(mz, false, 1)) {
        if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) out = c;
    }
    return out;
}

Partners find_partners(const IonTable& table, const Ion& b, double o_mass) {
    Partners p;
    for (const auto* c : table.find_related_default(b.mz() - o_mass, false, 1)) {
        if (c == &b) continue;
        if (table.coelute(*c->feature, *b.feature) && c->feature->intensity < b.feature->intensity) p.fragment = c;
        else if (c->primary() && table.separated(*c->feature, *b.feature) && p.parent == nullptr) p.parent = c;
    }
    p.fragment_oh = coeluting_weaker(table, b, b.mz() - o_mass - chem::kMassH);
    // C-hydroxylated isomers lose water in the source instead (18.0106; Ramanathan et al., Anal.
    // Chem. 72 (2000) 1352).
    p.water_loss = coeluting_weaker(table, b, b.mz() - o_mass - 2 * chem::kMassH);
    return p;
}

// One +O candidate as read so far.
struct Candidate {
    const Ion* ion = nullptr;
    const chem::Species* own = nullptr;  // the reaction's own N-oxide at this m/z
    Partners partners;
    std::optional<NOxideMs2Reading> reading;
    double o_mass = 0.0;                 // the (decoy-moved) oxygen mass
    bool frag = false, earlier = false, isotopes_agree = false;
    [[nodiscard]] bool targeted() const { return own != nullptr; }
    [[nodiscard]] bool ms2_call() const { return reading && reading->call != NOxideMs2Reading::Call::none; }
    [[nodiscard]] bool ms2_yes() const { return ms2_call() && reading->call == NOxideMs2Reading::Call::n_oxide; }
    [[nodiscard]] bool ms2_no() const { return ms2_call() && reading->call == NOxideMs2Reading::Call::not_n_oxide; }
};

// The MS1 signs: LLR and their text.
std::pair<double, std::string> ms1_signs(const Candidate& c) {
    double llr = 0.0;
    std::string signs;
    if (c.frag) {
        llr += c.targeted() ? kTargetedFragmentLlr : kUntargetedFragmentLlr;
        signs = "in-source " + std::string(c.partners.fragment != nullptr ? "[M+H-O]+" : "[M+H-OH]+") + " inside its peak";
    }
    if (c.earlier) {
        // Earlier elution alone is a weak sign: C-hydroxylated isomers elute on either side.
        llr += c.frag ? kEarlierWithFragmentLlr : kEarlierAloneLlr;
        signs += std::string(signs.empty() ? "" : " and ") + "elutes " +
                 fixed(c.partners.parent->rt() - c.ion->rt(), 0) + " s before the parent";
    }
    if (c.isotopes_agree && llr > 0.0) {
        llr += kIsotopesLlr;
        signs += ", isotope ratios of " + c.own->formula.to_string();
    }
    return {llr, signs};
}

// The note and evidence of a candidate whose final LLR is `llr` (the fragments already cleared
// when a water loss outweighs them).
void describe(const Candidate& c, double llr, const std::string& signs, ModalityResult& cand) {
    const Ion& b = *c.ion;
    const std::string name = c.own == nullptr ? "" : c.own->name + " " + c.own->formula.to_string();
    const std::string where =
        "m/z " + fixed(b.mz(), 4) + " (RT " + fixed(b.rt(), 0) + " s" + (name.empty() ? "" : ", " + name) + ")";
    if (llr <= kNOxidePositiveLlr) {
        // +O over a parent, eluting after it (or with it) and without the fragment, or losing water.
        cand.evidence.push_back(ms_evidence(*b.feature, 0.0, "", "[M+H]+", "+O species without N-oxide signs: C-hydroxylation?"));
        cand.note = c.ms2_no() ? "an +O ion at " + where + ": " + c.reading->text
                    : c.partners.water_loss != nullptr
                        ? "an +O ion at " + where + " loses water in the source (m/z " +
                              fixed(c.partners.water_loss->mz(), 4) + ") more than O/OH: C-hydroxylation rather than an N-oxide"
                        : "an +O ion at " + where + " shows neither the [M+H-O]+ fragment nor earlier elution: "
                          "C-hydroxylation rather than an N-oxide";
    } else {
        // Without the in-source O/OH loss and without an MS2 N-oxide loss, the data show an +O
        // species that elutes early: an N-oxide or a C-hydroxylation (domain.md: report the +O
        // species with lower confidence, saying why).
        const bool undecided = !c.frag && !c.ms2_yes();
        cand.evidence.push_back(ms_evidence(*b.feature, 0.0, "", "[M+H]+",
                                            undecided ? "+O species [M+H]+ (N-oxide or C-hydroxylation)" : "N-oxide [M+H]+"));
        cand.note = undecided ? "LC-MS shows an +O species at " + where + ", N-oxide or C-hydroxylation: " + signs +
                                    "; no in-source [M+H-O]+/[M+H-OH]+ and no MS2 N-oxide loss tell them apart "
                                    "(supportive only)"
                              : "LC-MS shows an N-oxide at " + where + ": " + signs;
    }
}

void add_partner_evidence(const Candidate& c, const Partners& p, ModalityResult& cand) {
    const Ion& b = *c.ion;
    if (p.fragment != nullptr)
        cand.evidence.push_back(ms_evidence(*p.fragment->feature, b.mz() - c.o_mass, "", "[M+H-O]+", "in-source loss of O"));
    if (p.fragment_oh != nullptr)
        cand.evidence.push_back(ms_evidence(*p.fragment_oh->feature, b.mz() - c.o_mass - chem::kMassH, "", "[M+H-OH]+",
                                            "in-source loss of OH"));
    if (p.parent != nullptr)
        cand.evidence.push_back(ms_evidence(*p.parent->feature, b.mz() - c.o_mass, "", "[M+H]+", "parent amine"));
    if (c.reading) {
        Evidence e = c.reading->evidence;
        if (!c.ms2_yes()) e.role = EvidenceRole::considered;
        cand.evidence.push_back(std::move(e));
        if (!c.ms2_call()) cand.note += "; " + c.reading->text;
    }
}

// The candidate's result and its ordinal strength (each N-oxide sign and the reaction's own
// N-oxide position count once, the MS2 N-oxide loss twice; 0 without a positive LLR).
std::pair<ModalityResult, double> score(const Candidate& c, const chem::ReactionModel& model) {
    ModalityResult cand;
    auto [llr, signs] = ms1_signs(c);
    Partners p = c.partners;
    // Water loss at least as strong as the O/OH loss marks a hydroxyl (an N-oxide loses O and
    // OH, an aliphatic alcohol H2O): the O/OH "fragment" is then a coincidence.
    const double frag_i = std::max(p.fragment != nullptr ? p.fragment->feature->intensity : 0.0,
                                   p.fragment_oh != nullptr ? p.fragment_oh->feature->intensity : 0.0);
    if (p.water_loss != nullptr && (!c.frag || p.water_loss->feature->intensity >= frag_i)) {
        llr = kWaterLossLlr;
        p.fragment = p.fragment_oh = nullptr;
    }
    if (!c.targeted() && !model.species.empty()) cand.corroborative_only = true;
    // Earlier elution without the in-source loss: C-hydroxylated isomers elute on either side of
    // the parent, and an ion near the void time elutes "before" every retained amine, so it is a
    // supportive sign only (domain.md: lower confidence without the fragment).
    if (c.targeted() && !c.frag) cand.corroborative_only = true;
    // The ion's own fragment spectrum outranks the MS1 signs either way.
    if (c.ms2_yes()) {
        llr = std::max(llr, 0.0) + kMs2NOxideLlr;
        cand.corroborative_only = false;
        signs += std::string(signs.empty() ? "" : "; ") + c.reading->text;
    } else if (c.ms2_no()) {
        llr = std::min(llr, 0.0) + kMs2AgainstLlr;
        cand.corroborative_only = false;
    }
    if (llr <= kNOxidePositiveLlr) llr = std::min(llr, kNoSignLlr);
    describe(c, llr, signs, cand);
    add_partner_evidence(c, p, cand);
    cand.llr = llr;
    const double strength = llr <= kNOxidePositiveLlr
                                ? 0.0
                                : (p.fragment != nullptr ? 1.0 : 0.0) + (p.fragment_oh != nullptr ? 1.0 : 0.0) +
                                      (c.earlier ? 1.0 : 0.0) + (c.targeted() ? 1.0 : 0.0) +
                                      (c.isotopes_agree ? 1.0 : 0.0) + (c.ms2_yes() ? 2.0 : 0.0);
    return {std::move(cand), strength};
}

// The candidate at ion `b`, or nullopt when it shows no relation worth reading.
std::optional<Candidate> read_candidate(const IonTable& table, const chem::ReactionModel& model, const Ion& b,
                                        const chem::Species* own, double o_mass, const Ms2Access* ms2,
                                        const std::vector<signal::Feature>* features) {
    Candidate c;
    c.ion = &b;
    c.own = own;
    c.o_mass = o_mass;
    c.partners = find_partners(table, b, o_mass);
    // MS2 of the reaction's own +O ion (target search only: a decoy position is no species and
    // has no formula to annotate against).
    if (own != nullptr && ms2 != nullptr && features != nullptr) {
        const auto consensus = ms2->consensus(*features, *b.feature);
        if (!consensus.empty())
            c.reading = read_n_oxide_ms2(consensus, chem::ion_formula(own->formula, chem::find_adduct("[M+H]+")), model, table);
    }
    const Partners& p = c.partners;
    if (p.fragment == nullptr && p.fragment_oh == nullptr && p.parent == nullptr && !c.ms2_call()) return std::nullopt;
    c.frag = p.frag();
    // A crude run holds thousands of unrelated features: two of them 15.9949 apart at different
    // retention times occur by chance many times per run (domain.md), so an +O pair that is not a
    // species of the reaction counts only with the in-source O/OH loss inside its own peak, and
    // then only as a supportive sign when the context names other species.
    if (!c.targeted() && !c.frag) return std::nullopt;
    c.earlier = p.parent != nullptr && b.rt() < p.parent->rt();
    // Isotope ratios of the feature agreeing with the N-oxide's formula (targeted only).
    if (own != nullptr && !b.feature->isotope_intensities.empty()) {
        const auto predicted = chem::isotope_pattern(own->formula + chem::Formula("H+"));
        c.isotopes_agree = chem::score_isotopes(b.feature->isotope_intensities, predicted).score > kIsotopeAgree;
    }
    return c;
}

void record(NOxideSearch& out, ModalityResult cand, double strength, bool targeted) {
    const double llr = cand.llr;
    out.strength = std::max(out.strength, strength);
    if (targeted) out.strength_targeted = std::max(out.strength_targeted, strength);
    if (targeted && llr > out.best_t) {
        out.best_t = llr;
        out.any_targeted = true;
        out.result_t = cand;
    }
    if (llr > out.best) {
        out.best = llr;
        out.best_targeted = targeted;
        out.result = std::move(cand);
    }
}

}  // namespace

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

std::vector<double> n_oxide_mz(const chem::ReactionModel& model) {
    std::vector<double> out;
    for (const auto* sp : n_oxide_species(model))
        out.push_back(chem::adduct_mz(sp->formula.monoisotopic_mass(), chem::find_adduct("[M+H]+")));
    return out;
}

NOxideSearch n_oxide_search(const IonTable& table, const chem::ReactionModel& model, double offset, bool targeted_only,
                            const Ms2Access* ms2, const std::vector<signal::Feature>* features) {
    NOxideSearch out;
    const auto species = n_oxide_species(model);
    const auto positions = n_oxide_mz(model);
    const double o_mass = chem::kMassO + offset;
    auto consider = [&](const Ion& b) {
        if (b.charge() != 1) return;
        // At the reaction's own N-oxide m/z any ion may be the species: in a dense run a flag as
        // another ion's isotope, adduct or background-ladder member can be a coincidence (the
        // decoy positions see the same). Elsewhere only primary ions stand for species.
        const chem::Species* own = model_n_oxide(species, positions, b.mz(), table, offset);
        if (!b.primary() && own == nullptr) return;
        const auto c = read_candidate(table, model, b, own, o_mass, ms2, features);
        if (!c) return;
        out.any_plus_o = true;
        auto [cand, strength] = score(*c, model);
        record(out, std::move(cand), strength, c->targeted());
    };
    if (targeted_only) {
        // Only the reaction's own N-oxide positions (cheap: a decoy test with many positions).
        for (double at : positions)
            for (const auto* b : table.find(at + offset, false, 1)) consider(*b);
    } else {
        for (const auto& b : table.ions()) consider(b);
    }
    return out;
}

}  // namespace sidepeak::classify::detail
