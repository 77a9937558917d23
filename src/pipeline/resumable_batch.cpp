#include "sidepeak/pipeline/resumable_batch.hpp"

#include <mutex>

#include "sidepeak/pipeline/parameters.hpp"
#include "report_json_tree.hpp"
#include "sample_record.hpp"

namespace sidepeak::pipeline {

StoredBatch run_resumable_batch(const std::vector<SampleSpec>& specs, const BatchContext& context,
                                const AnalysisOptions& options, BatchThreads& threads, const SampleStore& store,
                                bool resume, const std::set<std::string>& formats, const StoredSampleDone& on_done) {
    StoredBatch batch;
    report::BatchResult with_parameters;
    with_parameters.parameters = parameter_values(options);
    batch.parameters = report::detail::json_text(parameters_json(with_parameters));
    const nlohmann::json parameters = nlohmann::json::parse(batch.parameters);
    batch.samples.resize(specs.size());
    std::mutex done_mutex;
    std::size_t done = 0;
    for_each_parallel(specs.size(), threads, [&](std::size_t i) {
        const SampleSpec& spec = specs[i];
        // The key is taken before the analysis: a file changed while it runs makes the result
        // stale for the next --resume instead of silently current.
        const SampleKey key{report::detail::json_text(
            sample_key(spec.path, context.product_of(spec), context.reagent_of(spec), parameters))};
        if (resume) {
            if (auto stored = store.find(spec.id, key, formats)) {
                batch.samples[i] = std::move(*stored);
                if (on_done) {
                    const std::lock_guard lock(done_mutex);
                    on_done(++done, specs.size(), batch.samples[i].summary, true);
                }
                return;
            }
        }
        // The full result (spectra, features, traces) lives only until its files are written.
        const report::SampleResult sample = analyze_spec(spec, context, options);
        batch.samples[i] = store.save(sample, key, formats);
        if (on_done) {
            const std::lock_guard lock(done_mutex);
            on_done(++done, specs.size(), sample, false);
        }
    });
    return batch;
}

StoredBatch run_resumable_batch(const std::vector<SampleSpec>& specs, const std::string& default_product,
                                const std::string& default_reagent, const AnalysisOptions& options,
                                BatchThreads& threads, const SampleStore& store, bool resume,
                                const std::set<std::string>& formats, const StoredSampleDone& on_done) {
    return run_resumable_batch(specs, BatchContext(default_product, default_reagent), options, threads, store, resume,
                               formats, on_done);
}

}  // namespace sidepeak::pipeline
