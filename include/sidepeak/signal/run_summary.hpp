#pragma once
/// What the LC-MS pipeline needs of a whole run besides its features, gathered one MS1 scan at a
/// time so that a streaming reader never has to keep the peak map for it: the scan times, the TIC
/// and BPC, the run noise (median over scans of each scan's median peak intensity, ms_noise.hpp)
/// and whether the file records noise at all (peaks recurring at one m/z in consecutive scans with
/// exactly the same intensity; lcms_pipeline.cpp). summarize(map) gives the same figures as adding
/// the scans of `map` in order.
#include <cstddef>
#include <span>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/chromatogram.hpp"

namespace sidepeak::signal {

class RunSummary {
public:
    /// Adds the next MS1 scan: its centroids, m/z ascending.
    void add_scan(double rt_s, std::span<const double> mz, std::span<const double> intensity);

    [[nodiscard]] std::size_t scans() const noexcept { return rt_s_.size(); }
    [[nodiscard]] const std::vector<double>& rt_s() const noexcept { return rt_s_; }
    [[nodiscard]] Chromatogram tic() const;
    [[nodiscard]] Chromatogram bpc() const;
    /// Run noise for S/N; 0 when the run records no noise (S/N is then trace-level).
    [[nodiscard]] double noise() const;
    /// Median interval between consecutive MS1 scans (s), 0 for fewer than two.
    [[nodiscard]] double median_scan_interval() const;

private:
    std::vector<double> rt_s_;
    std::vector<double> tic_;
    std::vector<double> bpc_;
    std::vector<double> levels_;      // positive per-scan noise levels
    std::size_t repeated_ = 0;        // peaks found again at the same m/z in the next scan
    std::size_t constant_ = 0;        // of those, with the same intensity
    std::vector<double> prev_mz_;     // the previous scan
    std::vector<double> prev_intensity_;
};

[[nodiscard]] RunSummary summarize(const PeakMap& map);

}  // namespace sidepeak::signal
