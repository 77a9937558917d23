// Over-alkylation, LC-MS: the ladder [M+H]+, [M+H+Δ]+, [M+H+2Δ]+ ... ending in the permanent
// quaternary cation (which sits exactly Δ above the [M+H]+ of the fully alkylated tertiary amine).
// Matches use the run's tolerance (ms_ions.hpp); isotope patterns, when the feature carries them,
// must agree with the predicted pattern; a more alkylated neutral is expected to elute after the
// product on reversed phase (each increment of the table adds hydrophobic surface).
// In a feature-rich run a single m/z is hit by chance, so each member is scored by the evidence a
// chance match lacks (isotope ratios of the formula, a co-eluting adduct or 2+ ion of the same
// neutral) and the whole search is repeated at decoy positions (ms_ions.hpp, Elias & Gygi 2007),
// anchored on the same product ion: a ladder counts only when decoys do as well in <= 5 %.
// Steps: the product ion; the MS2 charge-site reading of ions at a quaternary m/z; the members and
// their decoy test; the per-hit test of each member (with its MS2, over_alkylation_ms2.cpp); the
// verdict. Without a known increment: over_alkylation_generic.cpp.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

#include "ion_positions.hpp"
#include "ms2_evidence.hpp"
#include "ms_ions.hpp"
#include "over_alkylation_generic.hpp"
#include "over_alkylation_ms2.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "detectors.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify {
namespace {

using detail::fisher2;

constexpr double kIsotopeAgree = 0.5;  // above this isotope score the ratios support the formula
// Retention-time plausibility of a member eluting with or after the product (species_hit's
// rt_bonus, [0, 1]): half of a full sign, since a chance ion does so about half the time.
constexpr double kLaterRtBonus = 0.5;
// Evidence weights (natural-log likelihood ratios; refitted by classify/calibration.cpp).
constexpr double kMemberLlr = 2.0;             // one member beyond chance
constexpr double kExtraMemberLlr = 0.7;        // each further member
constexpr double kProductSeenLlr = 0.4;        // the product ion itself seen
constexpr double kIsotopesLlr = 0.3;           // a member's isotopes at the formula's ratios
constexpr double kRtInvertedLlr = 0.8;         // subtracted: a neutral member elutes before the product
constexpr double kMs2ConfirmedLlr = 0.5;       // a member's MS2 beyond chance
constexpr double kAtChanceLlr = -0.3;          // members seen, at chance level
constexpr double kProductOnlyLlr = -1.8;       // the product seen, no member
constexpr double kNothingLlr = -0.4;           // neither product nor member

struct Match {
    const detail::Ion* ion = nullptr;
    double expected = 0.0;
    double isotope_score = -1.0;  // -1: no isotopes to compare
    bool partner = false;         // a co-eluting adduct or 2+ ion of the same neutral
    double closeness = 0.0;       // mass agreement after recalibration, [0, 1] (IonTable::closeness)
    // 1 for the m/z, + its closeness, + the isotope agreement beyond "no information" (score 0.5 ->
    // 0, 1 -> 1), +1 for a co-eluting ion of the same neutral. A chance match has a closeness
    // uniform on [0, 1] and, in a crowded window, rarely a partner or the formula's isotope ratios.
    [[nodiscard]] double quality() const {
        if (ion == nullptr) return 0.0;
        const double iso = isotope_score > kIsotopeAgree ? 2.0 * (isotope_score - kIsotopeAgree) : 0.0;
        return 1.0 + closeness + iso + (partner ? 1.0 : 0.0);
    }
};

// A co-eluting [M+Na]+, [M+K]+, [M+NH4]+ or [M+2H]2+ of the neutral whose [M+H]+ is `ion`.
bool has_partner(const detail::IonTable& table, const detail::Ion& ion) {
    const double mh = ion.mz();
    const double partners[][2] = {{mh + chem::kMassNa - chem::kMassH, 1},
                                  {mh + chem::kMassK - chem::kMassH, 1},
                                  {mh + chem::kMassN + 3 * chem::kMassH, 1},
                                  {(mh + chem::kProtonMass) / 2, 2}};
    for (const auto& p : partners) {
        for (const auto* c : table.find_related(p[0], false, static_cast<int>(p[1]))) {
            if (c != &ion && table.coelute(*c->feature, *ion.feature)) return true;
        }
    }
    return false;
}

// The ion a species is seen as: [M+H]+ of a neutral, M+ (or M2+) of a permanent cation.
chem::Formula observed_formula(const chem::Species& sp) {
    chem::Formula f = sp.formula;
    if (!sp.permanent_cation()) f += chem::Formula("H+");
    return f;
}

// `offset` moves the expected m/z (decoys); any ion at that m/z may be the species (a flag as
// another ion's isotope or adduct may be a chance coincidence in a dense run; decoys see the same).
Match match_species(const detail::IonTable& table, const chem::Species& sp, double offset = 0.0) {
    Match m;
    const chem::Formula ion_formula = observed_formula(sp);
    m.expected = ion_formula.mz() + offset;
    const auto predicted = chem::isotope_pattern(ion_formula);
    for (const auto* ion : table.find(m.expected, false, std::abs(ion_formula.charge()))) {
        Match c = m;
        c.ion = ion;
        const auto& iso = ion->feature->isotope_intensities;
        if (!iso.empty()) {
            c.isotope_score = chem::score_isotopes(iso, predicted).score;
            if (c.isotope_score < detail::kIsotopeReject) continue;
        }
        c.partner = !sp.permanent_cation() && has_partner(table, *ion);
        c.closeness = table.closeness(ion->mz(), m.expected);
        if (c.quality() > m.quality()) m = c;
    }
    return m;
}

std::string adduct_of(const chem::Species& sp) {
    if (!sp.permanent_cation()) return "[M+H]+";
    return sp.formula.charge() == 1 ? "[M]+" : "[M]2+";
}

bool above_product(const chem::Species& sp) {
    return sp.role == chem::SpeciesRole::over_alkylated || sp.role == chem::SpeciesRole::quaternary;
}

struct Product {
    const chem::Species* species = nullptr;
    Match match;
};

Product find_product(const detail::IonTable& table, const chem::ReactionModel& model) {
    Product p;
    for (const auto& sp : model.species) {
        if (sp.role != chem::SpeciesRole::product) continue;
        const Match m = match_species(table, sp);
        if (m.ion == nullptr) continue;
        p.species = &sp;
        p.match = m;
    }
    return p;
}

// At a quaternary m/z an ion may be the [M+H]+ of a tertiary amine of the same formula (e.g.
// the ring-opened Hofmann product): its MS2 tells (ms2_evidence.hpp, read_charge_site). An ion
// read as protonated is no quaternary member (target only: decoy positions have no formula).
struct QuatReadings {
    std::vector<std::pair<const detail::Ion*, detail::ChargeReading>> readings;
    std::vector<const detail::Ion*> not_quaternary;
    std::vector<Evidence> evidence;  // the protonated readings (role considered)
    [[nodiscard]] const detail::ChargeReading* of(const detail::Ion* ion) const {
        for (const auto& [i, q] : readings)
            if (i == ion) return &q;
        return nullptr;
    }
    [[nodiscard]] bool excluded(const detail::Ion* ion) const {
        return std::find(not_quaternary.begin(), not_quaternary.end(), ion) != not_quaternary.end();
    }
    [[nodiscard]] std::string protonated_text() const {
        std::string s;
        for (const auto& [ion, q] : readings)
            if (q.site == detail::ChargeSite::protonated) s += "; " + q.text;
        return s;
    }
};

QuatReadings read_quaternary_sites(const detail::IonTable& table, const chem::ReactionModel& model,
                                   const std::vector<signal::Feature>& features, const Ms2Access& ms2) {
    QuatReadings out;
    for (const auto& sp : model.species) {
        if (!sp.permanent_cation() || ms2.empty()) continue;
        for (const auto* ion : table.find(sp.formula.mz(), false, std::abs(sp.formula.charge()))) {
            auto q = detail::read_charge_site(ms2.consensus(features, *ion->feature), sp.formula, model, table.theory_ppm());
            if (!q.read) continue;
            if (q.site == detail::ChargeSite::protonated) {
                out.not_quaternary.push_back(ion);
                q.evidence.role = EvidenceRole::considered;
                out.evidence.push_back(q.evidence);
            }
            out.readings.emplace_back(ion, std::move(q));
        }
    }
    return out;
}

// What every step reads: the run's ions, the reaction, the product ion and the charge readings.
struct Ladder {
    const detail::IonTable& table;
    const chem::ReactionModel& model;
    const ClassifierOptions& options;
    const Product& product;
    const QuatReadings& quats;
};

// A more alkylated neutral elutes with or after the product on reversed phase (each table
// increment adds hydrophobic surface); quaternary cations are exempt (their retention follows
// ion pairing). The product's apex less the larger of the co-elution window and its FWHM.
bool elutes_later(const Ladder& l, const chem::Species& sp, const detail::Ion& ion) {
    if (l.product.species == nullptr || sp.role != chem::SpeciesRole::over_alkylated) return false;
    const auto& p = *l.product.match.ion;
    return ion.rt() >= p.rt() - std::max(l.options.coelution_s, p.feature->fwhm_s);
}

using Members = std::vector<std::pair<const chem::Species*, Match>>;

// Ladder members above the product, scored at `offset` (0 = target).
Members ladder_members(const Ladder& l, double offset) {
    Members out;
    for (const auto& sp : l.model.species) {
        if (!above_product(sp)) continue;
        const Match m = match_species(l.table, sp, offset);
        if (m.ion == nullptr) continue;
        if (offset == 0.0 && l.quats.excluded(m.ion)) continue;
        out.emplace_back(&sp, m);
    }
    return out;
}

// The members' decoy test: each member's quality, +1 when it elutes with or after the product
// (a chance ion does so about half the time).
detail::DecoyTest members_decoy_test(const Ladder& l) {
    return detail::decoy_test([&](double offset) {
        double s = 0.0;
        for (const auto& [sp, m] : ladder_members(l, offset)) s += m.quality() + (elutes_later(l, *sp, *m.ion) ? 1.0 : 0.0);
        return s;
    });
}

// Per-hit specificity: each member position is tested on its own, with the evidence the ion
// itself carries (isotopes of the formula, co-eluting adducts, mass error, elution after the
// product), at every in-range decoy position; the members' chance rates are then combined over
// the positions the run's m/z range can show (detail::combined_chance).
struct PerHit {
    std::vector<double> rates;
    int ms2_confirmed = 0;
    std::size_t positions = 0;
    std::string text;
    std::vector<Evidence> ms2_evidence;
    [[nodiscard]] double chance() const { return detail::combined_chance(rates, positions); }
    void add_text(const std::string& s) { text += (text.empty() ? "" : "; ") + s; }
};

// The member's own MS2 (target only): predicted fragments matched beyond the run's chance rate
// are independent per-hit evidence, combined with the MS1 chance rate (Fisher). Returns the rate.
double with_member_ms2(const Ladder& l, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                       const chem::Species& sp, const detail::Ion& ion, const chem::Formula& f, double rate,
                       std::string& ms2_text, PerHit& out) {
    if (ms2.empty()) return rate;
    const auto m2 = detail::read_member_ms2(ms2, features, ion, f, detail::ladder_member_prediction(l.model, sp),
                                            l.table, sp.permanent_cation());
    if (!m2.read) return rate;
    ms2_text += "; " + m2.text;
    out.ms2_evidence.push_back(m2.evidence);
    if (!m2.counts()) {
        out.ms2_evidence.back().role = EvidenceRole::considered;
        return rate;
    }
    ++out.ms2_confirmed;
    return fisher2(rate, m2.chance);
}

void test_member(const Ladder& l, const std::vector<signal::Feature>& features, const Ms2Access& ms2,
                 const chem::Species& sp, PerHit& out) {
    const chem::Formula f = observed_formula(sp);
    const double mz = f.mz();
    if (mz < l.table.min_mz() || mz > l.table.max_mz()) return;
    ++out.positions;
    auto hit_at = [&](double off) {
        return detail::species_hit(l.table, f, off, !sp.permanent_cation(), [&](const detail::Ion& ion) {
            return elutes_later(l, sp, ion) ? kLaterRtBonus : 0.0;
        });
    };
    const auto hit = hit_at(0.0);
    if (hit.ion == nullptr) return;
    const std::string where = sp.name + " m/z " + detail::fixed(hit.ion->mz(), 4);
    std::string ms2_text;
    if (const auto* q = l.quats.of(hit.ion)) {
        if (q->site == detail::ChargeSite::protonated) {
            out.add_text(where + " not counted: " + q->text);
            return;
        }
        ms2_text = "; " + q->text;
    }
    const double rate =
        with_member_ms2(l, features, ms2, sp, *hit.ion, f, detail::hit_decoy_test(l.table, mz, hit_at).rate(), ms2_text, out);
    out.rates.push_back(rate);
    const std::string signs = hit.signs();
    out.add_text(where + (signs.empty() ? "" : " (" + signs + ")") + " chance rate " + detail::fixed(rate, 3) + ms2_text);
}

PerHit per_hit_test(const Ladder& l, const std::vector<signal::Feature>& features, const Ms2Access& ms2) {
    PerHit out;
    for (const auto& sp : l.model.species)
        if (above_product(sp)) test_member(l, features, ms2, sp, out);
    return out;
}

struct Found {
    int over = 0, quat = 0;
    bool good_isotopes = false, rt_inverted = false;
    std::string names;  // "S+2 benzyl at m/z 281.2000 (RT 3655 s, isotopes agree), ..."
    [[nodiscard]] int count() const { return over + quat; }
};

// The lower species, the product and the members as evidence (in that order), and what the
// members show.
Found summarise(const Ladder& l, const Members& members, std::vector<Evidence>& evidence) {
    for (const auto& sp : l.model.species) {
        if (sp.role != chem::SpeciesRole::starting_amine && sp.role != chem::SpeciesRole::intermediate) continue;
        const Match m = match_species(l.table, sp);
        if (m.ion != nullptr)
            evidence.push_back(detail::ms_evidence(*m.ion->feature, m.expected, sp.formula.to_string(), adduct_of(sp), sp.name));
    }
    const auto* product = l.product.species;
    const auto* pion = l.product.match.ion;
    if (product != nullptr)
        evidence.push_back(detail::ms_evidence(*pion->feature, l.product.match.expected, product->formula.to_string(),
                                               adduct_of(*product), product->name + " (product)"));
    Found f;
    for (const auto& [sp, m] : members) {
        (sp->role == chem::SpeciesRole::quaternary ? f.quat : f.over) += 1;
        if (m.isotope_score > kIsotopeAgree) f.good_isotopes = true;
        if (product != nullptr && sp->role == chem::SpeciesRole::over_alkylated &&
            l.table.separated(*m.ion->feature, *pion->feature) && m.ion->rt() < pion->rt())
            f.rt_inverted = true;
        f.names += (f.names.empty() ? "" : ", ") + sp->name + " at m/z " + detail::fixed(m.ion->mz(), 4) + " (RT " +
                   detail::fixed(m.ion->rt(), 0) + " s" + (m.isotope_score > kIsotopeAgree ? ", isotopes agree" : "") +
                   (m.partner ? ", with its adduct" : "") + ")";
        evidence.push_back(detail::ms_evidence(*m.ion->feature, m.expected, sp->formula.to_string(), adduct_of(*sp), sp->name));
    }
    return f;
}

std::string precision_note(const detail::IonTable& table) {
    if (table.quantum() > 0.0) return "; m/z quantised to " + detail::fixed(table.quantum(), 2) + " Da";
    const std::string p = detail::precision_text(table);
    return p.empty() ? "" : "; " + p;
}

// When no member counts and some of the ladder's ions lie beyond the run's scan limit (a scan that
// starts above the product, detail::outside_run), the negative says less than it seems: the
// positions read are named with what each holds -- beyond the limit, empty (with the nearest ion and its
// offset) or an ion that did not count (isotopes of another formula, or read as protonated by its
// MS2). With every position inside the scan "no member" already says it all.
std::string positions_read(const Ladder& l) {
    bool any_outside = false;
    for (const auto& sp : l.model.species)
        if (sp.role == chem::SpeciesRole::product || above_product(sp))
            any_outside = any_outside || detail::outside_run(l.table, observed_formula(sp).mz());
    if (!any_outside) return "";
    std::string s;
    for (const auto& sp : l.model.species) {
        const bool product = sp.role == chem::SpeciesRole::product;
        if ((!product && !above_product(sp)) || (product && l.product.species != nullptr)) continue;
        const chem::Formula f = observed_formula(sp);
        s += (s.empty() ? "" : "; ") +
             detail::position_text(l.table, sp.name + (product ? " (product) " : " ") + adduct_of(sp), f.mz(),
                                   std::max(1, std::abs(f.charge())));
    }
    return s.empty() ? "" : " (positions read: " + s + ")";
}

// DDA precursors at a quaternary cation's m/z that MS1 holds no ion at. A data-dependent MS2 scan
// is triggered by an ion of its precursor m/z in the survey scan before it (Stahl et al., J. Am.
// Soc. Mass Spectrom. 7 (1996) 532), so scans at the cation's exact m/z record an ion the feature
// detection kept none of (below its S/N limit). A quaternary cation of the reaction is itself an
// over-alkylated species (one alkylation beyond the tertiary amine); its ring-opened Hofmann isobar
// needs the quaternary to form. The scan count is compared with the counts at every in-range decoy
// position of the m/z (range_decoy_offsets, up to 400; as in hofmann_ms.cpp): a DDA run triggers
// on hundreds of matrix ions, so only a count decoys rarely reach (<= 5 %) counts. Unit-resolution
// runs are left out: a +-0.1 Da bin holds hundreds of compositions.
struct QuatPrecursors {
    const chem::Species* species = nullptr;
    double mz = 0.0;
    detail::DecoyTest test;
    [[nodiscard]] bool counts() const { return species != nullptr && test.significant(); }
};

std::size_t precursor_scans(const detail::IonTable& table, const Ms2Access& ms2, double mz) {
    std::size_t n = 0;
    for (const auto* run : ms2.runs)
        if (run != nullptr) n += detail::precursor_positions(table, *run, mz).size();
    return n;
}

QuatPrecursors quaternary_precursors(const Ladder& l, const Ms2Access& ms2) {
    QuatPrecursors best;
    if (ms2.empty() || l.table.quantum() > 0.0) return best;
    for (const auto& sp : l.model.species) {
        if (sp.role != chem::SpeciesRole::quaternary || sp.formula.charge() != 1) continue;
        const double mz = sp.formula.mz();
        if (mz < l.table.min_mz() || mz > l.table.max_mz() || !l.table.find(mz, false, 1).empty()) continue;
        const auto offsets = detail::range_decoy_offsets(l.table.min_mz(), l.table.max_mz(), {mz});
        const auto t = detail::decoy_test(
            [&](double off) { return static_cast<double>(precursor_scans(l.table, ms2, mz + off)); }, &offsets);
        if (t.significant() && (best.species == nullptr || t.rate() < best.test.rate())) best = {&sp, mz, t};
    }
    return best;
}

// No member counts, the cation's DDA precursors do: one member beyond chance.
void precursor_verdict(const Ladder& l, const QuatPrecursors& q, ModalityResult& r) {
    r.llr = kMemberLlr + (l.product.species != nullptr ? kProductSeenLlr : 0.0);
    r.note = "LC-MS shows " + q.species->name + " m/z " + detail::fixed(q.mz, 4) + " as the precursor of " +
             std::to_string(static_cast<std::size_t>(q.test.target)) +
             " data-dependent MS2 scan(s) (the survey scan saw it; no MS1 feature kept there; " + q.test.text() + ")" +
             positions_read(l);
}

// DDA precursors at a singly charged member's exact m/z (S+2 [M+H]+, the quaternary M+) that MS1
// holds no ion at, read by their fragments. The scans record an ion the survey scan saw (Stahl et
// al. 1996, above); their consensus MS2 showing the member's predicted fragments (>= 2: tropylium
// of an N-benzyl, the ring's C2H5N / C3H7N alpha-cleavage losses; over_alkylation_ms2.hpp) beyond
// the chance of the run's other MS2 scans says the ion was that member and no matrix ion of the
// same m/z. Per member, the scan count's decoy rate (as quaternary_precursors) and the MS2 chance
// are combined (Fisher), as the per-hit test combines an MS1 hit with its MS2; the members' rates
// are combined over the positions read (combined_chance). The scan count alone was not enough:
// one scan at S+2 was matched as often by 10 of 400 decoy positions (docs/classifier.md).
struct MemberScans {
    std::vector<double> rates;
    std::size_t positions = 0;
    const chem::Species* species = nullptr;  // the member with the lowest rate
    double mz = 0.0;
    double rate = 1.0;
    detail::DecoyTest count;
    std::string ms2_text;
    Evidence evidence;
    [[nodiscard]] double chance() const { return detail::combined_chance(rates, positions); }
    [[nodiscard]] bool counts() const { return species != nullptr && chance() <= detail::DecoyTest::kAlpha; }
};

// The member's scans and fragments, recorded in `out` when their MS2 counts.
void read_member_scans(const Ladder& l, const Ms2Access& ms2, const chem::Species& sp, MemberScans& out) {
    const chem::Formula f = observed_formula(sp);
    const double mz = f.mz();
    if (std::abs(f.charge()) != 1 || mz < l.table.min_mz() || mz > l.table.max_mz() || !l.table.find(mz, false, 1).empty())
        return;
    ++out.positions;
    const auto offsets = detail::range_decoy_offsets(l.table.min_mz(), l.table.max_mz(), {mz});
    const auto count = detail::decoy_test(
        [&](double off) { return static_cast<double>(precursor_scans(l.table, ms2, mz + off)); }, &offsets);
    if (count.target <= 0.0) return;
    const auto c = detail::precursor_consensus(l.table, ms2.runs, mz);
    if (c.empty() || c.peaks.empty()) return;
    const auto p = detail::ladder_member_prediction(l.model, sp);
    const double ppm = l.table.theory_ppm();
    const std::size_t matches = detail::count_predicted(p, mz, 1, c.mz(), c.intensity(), ppm);
    const auto chance = detail::ms2_chance(ms2, p, mz, ppm, matches);
    if (matches < detail::kLadderMs2MinMatches || chance.others < detail::kLadderMs2MinOtherScans ||
        chance.rate > detail::DecoyTest::kAlpha)
        return;
    const double rate = fisher2(count.rate(), chance.rate);
    out.rates.push_back(rate);
    if (out.species != nullptr && rate >= out.rate) return;
    out.species = &sp;
    out.mz = mz;
    out.rate = rate;
    out.count = count;
    out.ms2_text = "MS2 of m/z " + detail::fixed(c.precursor_mz, 4) + " (" + detail::ms2_provenance(c) + "): " +
                   std::to_string(matches) + " of " + std::to_string(p.size()) + " predicted fragments, chance " +
                   detail::fixed(chance.rate, 3) + " over " + std::to_string(chance.others) + " other MS2 scans";
    out.evidence = detail::ms2_evidence(c, f, detail::annotate_predicted(f, c, p, ppm),
                                        "MS2 of a ladder member at a DDA precursor: " + std::to_string(matches) +
                                            " of " + std::to_string(p.size()) + " predicted fragments");
    if (sp.permanent_cation()) out.evidence.adduct = "[M]+";
    out.evidence.predicted = detail::predicted_entries(p, f, c, ppm);
}

MemberScans member_scans(const Ladder& l, const Ms2Access& ms2) {
    MemberScans out;
    if (ms2.empty() || l.table.quantum() > 0.0) return out;
    for (const auto& sp : l.model.species)
        if (above_product(sp)) read_member_scans(l, ms2, sp, out);
    return out;
}

// No member counts in MS1, a member's DDA scans and their fragments do: one member beyond chance.
void member_scans_verdict(const Ladder& l, const MemberScans& m, ModalityResult& r) {
    r.llr = kMemberLlr + (l.product.species != nullptr ? kProductSeenLlr : 0.0);
    r.note = "LC-MS shows " + m.species->name + " m/z " + detail::fixed(m.mz, 4) + " as the precursor of " +
             std::to_string(static_cast<std::size_t>(m.count.target)) +
             " data-dependent MS2 scan(s) (the survey scan saw it; no MS1 feature kept there; " + m.count.text() +
             "; " + m.ms2_text + "; combined chance " + detail::fixed(m.chance(), 3) + " over " +
             std::to_string(m.positions) + " position(s) read)" + positions_read(l);
    r.evidence.push_back(m.evidence);
}

// The per-ion test beyond chance (the members' combined chance at <= 5 % / 4, DecoyTest::kPerClassAlpha).
bool per_hit_counts(const PerHit& hits) { return detail::per_ion_call(hits.chance()); }

// Members found and beyond chance by the ladder's decoy test or the per-ion test.
bool members_count(const Found& f, const detail::DecoyTest& test, const PerHit& hits) {
    return f.count() > 0 && (test.significant() || per_hit_counts(hits));
}

void write_verdict(const Ladder& l, const Found& f, const detail::DecoyTest& test, const PerHit& hits, ModalityResult& r) {
    const double per_hit_chance = hits.chance();
    const bool per_hit = per_hit_counts(hits);
    const std::string precision = precision_note(l.table);
    const std::string per_hit_text =
        hits.text.empty() ? "" : "; per ion: " + hits.text + ", combined " + detail::fixed(per_hit_chance, 3);
    const int found = f.count();
    if (found > 0 && !test.significant() && !per_hit) {
        r.llr = kAtChanceLlr;
        r.note = "LC-MS shows " + f.names + ", but at chance level in this run: " + test.text() + per_hit_text + precision;
    } else if (found > 0) {
        r.llr = kMemberLlr + kExtraMemberLlr * (found - 1) + (l.product.species != nullptr ? kProductSeenLlr : 0.0) +
                (f.good_isotopes ? kIsotopesLlr : 0.0) - (f.rt_inverted ? kRtInvertedLlr : 0.0) +
                (hits.ms2_confirmed > 0 ? kMs2ConfirmedLlr : 0.0);
        r.note = "LC-MS shows " + f.names + (f.rt_inverted ? " (elutes before the product, unusual on reversed phase)" : "") +
                 " (" + test.text() + per_hit_text + precision + ")";
    } else if (l.product.species != nullptr) {
        r.llr = kProductOnlyLlr;
        r.note = "LC-MS shows the product at m/z " + detail::fixed(l.product.match.ion->mz(), 4) +
                 " but no more alkylated ion or quaternary cation" + positions_read(l);
    } else {
        r.llr = kNothingLlr;
        r.note = "no member of the " + l.model.reagent_name + " ladder in LC-MS" + positions_read(l);
    }
}

}  // namespace

ModalityResult over_alkylation_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                                  const ClassifierOptions& options, const Ms2Access& ms2) {
    return over_alkylation_ms(detail::IonTable(features, options, detail::model_calibrants(model)), features, model, ms2);
}

ModalityResult over_alkylation_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                                  const chem::ReactionModel& model, const Ms2Access& ms2) {
    ModalityResult r;
    if (table.empty()) return r;
    r.checked = true;
    if (!model.increment) {
        ModalityResult g = detail::generic_ladders(table, model, features, ms2);
        g.checked = true;
        return g;
    }
    const Product product = find_product(table, model);
    const QuatReadings quats = read_quaternary_sites(table, model, features, ms2);
    const Ladder ladder{table, model, table.options(), product, quats};
    const Members members = ladder_members(ladder, 0.0);
    const auto test = members_decoy_test(ladder);
    PerHit hits = per_hit_test(ladder, features, ms2);
    const Found found = summarise(ladder, members, r.evidence);
    std::vector<Evidence> ms2_list = quats.evidence;
    for (auto& e : hits.ms2_evidence) ms2_list.push_back(std::move(e));
    for (auto& e : ms2_list)
        if (found.count() > 0 || e.role == EvidenceRole::considered) r.evidence.push_back(std::move(e));
    const QuatPrecursors qp = members_count(found, test, hits) ? QuatPrecursors{} : quaternary_precursors(ladder, ms2);
    const MemberScans ms = members_count(found, test, hits) || qp.counts() ? MemberScans{} : member_scans(ladder, ms2);
    if (qp.counts()) {
        precursor_verdict(ladder, qp, r);
    } else if (ms.counts()) {
        member_scans_verdict(ladder, ms, r);
    } else {
        write_verdict(ladder, found, test, hits, r);
    }
    const std::string protonated = quats.protonated_text();
    if (!protonated.empty() && r.note.find(protonated.substr(2)) == std::string::npos) r.note += protonated;
    return r;
}

}  // namespace sidepeak::classify
