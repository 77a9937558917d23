#pragma once
// Private to the pipeline (nlohmann::json stays out of include/sidepeak).
/// The per-sample result of a batch (`samples/<name>.json`, schema "sidepeak.sample/1"): the
/// sample's report.json entry, the entries discovery passed over inside it, and the key that says
/// what it was computed from (the content hash of every input file, the tool version, the
/// parameters and the reaction context given). `--resume` reuses a result whose key matches;
/// `sidepeak merge` builds a batch report from such results made anywhere.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "sidepeak/pipeline/sample_store.hpp"
#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::pipeline {

inline constexpr const char* kSampleSchema = "sidepeak.sample/1";

/// Every regular file under `sample` (the file itself, or a folder searched recursively, links
/// followed, in sorted order) with its path relative to `sample`, size and SHA-256:
/// [{"file": "...", "size": n, "sha256": "..."}]; a file that cannot be read is listed with
/// "error" instead of its hash.
nlohmann::json input_digests(const std::filesystem::path& sample);

/// The key of one sample's result: {"path", "inputs": input_digests(path), "tool_version",
/// "parameters", "product", "reagent"} (product and reagent as given for the sample).
nlohmann::json sample_key(const std::filesystem::path& path, const std::string& product, const std::string& reagent,
                          const nlohmann::json& parameters);

/// The parameters block of report.json for `batch.parameters`.
nlohmann::json parameters_json(const report::BatchResult& batch);

/// The per-sample record: {"schema", "tool", "key", "sample": report.json entry, "skipped": [...]}.
nlohmann::json sample_record(const report::SampleResult& sample, const nlohmann::json& key);

/// True when `record` is a complete per-sample record (schema, key, sample entry with id,
/// inputs and one finding per class).
bool is_complete_record(const nlohmann::json& record) noexcept;

/// The sample as the batch index and summary.csv need it, read back from its report.json entry
/// and the record's "skipped" list: id, context, inputs, skipped entries and findings with their
/// evidence (no processed spectra or features).
report::SampleResult sample_from_record(const nlohmann::json& record);

/// Reads one record file (sample_store.cpp). Throws Error when it is no complete per-sample record.
nlohmann::json read_sample_record(const std::filesystem::path& json_file);

/// The stored sample of `record`, read from `json_file`, with its sibling parts (<name>.html,
/// <name>.h5) when present (sample_store.cpp).
StoredSample stored_sample(const nlohmann::json& record, const std::filesystem::path& json_file);

}  // namespace sidepeak::pipeline
