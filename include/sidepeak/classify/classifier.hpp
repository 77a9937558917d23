#pragma once
/// The by-product classifier: one detector per class, each looking at the NMR and LC-MS results of
/// a sample, and a merge that turns their evidence into one Finding per class.
/// The confidence model and every threshold are described in docs/classifier.md.
#include <string>
#include <vector>

#include "sidepeak/classify/finding.hpp"
#include "sidepeak/signal/lcms_pipeline.hpp"
#include "sidepeak/signal/ms2_index.hpp"
#include "sidepeak/signal/nmr_pipeline.hpp"

namespace sidepeak::classify {

/// Tolerances that follow from the instrument, not from the samples.
struct ClassifierOptions {
    /// m/z agreement for an ion assignment. 10 ppm = about three standard deviations of a
    /// routinely calibrated TOF (2-3 ppm RMS); Orbitrap users may tighten it to 5.
    double mass_tolerance_ppm = 10.0;
    /// Two features "co-elute" (same compound, adduct, isotope, in-source fragment) when their
    /// apexes differ by less than max(this, half their mean FWHM).
    double coelution_s = 3.0;
    /// Two features are "separated" (different compounds) when their apexes differ by more than
    /// max(this, the larger FWHM).
    double separation_s = 6.0;
};

/// Resolves the reaction context once: the product formula written canonically, the reagent name
/// or formula resolved to its increment, and the typed reaction model built from them (with how
/// each part was obtained, chem::PartOrigin) in SampleContext::model. Throws UsageError for a
/// malformed product or a reagent that is neither a table reagent nor a neutral formula.
/// pipeline::resolve_context is this function.
SampleContext resolve_context(const std::string& product, const std::string& reagent);

struct ClassifierInput {
    /// The context, resolved by resolve_context (a context whose `model` is null is resolved by
    /// classify() from its strings).
    SampleContext context;
    std::vector<const signal::NmrResult*> nmr;
    std::vector<const signal::LcmsResult*> lcms;
    /// MS2 index of each LC-MS input, parallel to `lcms` (nullptr, or a shorter or empty vector:
    /// that run has no MS2 and is classified from MS1 alone).
    std::vector<const signal::Ms2Index*> ms2;
    ClassifierOptions options;
};

/// What the classifier concluded, and the context it worked in.
struct Classification {
    std::vector<Finding> findings;  ///< exactly four, in kAllClasses order
    /// The context used, with the model the detectors read: as given; with the reagent inferred
    /// from the data when only the product was given (candidates ranked by the evidence); with
    /// product and reagent read from the run when none was given (docs/classifier.md, "Context");
    /// with the product derived as the mono-substituted starting amine when only the reagent was
    /// given. `source` and `inferred_from` say which.
    SampleContext context;
};

/// Classifies one sample. Throws UsageError when the context's product or reagent cannot be
/// understood.
Classification classify(const ClassifierInput& input);

/// The four findings of classify(), in kAllClasses order.
std::vector<Finding> classify_sample(const ClassifierInput& input);

}  // namespace sidepeak::classify
