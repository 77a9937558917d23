#pragma once
// The +O pair search of the LC-MS N-oxide detector: an ion B with a partner at B - O (15.9949),
// read for the N-oxide signs (in-source [M+H-O]+ / [M+H-OH]+ inside its own peak, elution before
// the parent amine, the formula's isotope ratios, its own MS2) or against them (in-source water
// loss, an MS2 of an oxygen elsewhere).
#include <utility>
#include <vector>

#include "ms_ions.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "detectors.hpp"

namespace sidepeak::classify::detail {

/// An LLR at or below this is no N-oxide sign (the +O ion is reported as a possible
/// C-hydroxylation instead).
inline constexpr double kNOxidePositiveLlr = 0.2;

/// The LLR (natural log of the likelihood ratio) a search holds before any +O candidate is read:
/// below every candidate's, whose lowest is an in-source water loss read against by its MS2
/// (kWaterLossLlr + kMs2AgainstLlr = -2.3, n_oxide_search.cpp and n_oxide_ms2.hpp), so the
/// first candidate always replaces it. A likelihood ratio of e^-10 (4.5e-5): "no evidence read".
inline constexpr double kNoCandidateLlr = -10.0;

/// The reaction's N-oxide species that can form (an N-oxide needs a tertiary amine).
[[nodiscard]] std::vector<const chem::Species*> n_oxide_species(const chem::ReactionModel& model);
/// [M+H]+ m/z of each of n_oxide_species().
[[nodiscard]] std::vector<double> n_oxide_mz(const chem::ReactionModel& model);

struct NOxideSearch {
    double best = kNoCandidateLlr;  ///< LLR of the best candidate
    double strength = 0.0;    ///< ordinal strength of the best positive candidate (decoy comparison)
    double strength_targeted = 0.0;  ///< the same among the reaction's own N-oxide positions
    bool best_targeted = false;
    bool any_plus_o = false;
    ModalityResult result;
    /// The best of the reaction's own N-oxide positions (product + O, dialkyl + O, ...), kept on its
    /// own: an untargeted pair elsewhere in the run may score higher, but it is compared with the
    /// whole decoy search and rarely beyond chance, while the targeted one is tested at its position.
    double best_t = kNoCandidateLlr;
    bool any_targeted = false;
    ModalityResult result_t;
};

/// The +O search with the oxygen mass moved by `offset` (0 = target, else a decoy); `targeted_only`
/// looks at the reaction's own N-oxide positions only. `ms2` and `features` (target search only,
/// nullptr for decoys): the MS2 of the reaction's own +O ions is read.
[[nodiscard]] NOxideSearch n_oxide_search(const IonTable& table, const chem::ReactionModel& model, double offset,
                                          bool targeted_only = false, const Ms2Access* ms2 = nullptr,
                                          const std::vector<signal::Feature>* features = nullptr);

}  // namespace sidepeak::classify::detail
