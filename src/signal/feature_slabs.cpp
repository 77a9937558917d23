#include "sidepeak/signal/feature_slabs.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

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

std::vector<FeatureCandidate> detect_features_in_slabs(const SlabLoader& load, std::span<const double> cuts, double noise,
                                                       const FeatureDetectionOptions& options, unsigned threads) {
    const std::size_t slabs = cuts.size() + 1;
    std::vector<std::vector<FeatureCandidate>> found(slabs);
    auto detect = [&](std::size_t k) {
        const double lo = k == 0 ? -std::numeric_limits<double>::infinity() : cuts[k - 1];
        const double hi = k == cuts.size() ? std::numeric_limits<double>::infinity() : cuts[k];
        const PeakMap slab = load(lo, hi);
        if (slab.peaks() > 0) found[k] = detect_features(slab, noise, options);
    };
    if (slabs == 1 || worker_threads(threads) == 1) {
        for (std::size_t k = 0; k < slabs; ++k) detect(k);
    } else {
        // No more threads than oneTBB has workers for (more only draws its warning).
        const int workers = std::min(static_cast<int>(worker_threads(threads)), std::max(1, oneapi::tbb::info::default_concurrency()));
        oneapi::tbb::task_arena arena(workers);
        arena.execute([&] {
            // One slab per task: the slab is the unit of memory, so no worker holds two at once.
            oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, slabs, 1),
                                      [&](const oneapi::tbb::blocked_range<std::size_t>& r) {
                                          for (std::size_t k = r.begin(); k != r.end(); ++k) detect(k);
                                      },
                                      oneapi::tbb::simple_partitioner());
        });
    }
    std::size_t total = 0;
    for (const auto& f : found) total += f.size();
    std::vector<FeatureCandidate> out;
    out.reserve(total);
    for (auto& f : found) {
        std::move(f.begin(), f.end(), std::back_inserter(out));
        f = {};
    }
    return out;
}

}  // namespace sidepeak::signal
