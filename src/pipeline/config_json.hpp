#pragma once
// Private to the pipeline: options from a parsed JSON configuration (config.hpp reads the text).
#include <nlohmann/json.hpp>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline::detail {

/// Throws UsageError naming the offending key or value.
AnalysisOptions options_from_json(const nlohmann::json& config);

}  // namespace sidepeak::pipeline::detail
