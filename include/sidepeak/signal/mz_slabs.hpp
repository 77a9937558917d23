#pragma once
/// Where the m/z axis of a peak map may be cut into slabs that are processed on their own.
///
/// A mass trace (mass_traces.hpp) takes, scan by scan, the peak closest to its intensity-weighted
/// mean m/z within `ppm` of that mean. The mean is a weighted average of the trace's own peaks, so a
/// trace whose peaks all lie below an m/z gap wider than the tolerance can never reach a peak above
/// it, and the other way round; the chromatographic S/N reads the XIC within the same tolerance of
/// a feature's m/z. Cut in such a gap of the whole run (no centroid of any scan in it), the slabs
/// share no trace and no XIC window: detecting features slab by slab and concatenating the slabs in
/// m/z order gives exactly what one pass over the whole map gives.
///
/// MzOccupancy counts the centroids of a run in bins of at most the tolerance in relative width
/// (cheap to fill while the run streams: one frexp per centroid) and finds such gaps: runs of empty
/// bins at least twice the tolerance wide, plus a bin of margin on each side for rounding.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sidepeak/signal/chromatogram.hpp"

namespace sidepeak::signal {

class MzOccupancy {
public:
    /// `ppm`: the mass-trace tolerance the gaps must exceed.
    explicit MzOccupancy(double ppm);
    void add(double mz) {
        const auto [octave, bin] = bin_of(mz);
        auto& counts = count_[octave];
        if (counts.empty()) counts.resize(bins_per_octave_, 0);
        ++counts[bin];
        ++peaks_;
    }
    void add(std::span<const double> mz) {
        for (const double v : mz) add(v);
    }
    [[nodiscard]] std::size_t peaks() const noexcept { return peaks_; }
    /// Cut positions (m/z, ascending): slab k holds the centroids with cuts[k-1] <= m/z < cuts[k]
    /// (no lower bound for the first, none above for the last). A cut is placed in the first gap
    /// after at least `target_peaks` centroids have accumulated since the previous cut; where the
    /// run has no gap, the slab grows until the next one.
    [[nodiscard]] std::vector<double> cuts(std::size_t target_peaks) const;

private:
    struct Bin {
        std::size_t octave;
        std::size_t bin;
    };
    [[nodiscard]] Bin bin_of(double mz) const noexcept;
    [[nodiscard]] double lower_edge(std::size_t octave, std::size_t bin) const noexcept;

    std::size_t bins_per_octave_;
    std::size_t empty_run_;                          // empty bins a cut needs
    std::vector<std::vector<std::uint32_t>> count_;  // per octave (allocated when first used), centroids per bin
    std::size_t peaks_ = 0;
};

/// Slab index of `mz` for `cuts` from MzOccupancy::cuts.
[[nodiscard]] std::size_t slab_of(std::span<const double> cuts, double mz) noexcept;

/// The part of `map` with lo <= m/z < hi: every scan (times, spectrum numbers), only the centroids
/// in the range, in their order.
[[nodiscard]] PeakMap slice_mz(const PeakMap& map, double lo, double hi);

}  // namespace sidepeak::signal
