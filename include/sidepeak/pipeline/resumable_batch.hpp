#pragma once
/// A batch whose every sample is kept on disk as it finishes (sample_store.hpp), so an
/// interrupted batch can be resumed and the report is built from the stored results.
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "sidepeak/pipeline/batch.hpp"
#include "sidepeak/pipeline/batch_report.hpp"
#include "sidepeak/pipeline/sample_store.hpp"

namespace sidepeak::pipeline {

/// Called after each sample with the number finished so far, the total, the sample (read back
/// from its stored result when `reused`) and whether an earlier run's result was reused.
/// Calls are serialised, in completion order.
using StoredSampleDone =
    std::function<void(std::size_t done, std::size_t total, const report::SampleResult& sample, bool reused)>;

/// Analyses `specs` on `threads` as analyze_batch does, saving each sample to `store` as soon as
/// it is done (its parts for `formats`, then its record). With `resume`, a sample whose stored
/// result is valid for its key (sample_key: content hash of every input file, tool version,
/// parameters, context) is not analysed again. Returns the stored results in the order of
/// `specs`, with the parameters block; the caller adds the batch folder's skipped entries.
StoredBatch run_resumable_batch(const std::vector<SampleSpec>& specs, const BatchContext& context,
                                const AnalysisOptions& options, BatchThreads& threads, const SampleStore& store,
                                bool resume, const std::set<std::string>& formats, const StoredSampleDone& on_done = {});
/// The same with the default context given as text (resolved once).
StoredBatch run_resumable_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                const std::string& default_reagent, const AnalysisOptions& options,
                                BatchThreads& threads, const SampleStore& store, bool resume,
                                const std::set<std::string>& formats, const StoredSampleDone& on_done = {});

}  // namespace sidepeak::pipeline
