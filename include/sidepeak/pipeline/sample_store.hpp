#pragma once
/// Where a batch keeps its per-sample results while it runs: `OUT/.sidepeak/results/`, one
/// `<name>.json` record per finished sample (schema "sidepeak.sample/1") with its report page `<name>.html`
/// and, when results.h5 is asked for, a one-sample `<name>.h5`. The parts are written first and
/// the record last, each atomically (temporary file + rename), so a record on disk means the
/// sample is complete: a kill -9 loses at most the samples being analysed at that moment. The
/// published report set is built from these files, and `--resume` reuses every record whose key
/// matches the inputs on disk.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sidepeak/report/sample_report.hpp"

namespace sidepeak::pipeline {

/// One finished sample's result on disk, and what the batch index and summary.csv need of it
/// (the record itself stays on disk: report.json is written from the files).
struct StoredSample {
    report::SampleResult summary;       ///< sample_from_record of the record
    std::filesystem::path json;         ///< the record's file
    std::filesystem::path html;         ///< its report page (empty when not written)
    std::filesystem::path h5;           ///< its one-sample results.h5 (empty when not written)
};

/// What a sample's stored result was computed from: the content hash and size of every input
/// file, the tool version, the parameters and the reaction context given, as the JSON text the
/// record keeps ("key"). Keys are compared as JSON values.
struct SampleKey {
    std::string json;
};

class SampleStore {
public:
    /// Uses (and creates) `dir`; removes temporary files that an interrupted run left there.
    explicit SampleStore(std::filesystem::path dir);

    /// A file-system-safe name for a sample id, the same for the same id in every run: the id's
    /// letters, digits, '-', '_' and '.', others as '_'; when that changed the id, a short hash of
    /// the id is added so two ids never share a name.
    static std::string name_for(const std::string& id);

    /// Writes the sample's parts for `formats` ("html": its page, "h5": a one-sample results.h5)
    /// and then its record. Throws OutputError when a file cannot be written.
    StoredSample save(const report::SampleResult& sample, const SampleKey& key,
                      const std::set<std::string>& formats) const;

    /// The stored result of sample `id` when it is complete, valid for `key` (same inputs by
    /// content, tool version, parameters and context) and has the parts `formats` need.
    std::optional<StoredSample> find(const std::string& id, const SampleKey& key,
                                     const std::set<std::string>& formats) const;

    /// Removes every stored result whose id is not in `ids` (samples no longer in the batch).
    void keep_only(const std::set<std::string>& ids) const;

    [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

private:
    std::filesystem::path dir_;
};

/// One record file read back, as `sidepeak merge` needs it.
struct RecordFile {
    StoredSample stored;     ///< the sample, with its sibling parts (<name>.html, <name>.h5) when present
    std::string parameters;  ///< JSON text of the parameters its key holds ("{}" when none)
    std::string results;     ///< JSON text of the sample's report.json entry and skipped entries
};

/// Reads one record file. Throws Error when it is no complete per-sample record.
RecordFile read_record_file(const std::filesystem::path& json_file);

/// The stored sample of one record file. Throws Error when it is no complete per-sample record.
StoredSample load_stored_sample(const std::filesystem::path& json_file);

}  // namespace sidepeak::pipeline
