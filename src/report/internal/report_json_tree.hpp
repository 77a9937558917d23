#pragma once
// The JSON trees behind report.json, for the modules that store per-sample records and build
// report.json from them (src/pipeline: sample_record.cpp, batch_report.cpp). Not a public header:
// nlohmann::json stays out of include/sidepeak; the public interface (json_report.hpp) gives text.
// Reached through the CMake target sidepeak_report_json.
#include <string>

#include <nlohmann/json.hpp>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report::detail {

/// JSON text of `j` (`indent` < 0: one line). Strings are not checked for valid UTF-8 when they
/// are built (file names and texts taken from files are arbitrary bytes), so every JSON output is
/// written through this: a byte that is not part of valid UTF-8 becomes U+FFFD instead of making
/// the whole output fail.
std::string json_text(const nlohmann::json& j, int indent = -1);

/// report.json for a batch.
nlohmann::json report_json(const BatchResult& batch);
/// One sample's entry of report.json.
nlohmann::json sample_json(const SampleResult& sample);

}  // namespace sidepeak::report::detail
