#pragma once
/// `sidepeak info`: what one input holds, as typed values (filled by the pipeline from the
/// readers) and written here as JSON (`info --json`) or as "key: value" lines, with the field
/// names of the design contract (path, format, kind, nucleus, spectrometer_mhz, points, solvent,
/// spectra, ms_levels, rt_range_s, mz_range, centroided).
///
/// `spectrometer_mhz` has one meaning in every output (info, `process`, results.h5): the
/// spectrometer (reference) frequency of the ppm axis in MHz, Bruker SF, the frequency of 0 ppm
/// (NmrMeta::reference_mhz, the observe frequency where a format gives no other). The
/// transmitter frequency (Bruker SFO1) is `observe_mhz`.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sidepeak/core/ms_data.hpp"
#include "sidepeak/core/nmr_data.hpp"

namespace sidepeak::report {

/// The vendor-processed spectrum of an NMR input, when the file holds one.
struct ProcessedSpectrumInfo {
    std::size_t points = 0;
    double ppm_first = 0.0;
    double ppm_last = 0.0;
    double spectrometer_mhz = 0.0;  ///< MHz per ppm of its axis (Bruker procs SF)
    bool complex = false;           ///< the imaginary part is there too
};

struct NmrInputInfo {
    std::filesystem::path path;
    NmrMeta meta;
    std::size_t fid_points = 0;  ///< points of the first FID
    std::size_t fids = 0;
    std::optional<ProcessedSpectrumInfo> processed;
};

struct MsLevelSpectra {
    int ms_level = 0;
    std::size_t spectra = 0;
};

/// An LC-MS run after every spectrum was decoded (the totals double as a decode benchmark).
struct LcmsInputInfo {
    std::filesystem::path path;
    MsRunInfo run;
    std::size_t spectra = 0;
    std::vector<MsLevelSpectra> ms_levels;  ///< ascending by level
    double rt_min_s = 0, rt_max_s = 0;
    double mz_min = 0, mz_max = 0;
    double intensity_min = 0, intensity_max = 0;
    double intensity_sum = 0;
    std::uint64_t peaks = 0;
    bool centroided = false;
    std::size_t profile_spectra = 0;
    std::size_t centroid_spectra = 0;
    std::uint64_t file_bytes = 0;
    double decode_seconds = 0;
};

using InputInfo = std::variant<NmrInputInfo, LcmsInputInfo>;

/// The spectrometer frequency reported for an NMR input: the reference frequency (SF), else the
/// processed spectrum's axis frequency, else the observe frequency; 0 when none is known.
double spectrometer_mhz(const NmrInputInfo& info) noexcept;

/// `info --json`: the JSON text (`indent` < 0: one line; bytes that are not UTF-8 as U+FFFD).
std::string info_json_text(const InputInfo& info, int indent = 2);

/// `info` without --json: one "key: value" line per field in key order; text values as they are
/// (empty ones left out), other values as JSON.
std::string info_lines(const InputInfo& info);

}  // namespace sidepeak::report
