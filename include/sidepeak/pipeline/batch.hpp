#pragma once
/// Batch analysis: samples from paths, a folder of samples (--batch) or a sample sheet, analysed
/// in parallel; a bad input never stops the batch.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

struct SampleSpec {
    std::string id;
    std::filesystem::path path;
    std::string product;
    std::string reagent;
    /// A sheet row that cannot be a sample (empty sample or path, more fields than the header):
    /// the problem, naming the sheet's line. The batch lists it as that sample's unreadable input
    /// (with `path` the sheet itself) instead of analysing anything.
    std::string error = {};
};

/// Parses the text of a sample sheet: CSV per RFC 4180 (fields in double quotes may hold commas,
/// doubled quotes and line breaks), CRLF or LF line ends, an optional UTF-8 byte-order mark, blank
/// lines and lines starting with '#' ignored. The first record is the header; column names are
/// matched without regard to case or surrounding blanks: `sample` (or `id`) and `path` are
/// required, `product` and `reagent` optional, others ignored. Relative paths are taken from the
/// folder of `sheet` (which names the sheet in messages). Throws InputError naming the sheet and
/// the line for problems of the whole sheet (no usable header, a duplicated column, a quote that is
/// never closed); a bad row becomes a SampleSpec with `error` set.
std::vector<SampleSpec> parse_sample_sheet(std::string_view text, const std::filesystem::path& sheet);

/// Reads and parses a sample sheet file (at most 64 MiB); see parse_sample_sheet.
std::vector<SampleSpec> read_sample_sheet(const std::filesystem::path& sheet);

/// Every entry of `dir` (files and folders, sorted) is a sample, except hidden entries (name
/// starting with '.') and documentation and sidecar files whose content is no recognised format
/// (the one list discovery uses: .json, .csv, .md, .txt, .mol, .sdf, .pdf, .png, .jpg, .html, .log,
/// .zip, .xml~, .sha256, SHA256SUMS, LICENSE, README; a JCAMP named x.txt is a sample); each entry passed over is appended to `skipped` (when given) with the
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

/// Starts one worker thread running `work`. Throws std::system_error (or std::bad_alloc) when the
/// thread cannot be created (EAGAIN under a thread or memory limit).
using WorkerSpawn = std::function<std::jthread(std::function<void()> work)>;

/// The processors this process may run on (its CPU affinity mask; at least 1).
unsigned usable_cores();

/// Worker threads for `samples` samples when `jobs` are asked for: 0 means one per usable core;
/// an explicit number may exceed the cores. Never more than the samples, never less than 1.
unsigned planned_workers(unsigned jobs, std::size_t samples);

/// The threads of one batch: what was asked for and, after analyze_batch, what ran.
struct BatchThreads {
    unsigned jobs = 0;     ///< requested worker threads (0 = one per usable core)
    WorkerSpawn spawn;     ///< how a worker thread is started (empty: std::jthread)
    unsigned planned = 0;  ///< set by analyze_batch: planned_workers(jobs, samples)
    unsigned started = 0;  ///< set by analyze_batch: workers that ran, the calling thread included
    std::string fallback;  ///< set by analyze_batch: why fewer than planned ran (empty when all did)
};

/// Runs `task(i)` for every i in [0, count) on the batch's worker threads (`threads` as for
/// analyze_batch, which it fills in the same way); the calling thread is one of them. The first
/// exception a task throws stops the remaining tasks and is rethrown here.
void for_each_parallel(std::size_t count, BatchThreads& threads, const std::function<void(std::size_t)>& task);

/// The reaction context of a batch's samples. The default (--product/--reagent) is resolved once
/// (resolve_context), when the batch starts; a sheet row that names its own product or reagent is
/// resolved with the default filling the part it leaves empty.
class BatchContext {
public:
    /// Never throws: a default that cannot be resolved is the problem of each sample that uses it
    /// (check() throws it).
    BatchContext(std::string product, std::string reagent);

    /// Throws UsageError (resolve_context's) when the default cannot be resolved.
    void check() const;
    /// The sample's product and reagent as given (the row's own, else the default's): what its
    /// stored result is keyed on.
    [[nodiscard]] std::string product_of(const SampleSpec& spec) const;
    [[nodiscard]] std::string reagent_of(const SampleSpec& spec) const;
    /// The sample's resolved context: the default's, resolved once, when the row names neither
    /// part. Throws UsageError when it cannot be resolved.
    [[nodiscard]] classify::SampleContext resolve(const SampleSpec& spec) const;

private:
    std::string product_;
    std::string reagent_;
    classify::SampleContext resolved_;
    std::string error_;  ///< resolve_context's UsageError for the default, empty when it resolved
};

/// One sample of a batch: a sheet row's problem as its unreadable input, a bad context in a row
/// as that sample's problem (analysed without context), otherwise analyze_sample in the spec's
/// context (or the batch's default).
report::SampleResult analyze_spec(const SampleSpec& spec, const BatchContext& context, const AnalysisOptions& options);
/// The same with the default context given as text (resolved for this sample).
report::SampleResult analyze_spec(const SampleSpec& spec, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options);

/// Analyses the samples; results keep the order of `specs`. Context from a spec overrides
/// `default_product`/`default_reagent`. The calling thread is one of the workers; when a further
/// thread cannot be created the batch goes on with those already running (down to the calling
/// thread alone) and says why in `threads.fallback`: no sample and no report is lost to it.
report::BatchResult analyze_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options,
                                  BatchThreads& threads, const SampleDone& on_done = {});

/// The same with `jobs` worker threads (0 = one per usable core) started as std::jthread.
report::BatchResult analyze_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                  const std::string& default_reagent, const AnalysisOptions& options, unsigned jobs,
                                  const SampleDone& on_done = {});

}  // namespace sidepeak::pipeline
