// resolve_context: the reaction context resolved once (classify::resolve_context).
#include "sidepeak/classify/classifier.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

classify::SampleContext resolve_context(const std::string& product, const std::string& reagent) {
    return classify::resolve_context(product, reagent);
}

}  // namespace sidepeak::pipeline
