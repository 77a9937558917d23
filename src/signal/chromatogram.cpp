#include "sidepeak/signal/chromatogram.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sidepeak::signal {
namespace {

// Appends the valid points of one peak list to the map, sorted by m/z.
void append_scan(PeakMap& map, const std::vector<double>& mz, const std::vector<double>& intensity) {
    const std::size_t n = std::min(mz.size(), intensity.size());
    const std::size_t start = map.mz.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!(intensity[i] > 0.0) || !std::isfinite(intensity[i]) || !std::isfinite(mz[i]) || !(mz[i] > 0.0)) continue;
        map.mz.push_back(mz[i]);
        map.intensity.push_back(intensity[i]);
    }
    const auto b = static_cast<std::ptrdiff_t>(start);
    if (!std::is_sorted(map.mz.begin() + b, map.mz.end())) {
        const std::size_t k = map.mz.size() - start;
        std::vector<std::size_t> order(k);
        std::iota(order.begin(), order.end(), start);
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return map.mz[x] < map.mz[y]; });
        std::vector<double> m(k), in(k);
        for (std::size_t j = 0; j < k; ++j) {
            m[j] = map.mz[order[j]];
            in[j] = map.intensity[order[j]];
        }
        std::copy(m.begin(), m.end(), map.mz.begin() + b);
        std::copy(in.begin(), in.end(), map.intensity.begin() + b);
    }
    map.begin.push_back(map.mz.size());
}

}  // namespace

PeakMapBuilder::PeakMapBuilder(const CentroidOptions& centroiding) : centroiding_(centroiding) { map_.begin.push_back(0); }

void PeakMapBuilder::reserve(std::size_t peaks) {
    map_.mz.reserve(peaks);
    map_.intensity.reserve(peaks);
}

namespace {

// A declared profile spectrum is centroided only when its points look like a profile: some
// converters label peak lists as profile.
bool needs_centroiding(const MsSpectrum& s) {
    return s.mode == SpectrumMode::profile ? looks_like_profile(s.mz, s.intensity) : effective_mode(s) == SpectrumMode::profile;
}

}  // namespace

void PeakMapBuilder::prepare(MsSpectrum& s) const {
    if (s.ms_level != 1 || !needs_centroiding(s)) return;
    s.mode = SpectrumMode::profile;
    s = centroid_spectrum(s, centroiding_);
}

void PeakMapBuilder::add(const MsSpectrum& s, std::size_t index) {
    if (s.ms_level != 1) return;
    map_.rt_s.push_back(s.rt_s);
    map_.spectrum.push_back(index);
    if (needs_centroiding(s)) {
        MsSpectrum declared = s;
        declared.mode = SpectrumMode::profile;
        const MsSpectrum c = centroid_spectrum(declared, centroiding_);
        append_scan(map_, c.mz, c.intensity);
    } else {
        append_scan(map_, s.mz, s.intensity);
    }
}

PeakMap PeakMapBuilder::finish() {
    PeakMap out = std::move(map_);
    map_ = {};
    map_.begin.push_back(0);
    return out;
}

PeakMap build_peak_map(const MsRun& run, const CentroidOptions& centroiding) {
    PeakMapBuilder builder(centroiding);
    std::size_t total = 0;
    for (const auto& s : run.spectra) {
        if (s.ms_level == 1) total += std::min(s.mz.size(), s.intensity.size());
    }
    builder.reserve(total);
    for (std::size_t i = 0; i < run.spectra.size(); ++i) builder.add(run.spectra[i], i);
    return builder.finish();
}

namespace {

// One point per MS1 scan: `reduce` turns the scan's intensities into the chromatogram value.
template <typename Reduce>
Chromatogram per_scan(const PeakMap& map, const char* id, ChromatogramKind kind, Reduce reduce) {
    Chromatogram c;
    c.id = id;
    c.kind = kind;
    c.time_s = map.rt_s;
    c.intensity.resize(map.scans());
    for (std::size_t s = 0; s < map.scans(); ++s) c.intensity[s] = reduce(map.scan_intensity(s));
    return c;
}

}  // namespace

Chromatogram total_ion_chromatogram(const PeakMap& map) {
    return per_scan(map, "TIC", ChromatogramKind::tic,
                    [](std::span<const double> in) { return std::accumulate(in.begin(), in.end(), 0.0); });
}

Chromatogram base_peak_chromatogram(const PeakMap& map) {
    return per_scan(map, "BPC", ChromatogramKind::bpc, [](std::span<const double> in) {
        return in.empty() ? 0.0 : *std::max_element(in.begin(), in.end());
    });
}

Chromatogram extract_ion_chromatogram(const PeakMap& map, double mz, double ppm) {
    Chromatogram c;
    c.id = "XIC";
    c.kind = ChromatogramKind::xic;
    c.precursor_mz = mz;
    c.time_s = map.rt_s;
    c.intensity.assign(map.scans(), 0.0);
    const double w = ppm_window(mz, ppm);
    for (std::size_t s = 0; s < map.scans(); ++s) {
        const auto m = map.scan_mz(s);
        const auto in = map.scan_intensity(s);
        auto it = std::lower_bound(m.begin(), m.end(), mz - w);
        for (; it != m.end() && *it <= mz + w; ++it) {
            c.intensity[s] += in[static_cast<std::size_t>(it - m.begin())];
        }
    }
    return c;
}

}  // namespace sidepeak::signal
