#pragma once
// MS/MS of over-alkylation ladder members (LC-MS): the fragments the literature predicts for a
// member's [M+H]+ or quaternary M+, read against the member's consensus spectrum, with the chance
// of as many matches measured on the run's other MS2 scans (docs/classifier.md, "MS/MS of ladder
// members").
#include <cstddef>
#include <string>
#include <vector>

#include "ms2_evidence.hpp"
#include "ms_ions.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "detectors.hpp"

namespace sidepeak::classify::detail {

/// At least two predicted fragments per member: one benzylic or ring fragment is shown by many
/// matrix amines (McLafferty & Tureček 1993, alpha-cleavage of amines).
inline constexpr std::size_t kLadderMs2MinMatches = 2;
/// Fewer other MS2 scans than this cannot measure a chance rate near 5 % (1 / (1 + 20) = 0.048).
inline constexpr std::size_t kLadderMs2MinOtherScans = 20;

/// Predicted fragments of the ladder member `sp` (tropylium for an N-benzyl, ring alpha-cleavage
/// losses, the quaternary cation's own alkene/toluene losses); empty without an increment.
[[nodiscard]] PredictedMs2 ladder_member_prediction(const chem::ReactionModel& model, const chem::Species& sp);

/// The same for a ladder found without a reagent (formula unknown, read by m/z): the increment's
/// tropylium when it is C7H6 and the ring alpha-cleavage losses.
[[nodiscard]] PredictedMs2 generic_ladder_prediction(const chem::Formula& delta);

struct MemberMs2 {
    bool read = false;         ///< the member has MS2 in this run
    std::size_t matches = 0;
    std::size_t predicted = 0;
    double chance = 1.0;       ///< fraction of the run's other MS2 scans matching as many
    std::size_t others = 0;
    std::string text;
    Evidence evidence;
    [[nodiscard]] bool counts() const {
        return read && matches >= kLadderMs2MinMatches && others >= kLadderMs2MinOtherScans &&
               chance <= DecoyTest::kAlpha;
    }
};

/// The consensus MS2 of one ladder member of known formula `ion_formula`.
[[nodiscard]] MemberMs2 read_member_ms2(const Ms2Access& ms2, const std::vector<signal::Feature>& features,
                                        const Ion& ion, const chem::Formula& ion_formula, const PredictedMs2& p,
                                        const IonTable& table, bool quaternary);

/// MS2 of the members of a ladder found without a reagent: at least two predicted fragments per
/// member beyond the chance rate on the run's other MS2 scans; the members' rates combined over
/// the members read (combined_chance).
struct LadderMs2 {
    std::size_t read = 0, confirmed = 0;
    std::vector<double> rates;
    std::string text;
    std::vector<Evidence> evidence;
    [[nodiscard]] double chance() const { return rates.empty() ? 1.0 : combined_chance(rates, rates.size()); }
};

[[nodiscard]] LadderMs2 read_ladder_ms2(const IonTable& table, const std::vector<signal::Feature>& features,
                                        const Ms2Access& ms2, const std::vector<const Ion*>& ions,
                                        const chem::Formula& delta);

}  // namespace sidepeak::classify::detail
