#include "sidepeak/pipeline/batch_report.hpp"

#include <system_error>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/sample_record.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/hdf5_merge.hpp"
#include "sidepeak/report/html_report.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The index and summary.csv need ids, inputs and findings only: read back from the records.
report::BatchResult summary_batch(const StoredBatch& batch) {
    report::BatchResult out;
    out.skipped = batch.skipped;
    out.samples.reserve(batch.samples.size());
    for (const auto& s : batch.samples) out.samples.push_back(sample_from_record(s.record));
    return out;
}

// A hard link where the file system allows one (the store and the set share a disk), else a copy.
void place_copy(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_hard_link(from, to, ec);
    if (!ec) return;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) throw OutputError(to.string() + ": cannot copy the per-sample result " + from.string() + ": " + ec.message());
}

std::string page_stem(const std::string& id, std::size_t index) {
    return fs::path(report::sample_file_name(id, index)).stem().string();
}

}  // namespace

json stored_report_json(const StoredBatch& batch) {
    report::BatchResult header;
    header.skipped = batch.skipped;
    json out = report::report_json(header);
    if (!batch.parameters.empty()) out["parameters"] = batch.parameters;
    for (const auto& s : batch.samples) {
        const json& entry = s.record["sample"];
        out["samples"].push_back(entry);
        const std::string id = entry["id"].get<std::string>();
        for (const auto& in : entry["inputs"]) {
            if (in.value("status", "") != "ok") {
                out["errors"].push_back({{"path", in.value("path", "")}, {"sample", id}, {"error", in.value("error", "")}});
            }
        }
        for (const auto& e : s.record["skipped"]) {
            out["skipped"].push_back({{"path", e.value("path", "")}, {"sample", id}, {"reason", e.value("reason", "")}});
        }
    }
    return out;
}

void write_stored_reports(const fs::path& dir, const StoredBatch& batch, const std::set<std::string>& formats) {
    fs::create_directories(dir / "samples");
    std::vector<fs::path> h5_parts;
    for (std::size_t i = 0; i < batch.samples.size(); ++i) {
        const auto& s = batch.samples[i];
        const std::string stem = page_stem(s.record["sample"]["id"].get<std::string>(), i);
        place_copy(s.json, dir / "samples" / (stem + ".json"));
        if (formats.count("html")) {
            if (s.html.empty()) throw OutputError(s.json.string() + ": the sample's report page is missing");
            place_copy(s.html, dir / "samples" / (stem + ".html"));
        }
        if (formats.count("h5")) {
            if (s.h5.empty()) throw OutputError(s.json.string() + ": the sample's results.h5 part is missing");
            place_copy(s.h5, dir / "samples" / (stem + ".h5"));
            h5_parts.push_back(s.h5);
        }
    }
    const bool need_summary = formats.count("csv") || formats.count("html");
    const report::BatchResult summary = need_summary ? summary_batch(batch) : report::BatchResult{};
    for (const auto& f : formats) {
        if (f == "json") {
            write_file_atomic(dir / "report.json", report::json_text(stored_report_json(batch), 1) + "\n");
        } else if (f == "csv") {
            write_file_atomic(dir / "summary.csv", report::summary_csv(summary));
        } else if (f == "html") {
            write_file_atomic(dir / "report.html", report::index_html(summary));
        } else if (f == "h5") {
            try {
                report::merge_hdf5_results(dir / "results.h5", h5_parts);
            } catch (const OutputError&) {
                throw;
            } catch (const Error& e) {
                throw OutputError(e.what());
            }
        } else {
            throw UsageError("unknown report format '" + f + "'");
        }
    }
}

}  // namespace sidepeak::pipeline
