#pragma once
/// Whole-run statistics of an LC-MS file, computed by streaming every spectrum once (arrays
/// decoded, memory bounded by the largest spectrum). `sidepeak info` prints them; the same pass is
/// the decode benchmark (tools/bench_ms_decode.sh).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/io/format.hpp"

namespace sidepeak::io {

struct MsLevelCount {
    int ms_level = 0;
    std::size_t spectra = 0;
};

struct MsStats {
    /// Run metadata as known after the last spectrum: `compression` covers every array read
    /// ("mixed (...)" when they differ) and `warnings` every problem worked around.
    MsRunInfo info;
    std::size_t spectra = 0;
    std::vector<MsLevelCount> ms_levels;  ///< ascending by level
    double rt_min_s = 0, rt_max_s = 0;    ///< over all spectra; 0 when there are none
    double mz_min = 0, mz_max = 0;        ///< over all peaks; 0 when there are none
    double intensity_min = 0, intensity_max = 0;
    double intensity_sum = 0;
    std::uint64_t peaks = 0;              ///< total number of (m/z, intensity) points
    std::size_t centroid_spectra = 0;     ///< from the file, or the data heuristic when it is silent
    std::size_t profile_spectra = 0;
    std::size_t unknown_mode_spectra = 0; ///< spectra too short to tell (< 4 points)
    std::uint64_t file_bytes = 0;
    double seconds = 0;                   ///< wall time of the pass

    /// True when every spectrum that could be classified is centroided.
    [[nodiscard]] bool centroided() const noexcept { return profile_spectra == 0 && centroid_spectra > 0; }
};

/// Opens `path` (any format open_ms reads) and streams every spectrum. Throws InputError naming the
/// file on the first unreadable spectrum: a run is never summarised with spectra silently missing.
MsStats ms_stats(const std::filesystem::path& path);
/// As above, the run read as `format` (already detected by the caller, see open_ms(path, format)).
MsStats ms_stats(const std::filesystem::path& path, Format format);

}  // namespace sidepeak::io
