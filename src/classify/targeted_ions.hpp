#pragma once
// Targeted extraction at the reaction's predicted m/z (signal/targeted.hpp): the predicted ions of
// every species of the reaction model, and the features each LC-MS run kept there below its
// untargeted reporting limit (docs/classifier.md, "Targeted extraction").
#include <cstddef>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/signal/targeted.hpp"

namespace sidepeak::classify::detail {

/// The route's oligomers as the detectors read them: the model's cyclic and amine-terminated
/// linear oligomers, plus the linear chains whose 3-bromopropyl end was hydrolysed to a
/// 3-hydroxypropyl end, H-[NHCH2CH2NHCH2CH2CH2]n-OH = (C5H12N2)n + H2O, n = 2..3. In the
/// ethylenediamine + 1,3-dibromopropane condensation a chain grows at either end; one ending in
/// the alkyl bromide (a primary bromide) hydrolyses in the aqueous base of the reaction or its
/// work-up (SN2 substitution by hydroxide: March's Advanced Organic Chemistry, 7th ed., 10-1;
/// aminoalkyl halides, Clayden, Organic Chemistry, 2nd ed., ch. 15). n = 1 (one propyl on one
/// ethylenediamine) is the open-chain precursor, no oligomer. Empty when the model has no
/// repeat unit (no cyclisation route known for its starting amine).
[[nodiscard]] std::vector<chem::Species> route_oligomers(const chem::ReactionModel& model);

/// Predicted ions of every species of the model (starting amine, intermediates, product,
/// over-alkylated amines, quaternary cations, N-oxides, Hofmann products, oligomers): [M+H]+,
/// [M+Na]+ and [M+2H]2+ of a neutral species, M+ of a permanent cation; each with its predicted
/// M+1 / M ratio (chem::isotope_pattern); and those of the hydrolysed linear oligomers
/// (route_oligomers).
[[nodiscard]] std::vector<signal::MzTarget> reaction_targets(const chem::ReactionModel& model);

/// Predicted ions of the route's oligomers alone (route_oligomers; [M+H]+, [M+Na]+, [M+2H]2+ with
/// their M+1 ratios): they depend on the starting amine only (the tool's 1,4-diazepane), not on a
/// reagent or product, so they are predicted before the data are read even without a context.
[[nodiscard]] std::vector<signal::MzTarget> oligomer_targets(const chem::ReactionModel& model);

/// Retention window of a target, in units of the theoretical-m/z tolerance: the look-up
/// (IonTable::find) is centred on the m/z corrected by the run's calibration offset, which the
/// lock-mass correction bounds by the tolerance itself (ms_ions.cpp calibrate); twice the
/// tolerance keeps every feature a look-up can reach. The look-up applies the exact window.
inline constexpr double kTargetWindowTolerances = 2.0;

/// Appends to `features` the targeted features of each LC-MS run of `input`: the features of its
/// sub-threshold pool at a predicted ion of `model` or at that ion moved by whole decoy steps
/// (signal::extract_targeted), so that the decoy positions of every target-decoy test get the
/// retention the targets get. `feature_run` (the run of each feature, when non-empty) grows in
/// step. Runs on a quantised m/z axis (unit resolution, mz_quantum > 0) get none: a weak ion at a
/// nominal mass says nothing about its formula.
void add_targeted_features(const ClassifierInput& input, const chem::ReactionModel& model,
                           std::vector<signal::Feature>& features, std::vector<std::size_t>& feature_run);
/// As above, at the given predicted ions (and their decoy steps) instead of a model's.
void add_targeted_features(const ClassifierInput& input, const std::vector<signal::MzTarget>& targets,
                           std::vector<signal::Feature>& features, std::vector<std::size_t>& feature_run);

}  // namespace sidepeak::classify::detail
