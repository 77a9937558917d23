// `sidepeak merge OUT DIR...`: one batch report from per-sample results made anywhere (the
// samples/*.json of earlier `analyze --out` folders, or folders of such records).
#include <algorithm>
#include <iostream>
#include <map>
#include <system_error>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/core/text.hpp"
#include "sidepeak/pipeline/batch_report.hpp"
#include "sidepeak/pipeline/sample_store.hpp"
#include "sidepeak/report/write_reports.hpp"
#include "unreadable.hpp"

namespace sidepeak::app {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The record files of one DIR argument: DIR/samples/*.json of a report folder, else DIR/*.json,
// or DIR itself when it is a record file; sorted, so the batch order of a report folder is kept.
std::vector<fs::path> record_files(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) return {dir};
    if (!fs::is_directory(dir, ec)) throw UsageError("merge: " + dir.string() + " is no folder of per-sample results");
    const fs::path folder = fs::is_directory(dir / "samples", ec) ? dir / "samples" : dir;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() == ".json" && !name.empty() && name[0] != '.') files.push_back(e.path());
    }
    if (ec) throw UsageError("merge: cannot list " + folder.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw UsageError("merge: " + dir.string() + " holds no per-sample results (samples/*.json)");
    return files;
}

// The batch folder's own skipped entries (those without a sample) from DIR/report.json, if any.
void add_batch_skipped(const fs::path& dir, std::vector<report::SkippedEntry>& skipped) {
    std::error_code ec;
    const fs::path report = dir / "report.json";
    if (!fs::is_regular_file(report, ec)) return;
    const json j = json::parse(read_file_text(report, std::uintmax_t{1} << 30), nullptr, false);
    if (!j.is_object() || !j.contains("skipped") || !j["skipped"].is_array()) return;
    for (const auto& e : j["skipped"]) {
        if (e.is_object() && !e.contains("sample")) skipped.push_back({e.value("path", ""), e.value("reason", "")});
    }
}

}  // namespace

int run_merge(const MergeArgs& args) {
    const auto formats = report::parse_formats(args.formats);
    if (args.dirs.empty()) throw UsageError("merge: give the folders whose per-sample results to merge");
    const report::ReportSet output(args.out);
    pipeline::StoredBatch batch;
    std::map<std::string, fs::path> seen;  // sample id -> the record file that gave it
    fs::path parameters_from;
    for (const auto& dir : args.dirs) {
        for (const auto& file : record_files(dir)) {
            pipeline::RecordFile record;
            try {
                record = pipeline::read_record_file(file);
            } catch (const std::exception& e) {
                throw UsageError(std::string("merge: ") + e.what());
            }
            const std::string id = record.stored.summary.id;
            if (const auto it = seen.find(id); it != seen.end()) {
                const pipeline::RecordFile first = pipeline::read_record_file(it->second);
                if (json::parse(first.results) == json::parse(record.results)) continue;
                throw UsageError("merge: sample '" + id + "' is in " + it->second.string() + " and in " + file.string() +
                                 " with different results; rename one or leave one out");
            }
            if (batch.samples.empty()) {
                batch.parameters = record.parameters;
                parameters_from = file;
            } else if (json::parse(record.parameters) != json::parse(batch.parameters)) {
                throw UsageError("merge: " + file.string() + " was analysed with other parameters than " +
                                 parameters_from.string() + "; one report holds results of one parameter set");
            }
            seen.emplace(id, file);
            batch.samples.push_back(std::move(record.stored));
        }
        add_batch_skipped(dir, batch.skipped);
    }
    output.publish([&](const fs::path& staging) { pipeline::write_stored_reports(staging, batch, formats); });
    const std::size_t bad = report_unreadable(batch);
    if (!args.quiet) {
        std::cerr << "sidepeak: " << batch.samples.size() << " samples merged from " << args.dirs.size()
                  << " folders, " << bad << " inputs unreadable; report in " << terminal_text(args.out) << "\n";
    }
    return bad > 0 ? 2 : 0;
}

}  // namespace sidepeak::app
