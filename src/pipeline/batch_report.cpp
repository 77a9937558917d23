#include "sidepeak/pipeline/batch_report.hpp"

#include <system_error>

#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/pipeline/sample_store.hpp"
#include "sidepeak/report/csv_report.hpp"
#include "sidepeak/report/hdf5_merge.hpp"
#include "sidepeak/report/html_report.hpp"
#include "report_json_tree.hpp"
#include "sample_record.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The index and summary.csv need ids, inputs and findings only: read back from the records.
report::BatchResult summary_batch(const StoredBatch& batch) {
    report::BatchResult out;
    out.skipped = batch.skipped;
    out.samples.reserve(batch.samples.size());
    for (const auto& s : batch.samples) out.samples.push_back(s.summary);
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

// `text` with `spaces` blanks after every line break (a value nested that deep).
std::string indented(const std::string& text, std::size_t spaces) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        out += c;
        if (c == '\n') out.append(spaces, ' ');
    }
    return out;
}

std::string page_stem(const std::string& id, std::size_t index) {
    return fs::path(report::sample_file_name(id, index)).stem().string();
}

}  // namespace

std::string stored_report_text(const StoredBatch& batch) {
    report::BatchResult header;
    header.skipped = batch.skipped;
    json top = report::detail::report_json(header);
    if (json parameters = json::parse(batch.parameters); !parameters.empty()) top["parameters"] = std::move(parameters);
    for (const auto& s : batch.samples) {
        const auto& sample = s.summary;
        for (const auto& in : sample.inputs) {
            if (!in.ok) top["errors"].push_back({{"path", in.path.string()}, {"sample", sample.id}, {"error", in.error}});
        }
        for (const auto& e : sample.skipped) {
            top["skipped"].push_back({{"path", e.path.string()}, {"sample", sample.id}, {"reason", e.reason}});
        }
    }
    // The layout of report_json_text(report, 1): members in key order, one space of indent per level.
    std::string out = "{\n";
    bool first = true;
    for (const auto& [key, value] : top.items()) {
        if (!first) out += ",\n";
        first = false;
        out += ' ';
        out += report::detail::json_text(key);
        out += ": ";
        if (key != "samples" || batch.samples.empty()) {
            out += indented(report::detail::json_text(value, 1), 1);
            continue;
        }
        out += "[\n";
        for (std::size_t i = 0; i < batch.samples.size(); ++i) {
            const json record = read_sample_record(batch.samples[i].json);
            out.append(2, ' ');
            out += indented(report::detail::json_text(record["sample"], 1), 2);
            out += i + 1 < batch.samples.size() ? ",\n" : "\n";
        }
        out += " ]";
    }
    out += "\n}";
    return out;
}

void write_stored_reports(const fs::path& dir, const StoredBatch& batch, const std::set<std::string>& formats) {
    fs::create_directories(dir / "samples");
    std::vector<fs::path> h5_parts;
    for (std::size_t i = 0; i < batch.samples.size(); ++i) {
        const auto& s = batch.samples[i];
        const std::string stem = page_stem(s.summary.id, i);
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
            write_file_atomic(dir / "report.json", stored_report_text(batch) + "\n");
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
