#pragma once
/// Machine-readable outputs with the field names fixed in docs/design (report.json schema
/// "sidepeak.report/1", `process --out FILE.json`). Fields may be added, never renamed.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

inline constexpr const char* kReportSchema = "sidepeak.report/1";

/// The contract name of an input kind in report.json: "nmr", "lcms" or "unknown".
std::string_view data_kind_name(DataKind kind) noexcept;

/// JSON text of `j` (`indent` < 0: one line). Strings are not checked for valid UTF-8 when they
/// are built (file names and texts taken from files are arbitrary bytes), so every JSON output is
/// written through this: a byte that is not part of valid UTF-8 becomes U+FFFD instead of making
/// the whole output fail.
std::string json_text(const nlohmann::json& j, int indent = -1);

/// report.json for a batch.
nlohmann::json report_json(const BatchResult& batch);
/// One sample's entry of report.json.
nlohmann::json sample_json(const SampleResult& sample);
/// One finding with its evidence.
nlohmann::json finding_json(const classify::Finding& finding);

/// `process` output for NMR: reference, phase, noise, peaks, multiplets; the processed spectrum
/// (ppm, intensity) only when `with_spectrum`.
nlohmann::json nmr_process_json(const signal::NmrResult& result, bool with_spectrum);
/// `process` output for LC-MS: the feature table.
nlohmann::json lcms_process_json(const signal::LcmsResult& result);

}  // namespace sidepeak::report
