// Over-alkylation, LC-MS: the ladder [M+H]+, [M+H+Δ]+, [M+H+2Δ]+ ... ending in the permanent
// quaternary cation (which sits exactly Δ above the [M+H]+ of the fully alkylated tertiary amine).
// Matches use the run's tolerance (ms_ions.hpp); isotope patterns, when the feature carries them,
// must agree with the predicted pattern; a more alkylated neutral is expected to elute after the
// product on reversed phase (each increment of the table adds hydrophobic surface).
// In a feature-rich run a single m/z is hit by chance, so each member is scored by the evidence a
// chance match lacks (isotope ratios of the formula, a co-eluting adduct or 2+ ion of the same
// neutral) and the whole search is repeated at decoy positions (ms_ions.hpp, Elias & Gygi 2007),
// anchored on the same product ion: a ladder counts only when decoys do as well in <= 5 %.
#include <algorithm>
#include <cmath>
#include <limits>

#include "ms2_evidence.hpp"
#include "ms_ions.hpp"
#include "sidepeak/chem/adducts.hpp"
#include "sidepeak/chem/fragments.hpp"
#include "sidepeak/chem/constants.hpp"
#include "sidepeak/chem/isotopes.hpp"
#include "sidepeak/classify/detectors.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify {
namespace {

// ---- MS/MS of a ladder member -------------------------------------------------------------
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
constexpr std::size_t kMs2MinMatches = 2;
constexpr std::size_t kMs2MinOtherScans = 20;  // fewer scans cannot measure a chance rate
using detail::PredictedMs2;

detail::PredictedMs2 predicted_ms2(const chem::ReactionModel& model, const chem::Species& sp) {
    PredictedMs2 p;
    if (!model.increment) return p;
    if (sp.alkylations >= 1 && *model.increment == chem::Formula("C7H6"))
        p.ions.push_back({"C7H7+ (tropylium)", chem::Formula("C7H7+"), "benzyl/tropylium ion of an N-benzyl group"});
    p.losses.push_back({"C2H5N", chem::Formula("C2H5N"), "ring opening by alpha-cleavage (ethyleneimine side)"});
    p.losses.push_back({"C3H7N", chem::Formula("C3H7N"), "ring opening by alpha-cleavage (propyleneimine side)"});
    if (sp.permanent_cation()) {
        // The quaternary cation's own paths (ms2_evidence.hpp, read_charge_site): the reagent's
        // alkene (Hofmann-type) and, for N-benzyl, toluene.
        for (auto& l : detail::quaternary_prediction(sp.formula, model).losses) p.losses.push_back(std::move(l));
    }
    return p;
}

struct MemberMs2 {
    bool read = false;         // the member has MS2 in this run
    std::size_t matches = 0;
    std::size_t predicted = 0;
    double chance = 1.0;       // fraction of the run's other MS2 scans matching as many
    std::size_t others = 0;
    std::string text;
    Evidence evidence;
    [[nodiscard]] bool counts() const {
        return read && matches >= kMs2MinMatches && others >= kMs2MinOtherScans && chance <= detail::DecoyTest::kAlpha;
    }
};

MemberMs2 read_member_ms2(const Ms2Access& ms2, const std::vector<signal::Feature>& features, const detail::Ion& ion,
                          const chem::Formula& ion_formula, const PredictedMs2& p, const detail::IonTable& table,
                          bool quaternary) {
    MemberMs2 out;
    const auto c = ms2.consensus(features, *ion.feature);
    if (c.empty() || c.peaks.empty()) return out;
    out.read = true;
    out.predicted = p.ions.size() + p.losses.size();
    const double ppm = table.theory_ppm();
    const int z = std::abs(ion_formula.charge());
    out.matches = detail::count_predicted(p, ion_formula.mz(), z, c.mz(), c.intensity(), ppm);
    // Chance: every other MS2 scan of the runs (precursor outside the member's tolerance).
    const auto chance = detail::ms2_chance(ms2, p, ion.mz(), ppm, out.matches);
    const std::size_t others = chance.others;
    out.others = others;
    out.chance = chance.rate;
    const auto fragments = detail::annotate_predicted(ion_formula, c, p, ppm);
    out.text = "MS2 of m/z " + detail::fixed(c.precursor_mz, 4) + " (" + detail::ms2_provenance(c) + "): " +
               std::to_string(out.matches) + " of " + std::to_string(out.predicted) +
               " predicted fragments (tropylium, ring alpha-cleavage losses, Hofmann alkene), chance " +
               detail::fixed(out.chance, 3) + " over " + std::to_string(others) + " other MS2 scans";
    out.evidence = detail::ms2_evidence(c, ion_formula, fragments,
                                        "MS2 of a ladder member: " + std::to_string(out.matches) + " of " +
                                            std::to_string(out.predicted) + " predicted fragments");
    if (quaternary) out.evidence.adduct = "[M]+";
    out.evidence.predicted = detail::predicted_entries(p, ion_formula, c, ppm);
    return out;
}

using detail::fisher2;

constexpr double kIsotopeReject = 0.05;  // below this isotope score the ion is another compound
constexpr double kIsotopeAgree = 0.5;    // above it the ratios support the formula

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

// `offset` moves the expected m/z (decoys); any ion at that m/z may be the species (a flag as
// another ion's isotope or adduct may be a chance coincidence in a dense run; decoys see the same).
Match match_species(const detail::IonTable& table, const chem::Species& sp, double offset = 0.0) {
    Match m;
    chem::Formula ion_formula = sp.formula;
    if (!sp.permanent_cation()) ion_formula += chem::Formula("H+");
    m.expected = ion_formula.mz() + offset;
    const auto predicted = chem::isotope_pattern(ion_formula);
    for (const auto* ion : table.find(m.expected, false, std::abs(ion_formula.charge()))) {
        Match c = m;
        c.ion = ion;
        const auto& iso = ion->feature->isotope_intensities;
        if (!iso.empty()) {
            c.isotope_score = chem::score_isotopes(iso, predicted).score;
            if (c.isotope_score < kIsotopeReject) continue;
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

// Nominal m/z (CHNOFS ions below m/z ~1000 have mass defects < 0.5).
long nominal(double mz) { return std::lround(mz); }

// Without a known increment: the longest chain of primary singly charged ions spaced by `d`, RT
// non-decreasing along the chain (more alkylated: not earlier). Fills `chain` when given.
// A diamine's ladder ion holds two N, so by the nitrogen rule its [M+H]+ (and its quaternary M+)
// has an odd nominal m/z; and it has at most 2 x sites + 1 members (each N takes up to two
// groups beyond the NH amine, to the quaternary). A longer chain is a homologous series of the
// matrix (lipids, surfactants), not alkylation; it is not counted, nor is any part of it.
std::size_t longest_chain(const detail::IonTable& table, double d, std::size_t max_members,
                          std::vector<const detail::Ion*>* best_chain) {
    auto step = [&](const detail::Ion& from, double dir) -> const detail::Ion* {
        for (const auto* h : table.find_related(from.mz() + dir * d, true, 1)) {
            if (nominal(h->mz()) % 2 == 0) continue;
            if (dir > 0 ? h->rt() + 3.0 >= from.rt() : h->rt() <= from.rt() + 3.0) return h;
        }
        return nullptr;
    };
    std::size_t best = 0;
    for (const auto& start : table.ions()) {
        if (!start.primary() || start.charge() != 1 || nominal(start.mz()) % 2 == 0) continue;
        if (step(start, -1.0) != nullptr) continue;  // not the first member of its chain
        std::vector<const detail::Ion*> chain{&start};
        while (chain.size() <= max_members) {
            const detail::Ion* next = step(*chain.back(), 1.0);
            if (next == nullptr) break;
            chain.push_back(next);
        }
        if (chain.size() > max_members) continue;  // homologous series
        if (chain.size() > best) {
            best = chain.size();
            if (best_chain != nullptr) *best_chain = chain;
        }
    }
    return best >= 3 ? best : 0;
}

// Without a known increment but with the route's starting amine S: ions at [S + kΔ + H]+ for
// k = 0 .. 2 x sites - 1 (the last is the quaternary M+, isobaric with it), moved by `offset` for
// decoys. Returns the members found (k ascending); a ladder anchored on the reaction's own amine
// is what a chance chain of matrix ions lacks.
std::vector<const detail::Ion*> anchored_ladder(const detail::IonTable& table, const chem::ReactionModel& model,
                                                double delta, double offset, double* closeness = nullptr) {
    std::vector<const detail::Ion*> out;
    const double base = (model.starting_amine + chem::Formula("H+")).mz() + offset;
    const int max_k = 2 * std::max(model.reactive_sites, 1) - 1;
    double sum = 0.0;
    for (int k = 0; k <= max_k; ++k) {
        const auto hits = table.find(base + k * delta, false, 1);
        if (hits.empty()) continue;
        out.push_back(hits.front());
        sum += table.closeness(hits.front()->mz(), base + k * delta);
    }
    if (closeness != nullptr) *closeness = out.empty() ? 0.0 : sum / static_cast<double>(out.size());
    return out;
}

// MS2 of the members of a ladder found without a reagent (formula unknown: read by m/z): the
// increment's tropylium (benzyl) and the ring alpha-cleavage losses, as for a known reagent
// (predicted_ms2), at least two per member beyond the chance rate on the run's other MS2 scans;
// the members' rates combined over the members read (detail::combined_chance).
struct LadderMs2 {
    std::size_t read = 0, confirmed = 0;
    std::vector<double> rates;
    std::string text;
    std::vector<Evidence> evidence;
    [[nodiscard]] double chance() const { return rates.empty() ? 1.0 : detail::combined_chance(rates, rates.size()); }
};

LadderMs2 read_ladder_ms2(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                          const Ms2Access& ms2, const std::vector<const detail::Ion*>& ions, const chem::Formula& delta) {
    LadderMs2 out;
    if (ms2.empty()) return out;
    PredictedMs2 p;
    if (delta == chem::Formula("C7H6"))
        p.ions.push_back({"C7H7+ (tropylium)", chem::Formula("C7H7+"), "benzyl/tropylium ion of an N-benzyl group"});
    p.losses.push_back({"C2H5N", chem::Formula("C2H5N"), "ring opening by alpha-cleavage (ethyleneimine side)"});
    p.losses.push_back({"C3H7N", chem::Formula("C3H7N"), "ring opening by alpha-cleavage (propyleneimine side)"});
    const double ppm = table.theory_ppm();
    std::vector<double> siblings;  // the ladder's own members are no chance draws for each other
    for (const auto* ion : ions) siblings.push_back(ion->mz());
    for (const auto* ion : ions) {
        const auto c = ms2.consensus(features, *ion->feature);
        if (c.empty() || c.peaks.empty()) continue;
        ++out.read;
        const std::size_t matches = detail::count_predicted(p, c.precursor_mz, 1, c.mz(), c.intensity(), ppm);
        const auto chance = detail::ms2_chance(ms2, p, c.precursor_mz, ppm, matches, siblings);
        const bool counts = matches >= kMs2MinMatches && chance.others >= kMs2MinOtherScans &&
                            chance.rate <= detail::DecoyTest::kAlpha;
        out.rates.push_back(matches >= kMs2MinMatches && chance.others >= kMs2MinOtherScans ? chance.rate : 1.0);
        out.confirmed += counts ? 1 : 0;
        out.text += (out.text.empty() ? "" : "; ") + std::string("MS2 of m/z ") + detail::fixed(c.precursor_mz, 4) +
                    " (" + detail::ms2_provenance(c) + "): " + std::to_string(matches) + " of " +
                    std::to_string(p.size()) + " predicted fragments, chance " + detail::fixed(chance.rate, 3) +
                    " over " + std::to_string(chance.others) + " other MS2 scans";
        Evidence e = detail::ms2_evidence(c, chem::Formula(), {}, "MS2 of a ladder member (reagent not given): " +
                                                                        std::to_string(matches) + " predicted fragments");
        e.formula.clear();
        e.predicted = detail::predicted_entries_at(p, c.precursor_mz, 1, c, ppm);
        if (!counts) e.role = EvidenceRole::considered;
        out.evidence.push_back(std::move(e));
    }
    return out;
}

ModalityResult generic_ladders(const detail::IonTable& table, const chem::ReactionModel& model,
                               const std::vector<signal::Feature>& features, const Ms2Access& ms2) {
    ModalityResult r;
    // First the ladders anchored on the starting amine (>= 3 of its members, as for a chain).
    {
        std::size_t best_n = 0;
        const chem::Formula* best_d = nullptr;
        for (const auto& delta : model.ladder_increments) {
            const std::size_t n = anchored_ladder(table, model, delta.monoisotopic_mass(), 0.0).size();
            if (n > best_n) {
                best_n = n;
                best_d = &delta;
            }
        }
        if (best_n >= 3) {
            // Score: members + their mean mass closeness (a ladder of chance ions is spread over the
            // window, a real one sits at its centre after recalibration).
            const auto test = detail::decoy_test([&](double off) {
                double b = 0.0;
                for (const auto& delta : model.ladder_increments) {
                    double c = 0.0;
                    const std::size_t n = anchored_ladder(table, model, delta.monoisotopic_mass(), off, &c).size();
                    if (n >= 3) b = std::max(b, static_cast<double>(n) + c);
                }
                return b;
            });
            const auto members = anchored_ladder(table, model, best_d->monoisotopic_mass(), 0.0);
            // Ladder (decoy rate) and the members' MS2 (rate on the run's other scans): Fisher.
            const LadderMs2 m2 = read_ladder_ms2(table, features, ms2, members, *best_d);
            const double with_ms2 = fisher2(test.rate(), m2.chance());
            const bool lifted = !test.significant() && m2.confirmed > 0 && with_ms2 <= detail::DecoyTest::kAlpha;
            const std::string ms2_text = m2.read > 0 ? "; " + m2.text : "";
            for (const auto* ion : members)
                r.evidence.push_back(detail::ms_evidence(*ion->feature, 0.0, "", "[M+H]+",
                                                         "ladder of " + model.starting_amine.to_string() + " + k x " +
                                                             best_d->to_string()));
            const std::string what = std::to_string(best_n) + " members of the " + model.starting_amine.to_string() +
                                     " + k x " + best_d->to_string() + " ladder";
            if (test.significant() || lifted) {
                r.llr = 1.2 + 0.3 * static_cast<double>(std::min<std::size_t>(best_n - 3, 3)) +
                        (m2.confirmed > 0 ? 0.3 : 0.0);
                r.note = "LC-MS shows " + what + " (" + test.text() + "; reagent not given" + ms2_text +
                         (lifted ? "; ladder and MS2 combined chance " + detail::fixed(with_ms2, 3) : "") + ")";
                for (const auto& e : m2.evidence) r.evidence.push_back(e);
                return r;
            }
            r.note = "LC-MS " + what + " is at chance level in this run: " + test.text() + ms2_text;
            r.evidence.clear();
        }
    }
    std::size_t best = 0;
    const chem::Formula* best_delta = nullptr;
    std::vector<const detail::Ion*> chain;
    const auto max_members = static_cast<std::size_t>(2 * std::max(model.reactive_sites, 1) + 1);
    for (const auto& delta : model.ladder_increments) {
        std::vector<const detail::Ion*> c;
        const std::size_t n = longest_chain(table, delta.monoisotopic_mass(), max_members, &c);
        if (n > best) {
            best = n;
            best_delta = &delta;
            chain = c;
        }
    }
    if (best < 3) {
        r.llr = -0.4;
        r.note = "no alkylation ladder of the common increments in LC-MS (reagent not given)";
        return r;
    }
    // Decoy increments: the same search with every table increment moved by the decoy offset
    // (increments below 5 Da would follow H2 losses and isotopes, not chance: left out).
    const auto test = detail::decoy_test([&](double off) {
        if (off == 0.0) return static_cast<double>(best);
        std::size_t b = 0;
        bool any = false;
        for (const auto& delta : model.ladder_increments) {
            const double d = delta.monoisotopic_mass() + off;
            if (d < 5.0) continue;
            any = true;
            b = std::max(b, longest_chain(table, d, max_members, nullptr));
        }
        return any ? static_cast<double>(b) : std::numeric_limits<double>::quiet_NaN();
    });
    for (std::size_t i = 0; i < chain.size(); ++i) {
        r.evidence.push_back(detail::ms_evidence(*chain[i]->feature, 0.0, "", "[M+H]+",
                                                 "ladder step " + std::to_string(i) + " x " + best_delta->to_string()));
    }
    const LadderMs2 m2 = read_ladder_ms2(table, features, ms2, chain, *best_delta);
    const double with_ms2 = fisher2(test.rate(), m2.chance());
    const bool lifted = !test.significant() && m2.confirmed > 0 && with_ms2 <= detail::DecoyTest::kAlpha;
    const std::string ms2_text = m2.read > 0 ? "; " + m2.text : "";
    for (const auto& e : m2.evidence) r.evidence.push_back(e);
    const std::string what = "a ladder of " + std::to_string(best) + " ions spaced by " + best_delta->to_string() + " (" +
                             detail::fixed(best_delta->monoisotopic_mass(), 4) + " Da) from m/z " +
                             detail::fixed(chain.front()->mz(), 4);
    if (!test.significant() && !lifted) {
        r.llr = -0.3;
        r.note = "LC-MS " + what + " is at chance level in this run: " + test.text() + " (reagent not given" + ms2_text + ")";
        for (auto& e : r.evidence)
            if (e.kind == EvidenceKind::ms2_spectrum) e.role = EvidenceRole::considered;
        return r;
    }
    // A chain anchored on no reaction species: a homologous matrix series of odd nominal mass (e.g.
    // CH2 of alkyl amines) passes every test above, and decoy spacings are no chemical relation, so
    // the decoys do not measure it. Supportive only.
    r.llr = 1.2 + 0.3 * static_cast<double>(std::min<std::size_t>(best - 3, 3));
    r.corroborative_only = true;
    r.note = "LC-MS shows " + what + " (" + test.text() + "; reagent not given; not anchored on a reaction species: "
             "supportive only" + ms2_text + (lifted ? "; chain and MS2 combined chance " + detail::fixed(with_ms2, 3) : "") +
             ")";
    return r;
}

}  // namespace

ModalityResult over_alkylation_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                                  const ClassifierOptions& options, const Ms2Access& ms2) {
    ModalityResult r;
    const detail::IonTable table(features, options, detail::model_calibrants(model));
    if (table.empty()) return r;
    r.checked = true;
    if (!model.increment) {
        ModalityResult g = generic_ladders(table, model, features, ms2);
        g.checked = true;
        return g;
    }
    const chem::Species* product = nullptr;
    Match product_match;
    for (const auto& sp : model.species) {
        if (sp.role != chem::SpeciesRole::product) continue;
        product_match = match_species(table, sp);
        if (product_match.ion != nullptr) product = &sp;
    }
    // At a quaternary m/z an ion may be the [M+H]+ of a tertiary amine of the same formula (e.g.
    // the ring-opened Hofmann product): its MS2 tells (ms2_evidence.hpp, read_charge_site). An ion
    // read as protonated is no quaternary member (target only: decoy positions have no formula).
    std::vector<std::pair<const detail::Ion*, detail::ChargeReading>> readings;
    std::vector<const detail::Ion*> not_quaternary;
    std::vector<Evidence> ms2_evidence_list;
    for (const auto& sp : model.species) {
        if (!sp.permanent_cation() || ms2.empty()) continue;
        for (const auto* ion : table.find(sp.formula.mz(), false, std::abs(sp.formula.charge()))) {
            auto q = detail::read_charge_site(ms2.consensus(features, *ion->feature), sp.formula, model, table.theory_ppm());
            if (!q.read) continue;
            if (q.site == detail::ChargeSite::protonated) {
                not_quaternary.push_back(ion);
                q.evidence.role = EvidenceRole::considered;
                ms2_evidence_list.push_back(q.evidence);
            }
            readings.emplace_back(ion, std::move(q));
        }
    }
    auto reading_of = [&](const detail::Ion* ion) -> const detail::ChargeReading* {
        for (const auto& [i, q] : readings)
            if (i == ion) return &q;
        return nullptr;
    };
    // Ladder members above the product, scored at `offset` (0 = target). A neutral eluting
    // clearly before the product is no member (each increment adds hydrophobic surface).
    auto members = [&](double offset) {
        std::vector<std::pair<const chem::Species*, Match>> out;
        for (const auto& sp : model.species) {
            if (!above_product(sp)) continue;
            const Match m = match_species(table, sp, offset);
            if (m.ion == nullptr) continue;
            if (offset == 0.0 && std::find(not_quaternary.begin(), not_quaternary.end(), m.ion) != not_quaternary.end())
                continue;
            out.emplace_back(&sp, m);
        }
        return out;
    };
    // A more alkylated neutral elutes with or after the product on reversed phase (each table
    // increment adds hydrophobic surface): +1 when it does (a chance ion does so about half the
    // time). Quaternary cations are exempt (their retention follows ion pairing).
    auto elutes_later = [&](const chem::Species& sp, const Match& m) {
        return product != nullptr && sp.role == chem::SpeciesRole::over_alkylated &&
               m.ion->rt() >= product_match.ion->rt() - std::max(options.coelution_s, product_match.ion->feature->fwhm_s);
    };
    auto score = [&](double offset) {
        double s = 0.0;
        for (const auto& [sp, m] : members(offset)) s += m.quality() + (elutes_later(*sp, m) ? 1.0 : 0.0);
        return s;
    };
    const auto found_members = members(0.0);
    const auto test = detail::decoy_test(score);
    // Per-hit specificity: each member position is tested on its own, with the evidence the ion
    // itself carries (isotopes of the formula, co-eluting adducts, mass error, elution after the
    // product), at every in-range decoy position; the members' chance rates are then combined
    // over the positions the run's m/z range can show (detail::combined_chance).
    std::vector<double> hit_rates;
    int ms2_confirmed = 0;
    std::size_t positions = 0;
    std::string hit_text;
    for (const auto& sp : model.species) {
        if (!above_product(sp)) continue;
        chem::Formula f = sp.formula;
        if (!sp.permanent_cation()) f += chem::Formula("H+");
        const double mz = f.mz();
        if (mz < table.min_mz() || mz > table.max_mz()) continue;
        ++positions;
        auto hit_at = [&](double off) {
            return detail::species_hit(table, f, off, !sp.permanent_cation(), [&](const detail::Ion& ion) {
                return product != nullptr && sp.role == chem::SpeciesRole::over_alkylated &&
                               ion.rt() >= product_match.ion->rt() -
                                               std::max(options.coelution_s, product_match.ion->feature->fwhm_s)
                           ? 0.5
                           : 0.0;
            });
        };
        const auto hit = hit_at(0.0);
        if (hit.ion == nullptr) continue;
        std::string ms2_text;
        if (const auto* q = reading_of(hit.ion)) {
            if (q->site == detail::ChargeSite::protonated) {
                hit_text += (hit_text.empty() ? "" : "; ") + sp.name + " m/z " + detail::fixed(hit.ion->mz(), 4) +
                            " not counted: " + q->text;
                continue;
            }
            ms2_text = "; " + q->text;
        }
        const auto t = detail::hit_decoy_test(table, mz, hit_at);
        double rate = t.rate();
        // The member's own MS2 (target only): predicted fragments matched beyond the run's chance
        // rate are independent per-hit evidence, combined with the MS1 chance rate (Fisher).
        if (!ms2.empty()) {
            const auto m2 = read_member_ms2(ms2, features, *hit.ion, f, predicted_ms2(model, sp), table,
                                            sp.permanent_cation());
            if (m2.read) {
                ms2_text += "; " + m2.text;
                if (m2.counts()) {
                    rate = fisher2(rate, m2.chance);
                    ++ms2_confirmed;
                    ms2_evidence_list.push_back(m2.evidence);
                } else {
                    ms2_evidence_list.push_back(m2.evidence);
                    ms2_evidence_list.back().role = EvidenceRole::considered;
                }
            }
        }
        hit_rates.push_back(rate);
        const std::string signs = hit.signs();
        hit_text += (hit_text.empty() ? "" : "; ") + sp.name + " m/z " + detail::fixed(hit.ion->mz(), 4) +
                    (signs.empty() ? "" : " (" + signs + ")") + " chance rate " + detail::fixed(rate, 3) + ms2_text;
    }
    const double per_hit_chance = detail::combined_chance(hit_rates, positions);
    const bool per_hit = per_hit_chance <= detail::DecoyTest::kAlpha;

    int found_over = 0, found_quat = 0;
    bool good_isotopes = false, rt_inverted = false;
    std::string names;
    for (const auto& sp : model.species) {
        const bool lower = sp.role == chem::SpeciesRole::starting_amine || sp.role == chem::SpeciesRole::intermediate;
        if (!lower) continue;
        const Match m = match_species(table, sp);
        if (m.ion != nullptr)
            r.evidence.push_back(detail::ms_evidence(*m.ion->feature, m.expected, sp.formula.to_string(), adduct_of(sp), sp.name));
    }
    if (product != nullptr)
        r.evidence.push_back(detail::ms_evidence(*product_match.ion->feature, product_match.expected,
                                                 product->formula.to_string(), adduct_of(*product), product->name + " (product)"));
    for (const auto& [sp, m] : found_members) {
        (sp->role == chem::SpeciesRole::quaternary ? found_quat : found_over) += 1;
        if (m.isotope_score > kIsotopeAgree) good_isotopes = true;
        if (product != nullptr && sp->role == chem::SpeciesRole::over_alkylated &&
            table.separated(*m.ion->feature, *product_match.ion->feature) && m.ion->rt() < product_match.ion->rt())
            rt_inverted = true;
        names += (names.empty() ? "" : ", ") + sp->name + " at m/z " + detail::fixed(m.ion->mz(), 4) + " (RT " +
                 detail::fixed(m.ion->rt(), 0) + " s" + (m.isotope_score > kIsotopeAgree ? ", isotopes agree" : "") +
                 (m.partner ? ", with its adduct" : "") + ")";
        r.evidence.push_back(detail::ms_evidence(*m.ion->feature, m.expected, sp->formula.to_string(), adduct_of(*sp), sp->name));
    }
    const int found = found_over + found_quat;
    std::string protonated_text;  // ions at a quaternary m/z read as protonated by their MS2
    for (const auto& [ion, q] : readings)
        if (q.site == detail::ChargeSite::protonated) protonated_text += "; " + q.text;
    for (auto& e : ms2_evidence_list)
        if (found > 0 || e.role == EvidenceRole::considered) r.evidence.push_back(std::move(e));
    const std::string precision =
        table.quantum() > 0.0 ? "; m/z quantised to " + detail::fixed(table.quantum(), 2) + " Da"
                              : (detail::precision_text(table).empty() ? "" : "; " + detail::precision_text(table));
    const std::string per_hit_text =
        hit_text.empty() ? "" : "; per ion: " + hit_text + ", combined " + detail::fixed(per_hit_chance, 3);
    if (found > 0 && !test.significant() && !per_hit) {
        r.llr = -0.3;
        r.note = "LC-MS shows " + names + ", but at chance level in this run: " + test.text() + per_hit_text + precision;
    } else if (found > 0) {
        r.llr = 2.0 + 0.7 * (found - 1) + (product != nullptr ? 0.4 : 0.0) + (good_isotopes ? 0.3 : 0.0) -
                (rt_inverted ? 0.8 : 0.0) + (ms2_confirmed > 0 ? 0.5 : 0.0);
        r.note = "LC-MS shows " + names + (rt_inverted ? " (elutes before the product, unusual on reversed phase)" : "") +
                 " (" + test.text() + per_hit_text + precision + ")";
    } else if (product != nullptr) {
        r.llr = -1.8;
        r.note = "LC-MS shows the product at m/z " + detail::fixed(product_match.ion->mz(), 4) +
                 " but no more alkylated ion or quaternary cation";
    } else {
        r.llr = -0.4;
        r.note = "no member of the " + model.reagent_name + " ladder in LC-MS";
    }
    if (!protonated_text.empty() && r.note.find(protonated_text.substr(2)) == std::string::npos)
        r.note += protonated_text;
    return r;
}

}  // namespace sidepeak::classify
