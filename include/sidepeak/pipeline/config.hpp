#pragma once
/// Processing options from a JSON configuration (`--config FILE`, or the plugin's config_json):
///   { "nmr": { "apodization": "exponential", "line_broadening_hz": 0.3, ... },
///     "lcms": { "mass_tolerance_ppm": 10, ... }, "classify": { "mass_tolerance_ppm": 10, ... } }
/// Every key, its unit, range and default: sidepeak/pipeline/parameters.hpp (parameter_list(),
/// `sidepeak config --defaults`, docs/user-guide.md). `//` and `/* */` comments are allowed.
/// Unknown keys are an error (a typo must not silently fall back to a default).
#include <string>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

/// Parses JSON text (empty text = defaults). Throws UsageError for malformed JSON, and naming the
/// offending key or value.
AnalysisOptions options_from_json_text(const std::string& text);

}  // namespace sidepeak::pipeline
