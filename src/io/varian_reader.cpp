// read_varian: a VNMR folder (fid + procpar, either letter case) to NmrData.
#include <cctype>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "varian_fid.hpp"
#include "varian_procpar.hpp"
#include "sidepeak/core/error.hpp"
#include "sidepeak/core/file_io.hpp"
#include "sidepeak/io/nmr_readers.hpp"

namespace sidepeak::io {
namespace fs = std::filesystem;
using detail::Procpar;

namespace {

constexpr double kMaxSweepWidthHz = 1.0e7;
constexpr double kMaxFrequencyMhz = 1.0e4;

// VNMR writes nuclei as element then mass ("H1", "C13", "P31"); the project uses "1H".
std::string nucleus_of(const std::string& tn) {
    std::string letters;
    std::string digits;
    for (const char c : tn) {
        if (std::isalpha(static_cast<unsigned char>(c))) letters += c;
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
    if (letters.empty() || digits.empty()) return tn;
    return digits + letters;
}

std::string first_line(const fs::path& file) {
    if (file.empty()) return {};
    std::ifstream in(file);
    std::string line;
    for (int n = 0; n < 20 && std::getline(in, line); ++n) {
        while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
        const auto start = line.find_first_not_of(" \t");
        if (start != std::string::npos) return line.substr(start, 200);
    }
    return {};
}

double required(const Procpar& pp, const char* name, double max, const char* what) {
    const auto v = pp.number(name);
    if (!v) throw InputError(pp.source(), fmt::format("{} ({}) is missing", name, what));
    if (!(*v > 0.0) || *v > max) throw InputError(pp.source(), fmt::format("{} = {} is not a possible {}", name, *v, what));
    return *v;
}

NmrMeta varian_meta(const Procpar& pp) {
    NmrMeta meta;
    meta.format = DataFormat::varian;
    meta.observe_mhz = required(pp, "sfrq", kMaxFrequencyMhz, "spectrometer frequency (MHz)");
    meta.sweep_width_hz = required(pp, "sw", kMaxSweepWidthHz, "sweep width (Hz)");
    // reffrq is the frequency of 0 ppm. Without it, VNMR's referencing is rebuilt from rfl (the
    // reference line's distance in Hz from the low-frequency edge) and rfp (its assigned shift
    // in Hz): the spectrum centre (the carrier) lies sw/2 - rfl + rfp Hz above 0 ppm.
    const auto reffrq = pp.number("reffrq");
    if (reffrq && *reffrq > 0.0 && *reffrq <= kMaxFrequencyMhz) {
        meta.reference_mhz = *reffrq;
    } else if (const auto rfl = pp.number("rfl"), rfp = pp.number("rfp"); rfl && rfp) {
        meta.reference_mhz = meta.observe_mhz - (meta.sweep_width_hz / 2.0 - *rfl + *rfp) * 1e-6;
    } else {
        meta.reference_mhz = meta.observe_mhz;
    }
    meta.carrier_ppm = (meta.observe_mhz - meta.reference_mhz) / meta.reference_mhz * 1e6;
    meta.group_delay_points = 0.0;  // the VNMR console's DSP removes its filter delay itself
    if (const auto tn = pp.text("tn")) meta.nucleus = nucleus_of(*tn);
    meta.solvent = pp.text("solvent").value_or("");
    meta.pulse_program = pp.text("seqfil").value_or("");
    meta.instrument = pp.text("console").value_or("");
    const auto nt = pp.number("nt").value_or(0.0);
    meta.scans = nt > 0.0 && nt < 2.0e9 ? static_cast<int>(nt) : 0;
    // VNMR "temp" is in degrees Celsius.
    if (const auto temp = pp.number("temp"); temp && *temp > -273.15 && *temp < 1000.0) {
        meta.temperature_k = *temp + 273.15;
    }
    for (const auto& [name, param] : pp.params()) {
        std::string joined;
        for (const auto& v : param.values) {
            if (!joined.empty()) joined += ' ';
            joined += v;
        }
        meta.params.emplace(name, std::move(joined));
    }
    return meta;
}

}  // namespace

NmrData read_varian(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw InputError(path, "not found");
    // The fid or procpar file itself stands for its folder.
    const fs::path dir = fs::is_directory(path, ec) ? path : path.parent_path();
    const auto fid = find_case_insensitive(dir, "fid");
    const auto procpar = find_case_insensitive(dir, "procpar");
    if (fid.empty() || fs::is_directory(fid, ec)) throw InputError(path, "not a Varian/Agilent folder: no fid file");
    if (procpar.empty()) throw InputError(path, "not a Varian/Agilent folder: no procpar beside the fid");

    const auto pp = Procpar::load(procpar);
    NmrData data;
    data.meta = varian_meta(pp);
    data.meta.title = first_line(find_case_insensitive(dir, "text"));
    data.fids = detail::read_varian_fids(fid);
    return data;
}

}  // namespace sidepeak::io
