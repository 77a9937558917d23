#include "sidepeak/classify/classifier.hpp"

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {

std::vector<Finding> classify_sample(const ClassifierInput& input) {
    std::string reagent = input.context.reagent;
    if (reagent.empty()) reagent = input.context.increment;
    const chem::ReactionModel model = chem::build_reaction_model({input.context.product, reagent});

    // NMR: the first result with a usable spectrum (one 1H spectrum per sample is the norm).
    const signal::NmrResult* nmr = nullptr;
    for (const auto* n : input.nmr) {
        if (n != nullptr && n->spectrum.size() >= 64 && n->spectrum.spectrometer_mhz > 0.0 &&
            (n->meta.nucleus.empty() || n->meta.nucleus == "1H")) {
            nmr = n;
            break;
        }
    }
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
                if (nmr != nullptr) parts.push_back(oligomer_nmr(*nmr, model));
                if (ms) parts.push_back(oligomer_ms(features, model, opt));
                break;
            case ByproductClass::over_alkylation:
                if (nmr != nullptr) parts.push_back(over_alkylation_nmr(*nmr, model));
                if (ms) parts.push_back(over_alkylation_ms(features, model, opt));
                break;
            case ByproductClass::n_oxide:
                if (nmr != nullptr) parts.push_back(n_oxide_nmr(*nmr, model));
                if (ms) parts.push_back(n_oxide_ms(features, model, opt));
                break;
            case ByproductClass::hofmann:
                if (nmr != nullptr) parts.push_back(hofmann_nmr(*nmr, model));
                if (ms) parts.push_back(hofmann_ms(features, model, opt));
                break;
        }
        out.push_back(merge_findings(cls, parts));
    }
    return out;
}

}  // namespace sidepeak::classify
