#pragma once
/// The individual detectors, one per by-product class and data kind. Each returns a
/// ModalityResult: whether it could check at all, a log-likelihood ratio for "present" (positive
/// = evidence for, negative = evidence against), the evidence and a short note. classify_sample()
/// merges them (see merge.hpp and docs/classifier.md).
#include <string>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/classify/finding.hpp"

namespace sidepeak::classify {

struct ModalityResult {
    bool checked = false;
    double llr = 0.0;              ///< natural-log likelihood ratio present : absent
    std::vector<Evidence> evidence;
    std::string note;              ///< what was seen (or not), for the summary sentence
    /// A positive llr here is a supportive sign only (not specific on its own, e.g. a downfield
    /// N-CH for an N-oxide): it counts only when another part of the same class has positive
    /// evidence of its own; otherwise the merge reports it as a weak sign and does not detect.
    bool corroborative_only = false;
};

// NMR detectors (the first NMR result with a spectrum is used by classify_sample; each detector
// takes one).
ModalityResult oligomer_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model);
ModalityResult over_alkylation_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model);
ModalityResult n_oxide_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model);
ModalityResult hofmann_nmr(const signal::NmrResult& nmr, const chem::ReactionModel& model);

// LC-MS detectors (features of all LC-MS results of the sample together).
ModalityResult oligomer_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                           const ClassifierOptions& options);
ModalityResult over_alkylation_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                                  const ClassifierOptions& options);
ModalityResult n_oxide_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options);
ModalityResult hofmann_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options);

/// Merges the modality results of one class into a Finding: logit(p) = sum of llr (prior odds 1:1),
/// detected = p >= 0.5, confidence = p when detected else 1 - p.
Finding merge_findings(ByproductClass cls, const std::vector<ModalityResult>& parts);

}  // namespace sidepeak::classify
