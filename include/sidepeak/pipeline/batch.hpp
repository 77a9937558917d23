#pragma once
/// Batch analysis: samples from paths, a folder of samples (--batch) or a sample sheet, analysed
/// in parallel; a bad input never stops the batch.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

struct SampleSpec {
    std::string id;
    std::filesystem::path path;
    std::string product;
    std::string reagent;
};

/// Reads a sample sheet (CSV with header sample,path,product,reagent; paths relative to the
/// sheet's folder). Throws InputError naming the sheet and line for malformed rows.
std::vector<SampleSpec> read_sample_sheet(const std::filesystem::path& sheet);

/// Every entry of `dir` (files and folders, sorted) is a sample, except hidden entries (name
/// starting with '.') and .csv/.json/.md/.txt files whose content is no recognised format (a JCAMP
/// named x.txt is a sample); each entry passed over is appended to `skipped` (when given) with the
/// reason. An entry that is `exclude` (the report folder inside the batch folder) is skipped too.
std::vector<SampleSpec> samples_in_folder(const std::filesystem::path& dir,
                                          std::vector<report::SkippedEntry>* skipped = nullptr,
                                          const std::filesystem::path& exclude = {});

/// The samples of one `analyze` call: the sheet's rows, then every folder entry that no sheet row
/// names (a row names an entry when their paths are the same after making both absolute and
/// lexically normal; two entries holding the same data, e.g. links under other names, are two
/// samples), then the paths given on the command line. Matching is by a sorted set, O(n log n),
/// without touching the file system. Ids that occur more than once get a deterministic suffix
/// ("-2", "-3", ... in order), so no sample overwrites another's report page.
std::vector<SampleSpec> merge_sample_specs(std::vector<SampleSpec> sheet, std::vector<SampleSpec> folder,
                                           std::vector<SampleSpec> paths);

/// Called after each sample with the number finished so far, the total, and that sample's result.
/// Calls are serialised (never concurrent), in completion order.
using SampleDone = std::function<void(std::size_t done, std::size_t total, const report::SampleResult&)>;

/// Analyses the samples with `jobs` worker threads (0 = hardware concurrency); results keep
/// the order of `specs`. Context from a spec overrides `default_product`/`default_reagent`.
report::BatchResult analyze_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options, unsigned jobs,
                                  const SampleDone& on_done = {});

}  // namespace sidepeak::pipeline
