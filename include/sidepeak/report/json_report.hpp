#pragma once
/// Machine-readable outputs with the field names fixed in docs/design (report.json schema
/// "sidepeak.report/1", `process --out FILE.json`). Fields may be added, never renamed.
#include <nlohmann/json.hpp>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

inline constexpr const char* kReportSchema = "sidepeak.report/1";

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
