#pragma once
/// Mass-trace detection after FeatureFinderMetabo's MassTraceDetection (Kenar et al., "Automated
/// label-free quantification of metabolites from liquid chromatography-mass spectrometry data",
/// Mol. Cell. Proteomics 13 (2014) 348-359) and the region-of-interest step of centWave
/// (Tautenhahn, Boettcher, Neumann, BMC Bioinformatics 9 (2008) 504).
///
/// Peaks are visited from the most intense down. Each unassigned peak above the seed threshold
/// seeds a trace that is extended scan by scan to later and to earlier scans: in each scan the
/// unassigned peak closest to the trace's current intensity-weighted mean m/z is taken if it lies
/// within the ppm tolerance; up to `max_missing_scans` consecutive scans without such a peak are
/// bridged, and the trace ends at the first longer gap. Traces shorter than `min_scans` points
/// are discarded (their peaks stay consumed, so weak noise never re-seeds them). Cost
/// O(n log n) for the intensity order plus O(log m) per visited scan.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sidepeak/signal/chromatogram.hpp"

namespace sidepeak::signal {

struct MassTraceOptions {
    double ppm = 10.0;                ///< m/z tolerance around the trace mean (ppm)
    double min_intensity = 0.0;       ///< peaks below this never join a trace (intensity units)
    double min_seed_intensity = 0.0;  ///< a trace starts only at a peak at least this intense
    int max_missing_scans = 2;        ///< consecutive scans without a matching peak bridged
    std::size_t min_scans = 3;        ///< points a trace needs to be kept
};

/// One mass trace: the peaks of one ion in consecutive MS1 scans, in scan order.
struct MassTrace {
    std::vector<std::uint32_t> scan;  ///< scan numbers in the PeakMap (ascending, gaps allowed)
    std::vector<double> rt_s;
    std::vector<double> mz;
    std::vector<double> intensity;
    double mean_mz = 0.0;             ///< intensity-weighted mean m/z
    double max_intensity = 0.0;

    [[nodiscard]] std::size_t size() const noexcept { return scan.size(); }
};

/// Detects the mass traces of `map` (see the header comment).
[[nodiscard]] std::vector<MassTrace> detect_mass_traces(const PeakMap& map, const MassTraceOptions& options = {});

}  // namespace sidepeak::signal
