#pragma once
// MS/MS of an +O ion of the reaction (LC-MS N-oxide detector): an N-oxide (loss of O, OH* or
// R2N-OH) or an oxygen elsewhere (dominant H2O or R2NH loss, or a sulfoxide's CH3SOH / SO); see
// docs/classifier.md, "MS/MS of the +O ion".
#include <string>

#include "ms_ions.hpp"
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify::detail {

/// Log-likelihood ratios of the MS2 reading: a specific fragment-level sign either way, stronger
/// than any MS1 sign (the in-source loss, 2.2) because it is read inside the ion's own spectrum.
inline constexpr double kMs2NOxideLlr = 2.5;
inline constexpr double kMs2AgainstLlr = -1.5;

struct NOxideMs2Reading {
    enum class Call { none, n_oxide, not_n_oxide };
    Call call = Call::none;
    std::string text;    ///< "MS2 of m/z 207.149 at 112 s: ..."
    Evidence evidence;   ///< the "ms2_spectrum" entry
};

/// Reads the consensus MS2 of the +O ion `ion` (charged formula) against the N-oxide rules
/// (Ramanathan et al., Anal. Chem. 2000, 72, 1352; Holcapek et al., J. Mass Spectrom. 2010):
///  - a loss of O, OH* or R2N-OH (R from the model, Me2NOH built in) -> N-oxide;
///  - otherwise a loss of H2O or R2NH (oxygen not on the amine) -> C-hydroxylation, and CH3SOH / SO
///    (or R2NH from a sulfur-containing ion) -> S-oxide: not an N-oxide;
///  - none of these: no call.
/// The real spectra behind the rules: docs/algorithms/ms2.md section 4 (mianserin N-oxide loses OH*
/// next to an equally strong H2O loss, so H2O counts against only without an N-oxide loss).
[[nodiscard]] NOxideMs2Reading read_n_oxide_ms2(const signal::Ms2Consensus& c, const chem::Formula& ion,
                                                const chem::ReactionModel& model, const IonTable& table);

}  // namespace sidepeak::classify::detail
