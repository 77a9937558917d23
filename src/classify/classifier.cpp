#include "sidepeak/classify/classifier.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sidepeak/chem/reaction_model.hpp"
#include "infer_context.hpp"
#include "ms_ions.hpp"
#include "nmr_tools.hpp"
#include "detectors.hpp"
#include "targeted_ions.hpp"

namespace sidepeak::classify {

namespace {

// The sample's 1H spectrum: the first 1H result with a usable spectrum (one per sample is the
// norm). Every NMR detector reads proton shifts, integrals and H-H couplings, so 13C, 19F, 31P ...
// spectra are no evidence for them; they are named in `skipped_note`.
struct ProtonNmr {
    const signal::NmrResult* nmr = nullptr;
    ModalityResult skipped_note;
};

ProtonNmr select_proton_nmr(const ClassifierInput& input) {
    ProtonNmr out;
    std::string skipped;
    for (const auto* n : input.nmr) {
        if (n == nullptr) continue;
        const bool proton = n->meta.nucleus.empty() || n->meta.nucleus == "1H";
        if (!proton) {
            skipped += (skipped.empty() ? "" : ", ") + n->meta.nucleus;
            continue;
        }
        if (out.nmr == nullptr && n->spectrum.size() >= detail::kNmrMinPoints && n->spectrum.spectrometer_mhz > 0.0) out.nmr = n;
    }
    if (out.nmr == nullptr && !skipped.empty())
        out.skipped_note.note = "NMR input is " + skipped + " (only 1H spectra are evidence for the NMR detectors)";
    return out;
}

// LC-MS: the features of every run of the sample; each feature remembers its run, so a detector
// reads the fragment spectra (MS2) of that run.
struct SampleFeatures {
    std::vector<signal::Feature> features;
    Ms2Access ms2;
};

SampleFeatures gather_features(const ClassifierInput& input) {
    SampleFeatures out;
    for (std::size_t k = 0; k < input.lcms.size(); ++k) {
        const auto* l = input.lcms[k];
        if (l == nullptr) continue;
        out.features.insert(out.features.end(), l->features.begin(), l->features.end());
        out.ms2.feature_run.insert(out.ms2.feature_run.end(), l->features.size(), k);
    }
    for (std::size_t k = 0; k < input.lcms.size(); ++k) out.ms2.runs.push_back(k < input.ms2.size() ? input.ms2[k] : nullptr);
    if (out.ms2.empty()) out.ms2 = {};
    return out;
}

// The ion table of the sample's features without calibrants (ms_ions.hpp), built on its first use
// and shared by the context inference and the oligomer and N-oxide detectors. Its ions point into
// the feature vector, so it is rebuilt when that vector changed since (targeted features joined).
class PlainTable {
public:
    explicit PlainTable(const ClassifierOptions& options) : options_(options) {}
    const detail::IonTable& of(const std::vector<signal::Feature>& features) {
        if (!table_ || features.data() != data_ || features.size() != size_) {
            table_.emplace(features, options_);
            data_ = features.data();
            size_ = features.size();
        }
        return *table_;
    }

private:
    ClassifierOptions options_;
    std::optional<detail::IonTable> table_;
    const signal::Feature* data_ = nullptr;
    std::size_t size_ = 0;
};

// The model of the context as given: resolved once by resolve_context, or here for a context
// built by hand (strings only).
std::shared_ptr<const chem::ReactionModel> stated_model(const SampleContext& context, const std::string& reagent) {
    if (context.model != nullptr) return context.model;
    return resolve_context(context.product, reagent).model;
}

// Product given, reagent not: the table reagents that reach the product ranked by the evidence.
// Null when no table increment reaches it.
std::shared_ptr<const chem::ReactionModel> reagent_from_data(const ClassifierInput& input, const signal::NmrResult* nmr,
                                                             const detail::IonTable& table, SampleContext& context) {
    const auto choice = detail::infer_reagent(input.context.product, nmr, table);
    if (choice.reagent == nullptr) return nullptr;
    context.reagent = choice.reagent->name;
    context.increment = choice.reagent->increment;
    context.source = ContextSource::inferred;
    context.inferred_from = "reagent " + context.reagent + " (" + std::to_string(choice.candidates) + " table increment" +
                            (choice.candidates == 1 ? "" : "s") + " reach the product): " + choice.why;
    return std::make_shared<const chem::ReactionModel>(chem::build_reaction_model({input.context.product, context.reagent}));
}

// Nothing given: product and reagent read from the run's major component. Null when nothing
// qualifies. Lower confidence follows from the inferred source.
std::shared_ptr<const chem::ReactionModel> context_from_run(const ClassifierInput& input,
                                                            const std::vector<signal::Feature>& features,
                                                            const detail::IonTable& table, SampleContext& context,
                                                            const Ms2Access& ms2) {
    auto guess = detail::infer_context_from_ms(features, table, &ms2);
    if (guess.reagent == nullptr) guess = detail::infer_context_from_quaternary(input, features, ms2);
    if (guess.reagent == nullptr) return nullptr;
    context.product = guess.product;
    context.reagent = guess.reagent->name;
    context.increment = guess.reagent->increment;
    context.source = ContextSource::inferred;
    context.inferred_from = "product " + guess.product + " and reagent " + guess.reagent->name + ": " + guess.why;
    return std::make_shared<const chem::ReactionModel>(chem::build_reaction_model({guess.product, guess.reagent->name}));
}

// What the stated model derived rather than was told, for the report.
void note_derived_parts(const chem::ReactionModel& model, SampleContext& context) {
    if (model.product_origin == chem::PartOrigin::derived) {
        context.source = ContextSource::inferred;
        context.product = model.product ? model.product->to_string() : "";
        context.inferred_from = "product taken as the mono-substituted starting amine";
    } else if (model.start_origin == chem::PartOrigin::derived) {
        context.inferred_from = "starting amine " + model.starting_amine.to_string() +
                                " taken as the product less one increment (the product is not 1,4-diazepane plus whole increments)";
    }
}

// The reaction model the detectors read: the context as resolved, with the reagent ranked by the
// evidence when only the product is given, or the whole context read from the run's major
// component when none is given (docs/classifier.md, "Context"). A model is built here only for
// what is inferred from the data. `context` records what was inferred and from what.
std::shared_ptr<const chem::ReactionModel> resolve_model(const ClassifierInput& input, const signal::NmrResult* nmr,
                                                         const std::vector<signal::Feature>& features, PlainTable& plain,
                                                         SampleContext& context, const Ms2Access& ms2) {
    const std::string& reagent = input.context.reagent.empty() ? input.context.increment : input.context.reagent;
    const bool given = !input.context.product.empty() || !reagent.empty();
    context.source = given ? ContextSource::given : ContextSource::none;
    if (!input.context.product.empty() && reagent.empty()) {
        if (auto inferred = reagent_from_data(input, nmr, plain.of(features), context)) return inferred;
    }
    if (!given && !features.empty()) {
        if (auto inferred = context_from_run(input, features, plain.of(features), context, ms2)) return inferred;
    }
    auto model = stated_model(input.context, reagent);
    if (given) note_derived_parts(*model, context);
    return model;
}

// Upper bound of the LLR a Hofmann finding lends to over-alkylation (natural log, ~20:1 odds).
constexpr double kImpliedOverAlkylationMaxLlr = 3.0;

// A Hofmann product implies over-alkylation: it is formed from the quaternary salt (its
// ring-opened amine carries the extra alkyl groups). The evidence for Hofmann is therefore
// evidence for over-alkylation as well (P(over | Hofmann) = 1), counted once, when it holds by
// itself (specific signs only). Empty when it does not apply.
std::optional<ModalityResult> implied_over_alkylation(const Finding& hofmann, const std::vector<ModalityResult>& hof,
                                                      const chem::ReactionModel& model) {
    // Without any context the reagent is unknown but the quaternary salt is not: only an alkylation
    // makes one. A stated reagent that does not alkylate (a carbamate) makes none.
    const bool no_context = model.reagent == nullptr && !model.product && !model.increment;
    if (!hofmann.detected || !(no_context || (model.reagent != nullptr && model.reagent->alkylating))) return std::nullopt;
    double llr = 0.0;
    for (const auto& p : hof) {
        if (p.checked && !p.corroborative_only) llr += p.llr;
    }
    if (llr <= 0.0) return std::nullopt;
    ModalityResult implied;
    implied.checked = true;
    implied.source = EvidenceSource::implied;
    implied.llr = std::min(llr, kImpliedOverAlkylationMaxLlr);
    implied.note = "a Hofmann elimination product is present, which forms only from the quaternary salt";
    return implied;
}

}  // namespace

Classification classify(const ClassifierInput& input) {
    Classification out;
    out.context = input.context;
    const ProtonNmr proton = select_proton_nmr(input);
    const signal::NmrResult* nmr = proton.nmr;
    SampleFeatures ms = gather_features(input);
    PlainTable plain(input.options);
    const auto resolved = resolve_model(input, nmr, ms.features, plain, out.context, ms.ms2);
    out.context.model = resolved;
    const chem::ReactionModel& model = *resolved;
    // A stated context predicts the reaction's ions: the runs' features there below the untargeted
    // S/N limit join in, for theoretical-m/z look-ups only (targeted_ions.hpp).
    // So does a context read from the run (nothing given): its quaternary cation may be such a feature.
    const bool from_run = input.context.product.empty() && input.context.reagent.empty() &&
                          input.context.increment.empty() && out.context.source == ContextSource::inferred;
    if (out.context.source == ContextSource::given || from_run)
        detail::add_targeted_features(input, model, ms.features, ms.ms2.feature_run);
    // With no context at all the route's oligomers are still predicted: they follow from the
    // starting amine alone (docs/classifier.md, "Targeted extraction").
    else if (input.context.product.empty() && input.context.reagent.empty() && input.context.increment.empty())
        detail::add_targeted_features(input, detail::oligomer_targets(model), ms.features, ms.ms2.feature_run);

    std::vector<ModalityResult> olig, over, nox, hof;
    olig.push_back(nmr != nullptr ? oligomer_nmr(*nmr, model) : proton.skipped_note);
    over.push_back(nmr != nullptr ? over_alkylation_nmr(*nmr, model) : proton.skipped_note);
    nox.push_back(nmr != nullptr ? n_oxide_nmr(*nmr, model) : proton.skipped_note);
    hof.push_back(nmr != nullptr ? hofmann_nmr(*nmr, model) : proton.skipped_note);
    if (!ms.features.empty()) {
        const auto from_ms = [](ModalityResult r) {
            r.source = EvidenceSource::lcms;
            return r;
        };
        // The ion tables of the final features, built once: the plain one, and a copy recalibrated
        // on the model's calibrants (the product's and starting amine's [M+H]+).
        const detail::IonTable& table = plain.of(ms.features);
        const detail::IonTable calibrated = table.recalibrated(detail::model_calibrants(model));
        olig.push_back(from_ms(oligomer_ms(table, ms.features, model, ms.ms2)));
        over.push_back(from_ms(over_alkylation_ms(calibrated, ms.features, model, ms.ms2)));
        nox.push_back(from_ms(n_oxide_ms(table, ms.features, model, ms.ms2)));
        hof.push_back(from_ms(hofmann_ms(calibrated, ms.features, model, ms.ms2)));
    }
    const Finding hofmann = merge_calibrated_findings(ByproductClass::hofmann, hof);
    if (auto implied = implied_over_alkylation(hofmann, hof, model)) over.push_back(std::move(*implied));
    out.findings = {merge_calibrated_findings(ByproductClass::oligomer, olig),
                    merge_calibrated_findings(ByproductClass::over_alkylation, over),
                    merge_calibrated_findings(ByproductClass::n_oxide, nox), hofmann};
    return out;
}

std::vector<Finding> classify_sample(const ClassifierInput& input) { return classify(input).findings; }

}  // namespace sidepeak::classify
