#pragma once
// Over-alkylation, LC-MS, without a known increment (reagent not given): alkylation ladders of the
// common increments, anchored on the route's starting amine or as chains of ions (docs/classifier.md,
// "Over-alkylation without a reagent").
#include <vector>

#include "ms_ions.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "detectors.hpp"

namespace sidepeak::classify::detail {

/// A ladder counts from three members (the product and two further alkylations, or three
/// consecutive chain ions): two ions a given increment apart are common chance in a dense run.
inline constexpr std::size_t kMinLadderMembers = 3;

/// The ladder search of a reaction model without an increment.
[[nodiscard]] ModalityResult generic_ladders(const IonTable& table, const chem::ReactionModel& model,
                                             const std::vector<signal::Feature>& features, const Ms2Access& ms2);

}  // namespace sidepeak::classify::detail
