#include "bruker_meta.hpp"

#include <cmath>

#include <fmt/format.h>

#include "bruker_dsp.hpp"
#include "sidepeak/core/error.hpp"

namespace sidepeak::io::detail {
namespace {

double checked_frequency(const ParamFile& params, const char* key, double value) {
    if (!(value > 0.0) || value > kMaxFrequencyMhz) {
        throw InputError(params.source(), fmt::format("{} = {} MHz is not a possible spectrometer frequency", key, value));
    }
    return value;
}

double checked_width(const ParamFile& params, const char* key, double value) {
    if (!(value > 0.0) || value > kMaxSweepWidthHz) {
        throw InputError(params.source(), fmt::format("{} = {} Hz is not a possible sweep width", key, value));
    }
    return value;
}

std::string text_or(const ParamFile& params, const char* key, std::string fallback = {}) {
    auto t = params.text(key);
    return t ? *t : std::move(fallback);
}

// Bruker writes "off" for an unused channel; a missing nucleus means a proton experiment.
std::string nucleus_of(const ParamFile& params, const char* key) {
    const auto nuc = params.text(key);
    if (!nuc || nuc->empty() || *nuc == "off") return "1H";
    return *nuc;
}

std::optional<double> procs_sf(const ParamFile* procs) {
    if (procs == nullptr) return std::nullopt;
    const auto sf = procs->number("SF");
    if (!sf) return std::nullopt;
    return checked_frequency(*procs, "SF", *sf);
}

}  // namespace

NmrMeta bruker_meta_from_acqus(const ParamFile& acqus, const ParamFile* procs) {
    NmrMeta meta;
    meta.format = DataFormat::bruker_fid;
    const auto bf1 = acqus.number("BF1");
    auto sfo1 = acqus.number("SFO1");
    if (!sfo1 && bf1) sfo1 = *bf1 + acqus.number("O1").value_or(0.0) * 1e-6;
    if (!sfo1) throw InputError(acqus.source(), "SFO1 (observe frequency) is missing");
    meta.observe_mhz = checked_frequency(acqus, "SFO1", *sfo1);
    const double base = bf1 ? checked_frequency(acqus, "BF1", *bf1) : meta.observe_mhz;
    meta.reference_mhz = procs_sf(procs).value_or(base);

    auto sw = acqus.number("SW_h");
    if (!sw) {
        if (const auto sw_ppm = acqus.number("SW")) sw = *sw_ppm * meta.observe_mhz;
    }
    if (!sw) throw InputError(acqus.source(), "SW_h (sweep width) is missing");
    meta.sweep_width_hz = checked_width(acqus, "SW_h", *sw);
    meta.carrier_ppm = (meta.observe_mhz - meta.reference_mhz) / meta.reference_mhz * 1e6;
    meta.group_delay_points = bruker_group_delay(acqus);

    meta.nucleus = nucleus_of(acqus, "NUC1");
    meta.solvent = text_or(acqus, "SOLVENT");
    meta.pulse_program = text_or(acqus, "PULPROG");
    meta.instrument = text_or(acqus, "INSTRUM");
    const auto ns = acqus.integer("NS").value_or(0);
    meta.scans = ns > 0 && ns < (1LL << 31) ? static_cast<int>(ns) : 0;
    const auto te = acqus.number("TE").value_or(0.0);
    meta.temperature_k = te > 0.0 && te < 1000.0 ? te : 0.0;
    for (const auto& [key, value] : acqus.entries()) meta.params.emplace(key, value);
    return meta;
}

NmrMeta bruker_meta_from_procs(const ParamFile& procs) {
    NmrMeta meta;
    meta.format = DataFormat::bruker_1r;
    const auto sf = procs_sf(&procs);
    if (!sf) throw InputError(procs.source(), "SF (spectrometer frequency) is missing");
    meta.reference_mhz = *sf;
    meta.observe_mhz = *sf;
    const auto sw_p = procs.number("SW_p");
    if (!sw_p) throw InputError(procs.source(), "SW_p (spectral width) is missing");
    meta.sweep_width_hz = checked_width(procs, "SW_p", *sw_p);
    // The centre of the processed axis stands in for the carrier when no acqus is present.
    if (const auto offset = procs.number("OFFSET")) {
        meta.carrier_ppm = *offset - meta.sweep_width_hz / meta.reference_mhz / 2.0;
    }
    meta.nucleus = nucleus_of(procs, "AXNUC");
    for (const auto& [key, value] : procs.entries()) meta.params.emplace(key, value);
    return meta;
}

}  // namespace sidepeak::io::detail
