#include "sidepeak/signal/xic_index.hpp"

#include <algorithm>
#include <numeric>

namespace sidepeak::signal {

XicIndex::XicIndex(const PeakMap& map) : rt_s_(map.rt_s) {
    const std::size_t n = map.peaks();
    std::vector<std::uint32_t> scan_of(n);
    for (std::size_t s = 0; s < map.scans(); ++s) {
        std::fill(scan_of.begin() + static_cast<std::ptrdiff_t>(map.begin[s]),
                  scan_of.begin() + static_cast<std::ptrdiff_t>(map.begin[s + 1]), static_cast<std::uint32_t>(s));
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    // Stable: peaks of equal m/z stay in scan order.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return map.mz[a] < map.mz[b]; });
    mz_.resize(n);
    intensity_.resize(n);
    scan_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        mz_[i] = map.mz[order[i]];
        intensity_[i] = map.intensity[order[i]];
        scan_[i] = scan_of[order[i]];
    }
}

std::vector<XicIndex::Point> XicIndex::query(double mz, double ppm, double rt_from_s, double rt_to_s) const {
    std::vector<Point> pts;
    const double w = ppm_window(mz, ppm);
    const auto lo = std::lower_bound(mz_.begin(), mz_.end(), mz - w);
    const auto hi = std::upper_bound(lo, mz_.end(), mz + w);
    const auto first = static_cast<std::size_t>(lo - mz_.begin());
    const auto last = static_cast<std::size_t>(hi - mz_.begin());
    pts.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
        const double rt = rt_s_[scan_[i]];
        if (rt < rt_from_s || rt > rt_to_s) continue;
        pts.push_back({scan_[i], intensity_[i]});
    }
    std::sort(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.scan < b.scan; });
    // Sum the peaks of one scan that fall in the window.
    std::size_t out = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (out > 0 && pts[out - 1].scan == pts[i].scan) {
            pts[out - 1].intensity += pts[i].intensity;
        } else {
            pts[out++] = pts[i];
        }
    }
    pts.resize(out);
    return pts;
}

Chromatogram XicIndex::xic(double mz, double ppm, double rt_from_s, double rt_to_s) const {
    Chromatogram c;
    c.id = "XIC";
    c.kind = ChromatogramKind::xic;
    c.precursor_mz = mz;
    for (const auto& p : query(mz, ppm, rt_from_s, rt_to_s)) {
        c.time_s.push_back(rt_s_[p.scan]);
        c.intensity.push_back(p.intensity);
    }
    return c;
}

Chromatogram XicIndex::densify(const Chromatogram& sparse) const {
    Chromatogram c = sparse;
    c.time_s = rt_s_;
    c.intensity.assign(rt_s_.size(), 0.0);
    // Sparse points are in scan order, so one forward walk over the scans places them.
    std::size_t s = 0;
    for (std::size_t i = 0; i < sparse.time_s.size() && i < sparse.intensity.size(); ++i) {
        while (s < rt_s_.size() && rt_s_[s] != sparse.time_s[i]) ++s;
        if (s == rt_s_.size()) break;
        c.intensity[s] = sparse.intensity[i];
        ++s;
    }
    return c;
}

}  // namespace sidepeak::signal
