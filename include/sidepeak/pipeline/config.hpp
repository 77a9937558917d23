#pragma once
/// Processing options from a JSON configuration (`--config FILE`, or the plugin's config_json):
///   { "nmr":  { "apodization": "exponential|gaussian|sine_bell|sine_bell_squared|none",
///               "line_broadening_hz": 0.3, "zero_fill_factor": 2,
///               "phase": "acme|peak_minimum_entropy|none", "p0_deg": 0, "p1_deg": 0,
///               "baseline": "arpls|asls|airpls|polynomial|none", "baseline_lambda": 0,
///               "snr_threshold": 5, "multiplet_window_hz": 20, "use_vendor_processed": false },
///     "lcms": { "mass_tolerance_ppm": 10, "min_snr": 10, "min_trace_scans": 3, "max_charge": 3 },
///     "classify": { "mass_tolerance_ppm": 10, "coelution_s": 3, "separation_s": 6 } }
/// Unknown keys are an error (a typo must not silently fall back to a default).
#include <string>

#include <nlohmann/json.hpp>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

/// Throws UsageError naming the offending key or value.
AnalysisOptions options_from_json(const nlohmann::json& config);
/// Parses JSON text (empty text = defaults). Throws UsageError for malformed JSON.
AnalysisOptions options_from_json_text(const std::string& text);

}  // namespace sidepeak::pipeline
