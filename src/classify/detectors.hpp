#pragma once
/// The individual detectors, one per by-product class and data kind. Each returns a
/// ModalityResult: whether it could check at all, a log-likelihood ratio for "present" (positive
/// = evidence for, negative = evidence against), the evidence and a short note. classify_sample()
/// merges them (see merge.hpp and docs/classifier.md).
#include <cstddef>
#include <string>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/ms2_index.hpp"

namespace sidepeak::classify {

/// Which data a ModalityResult read: an NMR spectrum, LC-MS runs, or another class's finding
/// (a Hofmann product implies over-alkylation). The merge calibrates each kind on its own.
enum class EvidenceSource { nmr, lcms, implied };

struct ModalityResult {
    bool checked = false;
    EvidenceSource source = EvidenceSource::nmr;
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

/// MS2 access of the LC-MS detectors: which LC-MS input each feature came from and the MS2
/// index of each input. Empty (the default): no MS2, the detectors use MS1 alone.
struct Ms2Access {
    std::vector<const signal::Ms2Index*> runs;  ///< per LC-MS input; nullptr when it has no MS2
    std::vector<std::size_t> feature_run;       ///< parallel to the features given to the detector
    [[nodiscard]] bool empty() const noexcept;
    /// Consensus MS2 of `feature`, an element of `features` (the vector given to the detector);
    /// empty when its run has no MS2 or no MS2 scan of that ion.
    [[nodiscard]] signal::Ms2Consensus consensus(const std::vector<signal::Feature>& features,
                                                 const signal::Feature& feature) const;
};

namespace detail {
class IonTable;
}

// LC-MS detectors (features of all LC-MS results of the sample together). classify() builds the
// ion tables of the features once (ms_ions.hpp) and passes them by const reference: the plain
// table to oligomer_ms and n_oxide_ms, the table recalibrated on detail::model_calibrants(model)
// to over_alkylation_ms and hofmann_ms. `table` must have been built on `features` (its ions point
// into that vector, and `ms2` maps the same vector to its runs). The forms without a table build
// the one they need from `features` and `options`.
ModalityResult oligomer_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                           const chem::ReactionModel& model, const Ms2Access& ms2 = {});
ModalityResult over_alkylation_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                                  const chem::ReactionModel& model, const Ms2Access& ms2 = {});
ModalityResult n_oxide_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                          const chem::ReactionModel& model, const Ms2Access& ms2 = {});
ModalityResult hofmann_ms(const detail::IonTable& table, const std::vector<signal::Feature>& features,
                          const chem::ReactionModel& model, const Ms2Access& ms2 = {});
/// `ms2`: fragment spectra of the series members (losses of whole repeat units), where the runs
/// have them (docs/classifier.md, "MS/MS of oligomer members").
ModalityResult oligomer_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                           const ClassifierOptions& options, const Ms2Access& ms2 = {});
/// `ms2`: fragment spectra of the ladder members, where the runs have them (docs/classifier.md,
/// "MS/MS of ladder members").
ModalityResult over_alkylation_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                                  const ClassifierOptions& options, const Ms2Access& ms2 = {});
/// `ms2`: fragment spectra of the +O candidates, where the runs have them (docs/classifier.md,
/// "MS/MS of the +O ion").
ModalityResult n_oxide_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options, const Ms2Access& ms2 = {});
/// `ms2`: fragment spectra of the ions at the quaternary m/z (quaternary cation or protonated
/// isobar; docs/classifier.md, "Quaternary cation or protonated isobar").
ModalityResult hofmann_ms(const std::vector<signal::Feature>& features, const chem::ReactionModel& model,
                          const ClassifierOptions& options, const Ms2Access& ms2 = {});

/// Merges the modality results of one class into a Finding: logit(p) = sum of llr (prior odds 1:1),
/// detected = p > 0.5, confidence = p when detected else 1 - p. This form uses the detectors'
/// LLRs as they are; classify() uses merge_calibrated_findings (docs/classifier.md, "Confidence").
Finding merge_findings(ByproductClass cls, const std::vector<ModalityResult>& parts);

/// As merge_findings, with logit(p) from the fitted per-class, per-data-kind calibration.
Finding merge_calibrated_findings(ByproductClass cls, const std::vector<ModalityResult>& parts);

}  // namespace sidepeak::classify
