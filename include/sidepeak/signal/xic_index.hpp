#pragma once
/// A run-wide m/z index for fast extracted-ion chromatograms: every MS1 peak of a PeakMap sorted
/// by m/z together with its scan number, built once in O(n log n). One XIC query is then a
/// binary search plus a walk over the k peaks in the window: O(log n + k log k), independent of
/// the number of scans.
#include <cstdint>
#include <limits>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/signal/chromatogram.hpp"

namespace sidepeak::signal {

class XicIndex {
public:
    /// Indexes all peaks of `map`; keeps a copy of the scan times, not a reference to `map`.
    explicit XicIndex(const PeakMap& map);

    /// XIC of mz +- ppm: for each scan that has at least one peak in the window (and whose RT is
    /// within [rt_from_s, rt_to_s]), one point with the summed intensity, in scan order. Scans
    /// without signal are absent (sparse); see densify() for one point per scan.
    [[nodiscard]] Chromatogram xic(double mz, double ppm, double rt_from_s = -std::numeric_limits<double>::infinity(),
                                   double rt_to_s = std::numeric_limits<double>::infinity()) const;

    /// Same query, as (scan index, summed intensity) pairs in scan order.
    struct Point {
        std::uint32_t scan = 0;
        double intensity = 0.0;
    };
    [[nodiscard]] std::vector<Point> query(double mz, double ppm, double rt_from_s = -std::numeric_limits<double>::infinity(),
                                           double rt_to_s = std::numeric_limits<double>::infinity()) const;

    /// A sparse chromatogram from xic() expanded to one point per scan (zeros where absent).
    [[nodiscard]] Chromatogram densify(const Chromatogram& sparse) const;

    [[nodiscard]] std::size_t size() const noexcept { return mz_.size(); }
    [[nodiscard]] std::size_t scans() const noexcept { return rt_s_.size(); }

private:
    std::vector<double> mz_;            // sorted ascending
    std::vector<double> intensity_;     // same order
    std::vector<std::uint32_t> scan_;   // same order
    std::vector<double> rt_s_;          // per scan
};

}  // namespace sidepeak::signal
