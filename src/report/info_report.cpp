#include "sidepeak/report/info_report.hpp"

#include <nlohmann/json.hpp>

#include "report_json_tree.hpp"
#include "sidepeak/report/json_report.hpp"

namespace sidepeak::report {
using nlohmann::json;

namespace {

json nmr_json(const NmrInputInfo& in) {
    const auto& m = in.meta;
    json j = {{"path", in.path.string()},
              {"format", std::string(format_name(m.format))},
              {"kind", std::string(data_kind_name(DataKind::nmr))},
              {"nucleus", m.nucleus},
              {"spectrometer_mhz", spectrometer_mhz(in)},
              {"observe_mhz", m.observe_mhz},
              {"reference_mhz", m.reference_mhz},
              {"sweep_width_hz", m.sweep_width_hz},
              {"carrier_ppm", m.carrier_ppm},
              {"group_delay_points", m.group_delay_points},
              {"points", in.fids == 0 ? (in.processed ? in.processed->points : 0) : in.fid_points},
              {"fids", in.fids},
              {"solvent", m.solvent},
              {"pulse_program", m.pulse_program},
              {"instrument", m.instrument},
              {"title", m.title},
              {"scans", m.scans},
              {"temperature_k", m.temperature_k},
              {"has_processed", in.processed.has_value()}};
    if (in.processed) {
        j["processed"] = {{"points", in.processed->points},
                          {"ppm_range", {in.processed->ppm_first, in.processed->ppm_last}},
                          {"complex", in.processed->complex}};
    }
    return j;
}

json lcms_json(const LcmsInputInfo& s) {
    json levels = json::array();
    json per_level = json::object();
    for (const auto& level : s.ms_levels) {
        levels.push_back(level.ms_level);
        per_level[std::to_string(level.ms_level)] = level.spectra;
    }
    return {{"path", s.path.string()},
            {"format", std::string(format_name(s.run.format))},
            {"kind", std::string(data_kind_name(DataKind::lcms))},
            {"instrument", s.run.instrument},
            {"compression", s.run.compression},
            {"spectra", s.spectra},
            {"ms_levels", levels},
            {"spectra_per_level", per_level},
            {"rt_range_s", {s.rt_min_s, s.rt_max_s}},
            {"mz_range", {s.mz_min, s.mz_max}},
            {"intensity_range", {s.intensity_min, s.intensity_max}},
            {"peaks", s.peaks},
            {"intensity_sum", s.intensity_sum},
            {"centroided", s.centroided},
            {"profile_spectra", s.profile_spectra},
            {"centroid_spectra", s.centroid_spectra},
            {"file_bytes", s.file_bytes},
            {"decode_seconds", s.decode_seconds},
            {"decode_mb_per_s",
             s.decode_seconds > 0 ? static_cast<double>(s.file_bytes) / 1e6 / s.decode_seconds : 0.0}};
}

json info_json(const InputInfo& info) {
    return std::visit(
        [](const auto& in) {
            if constexpr (std::is_same_v<std::decay_t<decltype(in)>, NmrInputInfo>) {
                return nmr_json(in);
            } else {
                return lcms_json(in);
            }
        },
        info);
}

}  // namespace

double spectrometer_mhz(const NmrInputInfo& info) noexcept {
    if (info.meta.reference_mhz > 0) return info.meta.reference_mhz;
    if (info.processed && info.processed->spectrometer_mhz > 0) return info.processed->spectrometer_mhz;
    return info.meta.observe_mhz;
}

std::string info_json_text(const InputInfo& info, int indent) { return detail::json_text(info_json(info), indent); }

std::string info_lines(const InputInfo& info) {
    std::string out;
    const json j = info_json(info);
    for (const auto& [key, value] : j.items()) {
        if (value.is_string()) {
            if (!value.get<std::string>().empty()) out += key + ": " + value.get<std::string>() + "\n";
        } else {
            out += key + ": " + detail::json_text(value, -1) + "\n";
        }
    }
    return out;
}

}  // namespace sidepeak::report
