// resolve_context: validates the reaction context and resolves the reagent to its increment.
#include "sidepeak/chem/reaction_model.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

classify::SampleContext resolve_context(const std::string& product, const std::string& reagent) {
    classify::SampleContext context;
    context.product = product;
    context.reagent = reagent;
    if (product.empty() && reagent.empty()) return context;
    // Throws UsageError for a malformed product or an unknown reagent that is not a formula.
    const chem::ReactionModel model = chem::build_reaction_model({product, reagent});
    if (!product.empty()) context.product = chem::Formula(product).to_string();
    if (!reagent.empty() && model.increment) context.increment = model.increment->to_string();
    return context;
}

}  // namespace sidepeak::pipeline
