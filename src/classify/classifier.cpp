#include "sidepeak/classify/classifier.hpp"

#include <algorithm>

#include "sidepeak/chem/reaction_model.hpp"
#include "infer_context.hpp"
#include "sidepeak/classify/detectors.hpp"

namespace sidepeak::classify {

Classification classify(const ClassifierInput& input) {
    Classification out;
    out.context = input.context;
    std::string reagent = input.context.reagent;
    if (reagent.empty()) reagent = input.context.increment;
    const bool given = !input.context.product.empty() || !reagent.empty();
    out.context.source = given ? ContextSource::given : ContextSource::none;

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
    // MS2: each feature remembers its input, so a detector reads the fragment spectra of that run.
    std::vector<signal::Feature> features;
    Ms2Access ms2;
    for (std::size_t k = 0; k < input.lcms.size(); ++k) {
        const auto* l = input.lcms[k];
        if (l == nullptr) continue;
        features.insert(features.end(), l->features.begin(), l->features.end());
        ms2.feature_run.insert(ms2.feature_run.end(), l->features.size(), k);
    }
    for (std::size_t k = 0; k < input.lcms.size(); ++k) ms2.runs.push_back(k < input.ms2.size() ? input.ms2[k] : nullptr);
    if (ms2.empty()) ms2 = {};
    const bool ms = !features.empty();
    const auto& opt = input.options;
    if (!input.context.product.empty() && reagent.empty()) {
        // Product only: the reagent is ranked by the evidence (docs/classifier.md, "Context").
        const auto choice = detail::infer_reagent(input.context.product, nmr, features, opt);
        if (choice.reagent != nullptr) {
            reagent = choice.reagent->name;
            out.context.reagent = reagent;
            out.context.increment = choice.reagent->increment;
            out.context.source = ContextSource::inferred;
            out.context.inferred_from = "reagent " + reagent + " (" + std::to_string(choice.candidates) +
                                        " table increment" + (choice.candidates == 1 ? "" : "s") +
                                        " reach the product): " + choice.why;
        }
    }
    if (!given && ms) {
        // No context at all: the run's major component may name the reaction (lower confidence
        // follows from the inferred source; see docs/classifier.md, "Context").
        const auto guess = detail::infer_context_from_ms(features, opt);
        if (guess.reagent != nullptr) {
            out.context.product = guess.product;
            out.context.reagent = guess.reagent->name;
            out.context.increment = guess.reagent->increment;
            out.context.source = ContextSource::inferred;
            out.context.inferred_from = "product " + guess.product + " and reagent " + guess.reagent->name + ": " + guess.why;
            reagent = guess.reagent->name;
        }
    }
    const std::string product = out.context.source == ContextSource::inferred && !given ? out.context.product : input.context.product;
    const chem::ReactionModel model = chem::build_reaction_model({product, reagent});
    if (given && model.inferred && out.context.source == ContextSource::given && input.context.product.empty()) {
        out.context.source = ContextSource::inferred;
        out.context.product = model.product ? model.product->to_string() : "";
        out.context.inferred_from = "product taken as the mono-substituted starting amine";
    }

    std::vector<ModalityResult> olig, over, nox, hof;
    olig.push_back(nmr != nullptr ? oligomer_nmr(*nmr, model) : skipped_note);
    over.push_back(nmr != nullptr ? over_alkylation_nmr(*nmr, model) : skipped_note);
    nox.push_back(nmr != nullptr ? n_oxide_nmr(*nmr, model) : skipped_note);
    hof.push_back(nmr != nullptr ? hofmann_nmr(*nmr, model) : skipped_note);
    if (ms) {
        const auto from_ms = [](ModalityResult r) {
            r.source = EvidenceSource::lcms;
            return r;
        };
        olig.push_back(from_ms(oligomer_ms(features, model, opt, ms2)));
        over.push_back(from_ms(over_alkylation_ms(features, model, opt, ms2)));
        nox.push_back(from_ms(n_oxide_ms(features, model, opt, ms2)));
        hof.push_back(from_ms(hofmann_ms(features, model, opt, ms2)));
    }
    const Finding hofmann = merge_calibrated_findings(ByproductClass::hofmann, hof);
    // A Hofmann product implies over-alkylation: it is formed from the quaternary salt (its
    // ring-opened amine carries the extra alkyl groups). The evidence for Hofmann is therefore
    // evidence for over-alkylation as well (P(over | Hofmann) = 1), counted once, when it holds
    // by itself (specific signs only).
    if (hofmann.detected && model.reagent != nullptr && model.reagent->alkylating) {
        double llr = 0.0;
        for (const auto& p : hof) {
            if (p.checked && !p.corroborative_only) llr += p.llr;
        }
        if (llr > 0.0) {
            ModalityResult implied;
            implied.checked = true;
            implied.source = EvidenceSource::implied;
            implied.llr = std::min(llr, 3.0);
            implied.note = "a Hofmann elimination product is present, which forms only from the quaternary salt";
            over.push_back(std::move(implied));
        }
    }
    out.findings = {merge_calibrated_findings(ByproductClass::oligomer, olig),
                    merge_calibrated_findings(ByproductClass::over_alkylation, over),
                    merge_calibrated_findings(ByproductClass::n_oxide, nox), hofmann};
    return out;
}

std::vector<Finding> classify_sample(const ClassifierInput& input) { return classify(input).findings; }

}  // namespace sidepeak::classify
