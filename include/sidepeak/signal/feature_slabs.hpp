#pragma once
/// Feature detection slab by slab (mz_slabs.hpp): the m/z axis of the run is cut in gaps wider than
/// the mass-trace tolerance, each slab's peak map is produced on demand (from a whole map, or read
/// back from the spill of a streamed run, peak_store.hpp), detected on its own on a oneTBB worker,
/// and only its candidates are kept. Slabs are concatenated in m/z order, so the result is the
/// candidate list of detect_features on the whole map, bit for bit, at any thread count.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "sidepeak/signal/chromatogram.hpp"
#include "sidepeak/signal/features.hpp"

namespace sidepeak::signal {

/// Produces the peak map of the slab lo <= m/z < hi (every scan of the run; lo may be -inf, hi
/// +inf). Called from several threads at once.
using SlabLoader = std::function<PeakMap(double lo, double hi)>;

/// Receives the candidates of one slab (ascending m/z): called one slab at a time, in slab order.
using SlabSink = std::function<void(std::vector<FeatureCandidate>&&)>;

/// detect_features on each slab between `cuts` (ascending), on at most `threads` threads (0: all
/// cores), each slab's candidates handed to `sink` in slab order as soon as the slabs below it are
/// done (a oneTBB pipeline): at most one slab's peak map per worker and a few slabs' candidates are
/// held at a time, whatever the length of the run. The concatenation of what the sink receives is
/// detect_features on the whole map.
void for_each_slab_features(const SlabLoader& load, std::span<const double> cuts, double noise,
                            const FeatureDetectionOptions& options, unsigned threads, const SlabSink& sink);

/// for_each_slab_features concatenated: detect_features on the whole map, bit for bit.
[[nodiscard]] std::vector<FeatureCandidate> detect_features_in_slabs(const SlabLoader& load, std::span<const double> cuts,
                                                                     double noise, const FeatureDetectionOptions& options,
                                                                     unsigned threads);

/// Centroids per slab for a run of `peaks` centroids: at most `memory_bytes` of slab working set
/// (peak map and detection state) in flight over `threads` workers (0: all cores), and at least
/// four slabs per worker when the run allows, so that the workers stay busy.
[[nodiscard]] std::size_t slab_target_peaks(std::size_t peaks, std::size_t memory_bytes, unsigned threads);

/// Worker threads for `threads` (0: the cores oneTBB sees).
[[nodiscard]] unsigned worker_threads(unsigned threads);

}  // namespace sidepeak::signal
