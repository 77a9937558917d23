#include "sidepeak/signal/mass_traces.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "bucketed_search.hpp"

namespace sidepeak::signal {
namespace {

struct Point {
    std::uint32_t scan;
    std::size_t peak;
};

class TraceBuilder {
public:
    TraceBuilder(const PeakMap& map, const MassTraceOptions& options, std::vector<std::uint8_t>& used)
        : map_(map), opt_(options), used_(used) {
        index_.reserve(map.scans());
        for (std::size_t s = 0; s < map.scans(); ++s) index_.emplace_back(map.scan_mz(s));
    }

    // Closest usable peak of scan s within tolerance of `mz`, or npos.
    [[nodiscard]] std::size_t closest(std::size_t s, double mz) const {
        const double w = ppm_window(mz, opt_.ppm);
        const auto m = map_.scan_mz(s);
        auto it = m.begin() + static_cast<std::ptrdiff_t>(index_[s].lower_bound(mz - w));
        std::size_t best = npos;
        double best_d = w;
        for (; it != m.end() && *it <= mz + w; ++it) {
            const std::size_t p = map_.begin[s] + static_cast<std::size_t>(it - m.begin());
            if (used_[p] || map_.intensity[p] < opt_.min_intensity) continue;
            const double d = std::abs(*it - mz);
            if (d <= best_d) {
                best_d = d;
                best = p;
            }
        }
        return best;
    }

    // Follows the ion from `seed` (in scan `seed_scan`) in direction step (+1 or -1).
    void extend(std::uint32_t seed_scan, int step, std::vector<Point>& pts) {
        int missing = 0;
        long s = static_cast<long>(seed_scan) + step;
        const long n = static_cast<long>(map_.scans());
        while (s >= 0 && s < n) {
            const std::size_t p = closest(static_cast<std::size_t>(s), sum_mz_ / sum_w_);
            if (p == npos) {
                if (++missing > opt_.max_missing_scans) break;
            } else {
                missing = 0;
                used_[p] = 1;
                pts.push_back({static_cast<std::uint32_t>(s), p});
                sum_mz_ += map_.mz[p] * map_.intensity[p];
                sum_w_ += map_.intensity[p];
            }
            s += step;
        }
    }

    void start(std::size_t peak) {
        sum_mz_ = map_.mz[peak] * map_.intensity[peak];
        sum_w_ = map_.intensity[peak];
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    const PeakMap& map_;
    const MassTraceOptions& opt_;
    std::vector<std::uint8_t>& used_;
    std::vector<detail::BucketedSearch> index_;  // per scan: expected O(1) m/z look-up
    double sum_mz_ = 0.0;
    double sum_w_ = 0.0;
};

}  // namespace

std::vector<MassTrace> detect_mass_traces(const PeakMap& map, const MassTraceOptions& options) {
    std::vector<MassTrace> traces;
    const std::size_t n = map.peaks();
    if (n == 0 || map.scans() == 0) return traces;
    std::vector<std::uint32_t> scan_of(n);
    for (std::size_t s = 0; s < map.scans(); ++s) {
        std::fill(scan_of.begin() + static_cast<std::ptrdiff_t>(map.begin[s]),
                  scan_of.begin() + static_cast<std::ptrdiff_t>(map.begin[s + 1]), static_cast<std::uint32_t>(s));
    }
    const double seed_min = std::max(options.min_seed_intensity, options.min_intensity);
    // Seeds by decreasing intensity (ties: peak order); the key travels with the index so the
    // sort does not chase the intensity array.
    struct Seed {
        double intensity;
        std::size_t peak;
    };
    std::vector<Seed> seeds;
    seeds.reserve(n / 4);
    for (std::size_t p = 0; p < n; ++p) {
        if (map.intensity[p] >= seed_min && map.intensity[p] > 0.0) seeds.push_back({map.intensity[p], p});
    }
    std::sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) {
        return a.intensity > b.intensity || (a.intensity == b.intensity && a.peak < b.peak);
    });

    std::vector<std::uint8_t> used(n, 0);
    TraceBuilder builder(map, options, used);
    std::vector<Point> fwd, bwd;
    for (const Seed& next : seeds) {
        const std::size_t seed = next.peak;
        if (used[seed]) continue;
        used[seed] = 1;
        fwd.clear();
        bwd.clear();
        builder.start(seed);
        builder.extend(scan_of[seed], +1, fwd);
        builder.extend(scan_of[seed], -1, bwd);
        const std::size_t len = 1 + fwd.size() + bwd.size();
        if (len < options.min_scans) continue;
        MassTrace t;
        t.scan.reserve(len);
        t.rt_s.reserve(len);
        t.mz.reserve(len);
        t.intensity.reserve(len);
        auto add = [&](const Point& pt) {
            t.scan.push_back(pt.scan);
            t.rt_s.push_back(map.rt_s[pt.scan]);
            t.mz.push_back(map.mz[pt.peak]);
            t.intensity.push_back(map.intensity[pt.peak]);
        };
        for (auto it = bwd.rbegin(); it != bwd.rend(); ++it) add(*it);
        add({scan_of[seed], seed});
        for (const auto& pt : fwd) add(pt);
        double sw = 0.0, smz = 0.0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            sw += t.intensity[i];
            smz += t.mz[i] * t.intensity[i];
            t.max_intensity = std::max(t.max_intensity, t.intensity[i]);
        }
        t.mean_mz = smz / sw;
        traces.push_back(std::move(t));
    }
    return traces;
}

}  // namespace sidepeak::signal
