#pragma once
/// The self-contained HTML report for QC reviewers: DIR/report.html (batch index, sortable and
/// filterable) and DIR/samples/<file>.html per sample (verdicts, evidence tables, SVG plots with
/// zoom). No network, no CDN: inline CSS, inline SVG and a small inline script; everything that
/// comes from a file is escaped.
#include <filesystem>
#include <string>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::report {

/// A file name for a sample id that is safe on every file system (unique within a batch when
/// `index` is the sample's position).
std::string sample_file_name(const std::string& id, std::size_t index);

std::string index_html(const BatchResult& batch);
std::string sample_html(const SampleResult& sample);

/// Writes report.html and samples/*.html under `dir` (created), each file atomically.
void write_html_report(const std::filesystem::path& dir, const BatchResult& batch);

}  // namespace sidepeak::report
