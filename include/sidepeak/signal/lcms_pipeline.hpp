#pragma once
/// The LC-MS processing pipeline: centroiding (profile spectra) -> chromatograms -> mass traces
/// -> chromatographic peaks (features) -> isotope and adduct grouping.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/lcms_types.hpp"

namespace sidepeak::signal {

/// Runs the LC-MS pipeline on the MS1 spectra of `run`.
LcmsResult process_lcms(const MsRun& run, const LcmsProcessingOptions& options = {});

struct PeakMap;
/// The same pipeline on a peak map built beforehand: `spectra` is the run's spectrum count,
/// `negative` true for a negative-mode run (adduct table).
LcmsResult process_peak_map(const PeakMap& map, std::size_t spectra, bool negative,
                            const LcmsProcessingOptions& options = {});

class RunSummary;
class MzOccupancy;

/// Where process_slabs cuts the m/z axis of a run with this occupancy (feature_slabs.hpp).
std::vector<double> slab_cuts(const MzOccupancy& occupancy, const LcmsProcessingOptions& options);

/// The same pipeline on a run known by its summary (run_summary.hpp), the m/z occupancy of its
/// centroids (mz_slabs.hpp) and a loader of its m/z slabs (feature_slabs.hpp): what LcmsStream
/// keeps of a streamed run. Features are detected slab by slab, in parallel; the result equals
/// process_peak_map on the whole map.
LcmsResult process_slabs(const RunSummary& summary, const MzOccupancy& occupancy,
                         const std::function<PeakMap(double, double)>& load, std::size_t spectra, bool negative,
                         const LcmsProcessingOptions& options = {});

}  // namespace sidepeak::signal
