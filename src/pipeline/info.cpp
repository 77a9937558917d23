#include "sidepeak/pipeline/info.hpp"

#include "sidepeak/core/error.hpp"
#include "sidepeak/io/format.hpp"
#include "sidepeak/io/ms_stats.hpp"
#include "sidepeak/io/nmr_readers.hpp"
#include "sidepeak/pipeline/analyze.hpp"

namespace sidepeak::pipeline {
using nlohmann::json;

namespace {

json describe_nmr(const std::filesystem::path& path) {
    const NmrData data = io::read_nmr(path);
    const auto& m = data.meta;
    json j = {{"path", path.string()},
              {"format", m.format},
              {"kind", "nmr"},
              {"nucleus", m.nucleus},
              {"spectrometer_mhz", m.observe_mhz > 0 ? m.observe_mhz
                                                     : (data.processed ? data.processed->spectrometer_mhz : 0.0)},
              {"reference_mhz", m.reference_mhz},
              {"sweep_width_hz", m.sweep_width_hz},
              {"carrier_ppm", m.carrier_ppm},
              {"group_delay_points", m.group_delay_points},
              {"points", data.fids.empty() ? (data.processed ? data.processed->size() : 0) : data.fids.front().size()},
              {"fids", data.fids.size()},
              {"solvent", m.solvent},
              {"pulse_program", m.pulse_program},
              {"instrument", m.instrument},
              {"title", m.title},
              {"scans", m.scans},
              {"temperature_k", m.temperature_k},
              {"has_processed", data.processed.has_value()}};
    if (data.processed) {
        j["processed"] = {{"points", data.processed->size()},
                          {"ppm_range", {data.processed->ppm_first, data.processed->ppm_last}},
                          {"complex", !data.processed->imag.empty()}};
    }
    return j;
}

json describe_lcms(const std::filesystem::path& path) {
    const io::MsStats s = io::ms_stats(path);
    json levels = json::array();
    json per_level = json::object();
    for (const auto& level : s.ms_levels) {
        levels.push_back(level.ms_level);
        per_level[std::to_string(level.ms_level)] = level.spectra;
    }
    return {{"path", path.string()},
            {"format", s.info.format},
            {"kind", "lcms"},
            {"instrument", s.info.instrument},
            {"compression", s.info.compression},
            {"spectra", s.spectra},
            {"ms_levels", levels},
            {"spectra_per_level", per_level},
            {"rt_range_s", {s.rt_min_s, s.rt_max_s}},
            {"mz_range", {s.mz_min, s.mz_max}},
            {"intensity_range", {s.intensity_min, s.intensity_max}},
            {"peaks", s.peaks},
            {"intensity_sum", s.intensity_sum},
            {"centroided", s.centroided()},
            {"profile_spectra", s.profile_spectra},
            {"centroid_spectra", s.centroid_spectra},
            {"file_bytes", s.file_bytes},
            {"decode_seconds", s.seconds},
            {"decode_mb_per_s", s.seconds > 0 ? static_cast<double>(s.file_bytes) / 1e6 / s.seconds : 0.0}};
}

}  // namespace

json describe_input(const std::filesystem::path& path) {
    const io::Format format = io::detect_format(path);
    switch (io::format_kind(format)) {
        case io::DataKind::nmr: return describe_nmr(path);
        case io::DataKind::lcms: return describe_lcms(path);
        case io::DataKind::unknown: break;
    }
    throw InputError(path, unrecognised_reason(path));
}

}  // namespace sidepeak::pipeline
