#include "sidepeak/pipeline/sample_store.hpp"

#include <system_error>

#include "sidepeak/core/digest.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/report/hdf5_results.hpp"
#include "sidepeak/report/html_report.hpp"
#include "report_json_tree.hpp"
#include "sample_record.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A record is at most this large (the sample's report.json entry); larger is not ours.
constexpr std::uintmax_t kMaxRecordBytes = std::uintmax_t{256} << 20;

fs::path with_extension(const fs::path& json_file, const char* ext) {
    fs::path p = json_file;
    p.replace_extension(ext);
    return p;
}

}  // namespace

SampleStore::SampleStore(fs::path dir) : dir_(std::move(dir)) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw OutputError(dir_.string() + ": cannot create the per-sample results folder: " + ec.message());
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
        const std::string name = e.path().filename().string();
        if (!name.empty() && name[0] == '.') {  // a temporary file of an interrupted write
            std::error_code ignored;
            fs::remove(e.path(), ignored);
        }
    }
}

std::string SampleStore::name_for(const std::string& id) {
    std::string safe;
    for (const char c : id) {
        const auto u = static_cast<unsigned char>(c);
        safe += (std::isalnum(u) || c == '-' || c == '_' || c == '.') ? c : '_';
    }
    while (!safe.empty() && safe.front() == '.') safe.erase(0, 1);
    if (safe == id && safe.size() <= 100) return safe;
    if (safe.size() > 80) safe.resize(80);
    Digest sha(DigestAlgorithm::sha256);
    sha.update(id);
    return (safe.empty() ? std::string("sample") : safe) + "-" + sha.hex().substr(0, 12);
}

StoredSample SampleStore::save(const report::SampleResult& sample, const SampleKey& key,
                               const std::set<std::string>& formats) const {
    const std::string name = name_for(sample.id);
    const fs::path json_file = dir_ / (name + ".json");
    if (formats.count("html")) write_file_atomic(dir_ / (name + ".html"), report::sample_html(sample));
    if (formats.count("h5")) {
        report::BatchResult one;
        one.samples.push_back(sample);
        try {
            report::write_hdf5_results(dir_ / (name + ".h5"), one);
        } catch (const OutputError&) {
            throw;
        } catch (const Error& e) {
            throw OutputError(e.what());
        }
    }
    const json record = sample_record(sample, json::parse(key.json));
    write_file_atomic(json_file, report::detail::json_text(record, 1) + "\n");  // last: marks the sample complete
    return stored_sample(record, json_file);
}

std::optional<StoredSample> SampleStore::find(const std::string& id, const SampleKey& key,
                                              const std::set<std::string>& formats) const {
    const fs::path file = dir_ / (name_for(id) + ".json");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
    try {
        const json record = read_sample_record(file);
        if (record["sample"]["id"] != id || record["key"] != json::parse(key.json)) return std::nullopt;
        StoredSample stored = stored_sample(record, file);
        if (formats.count("html") && stored.html.empty()) return std::nullopt;
        if (formats.count("h5") && stored.h5.empty()) return std::nullopt;
        return stored;
    } catch (const std::exception&) {
        return std::nullopt;  // unreadable or incomplete: the sample is analysed again
    }
}

void SampleStore::keep_only(const std::set<std::string>& ids) const {
    std::set<std::string> names;
    for (const auto& id : ids) names.insert(name_for(id));
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
        if (!names.count(e.path().stem().string())) stale.push_back(e.path());
    }
    for (const auto& p : stale) {
        std::error_code ignored;
        fs::remove(p, ignored);
    }
}

json read_sample_record(const fs::path& json_file) {
    json record = json::parse(read_file_text(json_file, kMaxRecordBytes), nullptr, false);
    if (!is_complete_record(record)) {
        throw Error(json_file.string() + ": not a complete per-sample result (" + std::string(kSampleSchema) + ")");
    }
    return record;
}

StoredSample stored_sample(const json& record, const fs::path& json_file) {
    StoredSample stored;
    stored.summary = sample_from_record(record);
    stored.json = json_file;
    std::error_code ec;
    if (const fs::path html = with_extension(json_file, ".html"); fs::is_regular_file(html, ec)) stored.html = html;
    if (const fs::path h5 = with_extension(json_file, ".h5"); fs::is_regular_file(h5, ec)) stored.h5 = h5;
    return stored;
}

StoredSample load_stored_sample(const fs::path& json_file) { return stored_sample(read_sample_record(json_file), json_file); }

RecordFile read_record_file(const fs::path& json_file) {
    const json record = read_sample_record(json_file);
    RecordFile out;
    out.stored = stored_sample(record, json_file);
    out.parameters = report::detail::json_text(record["key"].value("parameters", json::object()));
    out.results = report::detail::json_text({{"sample", record["sample"]}, {"skipped", record["skipped"]}});
    return out;
}

}  // namespace sidepeak::pipeline
