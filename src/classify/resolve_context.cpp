// resolve_context: the reaction context as the user states it, turned once into the typed
// reaction model the detectors read.
#include <memory>

#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/classify/classifier.hpp"

namespace sidepeak::classify {

SampleContext resolve_context(const std::string& product, const std::string& reagent) {
    // Throws UsageError for a malformed product or an unknown reagent that is not a formula.
    auto model = std::make_shared<const chem::ReactionModel>(chem::build_reaction_model({product, reagent}));
    SampleContext context;
    context.product = product.empty() ? product : chem::Formula(product).to_string();
    context.reagent = reagent;
    if (!reagent.empty() && model->increment) context.increment = model->increment->to_string();
    context.model = std::move(model);
    return context;
}

}  // namespace sidepeak::classify
