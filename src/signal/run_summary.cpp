#include "sidepeak/signal/run_summary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sidepeak/signal/ms_noise.hpp"
#include "sidepeak/signal/robust_stats.hpp"

namespace sidepeak::signal {
namespace {

// Relative m/z agreement of a recurring peak, and the relative intensity difference that counts as
// "the same" (float32 rounding of a constant value).
constexpr double kSameMz = 1e-7;
constexpr double kSameIntensity = 1e-6;
// Recurring peaks needed to tell "most are constant" from chance; fewer say nothing about the file.
constexpr std::size_t kMinRepeats = 100;

Chromatogram chromatogram(const char* id, ChromatogramKind kind, const std::vector<double>& time, const std::vector<double>& values) {
    Chromatogram c;
    c.id = id;
    c.kind = kind;
    c.time_s = time;
    c.intensity = values;
    return c;
}

}  // namespace

void RunSummary::add_scan(double rt_s, std::span<const double> mz, std::span<const double> intensity) {
    rt_s_.push_back(rt_s);
    tic_.push_back(std::accumulate(intensity.begin(), intensity.end(), 0.0));
    bpc_.push_back(intensity.empty() ? 0.0 : *std::max_element(intensity.begin(), intensity.end()));
    const double level = spectrum_noise(intensity);
    if (level > 0.0) levels_.push_back(level);
    if (rt_s_.size() > 1) {
        // Peaks of the previous scan found again in this one (same m/z within kSameMz).
        const auto& ma = prev_mz_;
        const auto& ia = prev_intensity_;
        std::size_t j = 0;
        for (std::size_t i = 0; i < ma.size(); ++i) {
            while (j < mz.size() && mz[j] < ma[i] * (1.0 - kSameMz)) ++j;
            if (j == mz.size()) break;
            if (mz[j] > ma[i] * (1.0 + kSameMz)) continue;
            ++repeated_;
            if (std::abs(intensity[j] - ia[i]) <= kSameIntensity * std::max(ia[i], intensity[j])) ++constant_;
        }
    }
    prev_mz_.assign(mz.begin(), mz.end());
    prev_intensity_.assign(intensity.begin(), intensity.end());
}

Chromatogram RunSummary::tic() const { return chromatogram("TIC", ChromatogramKind::tic, rt_s_, tic_); }
Chromatogram RunSummary::bpc() const { return chromatogram("BPC", ChromatogramKind::bpc, rt_s_, bpc_); }

// Whether the recorded peak levels can be noise. Peaks that recur at the same m/z in the next scan
// fluctuate in a real acquisition (counting statistics alone give a few per cent); when most of
// them repeat with exactly the same intensity (float32 rounding), the file records no noise at all
// (a simulated or test run, e.g. OpenMS's OpenSwathWorkflow_17_input: 50 identical MS1 scans of
// 100 constant ions). Its median peak is then a constant signal, not the noise level, and using it
// as the noise would hide every ion weaker than ten times that signal.
double RunSummary::noise() const {
    const bool records_noise = repeated_ < kMinRepeats || 2 * constant_ <= repeated_;
    if (!records_noise) return 0.0;
    return median_positive(levels_);
}

double RunSummary::median_scan_interval() const {
    std::vector<double> d;
    for (std::size_t s = 1; s < rt_s_.size(); ++s) {
        if (rt_s_[s] > rt_s_[s - 1]) d.push_back(rt_s_[s] - rt_s_[s - 1]);
    }
    return d.empty() ? 0.0 : median(d);
}

RunSummary summarize(const PeakMap& map) {
    RunSummary summary;
    for (std::size_t s = 0; s < map.scans(); ++s) summary.add_scan(map.rt_s[s], map.scan_mz(s), map.scan_intensity(s));
    return summary;
}

}  // namespace sidepeak::signal
