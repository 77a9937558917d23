#pragma once
/// Writes the requested report formats for a batch into one folder.
#include <filesystem>
#include <set>
#include <string>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

/// Formats: "html" (report.html + samples/), "json" (report.json), "csv" (summary.csv),
/// "h5" (results.h5). Every file is written atomically. Throws UsageError for an unknown format.
void write_reports(const std::filesystem::path& dir, const BatchResult& batch, const std::set<std::string>& formats);

/// Parses a comma-separated list such as "html,json,csv,h5". Throws UsageError for unknown names.
std::set<std::string> parse_formats(const std::string& list);

}  // namespace sidepeak::report
