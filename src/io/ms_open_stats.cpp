#include <algorithm>
#include <chrono>
#include <map>
#include <system_error>

#include "sidepeak/io/ms_readers.hpp"
#include "sidepeak/io/ms_stats.hpp"

namespace sidepeak::io {

MsStats ms_stats(const std::filesystem::path& path) { return ms_stats(path, detect_format(path)); }

MsStats ms_stats(const std::filesystem::path& path, Format format) {
    const auto t0 = std::chrono::steady_clock::now();
    MsStats st;
    auto source = open_ms(path, format);
    std::map<int, std::size_t> levels;
    bool any_peak = false;
    while (auto s = source->next()) {
        if (st.spectra == 0) {
            st.rt_min_s = st.rt_max_s = s->rt_s;
        } else {
            st.rt_min_s = std::min(st.rt_min_s, s->rt_s);
            st.rt_max_s = std::max(st.rt_max_s, s->rt_s);
        }
        ++st.spectra;
        ++levels[s->ms_level];
        switch (s->mode) {
            case SpectrumMode::centroid: ++st.centroid_spectra; break;
            case SpectrumMode::profile: ++st.profile_spectra; break;
            case SpectrumMode::unknown: ++st.unknown_mode_spectra; break;
        }
        const std::size_t n = s->mz.size();
        st.peaks += n;
        if (n == 0) continue;
        double mz_lo = s->mz[0], mz_hi = s->mz[0], in_lo = s->intensity[0], in_hi = s->intensity[0], sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double m = s->mz[i];
            const double v = s->intensity[i];
            mz_lo = std::min(mz_lo, m);
            mz_hi = std::max(mz_hi, m);
            in_lo = std::min(in_lo, v);
            in_hi = std::max(in_hi, v);
            sum += v;
        }
        if (!any_peak) {
            st.mz_min = mz_lo, st.mz_max = mz_hi, st.intensity_min = in_lo, st.intensity_max = in_hi;
            any_peak = true;
        } else {
            st.mz_min = std::min(st.mz_min, mz_lo);
            st.mz_max = std::max(st.mz_max, mz_hi);
            st.intensity_min = std::min(st.intensity_min, in_lo);
            st.intensity_max = std::max(st.intensity_max, in_hi);
        }
        st.intensity_sum += sum;
    }
    for (const auto& [level, count] : levels) st.ms_levels.push_back({level, count});
    st.info = source->info();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    st.file_bytes = ec ? 0 : size;
    st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return st;
}

}  // namespace sidepeak::io
