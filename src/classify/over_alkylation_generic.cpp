// Over-alkylation, LC-MS, without a known increment (over_alkylation_generic.hpp).
// First the ladders anchored on the starting amine S ([S + kΔ + H]+), tested at decoy positions;
// then, without one beyond chance, the longest chain of ions spaced by a common increment, tested
// at decoy spacings. A chain anchored on no reaction species is supportive only.
#include "over_alkylation_generic.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "over_alkylation_ms2.hpp"

namespace sidepeak::classify::detail {
namespace {

// Apex jitter (s) allowed when a more alkylated chain member elutes "not earlier": about one MS1
// scan cycle of a UHPLC-HRMS run (1-3 s), well inside a chromatographic peak of 5-20 s FWHM.
constexpr double kChainRtSlackS = 3.0;
// Decoy increments below this (Da) would follow H2 losses and 13C isotopes, not chance.
constexpr double kMinDecoyIncrementDa = 5.0;
// Evidence weights (natural-log likelihood ratios; refitted by classify/calibration.cpp): a
// ladder beyond chance starts at kLadderLlr and gains kLadderLlrPerMember per member beyond three
// (at most three more); confirmed member MS2 adds kLadderMs2Llr.
constexpr double kLadderLlr = 1.2;
constexpr double kLadderLlrPerMember = 0.3;
constexpr std::size_t kLadderLlrMaxExtraMembers = 3;
constexpr double kLadderMs2Llr = 0.3;
constexpr double kAtChanceLlr = -0.3;    // a ladder seen but at chance level
constexpr double kNoLadderLlr = -0.4;    // no ladder of the common increments

// Nominal m/z (CHNOFS ions below m/z ~1000 have mass defects < 0.5).
long nominal(double mz) { return std::lround(mz); }

bool odd_nominal(const Ion& ion) { return nominal(ion.mz()) % 2 != 0; }

double ladder_llr(std::size_t members) {
    return kLadderLlr + kLadderLlrPerMember *
                            static_cast<double>(std::min<std::size_t>(members - kMinLadderMembers, kLadderLlrMaxExtraMembers));
}

// The next chain member from `from` in direction `dir` (+1 up, -1 down): an odd-nominal primary
// singly charged ion at ± d, RT not earlier going up (not later going down).
const Ion* chain_step(const IonTable& table, const Ion& from, double d, double dir) {
    for (const auto* h : table.find_related(from.mz() + dir * d, true, 1)) {
        if (!odd_nominal(*h)) continue;
        if (dir > 0 ? h->rt() + kChainRtSlackS >= from.rt() : h->rt() <= from.rt() + kChainRtSlackS) return h;
    }
    return nullptr;
}

// Without a known increment: the longest chain of primary singly charged ions spaced by `d`, RT
// non-decreasing along the chain (more alkylated: not earlier). Fills `chain` when given.
// A diamine's ladder ion holds two N, so by the nitrogen rule its [M+H]+ (and its quaternary M+)
// has an odd nominal m/z; and it has at most 2 x sites + 1 members (each N takes up to two
// groups beyond the NH amine, to the quaternary). A longer chain is a homologous series of the
// matrix (lipids, surfactants), not alkylation; it is not counted, nor is any part of it.
std::size_t longest_chain(const IonTable& table, double d, std::size_t max_members,
                          std::vector<const Ion*>* best_chain) {
    std::size_t best = 0;
    for (const auto& start : table.ions()) {
        if (!start.primary() || start.charge() != 1 || !odd_nominal(start)) continue;
        if (chain_step(table, start, d, -1.0) != nullptr) continue;  // not the first member of its chain
        std::vector<const Ion*> chain{&start};
        while (chain.size() <= max_members) {
            const Ion* next = chain_step(table, *chain.back(), d, 1.0);
            if (next == nullptr) break;
            chain.push_back(next);
        }
        if (chain.size() > max_members) continue;  // homologous series
        if (chain.size() > best) {
            best = chain.size();
            if (best_chain != nullptr) *best_chain = chain;
        }
    }
    return best >= kMinLadderMembers ? best : 0;
}

// Without a known increment but with the route's starting amine S: ions at [S + kΔ + H]+ for
// k = 0 .. 2 x sites - 1 (the last is the quaternary M+, isobaric with it), moved by `offset` for
// decoys. Returns the members found (k ascending); a ladder anchored on the reaction's own amine
// is what a chance chain of matrix ions lacks.
std::vector<const Ion*> anchored_ladder(const IonTable& table, const chem::ReactionModel& model, double delta,
                                        double offset, double* closeness = nullptr) {
    std::vector<const Ion*> out;
    const double base = (model.starting_amine + chem::Formula("H+")).mz() + offset;
    const int max_k = 2 * std::max(model.reactive_sites, 1) - 1;
    double sum = 0.0;
    for (int k = 0; k <= max_k; ++k) {
        // Untargeted only: the decoy increments move member k by k x (a decoy offset), off the
        // targets' decoy grid (targeted_ions.hpp).
        const auto hits = table.find_untargeted(base + k * delta, false, 1);
        if (hits.empty()) continue;
        out.push_back(hits.front());
        sum += table.closeness(hits.front()->mz(), base + k * delta);
    }
    if (closeness != nullptr) *closeness = out.empty() ? 0.0 : sum / static_cast<double>(out.size());
    return out;
}

// The increment with the most anchored members, or nullptr when none reaches three.
const chem::Formula* best_anchored_increment(const IonTable& table, const chem::ReactionModel& model) {
    std::size_t best_n = 0;
    const chem::Formula* best_d = nullptr;
    for (const auto& delta : model.ladder_increments) {
        const std::size_t n = anchored_ladder(table, model, delta.monoisotopic_mass(), 0.0).size();
        if (n > best_n) {
            best_n = n;
            best_d = &delta;
        }
    }
    return best_n >= kMinLadderMembers ? best_d : nullptr;
}

// Decoy test of the anchored ladders. Score: members + their mean mass closeness (a ladder of
// chance ions is spread over the window, a real one sits at its centre after recalibration).
DecoyTest anchored_decoy_test(const IonTable& table, const chem::ReactionModel& model) {
    return decoy_test([&](double off) {
        double b = 0.0;
        for (const auto& delta : model.ladder_increments) {
            double c = 0.0;
            const std::size_t n = anchored_ladder(table, model, delta.monoisotopic_mass(), off, &c).size();
            if (n >= kMinLadderMembers) b = std::max(b, static_cast<double>(n) + c);
        }
        return b;
    });
}

// The ladder anchored on the starting amine, when it (or it with its members' MS2) is beyond
// chance; nullopt otherwise (the chain search follows).
std::optional<ModalityResult> anchored_result(const IonTable& table, const chem::ReactionModel& model,
                                              const std::vector<signal::Feature>& features, const Ms2Access& ms2) {
    const chem::Formula* best_d = best_anchored_increment(table, model);
    if (best_d == nullptr) return std::nullopt;
    const auto test = anchored_decoy_test(table, model);
    const auto members = anchored_ladder(table, model, best_d->monoisotopic_mass(), 0.0);
    // Ladder (decoy rate) and the members' MS2 (rate on the run's other scans): Fisher.
    const LadderMs2 m2 = read_ladder_ms2(table, features, ms2, members, *best_d);
    const double with_ms2 = fisher2(test.rate(), m2.chance());
    const bool lifted = !test.significant() && m2.confirmed > 0 && with_ms2 <= DecoyTest::kAlpha;
    if (!test.significant() && !lifted) return std::nullopt;
    ModalityResult r;
    const std::string ladder = model.starting_amine.to_string() + " + k x " + best_d->to_string();
    for (const auto* ion : members)
        r.evidence.push_back(ms_evidence(*ion->feature, 0.0, "", "[M+H]+", "ladder of " + ladder));
    r.llr = ladder_llr(members.size()) + (m2.confirmed > 0 ? kLadderMs2Llr : 0.0);
    r.note = "LC-MS shows " + std::to_string(members.size()) + " members of the " + ladder + " ladder (" + test.text() +
             "; reagent not given" + (m2.read > 0 ? "; " + m2.text : "") +
             (lifted ? "; ladder and MS2 combined chance " + fixed(with_ms2, 3) : "") + ")";
    for (const auto& e : m2.evidence) r.evidence.push_back(e);
    return r;
}

struct Chain {
    std::size_t members = 0;
    const chem::Formula* delta = nullptr;
    std::vector<const Ion*> ions;
};

Chain best_chain(const IonTable& table, const chem::ReactionModel& model, std::size_t max_members) {
    Chain best;
    for (const auto& delta : model.ladder_increments) {
        std::vector<const Ion*> c;
        const std::size_t n = longest_chain(table, delta.monoisotopic_mass(), max_members, &c);
        if (n > best.members) best = Chain{n, &delta, c};
    }
    return best;
}

// Decoy increments: the same search with every table increment moved by the decoy offset.
DecoyTest chain_decoy_test(const IonTable& table, const chem::ReactionModel& model, std::size_t target,
                           std::size_t max_members) {
    return decoy_test([&](double off) {
        if (off == 0.0) return static_cast<double>(target);
        std::size_t b = 0;
        bool any = false;
        for (const auto& delta : model.ladder_increments) {
            const double d = delta.monoisotopic_mass() + off;
            if (d < kMinDecoyIncrementDa) continue;
            any = true;
            b = std::max(b, longest_chain(table, d, max_members, nullptr));
        }
        return any ? static_cast<double>(b) : std::numeric_limits<double>::quiet_NaN();
    });
}

ModalityResult chain_result(const IonTable& table, const chem::ReactionModel& model,
                            const std::vector<signal::Feature>& features, const Ms2Access& ms2) {
    ModalityResult r;
    const auto max_members = static_cast<std::size_t>(2 * std::max(model.reactive_sites, 1) + 1);
    const Chain chain = best_chain(table, model, max_members);
    if (chain.members < kMinLadderMembers) {
        r.llr = kNoLadderLlr;
        r.note = "no alkylation ladder of the common increments in LC-MS (reagent not given)";
        return r;
    }
    const auto test = chain_decoy_test(table, model, chain.members, max_members);
    for (std::size_t i = 0; i < chain.ions.size(); ++i) {
        r.evidence.push_back(ms_evidence(*chain.ions[i]->feature, 0.0, "", "[M+H]+",
                                         "ladder step " + std::to_string(i) + " x " + chain.delta->to_string()));
    }
    const LadderMs2 m2 = read_ladder_ms2(table, features, ms2, chain.ions, *chain.delta);
    const double with_ms2 = fisher2(test.rate(), m2.chance());
    const bool lifted = !test.significant() && m2.confirmed > 0 && with_ms2 <= DecoyTest::kAlpha;
    const std::string ms2_text = m2.read > 0 ? "; " + m2.text : "";
    for (const auto& e : m2.evidence) r.evidence.push_back(e);
    const std::string what = "a ladder of " + std::to_string(chain.members) + " ions spaced by " +
                             chain.delta->to_string() + " (" + fixed(chain.delta->monoisotopic_mass(), 4) +
                             " Da) from m/z " + fixed(chain.ions.front()->mz(), 4);
    if (!test.significant() && !lifted) {
        r.llr = kAtChanceLlr;
        r.note = "LC-MS " + what + " is at chance level in this run: " + test.text() + " (reagent not given" + ms2_text + ")";
        for (auto& e : r.evidence)
            if (e.kind == EvidenceKind::ms2_spectrum) e.role = EvidenceRole::considered;
        return r;
    }
    // A chain anchored on no reaction species: a homologous matrix series of odd nominal mass (e.g.
    // CH2 of alkyl amines) passes every test above, and decoy spacings are no chemical relation, so
    // the decoys do not measure it. Supportive only.
    r.llr = ladder_llr(chain.members);
    r.corroborative_only = true;
    r.note = "LC-MS shows " + what + " (" + test.text() + "; reagent not given; not anchored on a reaction species: "
             "supportive only" + ms2_text + (lifted ? "; chain and MS2 combined chance " + fixed(with_ms2, 3) : "") +
             ")";
    return r;
}

}  // namespace

ModalityResult generic_ladders(const IonTable& table, const chem::ReactionModel& model,
                               const std::vector<signal::Feature>& features, const Ms2Access& ms2) {
    if (auto anchored = anchored_result(table, model, features, ms2)) return *anchored;
    return chain_result(table, model, features, ms2);
}

}  // namespace sidepeak::classify::detail
