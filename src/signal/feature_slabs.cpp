#include "sidepeak/signal/feature_slabs.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "heap_release.hpp"

namespace sidepeak::signal {
namespace {

// Working set of one slab per centroid while it is detected: the slab's peak map (m/z and
// intensity, 16 bytes) and the records it is assembled from (20), then the mass-trace state (seed
// list 16, per-scan bucket index 4, scan number 4, used flag 1). Rounded up.
constexpr std::size_t kSlabBytesPerPeak = 64;
// Below this a slab costs more in per-scan set-up (every slab spans all scans) than it saves.
constexpr std::size_t kMinSlabPeaks = 4096;
// Slabs per worker when the run is large enough: uneven slabs then still keep every worker busy.
constexpr std::size_t kSlabsPerWorker = 4;
// Slabs in flight per worker in the pipeline: one being detected, one whose candidates wait for a
// slower slab below it to be handed on first.
constexpr std::size_t kTokensPerWorker = 2;

}  // namespace

unsigned worker_threads(unsigned threads) {
    return threads > 0 ? threads : static_cast<unsigned>(std::max(1, oneapi::tbb::info::default_concurrency()));
}

std::size_t slab_target_peaks(std::size_t peaks, std::size_t memory_bytes, unsigned threads) {
    const std::size_t workers = worker_threads(threads);
    const std::size_t by_memory = memory_bytes / kSlabBytesPerPeak / workers;
    const std::size_t by_balance = peaks / (kSlabsPerWorker * workers);
    return std::max(kMinSlabPeaks, std::min(by_memory, by_balance));
}

void for_each_slab_features(const SlabLoader& load, std::span<const double> cuts, double noise,
                            const FeatureDetectionOptions& options, unsigned threads, const SlabSink& sink) {
    const std::size_t slabs = cuts.size() + 1;
    auto detect = [&](std::size_t k) {
        const double lo = k == 0 ? -std::numeric_limits<double>::infinity() : cuts[k - 1];
        const double hi = k == cuts.size() ? std::numeric_limits<double>::infinity() : cuts[k];
        std::vector<FeatureCandidate> found;
        {
            const PeakMap slab = load(lo, hi);
            if (slab.peaks() > 0) found = detect_features(slab, noise, options);
        }
        detail::release_free_heap();  // the slab's peak map and traces, freed on this worker
        return found;
    };
    if (slabs == 1 || worker_threads(threads) == 1) {
        for (std::size_t k = 0; k < slabs; ++k) sink(detect(k));
        return;
    }
    // No more threads than oneTBB has workers for (more only draws its warning).
    const int workers = std::min(static_cast<int>(worker_threads(threads)), std::max(1, oneapi::tbb::info::default_concurrency()));
    oneapi::tbb::task_arena arena(workers);
    arena.execute([&] {
        // Slab numbers in order; each slab loaded and detected on a worker (one slab per worker,
        // the slab being the unit of memory); candidates handed on in slab order.
        std::size_t next = 0;
        oneapi::tbb::parallel_pipeline(
            static_cast<std::size_t>(workers) * kTokensPerWorker,
            oneapi::tbb::make_filter<void, std::size_t>(oneapi::tbb::filter_mode::serial_in_order,
                                                        [&](oneapi::tbb::flow_control& control) -> std::size_t {
                                                            if (next == slabs) control.stop();
                                                            return next < slabs ? next++ : 0;
                                                        }) &
                oneapi::tbb::make_filter<std::size_t, std::vector<FeatureCandidate>>(oneapi::tbb::filter_mode::parallel, detect) &
                oneapi::tbb::make_filter<std::vector<FeatureCandidate>, void>(
                    oneapi::tbb::filter_mode::serial_in_order, [&](std::vector<FeatureCandidate> c) { sink(std::move(c)); }));
    });
}

std::vector<FeatureCandidate> detect_features_in_slabs(const SlabLoader& load, std::span<const double> cuts, double noise,
                                                       const FeatureDetectionOptions& options, unsigned threads) {
    std::vector<FeatureCandidate> out;
    for_each_slab_features(load, cuts, noise, options, threads, [&out](std::vector<FeatureCandidate>&& slab) {
        if (out.empty()) {
            out = std::move(slab);
        } else {
            std::move(slab.begin(), slab.end(), std::back_inserter(out));
        }
    });
    return out;
}

}  // namespace sidepeak::signal
