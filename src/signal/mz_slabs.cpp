#include "sidepeak/signal/mz_slabs.hpp"

#include <algorithm>
#include <cmath>

namespace sidepeak::signal {
namespace {

// Octaves of m/z covered by bins: 2^-1 .. 2^17 (0.5 to 131 072); centroids outside fall in the
// first or last bin, which only merges them into the edge slabs.
constexpr int kMinExponent = 0;
constexpr int kMaxExponent = 18;
// Bins narrower than 5 ppm buy nothing (centroid m/z scatter of an ion is larger) and cost memory.
constexpr double kMinBinPpm = 5.0;

}  // namespace

MzOccupancy::MzOccupancy(double ppm) {
    const double k = std::max(ppm, 0.0) * 1e-6;
    const double delta = std::max(k, kMinBinPpm * 1e-6);
    // Within an octave (frexp mantissa in [0.5, 1)) bins are linear, 0.5 / B wide in mantissa:
    // their relative width lies in (delta / 2, delta].
    bins_per_octave_ = static_cast<std::size_t>(std::floor(1.0 / delta));
    // A gap must exceed the tolerance on each side of the cut: the cut sits in the middle of the
    // empty run, so half of it (bins at least delta / 2 wide) spans 2k / delta bins, plus one
    // bin of margin for the rounding of bin edges.
    empty_run_ = 2 * (static_cast<std::size_t>(std::ceil(2.0 * k / delta)) + 1);
    count_.resize(static_cast<std::size_t>(kMaxExponent - kMinExponent));
}

MzOccupancy::Bin MzOccupancy::bin_of(double mz) const noexcept {
    const std::size_t octaves = count_.size();
    if (!(mz > 0.0)) return {0, 0};
    if (!std::isfinite(mz)) return {octaves - 1, bins_per_octave_ - 1};
    int e = 0;
    const double m = std::frexp(mz, &e);
    if (e < kMinExponent) return {0, 0};
    if (e >= kMaxExponent) return {octaves - 1, bins_per_octave_ - 1};
    const auto j = std::min(bins_per_octave_ - 1, static_cast<std::size_t>((m - 0.5) * 2.0 * static_cast<double>(bins_per_octave_)));
    return {static_cast<std::size_t>(e - kMinExponent), j};
}

double MzOccupancy::lower_edge(std::size_t octave, std::size_t bin) const noexcept {
    const double m = 0.5 + 0.5 * static_cast<double>(bin) / static_cast<double>(bins_per_octave_);
    return std::ldexp(m, static_cast<int>(octave) + kMinExponent);
}

std::vector<double> MzOccupancy::cuts(std::size_t target_peaks) const {
    std::vector<double> out;
    std::size_t acc = 0, empty = 0, seen = 0;
    for (std::size_t o = 0; o < count_.size() && seen < peaks_; ++o) {
        for (std::size_t b = 0; b < bins_per_octave_ && seen < peaks_; ++b) {
            const std::uint32_t n = count_[o].empty() ? 0 : count_[o][b];
            if (n > 0) {
                acc += n;
                seen += n;
                empty = 0;
                continue;
            }
            if (acc == 0 || ++empty < empty_run_ || acc < target_peaks) continue;
            // The last empty_run_ bins are empty: cut at the lower edge of the middle one.
            std::size_t oc = o, bc = b;
            for (std::size_t k = 0; k + 1 < empty_run_ - empty_run_ / 2; ++k) {
                if (bc == 0) {
                    --oc;
                    bc = bins_per_octave_;
                }
                --bc;
            }
            out.push_back(lower_edge(oc, bc));
            acc = 0;
            empty = 0;
        }
    }
    // No cut after the last centroid: the last slab runs to the end.
    return out;
}

std::size_t slab_of(std::span<const double> cuts, double mz) noexcept {
    return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), mz) - cuts.begin());
}

PeakMap slice_mz(const PeakMap& map, double lo, double hi) {
    PeakMap out;
    out.rt_s = map.rt_s;
    out.spectrum = map.spectrum;
    out.begin.reserve(map.scans() + 1);
    out.begin.push_back(0);
    for (std::size_t s = 0; s < map.scans(); ++s) {
        const auto m = map.scan_mz(s);
        const auto first = std::lower_bound(m.begin(), m.end(), lo);
        const auto last = std::lower_bound(first, m.end(), hi);
        const auto a = map.begin[s] + static_cast<std::size_t>(first - m.begin());
        const auto b = map.begin[s] + static_cast<std::size_t>(last - m.begin());
        out.mz.insert(out.mz.end(), map.mz.begin() + static_cast<std::ptrdiff_t>(a), map.mz.begin() + static_cast<std::ptrdiff_t>(b));
        out.intensity.insert(out.intensity.end(), map.intensity.begin() + static_cast<std::ptrdiff_t>(a),
                             map.intensity.begin() + static_cast<std::ptrdiff_t>(b));
        out.begin.push_back(out.mz.size());
    }
    return out;
}

}  // namespace sidepeak::signal
