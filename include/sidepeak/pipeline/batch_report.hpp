#pragma once
/// The batch report built from per-sample results (sample_store.hpp): report.json (the samples'
/// report.json entries as stored), summary.csv, report.html with the stored sample pages,
/// results.h5 from the one-sample parts, and samples/<n>-<id>.json, the records themselves, so
/// the published folder can be merged again (`sidepeak merge`).
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sidepeak/pipeline/sample_store.hpp"
#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::pipeline {

/// What a batch report is made of, in report order.
struct StoredBatch {
    std::vector<StoredSample> samples;
    std::vector<report::SkippedEntry> skipped;   ///< entries of the --batch folder that are not samples
    std::string parameters = "{}";  ///< JSON text of report.json's parameters block (left out when empty)
};

/// The text of report.json of the batch (as report::report_json_text(report, 1) writes it), each
/// sample's entry copied from its record file, one file read at a time.
std::string stored_report_text(const StoredBatch& batch);

/// Writes the requested formats into `dir` (a fresh folder), every file atomically. Throws
/// OutputError (or Error for an unreadable part).
void write_stored_reports(const std::filesystem::path& dir, const StoredBatch& batch,
                          const std::set<std::string>& formats);

}  // namespace sidepeak::pipeline
