#pragma once
/// Machine-readable outputs with the field names fixed in docs/design (report.json schema
/// "sidepeak.report/1", `process --out FILE.json`). Fields may be added, never renamed.
///
/// Every function returns the JSON text (`indent` < 0: one line; n >= 0: members on their own
/// lines, n spaces per level). File names and texts taken from files are arbitrary bytes: a byte
/// that is not part of valid UTF-8 is written as U+FFFD instead of failing the output.
#include <string>
#include <string_view>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

inline constexpr const char* kReportSchema = "sidepeak.report/1";

/// The contract name of an input kind in report.json: "nmr", "lcms" or "unknown".
std::string_view data_kind_name(DataKind kind) noexcept;
/// The kind named so in report.json (data_kind_name's inverse; any other name: unknown).
DataKind data_kind_from_name(std::string_view name) noexcept;

/// The contract name of an input format (report.json `inputs[].format`, `info` and `process`
/// `format`): "bruker-fid", "bruker-1r", "jcamp-dx", "varian", "jeol", "nmrml", "mzml", "mzxml",
/// "mzmlb", "andi-netcdf"; "sample-sheet" for a sheet row listed as an input; "unknown".
std::string_view format_name(DataFormat format) noexcept;
/// The format named so (format_name's inverse; any other name: unknown), for per-sample records
/// read back.
DataFormat format_from_name(std::string_view name) noexcept;

/// report.json for a batch.
std::string report_json_text(const BatchResult& batch, int indent = -1);
/// One sample's entry of report.json.
std::string sample_json_text(const SampleResult& sample, int indent = -1);

/// `process` output for NMR: reference, phase, noise, peaks, multiplets; the processed spectrum
/// (ppm, intensity) only when `with_spectrum`.
std::string nmr_process_json_text(const signal::NmrResult& result, bool with_spectrum, int indent = -1);
/// `process` output for LC-MS: the feature table.
std::string lcms_process_json_text(const signal::LcmsResult& result, int indent = -1);

}  // namespace sidepeak::report
