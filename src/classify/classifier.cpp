#include "sidepeak/classify/classifier.hpp"

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {

std::vector<Finding> classify_sample(const ClassifierInput& input) {
    std::string reagent = input.context.reagent;
    if (reagent.empty()) reagent = input.context.increment;
    const chem::ReactionModel model = chem::build_reaction_model({input.context.product, reagent});

    // NMR: the first 1H result with a usable spectrum (one 1H spectrum per sample is the norm).
    // Every NMR detector reads proton shifts, integrals and H-H couplings, so 13C, 19F, 31P ...
    // spectra are no evidence for them; they are skipped with a note.
    const signal::NmrResult* nmr = nullptr;
    std::string skipped;
    for (const auto* n : input.nmr) {
        if (n == nullptr) continue;
        const bool proton = n->meta.nucleus.empty() || n->meta.nucleus == "1H";
        if (!proton) {
            skipped += (skipped.empty() ? "" : ", ") + n->meta.nucleus;
            continue;
        }
        if (nmr == nullptr && n->spectrum.size() >= 64 && n->spectrum.spectrometer_mhz > 0.0) nmr = n;
    }
    ModalityResult skipped_note;
    if (nmr == nullptr && !skipped.empty())
        skipped_note.note = "NMR input is " + skipped + " (only 1H spectra are evidence for the NMR detectors)";
    // LC-MS: features of every run of the sample.
    std::vector<signal::Feature> features;
    for (const auto* l : input.lcms) {
        if (l != nullptr) features.insert(features.end(), l->features.begin(), l->features.end());
    }
    const bool ms = !features.empty();
    const auto& opt = input.options;

    std::vector<Finding> out;
    for (ByproductClass cls : kAllClasses) {
        std::vector<ModalityResult> parts;
        switch (cls) {
            case ByproductClass::oligomer:
                parts.push_back(nmr != nullptr ? oligomer_nmr(*nmr, model) : skipped_note);
                if (ms) parts.push_back(oligomer_ms(features, model, opt));
                break;
            case ByproductClass::over_alkylation:
                parts.push_back(nmr != nullptr ? over_alkylation_nmr(*nmr, model) : skipped_note);
                if (ms) parts.push_back(over_alkylation_ms(features, model, opt));
                break;
            case ByproductClass::n_oxide:
                parts.push_back(nmr != nullptr ? n_oxide_nmr(*nmr, model) : skipped_note);
                if (ms) parts.push_back(n_oxide_ms(features, model, opt));
                break;
            case ByproductClass::hofmann:
                parts.push_back(nmr != nullptr ? hofmann_nmr(*nmr, model) : skipped_note);
                if (ms) parts.push_back(hofmann_ms(features, model, opt));
                break;
        }
        out.push_back(merge_findings(cls, parts));
    }
    return out;
}

}  // namespace sidepeak::classify
