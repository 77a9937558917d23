#include "sidepeak/pipeline/info.hpp"

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_stats.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {

namespace {

report::NmrInputInfo describe_nmr(const std::filesystem::path& path, io::Format format) {
    NmrData data = io::read_nmr(path, format);
    report::NmrInputInfo out;
    out.path = path;
    out.meta = std::move(data.meta);
    out.fids = data.fids.size();
    out.fid_points = data.fids.empty() ? 0 : data.fids.front().size();
    if (data.processed) {
        const NmrSpectrum& p = *data.processed;
        out.processed = report::ProcessedSpectrumInfo{p.size(), p.ppm_first, p.ppm_last, p.spectrometer_mhz,
                                                      !p.imag.empty()};
    }
    return out;
}

report::LcmsInputInfo describe_lcms(const std::filesystem::path& path, io::Format format) {
    io::MsStats s = io::ms_stats(path, format);
    report::LcmsInputInfo out;
    out.path = path;
    out.run = std::move(s.info);
    out.spectra = s.spectra;
    for (const auto& level : s.ms_levels) out.ms_levels.push_back({level.ms_level, level.spectra});
    out.rt_min_s = s.rt_min_s;
    out.rt_max_s = s.rt_max_s;
    out.mz_min = s.mz_min;
    out.mz_max = s.mz_max;
    out.intensity_min = s.intensity_min;
    out.intensity_max = s.intensity_max;
    out.intensity_sum = s.intensity_sum;
    out.peaks = s.peaks;
    out.centroided = s.centroided();
    out.profile_spectra = s.profile_spectra;
    out.centroid_spectra = s.centroid_spectra;
    out.file_bytes = s.file_bytes;
    out.decode_seconds = s.seconds;
    return out;
}

}  // namespace

report::InputInfo describe_input(const std::filesystem::path& path) {
    const io::Format format = io::detect_format(path);  // once; the reader is given it
    switch (io::format_kind(format)) {
        case io::DataKind::nmr: return describe_nmr(path, format);
        case io::DataKind::lcms: return describe_lcms(path, format);
        case io::DataKind::unknown: break;
    }
    throw InputError(path, unrecognised_reason(path));
}

}  // namespace sidepeak::pipeline
