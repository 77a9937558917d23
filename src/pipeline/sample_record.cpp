#include "sample_record.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <system_error>

#include "sidepeak/core/digest.hpp"
#include "sidepeak/core/error.hpp"
#include "evidence_kind.hpp"
#include "report_json_tree.hpp"
#include "sidepeak/report/json_report.hpp"
#include "sidepeak/version.hpp"

namespace sidepeak::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Instrument folders are shallow; the limit stops a link cycle.
constexpr int kMaxDepth = 16;

void collect_files(const fs::path& dir, const fs::path& rel, int depth, std::vector<fs::path>& out) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path().filename());
    std::sort(entries.begin(), entries.end());
    for (const auto& name : entries) {
        const fs::path full = dir / name;
        if (fs::is_directory(full, ec)) {
            if (depth < kMaxDepth) collect_files(full, rel / name, depth + 1, out);
        } else {
            out.push_back(rel / name);
        }
    }
}

double number_or_nan(const json& j) {
    return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

std::optional<double> optional_number(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    return number_or_nan(*it);
}

std::string text(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

classify::Evidence evidence_from(const json& j) {
    classify::Evidence e;
    const std::string kind = text(j, "kind");
    const auto parsed = report::detail::evidence_kind_from_name(kind);
    if (!parsed) throw Error("per-sample result: unknown evidence kind '" + kind + "'");
    e.kind = *parsed;
    e.label = text(j, "label");
    e.role = text(j, "role") == "considered" ? classify::EvidenceRole::considered : classify::EvidenceRole::supports;
    e.mz = optional_number(j, "mz");
    e.rt_s = optional_number(j, "rt_s");
    e.formula = text(j, "formula");
    e.adduct = text(j, "adduct");
    e.ppm_error = optional_number(j, "ppm_error");
    e.intensity = optional_number(j, "intensity");
    e.ppm = optional_number(j, "ppm");
    e.ppm_from = optional_number(j, "ppm_from");
    e.ppm_to = optional_number(j, "ppm_to");
    e.multiplicity = text(j, "multiplicity");
    if (const auto it = j.find("j_hz"); it != j.end() && it->is_array()) {
        for (const auto& v : *it) e.j_hz.push_back(number_or_nan(v));
    }
    e.area_fraction = optional_number(j, "area_fraction");
    e.kmd = optional_number(j, "kmd");
    if (const auto it = j.find("scan_ids"); it != j.end() && it->is_array()) {
        for (const auto& v : *it) e.scan_ids.push_back(v.is_string() ? v.get<std::string>() : std::string());
    }
    return e;
}

classify::ByproductClass class_from(const std::string& name) {
    for (const auto c : classify::kAllClasses) {
        if (classify::class_name(c) == name) return c;
    }
    throw Error("per-sample result: unknown by-product class '" + name + "'");
}

}  // namespace

json input_digests(const fs::path& sample) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(sample, ec)) {
        collect_files(sample, {}, 0, files);
    } else {
        files.push_back({});
    }
    json out = json::array();
    for (const auto& rel : files) {
        const fs::path full = rel.empty() ? sample : sample / rel;
        json entry = {{"file", rel.generic_string()}};
        const auto size = fs::file_size(full, ec);
        entry["size"] = ec ? json(nullptr) : json(size);
        try {
            entry["sha256"] = file_digest(full, DigestAlgorithm::sha256);
        } catch (const InputError& e) {
            entry["error"] = e.problem();
        }
        out.push_back(std::move(entry));
    }
    return out;
}

json sample_key(const fs::path& path, const std::string& product, const std::string& reagent,
                const json& parameters) {
    return {{"path", path.string()},
            {"inputs", input_digests(path)},
            {"tool_version", sidepeak::version()},
            {"parameters", parameters},
            {"product", product},
            {"reagent", reagent}};
}

json parameters_json(const report::BatchResult& batch) {
    report::BatchResult only_parameters;
    only_parameters.parameters = batch.parameters;
    const json j = report::detail::report_json(only_parameters);
    return j.contains("parameters") ? j["parameters"] : json::object();
}

json sample_record(const report::SampleResult& sample, const json& key) {
    json skipped = json::array();
    for (const auto& e : sample.skipped) skipped.push_back({{"path", e.path.string()}, {"reason", e.reason}});
    return {{"schema", kSampleSchema},
            {"tool", {{"name", "sidepeak"}, {"version", sidepeak::version()}}},
            {"key", key},
            {"sample", report::detail::sample_json(sample)},
            {"skipped", std::move(skipped)}};
}

bool is_complete_record(const json& record) noexcept {
    if (!record.is_object() || text(record, "schema") != kSampleSchema) return false;
    const auto key = record.find("key");
    const auto sample = record.find("sample");
    if (key == record.end() || !key->is_object() || sample == record.end() || !sample->is_object()) return false;
    if (!sample->contains("id") || !(*sample)["id"].is_string()) return false;
    const auto inputs = sample->find("inputs");
    const auto findings = sample->find("findings");
    if (inputs == sample->end() || !inputs->is_array()) return false;
    if (findings == sample->end() || !findings->is_array() || findings->size() != classify::kAllClasses.size()) {
        return false;
    }
    return record.contains("skipped") && record["skipped"].is_array();
}

report::SampleResult sample_from_record(const json& record) {
    if (!is_complete_record(record)) throw Error("not a complete per-sample result (" + std::string(kSampleSchema) + ")");
    const json& j = record["sample"];
    report::SampleResult s;
    s.id = j["id"].get<std::string>();
    if (const auto c = j.find("context"); c != j.end() && c->is_object()) {
        s.context.product = text(*c, "product");
        s.context.increment = text(*c, "reagent");
        s.context.reagent = text(*c, "reagent_name");
        const std::string source = text(*c, "source");
        s.context.source = source == "given"      ? classify::ContextSource::given
                           : source == "inferred" ? classify::ContextSource::inferred
                                                  : classify::ContextSource::none;
        s.context.inferred_from = text(*c, "inferred_from");
    }
    for (const auto& in : j["inputs"]) {
        s.inputs.push_back({fs::path(text(in, "path")), report::format_from_name(text(in, "format")),
                            report::data_kind_from_name(text(in, "kind")), text(in, "status") == "ok",
                            text(in, "error")});
    }
    for (const auto& f : j["findings"]) {
        classify::Finding finding;
        finding.cls = class_from(text(f, "class"));
        finding.detected = f.value("detected", false);
        finding.checked = f.value("checked", false);
        finding.confidence = f.contains("confidence") ? number_or_nan(f["confidence"]) : 0.0;
        finding.summary = text(f, "summary");
        if (const auto ev = f.find("evidence"); ev != f.end() && ev->is_array()) {
            for (const auto& e : *ev) finding.evidence.push_back(evidence_from(e));
        }
        s.findings.push_back(std::move(finding));
    }
    for (const auto& e : record["skipped"]) s.skipped.push_back({fs::path(text(e, "path")), text(e, "reason")});
    return s;
}

}  // namespace sidepeak::pipeline
